"""The sides of the war as reports name them: a lexicon kept as data (``data/actors.csv``).

Each row is a regular expression matched case-insensitively on word boundaries, and the side it
names (``government``, ``opposition``, ``hts``, ``sdf``, ``isis``, ``turkey``, ``russia``,
``unknown``). Rows naming a side's backers ("Turkish-backed", "backed by Russian warplanes") or an
actor outside the vocabulary are masked: "Turkish-backed fighters" are the opposition, not Turkey.
Rows marked ``label`` are generic words ("rebels", "militants"): next to a named side ("IS
insurgents", "fighters of the SDF") they are that side, not a second one.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TypeVar, cast

from frontlines.errors import ExtractionError
from frontlines.literals import LiteralGate, gate_text, min_width, required_literals
from frontlines.schema import SIDES, UNKNOWN

#: Rows whose phrase is masked: it names no side holding ground.
MASKED: frozenset[str] = frozenset({"backer", "outside"})


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """A phrase of a sentence naming a side: character offsets into the sentence, and the side."""

    start: int
    end: int
    controller: str


#: ASCII-only lowercasing keeps offsets (``str.lower`` may lengthen "İ").
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ESCAPE_RE = re.compile(r"\\.")
#: What may stand between a named side and the generic label that follows it ("Daesh terrorists").
_LABEL_GAP_RE = re.compile(r"(?:\s+|\s*-\s*)")
#: What may stand between a generic label and the named side it belongs to ("rebels of HTS").
_MEMBERS_GAP_RE = re.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)


def fold_ascii(text: str) -> str:
    """``text`` with A–Z lowercased and every offset kept."""
    return text.lower() if text.isascii() else text.translate(_ASCII_LOWER)


class PhraseMatcher:
    """Rows of regular expressions matched between non-word characters, leftmost first, the earlier row winning.

    Rows written in lowercase are matched against the ASCII-lowercased text without IGNORECASE
    (several times faster); rows with capitals ("(?-i:IS)") are matched case-insensitively.

    Only the rows whose required literals the sentence holds run (see
    :class:`frontlines.literals.LiteralGate`), as one alternation of those rows (compiled once per set
    of rows and kept): the rows left out cannot match, so the result is that of the alternation of all.
    A set of rows met fewer than :attr:`COMPILE_AFTER` times is run row by row instead, each row's next
    match kept until the scan passes it (the same matches: compiling an alternation costs about a
    millisecond, and most sets are rare); one row runs as its own pattern. A set that an alternation
    already compiled holds whole runs that one (its other rows cannot match), not its own.
    """

    #: Alternations kept, one per set of rows met (all are dropped when there are more).
    MAX_ALTERNATIONS = 4096
    #: How many times a set of rows is run row by row before its alternation is compiled.
    COMPILE_AFTER = 10

    def __init__(self, patterns: list[str]):
        folded = [
            (i, p) for i, p in enumerate(patterns) if not any(c.isupper() for c in _ESCAPE_RE.sub("", p))
        ]
        cased = [(i, p) for i, p in enumerate(patterns) if (i, p) not in folded]
        self._folded = self._compile(folded, 0)
        self._cased = self._compile(cased, re.IGNORECASE)
        self._is_cased = [False] * len(patterns)
        for i, _ in cased:
            self._is_cased[i] = True
        self._cased_rows = frozenset(i for i, _ in cased)
        self._rows = [
            re.compile(rf"(?<!\w)(?:{p})(?!\w)", re.IGNORECASE if self._is_cased[i] else 0)
            for i, p in enumerate(patterns)
        ]  # fmt: skip
        self._patterns = list(patterns)
        self._alternations: dict[tuple[int, ...], re.Pattern[str]] = {}
        #: The alternations compiled, by their rows (another set of rows may run one that holds them).
        self._compiled: dict[frozenset[int], re.Pattern[str]] = {}
        self._seen: dict[tuple[int, ...], int] = {}
        # A row that may match the empty string would make the combined scan differ: then every row runs.
        requirements = [
            required_literals(p, re.IGNORECASE if self._is_cased[i] else 0) for i, p in enumerate(patterns)
        ]  # fmt: skip
        self._ungated = any(min_width(p) == 0 for p in patterns)
        self._gate = LiteralGate(requirements)

    @staticmethod
    def _compile(rows: list[tuple[int, str]], flags: int) -> re.Pattern[str] | None:
        if not rows:
            return None
        alternatives = "|".join(f"(?P<r{i}>{pattern})" for i, pattern in rows)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)  # faster than a leading \b

    def candidates(self, text: str, folded: str | None = None) -> list[int]:
        """The rows that may match ``text`` (ascending); every row that matches is among them."""
        if self._ungated:
            return list(range(len(self._rows)))
        return self._gate.rules(gate_text(text, folded=folded or fold_ascii(text)), text)

    def candidates_by_span(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """Rows that may match each ``text[start:end]`` (sorted, disjoint spans), from one pass over
        ``text``: a superset of :meth:`candidates`, to pass to :meth:`find` as ``rows``."""
        if self._ungated:
            return [list(range(len(self._rows))) for _ in spans]
        return self._gate.rules_by_span(gate_text(text), spans, text)

    def find(
        self, text: str, folded: str | None = None, rows: list[int] | None = None, *, narrowed: bool = False
    ) -> list[tuple[int, int, int]]:
        """(start, end, row) of the matches of ``text`` in text order, without overlaps.

        ``rows`` are the sentence's entry of :meth:`candidates_by_span` when the caller has them, or
        with ``narrowed`` its :meth:`rows_for`.
        """
        folded = folded or fold_ascii(text)
        if not narrowed:
            rows = self.rows_for(text, folded, rows)
        if not rows:
            return []
        if self._cased_rows.isdisjoint(rows):  # most sentences: no row with capitals, no split
            return self._scan(rows, folded)
        is_cased = self._is_cased
        found = self._scan([r for r in rows if not is_cased[r]], folded)
        return _leftmost(found + self._scan([r for r in rows if is_cased[r]], text))

    def _scan(self, rows: list[int], text: str) -> list[tuple[int, int, int]]:
        """(start, end, row) of the alternation of ``rows`` (ascending, all lowercase or all with
        capitals) over ``text``."""
        if not rows:
            return []
        if len(rows) == 1:
            row = rows[0]
            return [(m.start(), m.end(), row) for m in self._rows[row].finditer(text)]
        key = tuple(rows)
        alternation = self._alternations.get(key)
        if alternation is None:
            seen = self._seen.get(key, 0) + 1
            if len(self._alternations) >= self.MAX_ALTERNATIONS:
                self._alternations.clear()
                self._compiled.clear()
            if seen == 1 or seen >= self.COMPILE_AFTER:
                alternation = self._superset(key)
            if alternation is None and seen < self.COMPILE_AFTER and not self._ungated:
                if len(self._seen) >= self.MAX_ALTERNATIONS:
                    self._seen.clear()
                self._seen[key] = seen  # row by row needs matches that are not empty
                return self._row_by_row(rows, text)
            if alternation is None:
                flags = re.IGNORECASE if self._is_cased[rows[0]] else 0
                alternation = self._compile([(r, self._patterns[r]) for r in rows], flags)
                assert alternation is not None, "rows is not empty"
                self._compiled[frozenset(key)] = alternation
            self._alternations[key] = alternation
        return [(m.start(), m.end(), _row_of(m)) for m in alternation.finditer(text)]

    def _superset(self, rows: tuple[int, ...]) -> re.Pattern[str] | None:
        """The alternation compiled for the fewest rows that hold all of ``rows``, if any: the rows beyond
        them cannot match the text (its literals left them out), so that it finds what theirs would."""
        wanted = frozenset(rows)
        best: tuple[int, re.Pattern[str]] | None = None
        for compiled, alternation in self._compiled.items():
            if wanted <= compiled and (best is None or len(compiled) < best[0]):
                best = len(compiled), alternation
        return best[1] if best is not None else None

    def _row_by_row(self, rows: list[int], text: str) -> list[tuple[int, int, int]]:
        """What the alternation of ``rows`` finds, from each row's own pattern: at each step the leftmost
        next match, the earlier row at a tie; a row's next match is searched again once the scan has
        passed its start."""
        patterns = self._rows
        following = [patterns[row].search(text) for row in rows]
        found: list[tuple[int, int, int]] = []
        position = 0
        while True:
            best: re.Match[str] | None = None
            best_row = -1
            for number, row in enumerate(rows):
                match = following[number]
                if match is not None and match.start() < position:
                    match = following[number] = patterns[row].search(text, position)
                if match is not None and (best is None or match.start() < best.start()):
                    best, best_row = match, row
            if best is None:
                return found
            found.append((best.start(), best.end(), best_row))
            position = best.end()

    def rows_for(self, text: str, folded: str | None = None, rows: list[int] | None = None) -> list[int]:
        """The rows :meth:`find` runs on ``text``: :meth:`candidates`, or ``rows`` (an entry of
        :meth:`candidates_by_span`) narrowed to those whose literals ``text`` holds."""
        folded = folded or fold_ascii(text)
        if rows is None:
            return self.candidates(text, folded)
        if rows and not self._ungated:
            return self._gate.checked(rows, gate_text(text, folded=folded), text)
        return rows

    def find_all_rows(self, text: str, folded: str | None = None) -> list[tuple[int, int, int]]:
        """:meth:`find` with every row's alternation run, no gate (the reference the gate must equal)."""
        found: list[tuple[int, int, int]] = []
        if self._folded is not None:
            found += [
                (m.start(), m.end(), _row_of(m)) for m in self._folded.finditer(folded or fold_ascii(text))
            ]
        if self._cased is None:
            return found
        found += [(m.start(), m.end(), _row_of(m)) for m in self._cased.finditer(text)]
        return _leftmost(found)


