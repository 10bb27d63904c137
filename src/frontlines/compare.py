"""A timeline measured against a reference: for each ``place, date, controller`` row, does frontlines agree?

A row's place is a gazetteer id or a name; a name is resolved by the gazetteer, preferring a place
the timeline knows. Its controller is a side (``government``, ``opposition``, ...) or a phrase the
actor lexicon knows ("Syrian army", "SDF"). The outcome is ``agree`` when frontlines' controller on
that date is the reference's, ``disagree`` when it is another side, and ``no state`` when frontlines
knows nothing of the place on that date or names no side (``unknown``). A changing or contested state agrees only when its
controller (the side still holding the place) is the reference's.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from frontlines.errors import FrontlinesError
from frontlines.events.acled import parse_table_date
from frontlines.events.actors import load_actors
from frontlines.gazetteer import Resolver
from frontlines.schema import SIDES, UNKNOWN
from frontlines.timeline import Timeline

OUTCOMES = ("agree", "disagree", "no state")
REFERENCE_COLUMNS = ("place", "date", "controller")


class ReferenceFileError(FrontlinesError, ValueError):
    """A reference file or one of its rows cannot be read."""


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    """One row of a reference timeline, as written."""

    line: int
    place: str
    on: date
    controller: str
    source: str = ""


@dataclass(frozen=True, slots=True)
class Comparison:
    """A reference row and what frontlines says of it."""

    row: ReferenceRow
    side: str  # the reference's controller as a side
    place_id: str
    place_name: str
    controller: str  # frontlines' controller, "" with no state
    certainty: str
    outcome: str
    note: str = ""


@dataclass
class ComparisonReport:
    """Every compared row, the rows that could not be read, and the agreement rates."""

    reference: str
    rows: list[Comparison] = field(default_factory=list)
    problems: list[FrontlinesError] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Rows per outcome."""
        counted = Counter(c.outcome for c in self.rows)
        return {o: counted.get(o, 0) for o in OUTCOMES}

    @staticmethod
    def _rate(rows: list[Comparison]) -> float | None:
        stated = [c for c in rows if c.outcome != "no state"]
        return round(100.0 * sum(c.outcome == "agree" for c in stated) / len(stated), 1) if stated else None

    @property
    def agreement_pct(self) -> float | None:
        """Agreeing rows among those frontlines has a state for, 0–100 (None when it has none)."""
        return self._rate(self.rows)

    @property
    def coverage_pct(self) -> float:
        """Rows frontlines has a state for, 0–100."""
        if not self.rows:
            return 0.0
        return round(100.0 * sum(c.outcome != "no state" for c in self.rows) / len(self.rows), 1)

    def by_side(self) -> dict[str, dict[str, object]]:
        """Outcome counts and agreement per reference side, sides in file order of first use."""
        sides = dict.fromkeys(c.side for c in self.rows)
        out: dict[str, dict[str, object]] = {}
        for side in sides:
            rows = [c for c in self.rows if c.side == side]
            counted = Counter(c.outcome for c in rows)
            out[side] = {"rows": len(rows), **{o: counted.get(o, 0) for o in OUTCOMES},
                         "agreement_pct": self._rate(rows)}  # fmt: skip
        return out


def read_reference(path: Path | str) -> tuple[list[ReferenceRow], list[FrontlinesError]]:
    """The rows of a reference CSV (``place, date, controller[, source]``) and the rows that are bad."""
    name = str(path)
    try:
        text = Path(name).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReferenceFileError(
            f"cannot read the reference: {getattr(exc, 'strerror', None) or exc}", path=name
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or ()]
    reader.fieldnames = header
    missing = [c for c in REFERENCE_COLUMNS if c not in header]
    if missing:
        raise ReferenceFileError(f"missing column(s) {', '.join(missing)}; expected place,date,controller[,source]",
                             path=name, line=1)  # fmt: skip
    rows: list[ReferenceRow] = []
    problems: list[FrontlinesError] = []
    for line, raw in enumerate(reader, start=2):
        cell = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(cell.values()):
            continue
        on = parse_table_date(cell["date"])
        if not cell["place"] or not cell["controller"] or on is None:
            problems.append(
                ReferenceFileError("needs a place, a date (YYYY-MM-DD) and a controller", name, line)
            )
            continue
        rows.append(ReferenceRow(line, cell["place"], on, cell["controller"], cell.get("source", "")))
    return rows, problems


