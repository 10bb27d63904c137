"""The dates a cluster's reports agree on: the majority's range, its precision, and a note naming those that disagree."""

from __future__ import annotations

from datetime import date

from frontlines.dates import unknown_date
from frontlines.events.reports import Report, iso
from frontlines.models import DateRange
from frontlines.schema import PRECISIONS, Precision


def consolidate(reports: list[Report]) -> tuple[DateRange, str]:
    """The range the reports agree on, and a note naming the disagreeing sources (empty when none)."""
    dated = [r for r in reports if r.dated]
    if not dated:
        return unknown_date(), ""
    point = _majority_point([r.dates for r in dated])
    if len(dated) == 1 and _contains(dated[0].dates, point):  # what the steps below give for one report
        d = dated[0].dates
        best = d.best or point
        if best is not None:
            best = min(max(best, d.earliest or best), d.latest or best)
        return DateRange(
            d.earliest, d.latest, best, _precision(d.earliest, d.latest, dated), d.expression
        ), ""
    majority = [r for r in dated if _contains(r.dates, point)]
    others = [r for r in dated if not _contains(r.dates, point)]
    earliest = max((r.dates.earliest for r in majority if r.dates.earliest), default=None)
    latest = min((r.dates.latest for r in majority if r.dates.latest), default=None)
    bests = sorted(r.dates.best for r in majority if r.dates.best)
    best = bests[(len(bests) - 1) // 2] if bests else point
    note = ""
    if others:
        lows = [r.dates.earliest for r in others if r.dates.earliest is not None]
        highs = [r.dates.latest for r in others if r.dates.latest is not None]
        earliest = None if earliest is None or len(lows) < len(others) else min([earliest, *lows])
        latest = None if latest is None or len(highs) < len(others) else max([latest, *highs])
        agreeing = sorted({_describe(r) for r in majority})
        disagreeing = sorted({_describe(r) for r in others})
        note = f"dates disagree: {'; '.join(agreeing)} vs {'; '.join(disagreeing)}"
    if best is not None:
        best = min(max(best, earliest or best), latest or best)
    expressions = sorted({r.dates.expression for r in majority if r.dates.expression})
    return DateRange(
        earliest, latest, best, _precision(earliest, latest, majority), "; ".join(expressions)
    ), note


def _majority_point(ranges: list[DateRange]) -> date | None:
    """The day covered by the most ranges (ties: the one narrow ranges cover most, then the earliest)."""
    points = sorted({d for r in ranges for d in (r.earliest, r.latest, r.best) if d is not None})
    if not points:
        return None
    if len(ranges) == 1:  # what the scores below give for one range: its earliest day it covers
        return next((day for day in points if _contains(ranges[0], day)), points[0])

    def score(day: date) -> tuple[int, float, int]:
        covering = [r for r in ranges if _contains(r, day)]
        narrowness = sum(1.0 / (1 + _width(r)) for r in covering)
        return len(covering), narrowness, -day.toordinal()

    return max(points, key=score)


def _precision(earliest: date | None, latest: date | None, majority: list[Report]) -> Precision:
    if earliest is None or latest is None:
        finest = [r.dates.precision for r in majority if r.dates.earliest and r.dates.latest]
        return "unknown" if not finest else min(finest, key=PRECISIONS.index)
    days = (latest - earliest).days
    return "day" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year"


def _describe(report: Report) -> str:
    d = report.dates
    expression = f" {d.expression!r}" if d.expression else ""
    return f"{report.source.article_id} ({report.source.outlet}) {iso(d.earliest) or '…'}..{iso(d.latest) or '…'}{expression}"


def _contains(dates: DateRange, day: date | None) -> bool:
    if day is None:
        return True
    return (dates.earliest is None or dates.earliest <= day) and (dates.latest is None or day <= dates.latest)


def _width(dates: DateRange) -> int:
    if dates.earliest is None or dates.latest is None:
        return 3650
    return (dates.latest - dates.earliest).days