def _leftmost(found: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The non-overlapping (start, end, row) matches, leftmost first (a tie keeps the earlier row)."""
    kept: list[tuple[int, int, int]] = []
    for start, end, row in sorted(found, key=lambda f: (f[0], f[2])):
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, row))
    return kept


def _row_of(match: re.Match[str]) -> int:
    """The lexicon row of a match of an alternation whose branches are groups ``r0``, ``r1`` ..."""
    name = match.lastgroup
    assert name is not None, "every branch of the alternation is a named group"
    return int(name[1:])


class ActorLexicon:
    """Actor phrases compiled into one matcher (rows in file order: at one position the earlier wins)."""

    def __init__(self, rows: list[tuple[str, str]], source: str = "", labels: Sequence[bool] = ()):
        self.source = source
        self.controllers = tuple(controller for _, controller in rows)
        #: Rows that are generic labels (every ``unknown`` row is one).
        self.labels = tuple(
            (bool(labels[i]) if i < len(labels) else False) or c == UNKNOWN
            for i, c in enumerate(self.controllers)
        )
        self._matcher = PhraseMatcher([pattern for pattern, _ in rows])

    def __len__(self) -> int:
        return len(self.controllers)

    def find(
        self, text: str, folded: str | None = None, rows: list[int] | None = None, *, narrowed: bool = False
    ) -> list[ActorSpan]:
        """Every side named in ``text``, in text order; backers and outside actors are left out.

        ``folded`` is :func:`fold_ascii` of ``text`` and ``rows`` its :meth:`candidates` (with
        ``narrowed``, its :meth:`rows`) when the caller already has them.
        """
        controllers, labels = self.controllers, self.labels
        spans: list[ActorSpan] = []
        last_label = False
        for start, end, row in self._matcher.find(text, folded, rows, narrowed=narrowed):
            controller = controllers[row]
            if controller in MASKED:
                continue
            if (
                spans
                and labels[row]
                and not last_label
                and _LABEL_GAP_RE.fullmatch(text, spans[-1].end, start)
            ):
                # "Nusra Front terrorists", "IS insurgents": a named side with a generic label is that side
                spans[-1] = ActorSpan(spans[-1].start, end, spans[-1].controller)
                continue
            if (
                spans
                and last_label
                and not labels[row]
                and _MEMBERS_GAP_RE.fullmatch(text, spans[-1].end, start)
            ):
                spans[-1] = ActorSpan(spans[-1].start, end, controller)  # "the rebels of HTS" are HTS
                last_label = False
                continue
            spans.append(ActorSpan(start, end, controller))
            last_label = labels[row]
        return spans

    def candidates(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """The rows that may match each ``text[start:end]`` (see :meth:`PhraseMatcher.candidates_by_span`)."""
        return self._matcher.candidates_by_span(text, spans)

    def rows(self, text: str, rows: list[int] | None = None) -> list[int]:
        """The rows :meth:`find` runs on ``text`` (``rows``: its :meth:`candidates` entry): those whose
        literals ``text`` holds."""
        return self._matcher.rows_for(text, None, rows)

    def sides_of(self, rows: list[int]) -> frozenset[str]:
        """The sides of ``rows`` (an entry of :meth:`rows`) that may hold ground (no backer or outside actor):
        every side :meth:`find` gives for the text is among them, with no scan."""
        controllers = self.controllers
        return frozenset(controllers[row] for row in rows) - MASKED

    def controller_of(self, phrase: str) -> str | None:
        """The side a whole phrase names ("Assad's forces" → government), None if it names none."""
        spans = self.find(phrase)
        return spans[0].controller if spans else None


def read_lexicon_rows(text: str, path: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a data CSV whose ``#`` lines are comments; a bad header raises."""
    numbered = [
        (n, line)
        for n, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in numbered)))
    if tuple(reader.fieldnames or ())[: len(columns)] != columns:
        raise ExtractionError(
            f"expected columns {', '.join(columns)}", path=path, line=numbered[0][0] if numbered else 1
        )
    rows = []
    for index, row in enumerate(reader, start=1):
        if any((value or "").strip() for value in row.values()):
            rows.append((numbered[index][0], {k: (v or "").strip() for k, v in row.items() if k}))
    return rows