def _side(controller: str) -> str | None:
    key = controller.strip().lower()
    if key in SIDES:
        return key
    return load_actors().controller_of(controller)


def _place(name: str, timeline: Timeline, resolver: Resolver) -> tuple[str, str, str]:
    """(place id, name, note) for a reference place: an id, else the best candidate the timeline knows."""
    known = {p.id: p for p in timeline.places}
    if name in known:
        return name, known[name].name, ""
    same_name = [p for p in known.values() if p.name.casefold() == name.casefold()]
    if len(same_name) == 1:
        return same_name[0].id, same_name[0].name, ""
    if name in resolver.gazetteer.places:
        return name, resolver.gazetteer.places[name].name, ""
    candidates = [c.place for c in resolver.resolve_name(name) if not c.place.outside]
    if not candidates:
        return "", "", "place not in the gazetteer"
    in_timeline = [p for p in candidates if p.id in known]
    pool = in_timeline or candidates
    note = ""
    if len(pool) > 1:
        note = "ambiguous name: chose the best candidate " + (
            "with events" if in_timeline else "of the gazetteer"
        )
    return pool[0].id, pool[0].name, note


def compare(
    reference: Iterable[ReferenceRow], timeline: Timeline, resolver: Resolver, name: str = ""
) -> ComparisonReport:
    """Compare each reference row with frontlines' state of its place on its date."""
    report = ComparisonReport(reference=name)
    for row in reference:
        side = _side(row.controller)
        if side is None:
            report.problems.append(ReferenceFileError(f"unknown controller {row.controller!r} (use a side: "
                                                  f"{', '.join(SIDES)})", name, row.line))  # fmt: skip
            continue
        place_id, place_name, note = _place(row.place, timeline, resolver)
        state = timeline.state_of(place_id, row.on) if place_id else None
        if state is None:
            outcome, controller, certainty = "no state", "", ""
        elif (
            state.controller == UNKNOWN
        ):  # frontlines names no side: it makes no claim to agree or disagree with
            outcome, controller, certainty = "no state", state.controller, state.certainty
        else:
            controller, certainty = state.controller, state.certainty
            outcome = "agree" if controller == side else "disagree"
        report.rows.append(Comparison(row, side, place_id, place_name, controller, certainty, outcome, note))
    return report


def comparison_record(report: ComparisonReport) -> dict[str, object]:
    """The JSON document of ``frontlines compare --format json``."""
    return {
        "reference": report.reference,
        "rows": len(report.rows),
        "counts": report.counts,
        "agreement_pct": report.agreement_pct,
        "coverage_pct": report.coverage_pct,
        "by_side": report.by_side(),
        "comparisons": [row_record(c) for c in report.rows],
        "problems": [str(p) for p in report.problems],
    }


#: The columns of ``frontlines compare --format csv``, one row per reference row.
COMPARISON_COLUMNS = ("line", "place", "date", "controller", "source", "place_id", "place_name", "frontlines",
                      "certainty", "outcome", "note")  # fmt: skip


def row_record(c: Comparison) -> dict[str, object]:
    """One comparison as a flat row (``COMPARISON_COLUMNS``)."""
    return {
        "line": c.row.line, "place": c.row.place, "date": c.row.on.isoformat(), "controller": c.side,
        "source": c.row.source, "place_id": c.place_id, "place_name": c.place_name, "frontlines": c.controller,
        "certainty": c.certainty, "outcome": c.outcome, "note": c.note,
    }  # fmt: skip
