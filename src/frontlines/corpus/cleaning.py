"""An article's bytes to clean lines: decoding, spaces and line breaks, site boilerplate, hard-wrapped text."""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Callable
from importlib import resources
from itertools import pairwise
from pathlib import Path
from re import _parser as re_parser  # type: ignore[attr-defined]  # typeshed has only its deprecated alias

from frontlines.errors import CorpusError, FrontlinesWarning

_LEGACY_ENCODINGS = ("cp1252", "latin-1")
_MAX_NON_TEXT = 0.05  # share of non-printable characters above which a file is binary
#: Control characters (but tab and line breaks) and replacement characters: what binary data decodes to.
_NON_TEXT_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _load_boilerplate() -> tuple[re.Pattern[str], int, re.Pattern[str]]:
    """From ``data/boilerplate.txt``, to be matched against a whole line: one pattern of all its lines,
    the longest line any rule of a bounded length matches, and one pattern of the other rules (all that
    a longer line needs to be tried against: most lines of an article are)."""
    source = resources.files("frontlines").joinpath("data/boilerplate.txt").read_text(encoding="utf-8")
    rules = [line.strip() for line in source.splitlines()]
    rules = [rule for rule in rules if rule and not rule.startswith("#")]
    widths = [re_parser.parse(rule, re.IGNORECASE).getwidth()[1] for rule in rules]
    bounded = max((width for width in widths if width < re_parser.MAXREPEAT), default=0)
    unbounded = [rule for rule, width in zip(rules, widths, strict=True) if width >= re_parser.MAXREPEAT]

    def compiled(chosen: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{rule})" for rule in chosen) or "(?!)", re.IGNORECASE)

    return compiled(rules), bounded, compiled(unbounded)


_BOILERPLATE_RE, _BOUNDED_WIDTH, _UNBOUNDED_BOILERPLATE_RE = _load_boilerplate()
_NEWLINE_RE = re.compile(r"\r\n?|[\u2028\u2029\x85\f\v]")
_SPACE_RE = re.compile(r"[ \t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\u00ad]")
#: A text that the three patterns above leave as it is (with no two spaces in a row): none of the
#: characters they replace or remove (tab, line breaks but ``\n``, other spaces, invisible characters).
_PLAIN_RE = re.compile(
    r"[^\x00-\x09\x0b-\x1f\x7f\x85\xa0\xad\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]*"
)
#: Hard-wrapped text (see ``unwrap_lines``): at least this many lines, this wide (not a menu), at most
#: this wide (not paragraphs), and at least this share of the lines followed by another full.
_WRAP_MIN_LINES = 6
_WRAP_WIDTHS = range(40, 121)
_WRAP_MIN_SHARE = 0.5
_SENTENCE_END_RE = re.compile(r"[.!?…:\"”’)]$")


def decode_article(data: bytes, path: Path | str) -> str:
    """Decode UTF-8 (BOM optional) or UTF-16 with BOM; else cp1252/latin-1 with a FrontlinesWarning.

    Raises :class:`CorpusError` "not a text file" for binary data.
    """
    legacy = ""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise CorpusError("not a text file (broken UTF-16)", path) from None
    elif b"\x00" in data:
        raise CorpusError("not a text file (contains NUL bytes)", path)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            for legacy in _LEGACY_ENCODINGS:
                try:
                    text = data.decode(legacy)
                    break
                except UnicodeDecodeError:
                    continue
    non_text = len(_NON_TEXT_RE.findall(text))
    if text and non_text / len(text) > _MAX_NON_TEXT:
        raise CorpusError("not a text file", path)
    if legacy:
        warnings.warn(f"{path}: not UTF-8, decoded as {legacy}", FrontlinesWarning, stacklevel=2)
    return text


def normalise_spaces(text: str) -> str:
    """``text`` with every line break as ``\\n``, every run of spaces as one space, without invisible characters."""
    if "  " not in text and _PLAIN_RE.fullmatch(text):
        return text
    return _SPACE_RE.sub(" ", _INVISIBLE_RE.sub("", _NEWLINE_RE.sub("\n", text)))


def is_boilerplate(line: str) -> bool:
    """True when a (stripped) line is site furniture per ``data/boilerplate.txt``."""
    line = line.strip()
    pattern = _BOILERPLATE_RE if len(line) <= _BOUNDED_WIDTH else _UNBOUNDED_BOILERPLATE_RE
    return pattern.fullmatch(line) is not None


def clean_lines(lines: list[str]) -> list[str]:
    """Drop boilerplate lines, keeping single blank lines between paragraphs."""
    return tidy_blank_lines(["" if not line or is_boilerplate(line) else line for line in lines])


def unwrap_lines(lines: list[str]) -> list[str]:
    """The lines of hard-wrapped text (a wire copy broken every 60-80 characters, inside sentences)
    joined into paragraphs; any other text unchanged.

    A line is *full* when the first word of the next line would not have fitted on it within the text's
    width (the 90th percentile of its line lengths). A text of at least ``_WRAP_MIN_LINES`` lines, of a
    width in ``_WRAP_WIDTHS``, whose lines followed by another are mostly full, is hard-wrapped. In
    it a line goes on into the next one when the next opens in lower case, or when it is at least half
    the width and does not end a sentence; so a short title or caption before a capital, a paragraph's
    last sentence and a blank line still end a paragraph. Other text is joined only where a sentence
    plainly goes on (``_sentence_goes_on``).
    """
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < _WRAP_MIN_LINES:
        return _joined(lines, _sentence_goes_on)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    followed = [(line, following) for line, following in pairwise(lines) if line and following]
    full = sum(1 for line, following in followed if len(line) + 1 + len(following.split(" ", 1)[0]) > width)
    if width not in _WRAP_WIDTHS or not followed or full < _WRAP_MIN_SHARE * len(followed):
        return _joined(lines, _sentence_goes_on)
    return _joined(
        lines,
        lambda line, following: (
            following[0].islower() or (2 * len(line) >= width and not _SENTENCE_END_RE.search(line))
        ),
    )


def _sentence_goes_on(line: str, following: str) -> bool:
    """True where a sentence of text that is not hard-wrapped plainly goes on into the next line: after
    a comma, or before a line that opens in lower case when the line ends no sentence ("the villages
    of A,\nB and C", "A, B\nand C")."""
    return line.endswith(",") or (following[0].islower() and not _SENTENCE_END_RE.search(line))


def _joined(lines: list[str], goes_on: Callable[[str, str], bool]) -> list[str]:
    """``lines`` with each one that ``goes_on(line, following)`` joined to the next (both not blank)."""
    joined: list[str] = []
    going = False
    for line, following in zip(lines, [*lines[1:], ""]):
        if going:
            joined[-1] += " " + line
        else:
            joined.append(line)
        going = bool(line and following) and goes_on(line, following)
    return joined


def tidy_blank_lines(lines: list[str]) -> list[str]:
    """Collapse runs of blank lines to one and drop leading and trailing blank lines."""
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    while tidy and not tidy[-1]:
        tidy.pop()
    return tidy
