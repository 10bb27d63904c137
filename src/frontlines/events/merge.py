"""Reports of the same change become one Event listing every source, with the dates they agree on.

* Two reports are of the same change when they name the same place, the same gainer, losers that
  agree (an ``unknown`` loser agrees with any), the same kind family (change or observation) and
  dates that overlap or lie within :data:`MERGE_GAP_DAYS` of each other with no report of the
  opposite change in between. Observations merge only when their dates overlap.
* Dates: the day covered by the most reports picks the majority; their intersection is the event's
  range. Reports that miss it disagree: the event keeps the union, is flagged ``contested_date`` and
  a note names the sources on each side with their ranges. The best date is the median best of the
  majority.
* An undated article's reports are dated when one of them gives a weekday ("on Thursday") and a
  dated report of the same change fell on that weekday: the article is taken as published that day,
  its relative expressions are resolved again and its reports flagged ``date_inferred``. Otherwise
  they keep unknown dates (``date_unknown``) and join a change only when exactly one matches.
* Ids come from the content (place, sides, kind family, ISO week of the best date) and output is
  sorted (date, place id, id): the same reports in any order give the same events.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from frontlines.dates import resolve_relative, unknown_date
from frontlines.events.dating import PAST_PERFECT_FLAG, SAID_DATE_FLAG
from frontlines.models import DateRange, Event, EventSource, Place
from frontlines.schema import (
    BACKGROUND,
    CHANGE_KINDS,
    CONTESTED_DATE,
    DATE_INFERRED,
    DATE_UNKNOWN,
    LOSER_INFERRED,
    PRECISIONS,
    UNCONFIRMED,
    UNKNOWN,
    EventKind,
    Precision,
)

#: Same-direction reports whose ranges lie this close are one change reported with different dates.
MERGE_GAP_DAYS = 10
#: Members of a cluster a new report's dates are compared with (the latest ones; keeps merging linear).
MAX_COMPARED = 8
_KIND_RANK = {"recapture": 0, "capture": 1, "withdrawal": 2, "observation": 3, "interdiction": 4}
_INTERNAL_FLAGS = frozenset({SAID_DATE_FLAG, PAST_PERFECT_FLAG})


@dataclass(slots=True)
class _Report:
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
            _day(d.best), _day(d.earliest), _day(d.latest), self.source.article_id, self.source.evidence, self.kind,
        )  # fmt: skip


@dataclass
class _Cluster:
    reports: list[_Report] = field(default_factory=list)
    low: date | None = None  # earliest and latest best date of the members
    high: date | None = None
    dated: list[_Report] = field(default_factory=list)  # the members with a date, in order
    framing: dict[str, set[bool]] = field(default_factory=dict)  # article id -> background flags seen
    losers: set[str] = field(default_factory=set)  # the known losers of the members

    def add(self, report: _Report) -> None:
        self.reports.append(report)
        if report.dated:
            self.dated.append(report)
        self.framing.setdefault(report.source.article_id, set()).add(report.background)
        if report.loser != UNKNOWN:
            self.losers.add(report.loser)
        best = report.dates.best
        if best is not None:
            self.low = best if self.low is None else min(self.low, best)
            self.high = best if self.high is None else max(self.high, best)

    @property
    def loser(self) -> str:
        return min(self.losers) if self.losers else UNKNOWN

    def accepts(self, report: _Report, opposite_days: list[date]) -> bool:
        head = self.reports[0]
        if head.gainer != report.gainer or head.family != report.family:
            return False
        if UNKNOWN not in (self.loser, report.loser) and self.loser != report.loser:
            return False
        if self.framing.get(report.source.article_id, {report.background}) - {report.background}:
            return False  # one article telling a change as history and another as news tells two changes
        if not report.dated:
            return True
        dated = self.dated
        if not dated:
            return True
        gap = min(_gap(r.dates, report.dates) for r in dated[-MAX_COMPARED:])
        if report.family == "observation":
            return gap == 0
        if gap > MERGE_GAP_DAYS:
            return False
        bests = [d for d in (self.low, self.high, report.dates.best) if d is not None]
        if not bests:
            return True
        low, high = min(bests), max(bests)
        after_low = bisect_right(opposite_days, low)  # opposite_days is sorted
        return not (after_low < len(opposite_days) and opposite_days[after_low] < high)


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge per-report events (see the module docstring); sorted by date, place id and id."""
    reports = [
        _Report(e.place, e.gainer, e.loser, e.kind, source, e.flags, e.notes)
        for e in events
        for source in e.sources
    ]
    reports = sorted(_infer_article_dates(reports), key=_Report.sort_key)
    by_place: dict[tuple[str, str], list[_Report]] = defaultdict(list)
    for report in reports:
        by_place[(report.place.id, report.family)].append(report)
    merged: list[Event] = []
    for place_reports in by_place.values():
        merged.extend(_build(cluster) for cluster in _clusters(place_reports))
    return _with_unique_ids(merged)


