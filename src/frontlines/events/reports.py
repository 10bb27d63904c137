"""One source's account of one change as the merge compares it (a Report), and the day arithmetic of its dates."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from frontlines.dates import unknown_date
from frontlines.models import DateRange, EventSource, Place
from frontlines.schema import BACKGROUND, CHANGE_KINDS, UNKNOWN, EventKind

_UNKNOWN_DATES = unknown_date()


@dataclass(slots=True)
class Report:
    """One source's account of one event (what the merge asks of it most is worked out once)."""

    place: Place
    gainer: str
    loser: str
    kind: EventKind
    source: EventSource
    flags: tuple[str, ...]
    notes: tuple[str, ...] = ()
    #: ``change`` for captures, recaptures and withdrawals, else the kind (observation, interdiction).
    family: str = field(init=False)
    background: bool = field(init=False)
    dates: DateRange = field(init=False)
    dated: bool = field(init=False)

    def __post_init__(self) -> None:
        self.family = "change" if self.kind in CHANGE_KINDS else self.kind
        self.background = BACKGROUND in self.flags
        d = self.dates = self.source.dates or _UNKNOWN_DATES
        self.dated = d.best is not None or d.earliest is not None or d.latest is not None

    def sort_key(self) -> tuple[object, ...]:
        d = self.dates
        return (
            self.place.id, self.family, self.gainer, self.loser == UNKNOWN, self.loser,
            day_order(d.best), day_order(d.earliest), day_order(d.latest),
            self.source.article_id, self.source.evidence, self.kind,
        )  # fmt: skip


def anchor(dates: DateRange) -> date | None:
    """The day a range stands for: its best, else its latest, else its earliest."""
    return dates.best or dates.latest or dates.earliest


def iso(day: date | None) -> str:
    """A day as ISO text, empty for none."""
    return day.isoformat() if day is not None else ""


def day_order(day: date | None) -> int:
    """A day as a number that sorts as its ISO text does (no day first)."""
    return day.toordinal() if day is not None else 0