def check_pattern(pattern: str, path: str, line: int) -> None:
    """Raise :class:`ExtractionError` naming the file and line when a lexicon pattern does not compile."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise ExtractionError(f"bad pattern: {exc}", path=path, line=line) from None


_L = TypeVar("_L")


def load_lexicon(parse: Callable[[str, str], _L], name: str, path: Path | str | None = None) -> _L:
    """A lexicon parsed from a CSV file, or from the shipped ``data/<name>`` (parsed once)."""
    if path is None:
        return cast(_L, _shipped(parse, name))  # the cache keeps the parser's own type
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractionError(f"cannot read lexicon: {exc.strerror}", path=str(path)) from None
    return parse(text, str(path))


@cache
def _shipped(parse: Callable[[str, str], _L], name: str) -> _L:
    resource = resources.files("frontlines") / "data" / name
    return parse(resource.read_text(encoding="utf-8"), f"frontlines/data/{name}")


def parse_actors(text: str, path: str = "actors.csv") -> ActorLexicon:
    """An :class:`ActorLexicon` from CSV text (columns ``pattern,controller,note`` and an optional
    ``label``: ``yes`` for a generic label)."""
    rows: list[tuple[str, str]] = []
    labels: list[bool] = []
    for line, row in read_lexicon_rows(text, path, ("pattern", "controller")):
        controller = row["controller"]
        if controller not in SIDES and controller not in MASKED:
            raise ExtractionError(f"unknown controller {controller!r}", path=path, line=line)
        if row.get("label", "") not in ("", "yes"):
            raise ExtractionError(f"label must be yes or empty, not {row['label']!r}", path=path, line=line)
        check_pattern(row["pattern"], path, line)
        rows.append((row["pattern"], controller))
        labels.append(row.get("label") == "yes")
    return ActorLexicon(rows, path, labels)


def load_actors(path: Path | str | None = None) -> ActorLexicon:
    """The actor lexicon of a CSV file, or the shipped one (``data/actors.csv``, cached)."""
    return load_lexicon(parse_actors, "actors.csv", path)