def _clusters(reports: list[_Report]) -> list[_Cluster]:
    """Clusters of one place's reports (in ``sort_key`` order): dated reports first, then undated ones
    where only one fits."""
    if len(reports) == 1:  # what the steps below give for one report, as most places have
        cluster = _Cluster()
        cluster.add(reports[0])
        return [cluster]
    clusters: list[_Cluster] = []
    bests_by_sides: dict[tuple[str, str], list[date]] = defaultdict(list)
    for other in reports:
        if other.dates.best:
            bests_by_sides[(other.gainer, other.loser)].append(other.dates.best)
    opposite_by_sides: dict[tuple[str, str], list[date]] = {}
    # ``reports`` come in ``sort_key`` order, which a stable sort keeps among reports of the same anchor day
    for report in sorted((r for r in reports if r.dated), key=lambda r: _day(_anchor(r.dates))):
        sides = (report.gainer, report.loser)
        if sides not in opposite_by_sides:  # the same for every report of these sides
            opposite_by_sides[sides] = sorted(
                day for (gainer, loser), days in bests_by_sides.items()
                if _opposite_sides(gainer, loser, report) for day in days
            )  # fmt: skip
        opposite = opposite_by_sides[sides]
        target = next((c for c in clusters if c.accepts(report, opposite)), None)
        if target is None:
            target = _Cluster()
            clusters.append(target)
        target.add(report)
    for report in (r for r in reports if not r.dated):
        fitting = [c for c in clusters if c.accepts(report, [])]
        if len(fitting) == 1:
            fitting[0].add(report)
        else:
            clusters.append(_Cluster())
            clusters[-1].add(report)
    return _absorb_unknown_gainers(clusters)


def _absorb_unknown_gainers(clusters: list[_Cluster]) -> list[_Cluster]:
    """Clusters whose gainer is unknown join the one cluster of a named gainer of the same article(s) they
    can be: a headline's "seizes X from Syrian troops" and its body's "the alliance overran X on Sunday"
    are one change (no such cluster, or several: they stay apart)."""
    named = [c for c in clusters if c.reports[0].gainer != UNKNOWN]
    kept = []
    for cluster in clusters:
        head = cluster.reports[0]
        fits = [
            c for c in named
            if head.gainer == UNKNOWN and head.family == c.reports[0].family == "change"
            and (UNKNOWN in (c.loser, cluster.loser) or c.loser == cluster.loser)
            and all(_gap(a.dates, b.dates) <= MERGE_GAP_DAYS for a in cluster.dated for b in c.dated)
            and {r.source.article_id for r in cluster.reports} <= {r.source.article_id for r in c.reports}
        ]  # fmt: skip
        if len(fits) == 1:
            for report in cluster.reports:
                fits[0].add(report)
        else:
            kept.append(cluster)
    return kept


def _same_change(a: _Report, b: _Report) -> bool:
    """True when two reports agree on the kind family and the sides (an unknown loser agrees with any)."""
    return (
        a.family == b.family
        and a.gainer == b.gainer
        and (a.loser == b.loser or UNKNOWN in (a.loser, b.loser))
    )


def _opposite_sides(gainer: str, loser: str, report: _Report) -> bool:
    """True when a change from ``loser`` to ``gainer`` reverses ``report``'s (or observes the other side)."""
    return gainer != report.gainer and (loser in (report.gainer, UNKNOWN, "") or gainer == report.loser)


