"""Articles in: read a folder of ``.txt`` news scrapes (and an optional ``manifest.csv``) into Articles.

Each article is decoded (UTF-8, else cp1252/latin-1 with a warning), cleaned of site boilerplate
(rules in ``data/boilerplate.txt``), given a headline and a publication date, and split into
sentences whose offsets point into the cleaned text. A bad file or manifest row becomes a
:class:`CorpusError` naming file and line; the other articles still load.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from itertools import islice, pairwise
from pathlib import Path
from re import _parser as re_parser  # type: ignore[attr-defined]  # typeshed has only its deprecated alias

from frontlines.dates import (
    MAX_YEAR,
    MIN_YEAR,
    find_publication_date,
    parse_iso,
    plausible,
    split_wire_dateline,
)
from frontlines.errors import CorpusError, DateError, FrontlinesWarning
from frontlines.models import Article, Sentence
from frontlines.schema import MAX_ARTICLE_BYTES

MANIFEST_NAME = "manifest.csv"
MANIFEST_COLUMNS = ("file", "outlet", "headline", "published", "url")
HEADER_LINES = 8  # non-blank lines searched for a dateline
_LEGACY_ENCODINGS = ("cp1252", "latin-1")
_MAX_NON_TEXT = 0.05  # share of non-printable characters above which a file is binary
#: Control characters (but tab and line breaks) and replacement characters: what binary data decodes to.
_NON_TEXT_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
_MIN_HEADLINE_WORDS = 3


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
_LETTER_RE = re.compile(r"[^\W\d_]")
_BYLINE_RE = re.compile(r"(?i)by\s")

# A sentence ends at . ! ? (with closing quotes/brackets) before a space and a capital, digit or quote,
# or glued to the next sentence: "...to Idleb.The army".
_CAPITAL = r"A-Z\u00c0-\u00de\u0100-\u017f\u0600-\u06ff"
# The pattern opens with the stop as one character class, common to both branches (the glued one checks
# the two letters before it behind it), so that the regex engine skips ahead to the stops instead of
# trying both branches at every position.
_BOUNDARY_RE = re.compile(
    rf"[.!?…](?:[.!?…]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[{_CAPITAL}0-9])"
    rf"|(?<=[a-z][a-z][.!?])[\"”’]?(?=[\"“]?[A-Z][a-z]))"
)
#: Hard-wrapped text (see ``unwrap_lines``): at least this many lines, this wide (not a menu), at most
#: this wide (not paragraphs), and at least this share of the lines followed by another full.
_WRAP_MIN_LINES = 6
_WRAP_WIDTHS = range(40, 121)
_WRAP_MIN_SHARE = 0.5
_SENTENCE_END_RE = re.compile(r"[.!?…:\"”’)]$")
#: What the word before a full stop is made of: ASCII letters and dots ("Gen", "U.S", "a.m").
_TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."
_INITIALISM_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")
# Case matters: "No." is an abbreviation, "no." ends a sentence.
ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Cpt Sgt Cpl Pvt Brig Adm Cmdr Gov Sen Rep Pres Rev Sr Jr "
    "St Mt Ft No Nos Vol Fig Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec vs approx "
    "e.g i.e a.m p.m".split()
)


@dataclass(frozen=True, slots=True)
class Corpus:
    """The articles that loaded and the problems met on the way, in file order."""

    articles: tuple[Article, ...]
    problems: tuple[CorpusError, ...] = ()


@dataclass(frozen=True, slots=True)
class _ManifestEntry:
    outlet: str
    headline: str
    published: date | None
    url: str
    line: int


def load_corpus(path: Path) -> Corpus:
    """Load a directory of ``.txt`` articles (with an optional ``manifest.csv``) or one ``.txt`` file.

    Raises :class:`CorpusError` only when ``path`` does not exist; everything else that goes wrong
    is collected in ``Corpus.problems``.
    """
    articles: list[Article] = []
    problems: list[CorpusError] = []
    for item in iter_articles(path):
        if isinstance(item, CorpusError):
            problems.append(item)
        else:
            articles.append(item)
    return Corpus(tuple(articles), tuple(problems))


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """One article file and its manifest metadata: what a worker needs to read it on its own."""

    path: Path
    outlet: str = ""
    headline: str = ""
    published: date | None = None
    url: str = ""
    max_bytes: int = MAX_ARTICLE_BYTES

    def read(self) -> Article | CorpusError:
        """The article, or the CorpusError that reading it raised."""
        try:
            return read_article(
                self.path, self.outlet, self.headline, self.published, self.url, self.max_bytes
            )
        except CorpusError as exc:
            return exc


def plan_corpus(
    path: Path, max_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[ArticleSource], list[CorpusError]]:
    """The article files under ``path`` (sorted by name) with their metadata, and manifest problems.

    An article larger than ``max_bytes`` is reported and skipped when it is read.

    Raises :class:`CorpusError` only when ``path`` does not exist.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".txt" and p.is_file())
        manifest = path / MANIFEST_NAME
    elif path.is_file():
        files = [path]
        manifest = path.with_name(MANIFEST_NAME)
    else:
        raise CorpusError("no such file or directory", path)
    entries: dict[str, _ManifestEntry] = {}
    problems: list[CorpusError] = []
    if manifest.is_file():
        entries, manifest_problems = _read_manifest(manifest)
        problems.extend(manifest_problems)
        if path.is_dir():
            names = {p.name for p in files}
            problems.extend(
                CorpusError(f"names {name!r}, which is not an article file here", manifest, entry.line)
                for name, entry in entries.items()
                if name not in names
            )
    if not files:
        problems.append(CorpusError("no .txt articles found", path))
    sources = []
    for file in files:
        entry = entries.get(file.name)
        if entry is None:
            sources.append(ArticleSource(file, max_bytes=max_bytes))
        else:
            sources.append(
                ArticleSource(file, entry.outlet, entry.headline, entry.published, entry.url, max_bytes)
            )
    return sources, problems


