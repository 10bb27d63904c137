"""Reports of the same change become one Event listing every source, with the dates they agree on.

* Two reports are of the same change when they name the same place, the same gainer, losers that
  agree (an ``unknown`` loser agrees with any), the same kind family (change or observation) and
  dates that overlap or lie within :data:`~frontlines.events.clusters.MERGE_GAP_DAYS` of each other
  with no report of the opposite change in between. Observations merge only when their dates
  overlap.
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

The steps live in ``reports`` (a report as the merge compares it), ``undated`` (dating undated
articles), ``clusters`` (which reports tell one change) and ``consensus`` (the dates they agree on);
this module runs them and builds each Event.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from frontlines.events.clusters import Cluster, cluster_reports
from frontlines.events.consensus import consolidate
from frontlines.events.dating import PAST_PERFECT_FLAG, SAID_DATE_FLAG
from frontlines.events.reports import Report, anchor, iso
from frontlines.events.undated import infer_article_dates
from frontlines.models import DateRange, Event
from frontlines.schema import (
    BACKGROUND,
    CONTESTED_DATE,
    DATE_UNKNOWN,
    FAR_NAMESAKE,
    LOSER_INFERRED,
    UNCONFIRMED,
    UNKNOWN,
)

_KIND_RANK = {"recapture": 0, "capture": 1, "withdrawal": 2, "observation": 3, "interdiction": 4}


_INTERNAL_FLAGS = frozenset({SAID_DATE_FLAG, PAST_PERFECT_FLAG})


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Merge per-report events (see the module docstring); sorted by date, place id and id."""
    reports = [
        Report(e.place, e.gainer, e.loser, e.kind, source, e.flags, e.notes)
        for e in events
        for source in e.sources
    ]
    reports = sorted(infer_article_dates(reports), key=Report.sort_key)
    by_place: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for report in reports:
        by_place[(report.place.id, report.family)].append(report)
    merged: list[Event] = []
    for place_reports in by_place.values():
        merged.extend(_build(cluster) for cluster in cluster_reports(place_reports))
    return _with_unique_ids(merged)


def _build(cluster: Cluster) -> Event:
    reports = cluster.reports if len(cluster.reports) == 1 else sorted(cluster.reports, key=Report.sort_key)
    head = reports[0]
    kind = head.kind if len(reports) == 1 else min((r.kind for r in reports), key=_KIND_RANK.__getitem__)
    dates, contested_note = consolidate(reports)
    flags = {f for r in reports for f in r.flags if f not in _INTERNAL_FLAGS}
    if len(reports) > 1:  # (one report keeps its flags through these four)
        if not all(r.background for r in reports):
            flags.discard(BACKGROUND)  # history to one report, news to another: news
        if any(r.loser != UNKNOWN and LOSER_INFERRED not in r.flags for r in reports):
            flags.discard(LOSER_INFERRED)  # one report names the loser
        if not all(UNCONFIRMED in r.flags for r in reports):
            flags.discard(UNCONFIRMED)  # one report without a hedge confirms it
        if not all(FAR_NAMESAKE in r.flags for r in reports):
            flags.discard(FAR_NAMESAKE)  # one report places it among the other places it names
    notes = sorted({n for r in reports for n in r.notes if not n.startswith("trigger:")})
    if contested_note:
        flags.add(CONTESTED_DATE)
        notes.append(contested_note)
    if dates.best is None and dates.earliest is None and dates.latest is None:
        flags.add(DATE_UNKNOWN)
    sources = (head.source,) if len(reports) == 1 else tuple(
        sorted({r.source for r in reports}, key=lambda s: (s.article_id, s.evidence, iso(s.published)))
    )  # fmt: skip
    loser = cluster.loser if head.family != "observation" else ""
    return Event(
        id=_event_id(head.place.id, head.gainer, loser, head.family, dates), place=head.place, gainer=head.gainer,
        loser=loser, kind=kind, dates=dates, sources=sources, flags=tuple(sorted(flags)), notes=tuple(notes),
    )  # fmt: skip


def _event_id(place_id: str, gainer: str, loser: str, family: str, dates: DateRange) -> str:
    day = anchor(dates)
    week = day.isocalendar() if day is not None else None
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
    return sorted(unique, key=lambda e: (iso(anchor(e.dates)) or "9999", e.place.id, e.id))