def _build(cluster: _Cluster) -> Event:
    reports = cluster.reports if len(cluster.reports) == 1 else sorted(cluster.reports, key=_Report.sort_key)
    head = reports[0]
    kind = head.kind if len(reports) == 1 else min((r.kind for r in reports), key=_KIND_RANK.__getitem__)
    dates, contested_note = _consolidate(reports)
    flags = {f for r in reports for f in r.flags if f not in _INTERNAL_FLAGS}
    if len(reports) > 1:  # (one report keeps its flags through these three)
        if not all(r.background for r in reports):
            flags.discard(BACKGROUND)  # history to one report, news to another: news
        if any(r.loser != UNKNOWN and LOSER_INFERRED not in r.flags for r in reports):
            flags.discard(LOSER_INFERRED)  # one report names the loser
        if not all(UNCONFIRMED in r.flags for r in reports):
            flags.discard(UNCONFIRMED)  # one report without a hedge confirms it
    notes = sorted({n for r in reports for n in r.notes if not n.startswith("trigger:")})
    if contested_note:
        flags.add(CONTESTED_DATE)
        notes.append(contested_note)
    if dates.best is None and dates.earliest is None and dates.latest is None:
        flags.add(DATE_UNKNOWN)
    sources = (head.source,) if len(reports) == 1 else tuple(
        sorted({r.source for r in reports}, key=lambda s: (s.article_id, s.evidence, _iso(s.published)))
    )  # fmt: skip
    loser = cluster.loser if head.family != "observation" else ""
    return Event(
        id=_event_id(head.place.id, head.gainer, loser, head.family, dates), place=head.place, gainer=head.gainer,
        loser=loser, kind=kind, dates=dates, sources=sources, flags=tuple(sorted(flags)), notes=tuple(notes),
    )  # fmt: skip


def _consolidate(reports: list[_Report]) -> tuple[DateRange, str]:
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


def _precision(earliest: date | None, latest: date | None, majority: list[_Report]) -> Precision:
    if earliest is None or latest is None:
        finest = [r.dates.precision for r in majority if r.dates.earliest and r.dates.latest]
        return "unknown" if not finest else min(finest, key=PRECISIONS.index)
    days = (latest - earliest).days
    return "day" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year"


def _infer_article_dates(reports: list[_Report]) -> list[_Report]:
    """Date the reports of undated articles from dated reports of the same change on the same weekday."""
    dated = [r for r in reports if r.source.published is not None and r.dates.best is not None]
    undated: dict[str, list[_Report]] = defaultdict(list)
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


def _redated(report: _Report, published: date, witnesses: str) -> _Report:
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


def _describe(report: _Report) -> str:
    d = report.dates
    expression = f" {d.expression!r}" if d.expression else ""
    return f"{report.source.article_id} ({report.source.outlet}) {_iso(d.earliest) or '…'}..{_iso(d.latest) or '…'}{expression}"


def _contains(dates: DateRange, day: date | None) -> bool:
    if day is None:
        return True
    return (dates.earliest is None or dates.earliest <= day) and (dates.latest is None or day <= dates.latest)


def _gap(a: DateRange, b: DateRange) -> int:
    """Days between two ranges (0 when they overlap or a bound is open)."""
    if a.overlaps(b):
        return 0
    if a.latest is not None and b.earliest is not None and a.latest < b.earliest:
        return (b.earliest - a.latest).days
    if b.latest is not None and a.earliest is not None:
        return (a.earliest - b.latest).days
    return 0


def _width(dates: DateRange) -> int:
    if dates.earliest is None or dates.latest is None:
        return 3650
    return (dates.latest - dates.earliest).days


def _anchor(dates: DateRange) -> date | None:
    return dates.best or dates.latest or dates.earliest


def _iso(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _day(day: date | None) -> int:
    """A day as a number that sorts as its ISO text does (no day first)."""
    return day.toordinal() if day is not None else 0


_UNKNOWN_DATES = unknown_date()


def _event_id(place_id: str, gainer: str, loser: str, family: str, dates: DateRange) -> str:
    anchor = _anchor(dates)
    week = anchor.isocalendar() if anchor is not None else None
    bucket = f"{week[0]}-W{week[1]:02d}" if week is not None else "undated"
    digest = hashlib.sha1(f"{place_id}|{gainer}|{loser}|{family}|{bucket}".encode()).hexdigest()
    return "ev-" + digest[:12]


def _with_unique_ids(events: list[Event]) -> list[Event]:
    """Events sorted by (date, place id, id); an id shared by two events is suffixed from its first source."""
    counts = Counter(e.id for e in events)
    unique = [
        e if counts[e.id] == 1 else replace(e, id=e.id + "-" + hashlib.sha1(
            f"{e.sources[0].article_id}|{e.sources[0].evidence}".encode()).hexdigest()[:6])
        for e in events
    ]  # fmt: skip
    return sorted(unique, key=lambda e: (_iso(_anchor(e.dates)) or "9999", e.place.id, e.id))