def iter_articles(path: Path, max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Article | CorpusError]:
    """Stream the articles under ``path`` one at a time, each an Article or the CorpusError it raised.

    Manifest problems come first, then the ``.txt`` files sorted by name (article id = file stem).
    """
    sources, problems = plan_corpus(path, max_bytes)
    yield from problems
    for source in sources:
        yield source.read()


def read_article(
    path: Path,
    outlet: str = "",
    headline: str = "",
    published: date | None = None,
    url: str = "",
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Article:
    """Read, decode and clean one article; raises :class:`CorpusError` if it cannot be used.

    The metadata arguments come from the manifest; an empty ``headline`` or ``published`` is taken
    from the text.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CorpusError(f"{size:,} bytes, above the limit of {max_bytes:,} (--max-article-bytes)", path)
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read: {exc.strerror or exc}", path) from None
    lines = [line.strip() for line in normalise_spaces(decode_article(data, path)).split("\n")]
    if not any(lines):
        raise CorpusError("empty article", path)
    # A wire dateline ("BEIRUT, Feb. 27, 2020 (AFP) — ...") is a line of its own, not part of the first sentence.
    kept = [
        part for line in unwrap_lines(clean_lines(lines)) for part in split_wire_dateline(line) or (line,)
    ]
    if not any(kept):
        raise CorpusError("empty article (only boilerplate)", path)

    published_source = "manifest" if published is not None else ""
    if published is None:
        candidates = (
            (number, line) for number, line in enumerate(lines, start=1)
            if line and (not _LETTER_RE.search(line) or not is_boilerplate(line))
        )  # fmt: skip
        header = list(islice(candidates, HEADER_LINES))
        found = find_publication_date([line for _, line in header])
        if found is not None:
            published, published_source = found[0], "text"
            problem = _publication_problem(published)
            if problem:
                raise CorpusError(problem, path, header[found[1]][0])
            if published > date.today():
                warnings.warn(f"{path}:{header[found[1]][0]}: published {published} is after today",
                              FrontlinesWarning, stacklevel=2)  # fmt: skip

    position = _headline_index(kept, headline)
    if position is not None:
        headline = headline or kept[position]
        kept.insert(0, kept.pop(position))
    text = "\n".join(_tidy_blank_lines(kept))
    return Article(
        id=path.stem,
        path=str(path),
        text=text,
        headline=headline,
        outlet=outlet,
        url=url,
        published=published,
        published_source=published_source,
        sentences=split_sentences(text),
    )


def _publication_problem(published: date) -> str | None:
    """Why a publication date cannot be right (a year outside 1900..next year), or None."""
    if plausible(published):
        return None
    return f"publication date {published.isoformat()} is outside the years {MIN_YEAR}..{MAX_YEAR}"


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
    return _tidy_blank_lines(["" if not line or is_boilerplate(line) else line for line in lines])


def unwrap_lines(lines: list[str]) -> list[str]:
    """The lines of hard-wrapped text (a wire copy broken every 60-80 characters, inside sentences)
    joined into paragraphs; any other text unchanged.

    A line is *full* when the first word of the next line would not have fitted on it within the text's
    width (the 90th percentile of its line lengths). A text of at least ``_WRAP_MIN_LINES`` lines, of a
    width in ``_WRAP_WIDTHS``, whose lines followed by another are mostly full, is hard-wrapped. In
    it a line goes on into the next one when the next opens in lower case, or when it is at least half
    the width and does not end a sentence; so a short title or caption before a capital, a paragraph's
    last sentence and a blank line still end a paragraph.
    """
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < _WRAP_MIN_LINES:
        return lines
    width = lengths[int(0.9 * (len(lengths) - 1))]
    followed = [(line, following) for line, following in pairwise(lines) if line and following]
    full = sum(1 for line, following in followed if len(line) + 1 + len(following.split(" ", 1)[0]) > width)
    if width not in _WRAP_WIDTHS or not followed or full < _WRAP_MIN_SHARE * len(followed):
        return lines
    joined: list[str] = []
    goes_on = False
    for line, following in zip(lines, [*lines[1:], ""]):
        if goes_on:
            joined[-1] += " " + line
        else:
            joined.append(line)
        goes_on = bool(line and following) and (
            following[0].islower() or (2 * len(line) >= width and not _SENTENCE_END_RE.search(line))
        )
    return joined


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split text into sentences: at . ! ? before a capital, digit or quote, and at every line break.

    Abbreviations ("Gen.", "U.S.", "Feb.", "a.m.", initials), decimals ("3.5") do not end a sentence;
    a sentence glued to the next ("Idleb.The army") does. ``text[s.start:s.end] == s.text``.
    """
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        cuts = [m.end() for m in _BOUNDARY_RE.finditer(line) if not _after_abbreviation(line, m)]
        begin = 0
        for cut in [*cuts, len(line)]:
            piece = line[begin:cut]
            stripped = piece.strip()
            if stripped:
                start = offset + begin + (len(piece) - len(piece.lstrip()))
                sentences.append(Sentence(len(sentences), start, start + len(stripped), stripped))
            begin = cut
        offset += len(line) + 1
    return tuple(sentences)


def _after_abbreviation(line: str, match: re.Match[str]) -> bool:
    """True when the full stop of ``match`` closes an abbreviation or an initial."""
    if not match.group().startswith(".") or match.group().startswith(".."):
        return False
    start = match.start()
    before = line[max(0, start - 32) : start]
    # the run of letters and dots before the stop, from its first letter ("Gen", "U.S")
    word = before[len(before.rstrip(_TOKEN_CHARS)) :].lstrip(".")
    return bool(word) and (word in ABBREVIATIONS or _INITIALISM_RE.fullmatch(word) is not None)


def _tidy_blank_lines(lines: list[str]) -> list[str]:
    """Collapse runs of blank lines to one and drop leading and trailing blank lines."""
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    while tidy and not tidy[-1]:
        tidy.pop()
    return tidy


def _headline_index(lines: list[str], headline: str) -> int | None:
    """Index of the given headline among ``lines``, or of the first substantial line if none is given."""
    if headline:
        wanted = " ".join(headline.split()).casefold()
        return next((i for i, line in enumerate(lines) if line.casefold() == wanted), None)
    for index, line in enumerate(lines):
        if (
            len(line.split()) >= _MIN_HEADLINE_WORDS
            and not _BYLINE_RE.match(line)
            and find_publication_date([line]) is None
        ):
            return index
    return None


def _read_manifest(path: Path) -> tuple[dict[str, _ManifestEntry], list[CorpusError]]:
    """Entries of ``manifest.csv`` by file name, and a CorpusError (with line) per bad row."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [CorpusError(f"cannot read manifest ({exc})", path)]
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    entries: dict[str, _ManifestEntry] = {}
    problems: list[CorpusError] = []
    while True:  # a malformed row is reported and the reading goes on
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(CorpusError(f"malformed CSV ({exc})", path, reader.line_num))
            continue
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if not header:
            header = [cell.strip().lower() for cell in row]
            if "file" not in header:
                expected = ",".join(MANIFEST_COLUMNS)
                return {}, [CorpusError(f"no 'file' column in the header (expected {expected})", path, line)]
            continue
        if len(row) != len(header):
            problems.append(CorpusError(f"expected {len(header)} fields, found {len(row)}", path, line))
            continue
        values = {key: cell.strip() for key, cell in zip(header, row, strict=True)}
        name = values["file"]
        if not name:
            problems.append(CorpusError("empty 'file' field", path, line))
            continue
        name = name if Path(name).suffix else f"{name}.txt"
        try:
            published = parse_iso(values["published"]) if values.get("published") else None
        except DateError as exc:
            problems.append(CorpusError(f"published: {exc.message}", path, line))
            continue
        problem = _publication_problem(published) if published else None
        if problem:
            problems.append(CorpusError(problem, path, line))
            continue
        if published and published > date.today():
            warnings.warn(
                f"{path}:{line}: published {published} is after today", FrontlinesWarning, stacklevel=2
            )
        if name in entries:
            first = entries[name].line
            problems.append(CorpusError(f"{name!r} is listed twice (first on line {first})", path, line))
            continue
        entries[name] = _ManifestEntry(
            outlet=values.get("outlet", ""),
            headline=values.get("headline", ""),
            published=published,
            url=values.get("url", ""),
            line=line,
        )
    return entries, problems
