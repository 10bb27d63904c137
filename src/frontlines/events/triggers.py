"""The trigger lexicon (``data/triggers.csv``): phrases reporting a change or an observation.

Each row is a regular expression ("recaptured", "fell to", "withdrew from", "the capture of",
"rebel-held", "cut the highway at"), a kind (``capture``, ``recapture``, ``withdrawal``, ``observation``,
``interdiction``) and a *voice*
saying where the place and the sides stand relative to the phrase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from frontlines.errors import ExtractionError
from frontlines.events.actors import PhraseMatcher, check_pattern, load_lexicon, read_lexicon_rows
from frontlines.schema import EVENT_KINDS, EventKind

VOICES = frozenset(
    {"active", "expel", "expel_out", "passive", "freed", "declared", "loss", "nominal", "nominal_loss",
     "obs_after", "obs_before", "obs_anaphor", "interdict", "interdict_passive"}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of the trigger lexicon."""

    pattern: str
    kind: EventKind
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
        check_pattern(row["pattern"], path, line)
        kind = cast(EventKind, row["kind"])  # checked against EVENT_KINDS just above
        rules.append(TriggerRule(row["pattern"], kind, row["voice"]))
    return TriggerLexicon(rules, path)


def load_triggers(path: Path | str | None = None) -> TriggerLexicon:
    """The trigger lexicon of a CSV file, or the shipped one (``data/triggers.csv``, cached)."""
    return load_lexicon(parse_triggers, "triggers.csv", path)
