"""The trigger lexicon (``data/triggers.csv``): phrases reporting a change or an observation.

Each row is a regular expression ("recaptured", "fell to", "withdrew from", "the capture of",
"rebel-held", "cut the highway at"), a kind (``capture``, ``recapture``, ``withdrawal``, ``observation``,
``interdiction``) and a *voice*
saying where the place and the sides stand relative to the phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from frontlines.errors import ExtractionError
from frontlines.events.actors import PhraseMatcher, read_lexicon_rows
from frontlines.schema import EVENT_KINDS

VOICES = frozenset(
    {"active", "expel", "passive", "freed", "declared", "loss", "nominal", "nominal_loss",
     "obs_after", "obs_before", "obs_anaphor", "interdict", "interdict_passive"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of the trigger lexicon."""

    pattern: str
    kind: str
    voice: str


class TriggerLexicon:
    """Trigger phrases compiled into one matcher (rows in file order: at one position the earlier wins)."""

    def __init__(self, rules: list[TriggerRule], source: str = ""):
        self.rules = tuple(rules)
        self.source = source
        self._matcher = PhraseMatcher([rule.pattern for rule in rules])

    def find(
        self, text: str, folded: str | None = None, rows: list[int] | None = None
    ) -> list[tuple[int, int, TriggerRule]]:
        """(start, end, rule) of every trigger of ``text`` in text order (``rows``: its :meth:`candidates`)."""
        rules = self.rules
        return [(start, end, rules[row]) for start, end, row in self._matcher.find(text, folded, rows)]

    def candidates(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """The rows that may match each ``text[start:end]`` (see :meth:`PhraseMatcher.candidates_by_span`)."""
        return self._matcher.candidates_by_span(text, spans)


def parse_triggers(text: str, path: str = "triggers.csv") -> TriggerLexicon:
    """A :class:`TriggerLexicon` from CSV text (columns ``pattern,kind,voice,note``)."""
    rules: list[TriggerRule] = []
    for line, row in read_lexicon_rows(text, path, ("pattern", "kind", "voice")):
        if row["kind"] not in EVENT_KINDS or row["voice"] not in VOICES:
            raise ExtractionError(
                f"unknown kind or voice: {row['kind']!r}, {row['voice']!r}", path=path, line=line
            )
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise ExtractionError(f"bad pattern: {exc}", path=path, line=line) from None
        rules.append(TriggerRule(row["pattern"], row["kind"], row["voice"]))
    return TriggerLexicon(rules, path)


@lru_cache(maxsize=1)
def _shipped_triggers() -> TriggerLexicon:
    resource = resources.files("frontlines") / "data" / "triggers.csv"
    return parse_triggers(resource.read_text(encoding="utf-8"), "frontlines/data/triggers.csv")


def load_triggers(path: Path | str | None = None) -> TriggerLexicon:
    """The trigger lexicon of a CSV file, or the shipped one (``data/triggers.csv``, cached)."""
    if path is None:
        return _shipped_triggers()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractionError(f"cannot read trigger lexicon: {exc.strerror}", path=str(path)) from None
    return parse_triggers(text, str(path))
