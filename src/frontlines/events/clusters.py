"""Which reports of one place tell the same change: clusters by sides, kind family and dates close enough."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from frontlines.events.reports import Report, anchor, day_order
from frontlines.models import DateRange
from frontlines.schema import UNKNOWN

#: Same-direction reports whose ranges lie this close are one change reported with different dates.
MERGE_GAP_DAYS = 10


#: Members of a cluster a new report's dates are compared with (the latest ones; keeps merging linear).
MAX_COMPARED = 8


@dataclass
class Cluster:
    """Reports of one place taken as one change, with what a new report is compared with."""

    reports: list[Report] = field(default_factory=list)
    low: date | None = None  # earliest and latest best date of the members
    high: date | None = None
    dated: list[Report] = field(default_factory=list)  # the members with a date, in order
    framing: dict[str, set[bool]] = field(default_factory=dict)  # article id -> background flags seen
    losers: set[str] = field(default_factory=set)  # the known losers of the members

    def add(self, report: Report) -> None:
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

    def accepts(self, report: Report, opposite_days: list[date]) -> bool:
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


def cluster_reports(reports: list[Report]) -> list[Cluster]:
    """Clusters of one place's reports (in ``sort_key`` order): dated reports first, then undated ones
    where only one fits."""
    if len(reports) == 1:  # what the steps below give for one report, as most places have
        cluster = Cluster()
        cluster.add(reports[0])
        return [cluster]
    clusters: list[Cluster] = []
    bests_by_sides: dict[tuple[str, str], list[date]] = defaultdict(list)
    for other in reports:
        if other.dates.best:
            bests_by_sides[(other.gainer, other.loser)].append(other.dates.best)
    opposite_by_sides: dict[tuple[str, str], list[date]] = {}
    # ``reports`` come in ``sort_key`` order, which a stable sort keeps among reports of the same anchor day
    for report in sorted((r for r in reports if r.dated), key=lambda r: day_order(anchor(r.dates))):
        sides = (report.gainer, report.loser)
        if sides not in opposite_by_sides:  # the same for every report of these sides
            opposite_by_sides[sides] = sorted(
                day for (gainer, loser), days in bests_by_sides.items()
                if _opposite_sides(gainer, loser, report) for day in days
            )  # fmt: skip
        opposite = opposite_by_sides[sides]
        target = next((c for c in clusters if c.accepts(report, opposite)), None)
        if target is None:
            target = Cluster()
            clusters.append(target)
        target.add(report)
    for report in (r for r in reports if not r.dated):
        fitting = [c for c in clusters if c.accepts(report, [])]
        if len(fitting) == 1:
            fitting[0].add(report)
        else:
            clusters.append(Cluster())
            clusters[-1].add(report)
    return _absorb_unknown_gainers(clusters)


def _absorb_unknown_gainers(clusters: list[Cluster]) -> list[Cluster]:
    """Clusters whose gainer is unknown join the one cluster of a named gainer of the same article(s) they
    can be: a headline's "seizes X from Syrian troops" and its body's "the alliance overran X on Sunday"
    are one change (no such cluster, or several: they stay apart). A change from the named gainer is never
    its own ("[A] entered X for the first time since they lost it in 2014": two changes)."""
    named = [c for c in clusters if c.reports[0].gainer != UNKNOWN]
    kept = []
    for cluster in clusters:
        head = cluster.reports[0]
        fits = [
            c for c in named
            if head.gainer == UNKNOWN and head.family == c.reports[0].family == "change"
            and (UNKNOWN in (c.loser, cluster.loser) or c.loser == cluster.loser)
            and cluster.loser != c.reports[0].gainer  # a loss of the named gainer's is no gain of its
            and all(_gap(a.dates, b.dates) <= MERGE_GAP_DAYS for a in cluster.dated for b in c.dated)
            and {r.source.article_id for r in cluster.reports} <= {r.source.article_id for r in c.reports}
        ]  # fmt: skip
        if len(fits) == 1:
            for report in cluster.reports:
                fits[0].add(report)
        else:
            kept.append(cluster)
    return kept


def _opposite_sides(gainer: str, loser: str, report: Report) -> bool:
    """True when a change from ``loser`` to ``gainer`` reverses ``report``'s (or observes the other side)."""
    return gainer != report.gainer and (loser in (report.gainer, UNKNOWN, "") or gainer == report.loser)


def _gap(a: DateRange, b: DateRange) -> int:
    """Days between two ranges (0 when they overlap or a bound is open)."""
    if a.overlaps(b):
        return 0
    if a.latest is not None and b.earliest is not None and a.latest < b.earliest:
        return (b.earliest - a.latest).days
    if b.latest is not None and a.earliest is not None:
        return (a.earliest - b.latest).days
    return 0
