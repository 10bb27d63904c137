"""Undated articles dated from the weekday of the same change in a dated report ("on Thursday")."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace
from datetime import date, timedelta

from frontlines.dates import resolve_relative
from frontlines.events.dating import PAST_PERFECT_FLAG, SAID_DATE_FLAG
from frontlines.events.reports import Report
from frontlines.models import DateRange
from frontlines.schema import DATE_INFERRED, UNKNOWN


def infer_article_dates(reports: list[Report]) -> list[Report]:
    """Date the reports of undated articles from dated reports of the same change on the same weekday."""
    dated = [r for r in reports if r.source.published is not None and r.dates.best is not None]
    undated: dict[str, list[Report]] = defaultdict(list)
    for report in reports:
        if report.source.published is None:
            undated[report.source.article_id].append(report)
    inferred: dict[str, tuple[date, str]] = {}
    for article_id, own in sorted(undated.items()):
        votes: Counter[date] = Counter()
        witnesses: dict[date, set[str]] = defaultdict(set)
        for report in own:
            relative = report.source.relative
            if relative is None or relative.kind != "weekday":
                continue
            weekday = relative.day
            for other in dated:
                if other.place.id == report.place.id and _same_change(other, report):
                    day = _day_on_weekday(other.dates, weekday)
                    if day is not None:
                        votes[day] += 1
                        witnesses[day].add(other.source.article_id)
        if votes:
            day = max(votes, key=lambda d: (votes[d], d))
            inferred[article_id] = (day, ", ".join(sorted(witnesses[day])))
    return [
        _redated(r, *inferred[r.source.article_id]) if r.source.article_id in inferred else r for r in reports
    ]


def _redated(report: Report, published: date, witnesses: str) -> Report:
    """A report of an undated article dated again as if published on ``published``."""
    source = report.source
    old = report.dates
    if source.relative is not None:
        dates = resolve_relative(source.relative, published, old.expression)
        if SAID_DATE_FLAG in report.flags:
            dates = DateRange(None, dates.latest, dates.latest, dates.precision, dates.expression)
    elif old.best is not None or old.earliest is not None:
        dates = old
    elif report.family == "observation":
        dates = DateRange(published, published, published, "day")
    else:
        latest = published - timedelta(days=1) if PAST_PERFECT_FLAG in report.flags else published
        dates = DateRange(None, latest, latest, "unknown")
    note = f"{source.article_id} dated {published.isoformat()} from the weekday of the same change in {witnesses}"
    return replace(
        report, source=replace(source, dates=dates), flags=tuple(sorted({*report.flags, DATE_INFERRED})),
        notes=(*report.notes, note),
    )  # fmt: skip


def _day_on_weekday(dates: DateRange, weekday: int) -> date | None:
    """The day of ``dates`` that falls on ``weekday``: its best, or the only one in a range of a week or less."""
    if dates.best is not None and dates.best.weekday() == weekday:
        return dates.best
    if dates.earliest is None or dates.latest is None or (dates.latest - dates.earliest).days > 6:
        return None
    days = [dates.earliest + timedelta(days=n) for n in range((dates.latest - dates.earliest).days + 1)]
    matching = [d for d in days if d.weekday() == weekday]
    return matching[0] if len(matching) == 1 else None


def _same_change(a: Report, b: Report) -> bool:
    """True when two reports agree on the kind family and the sides (an unknown loser agrees with any)."""
    return (
        a.family == b.family
        and a.gainer == b.gainer
        and (a.loser == b.loser or UNKNOWN in (a.loser, b.loser))
    )
