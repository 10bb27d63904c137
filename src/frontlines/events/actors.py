"""The sides of the war as reports name them: a lexicon kept as data (``data/actors.csv``).

Each row is a regular expression matched case-insensitively on word boundaries, and the side it
names (``government``, ``opposition``, ``hts``, ``sdf``, ``isis``, ``turkey``, ``russia``,
``unknown``). Rows naming a side's backers ("Turkish-backed", "backed by Russian warplanes") or an
actor outside the vocabulary are masked: "Turkish-backed fighters" are the opposition, not Turkey.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from frontlines.errors import ExtractionError

#: Sides an actor phrase can name; ``unknown`` is a side nobody named ("terrorists", "militants").
CONTROLLERS: tuple[str, ...] = ("government", "opposition", "hts", "sdf", "isis", "turkey", "russia", "unknown")
#: Rows whose phrase is masked: it names no side holding ground.
MASKED: frozenset[str] = frozenset({"backer", "outside"})
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """A phrase of a sentence naming a side: character offsets into the sentence, and the side."""

    start: int
    end: int
    controller: str


#: ASCII-only lowercasing keeps offsets (``str.lower`` may lengthen "İ").
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ESCAPE_RE = re.compile(r"\\.")


def fold_ascii(text: str) -> str:
    """``text`` with A–Z lowercased and every offset kept."""
    return text.translate(_ASCII_LOWER)


class PhraseMatcher:
    """Rows of regular expressions matched between non-word characters, leftmost first, the earlier row winning.

    Rows written in lowercase are matched against the ASCII-lowercased text without IGNORECASE
    (several times faster); rows with capitals ("(?-i:IS)") are matched case-insensitively.
    """

    def __init__(self, patterns: list[str]):
        folded = [(i, p) for i, p in enumerate(patterns) if not any(c.isupper() for c in _ESCAPE_RE.sub("", p))]
        cased = [(i, p) for i, p in enumerate(patterns) if (i, p) not in folded]
        self._folded = self._compile(folded, 0)
        self._cased = self._compile(cased, re.IGNORECASE)

    @staticmethod
    def _compile(rows: list[tuple[int, str]], flags: int) -> re.Pattern[str] | None:
        if not rows:
            return None
        alternatives = "|".join(f"(?P<r{i}>{pattern})" for i, pattern in rows)
        return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)  # faster than a leading \b

    def find(self, text: str, folded: str | None = None) -> list[tuple[int, int, int]]:
        """(start, end, row) of the matches of ``text`` in text order, without overlaps."""
        found = []
        if self._folded is not None:
            found += [(m.start(), m.end(), int(m.lastgroup[1:])) for m in self._folded.finditer(folded or fold_ascii(text))]
        if self._cased is None:
            return found
        found += [(m.start(), m.end(), int(m.lastgroup[1:])) for m in self._cased.finditer(text)]
        kept: list[tuple[int, int, int]] = []
        for start, end, row in sorted(found, key=lambda f: (f[0], f[2])):
            if not kept or start >= kept[-1][1]:
                kept.append((start, end, row))
        return kept


class ActorLexicon:
    """Actor phrases compiled into one matcher (rows in file order: at one position the earlier wins)."""

    def __init__(self, rows: list[tuple[str, str]], source: str = ""):
        self.source = source
        self.controllers = tuple(controller for _, controller in rows)
        self._matcher = PhraseMatcher([pattern for pattern, _ in rows])

    def __len__(self) -> int:
        return len(self.controllers)

    def find(self, text: str, folded: str | None = None) -> list[ActorSpan]:
        """Every side named in ``text``, in text order; backers and outside actors are left out.

        ``folded`` is :func:`fold_ascii` of ``text`` when the caller already has it.
        """
        return [
            ActorSpan(start, end, self.controllers[row])
            for start, end, row in self._matcher.find(text, folded)
            if self.controllers[row] not in MASKED
        ]

    def controller_of(self, phrase: str) -> str | None:
        """The side a whole phrase names ("Assad's forces" → government), None if it names none."""
        spans = self.find(phrase)
        return spans[0].controller if spans else None


def read_lexicon_rows(text: str, path: str, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line, row) pairs of a data CSV whose ``#`` lines are comments; a bad header raises."""
    numbered = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip() and not line.lstrip().startswith("#")]
    reader = csv.DictReader(io.StringIO("\n".join(line for _, line in numbered)))
    if tuple(reader.fieldnames or ())[: len(columns)] != columns:
        raise ExtractionError(f"expected columns {', '.join(columns)}", path=path, line=numbered[0][0] if numbered else 1)
    rows = []
    for index, row in enumerate(reader, start=1):
        if any((value or "").strip() for value in row.values()):
            rows.append((numbered[index][0], {k: (v or "").strip() for k, v in row.items() if k}))
    return rows


def parse_actors(text: str, path: str = "actors.csv") -> ActorLexicon:
    """An :class:`ActorLexicon` from CSV text (columns ``pattern,controller,note``)."""
    rows: list[tuple[str, str]] = []
    for line, row in read_lexicon_rows(text, path, ("pattern", "controller")):
        controller = row["controller"]
        if controller not in CONTROLLERS and controller not in MASKED:
            raise ExtractionError(f"unknown controller {controller!r}", path=path, line=line)
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise ExtractionError(f"bad pattern: {exc}", path=path, line=line) from None
        rows.append((row["pattern"], controller))
    return ActorLexicon(rows, path)


@lru_cache(maxsize=1)
def _shipped_actors() -> ActorLexicon:
    resource = resources.files("frontlines") / "data" / "actors.csv"
    return parse_actors(resource.read_text(encoding="utf-8"), "frontlines/data/actors.csv")


def load_actors(path: Path | str | None = None) -> ActorLexicon:
    """The actor lexicon of a CSV file, or the shipped one (``data/actors.csv``, cached)."""
    if path is None:
        return _shipped_actors()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractionError(f"cannot read actor lexicon: {exc.strerror}", path=str(path)) from None
    return parse_actors(text, str(path))
