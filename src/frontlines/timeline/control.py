"""The timeline: control states of every place, queryable by date (rules in the package doc)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from frontlines.models import LINE_KINDS, ControlState, Event, Place
from frontlines.schema import FULL_LENGTH
from frontlines.timeline.routes import Route, highway_parts, point, route_vertices, same_spots, segment_place
from frontlines.timeline.spans import (
    INFER_DAYS,
    INTERDICTION,
    DaySpan,
    Seg,
    Span,
    event_date,
    finite,
    is_change,
    is_vague,
    one_report_per_change,
    place_segments,
    sort_key,
    to_date,
)

if TYPE_CHECKING:
    import geopandas as gpd


class Timeline:
    """Control states of every place mentioned by the events, queryable by date.

    ``infer_days`` bounds the inferred state before a place's first change (None: no bound).
    ``gazetteer`` (places by id), when given, adds its highways (held by segment wherever a place
    near them has an event) and the places named by ``at:`` flags that have no event of their own.
    """

    def __init__(
        self,
        events: Iterable[Event],
        *,
        infer_days: int | None = INFER_DAYS,
        gazetteer: Mapping[str, Place] | None = None,
    ):
        by_place: dict[str, list[Event]] = defaultdict(list)
        places: dict[str, Place] = {}
        for event in events:
            by_place[event.place.id].append(event)
            places.setdefault(event.place.id, event.place)
        self.infer_days = infer_days
        history = {pid: sorted(evs, key=sort_key) for pid, evs in sorted(by_place.items())}
        lookup = gazetteer or {}
        highways = {pid: p for pid, p in places.items() if p.kind in LINE_KINDS}
        highways |= {pid: p for pid, p in lookup.items() if p.kind in LINE_KINDS and pid not in highways}
        points = {pid: p for pid, p in places.items() if point(p) is not None}
        groups = same_spots(points.values())
        segments: dict[str, list[Seg]] = {}
        shared: dict[tuple[str, ...], list[Seg]] = {}
        for pid in sorted(places):
            if pid in highways:
                continue
            members = groups.get(pid, (pid,))
            if members not in shared:
                evs = [e for m in members for e in history[m] if e.kind != INTERDICTION]
                shared[members] = place_segments(sorted(one_report_per_change(evs), key=sort_key), infer_days)
            segments[pid] = shared[members]
        for pid, highway in sorted(highways.items()):
            route = Route(route_vertices(highway)) if len(route_vertices(highway)) > 1 else None
            if route is None:  # no route to cut: only events on its full length give it a state
                whole = [e for e in history.get(pid, []) if FULL_LENGTH in e.flags]
                if whole:
                    segments[pid] = place_segments(whole, infer_days)
                else:
                    places.pop(pid, None)
                continue
            parts = highway_parts(highway, history.get(pid, []), points, history, lookup)
            places.pop(pid, None)
            for lo, hi, evs, a, b in parts:
                segment = segment_place(highway, route, lo, hi, (a, b))
                places[segment.id] = segment
                history[segment.id] = evs
                segments[segment.id] = place_segments(
                    sorted(one_report_per_change(evs), key=sort_key), infer_days
                )
        self._places = dict(sorted(places.items()))
        self._history = dict(sorted(history.items()))
        self._segments = {pid: segments.get(pid, []) for pid in self._places}
        self._starts = {pid: [s.start for s in segs] for pid, segs in self._segments.items()}
        self._change_dates: dict[bool, list[date]] = {}

    @property
    def places(self) -> list[Place]:
        """Every place with an event (a highway as its segments), sorted by id."""
        return list(self._places.values())

    @property
    def events(self) -> list[Event]:
        """Every event, by place id then date then event id (each once)."""
        seen: set[str] = set()
        out = []
        for evs in self._history.values():
            for e in evs:
                if e.id not in seen:
                    seen.add(e.id)
                    out.append(e)
        return out

    def history(self, place_id: str) -> list[Event]:
        """The events of one place in date order (undated last); for a highway segment, the events
        that set it; [] for an unknown place."""
        return list(self._history.get(place_id, ()))

    def change_dates(self, *, vague: bool = True) -> list[date]:
        """The distinct dates (best, else latest, else earliest) of every control change, sorted;
        with ``vague=False`` only those of changes whose date is not vague (see ``is_vague``)."""
        if vague not in self._change_dates:
            days = {
                event_date(e)
                for evs in self._history.values()
                for e in evs
                if is_change(e) and (vague or not is_vague(e))
            }
            self._change_dates[vague] = sorted(d for d in days if d is not None)
        return list(self._change_dates[vague])

    def span_of_days(self) -> tuple[date, date] | None:
        """The first and last day any event of the timeline names (bounds and best dates), or None."""
        days = [
            d for e in self.events for d in (e.dates.earliest, e.dates.best, e.dates.latest) if d is not None
        ]
        return (min(days), max(days)) if days else None

    def spans(self, place_id: str) -> list[Span]:
        """The place's states as consecutive stretches of days, in date order."""
        return [
            Span(
                to_date(s.start),
                to_date(s.end),
                s.controller,
                s.certainty,
                s.other,
                s.since,
                s.event_id,
                s.since_latest,
            )
            for s in self._segments.get(place_id, ())
        ]

    def day_spans(self, place_id: str) -> list[DaySpan]:
        """``spans`` with day ordinals for bounds: the same stretches without making dates."""
        fin = finite  # finite bounds are ints already; only the open (infinite) ones need a look
        return [
            DaySpan(a if type(a) is int else fin(a), b if type(b) is int else fin(b), c, d, o, since, e, late)
            for a, b, c, d, o, since, e, late in self._segments.get(place_id, ())
        ]

    def state_of(self, place_id: str, on: date) -> ControlState | None:
        """The state of one place on a date, or None when nothing is known."""
        segs = self._segments.get(place_id)
        if not segs:
            return None
        i = bisect_right(self._starts[place_id], on.toordinal()) - 1
        if i < 0 or segs[i].end < on.toordinal():
            return None
        s = segs[i]
        return ControlState(
            place=self._places[place_id],
            on=on,
            controller=s.controller,
            since=s.since,
            certainty=s.certainty,
            last_event_id=s.event_id,
            other=s.other,
            since_latest=s.since_latest,
        )

    def state_on(self, on: date) -> list[ControlState]:
        """The state of every place with a known state on a date, sorted by place id."""
        states = (self.state_of(pid, on) for pid in self._places)
        return [s for s in states if s is not None]


def build_timeline(
    events: Iterable[Event],
    *,
    infer_days: int | None = INFER_DAYS,
    gazetteer: Mapping[str, Place] | None = None,
) -> Timeline:
    """Build the control timeline of every place from its events (see ``Timeline``)."""
    return Timeline(events, infer_days=infer_days, gazetteer=gazetteer)


def states_frame(states: Iterable[ControlState]) -> gpd.GeoDataFrame:
    """One row per state (sorted by place id), WGS84 geometry from the place's line or point."""
    import geopandas as gpd

    rows = sorted(states, key=lambda s: s.place.id)
    columns = ["place_id", "place", "lat", "lon", "controller", "since", "certainty", "last_event_id"]
    data = {
        "place_id": [s.place.id for s in rows],
        "place": [s.place.name for s in rows],
        "lat": [s.place.lat for s in rows],
        "lon": [s.place.lon for s in rows],
        "controller": [s.controller for s in rows],
        "since": [s.since for s in rows],
        "certainty": [s.certainty for s in rows],
        "last_event_id": [s.last_event_id for s in rows],
    }
    return gpd.GeoDataFrame(data, columns=columns, geometry=[s.place.shape() for s in rows], crs="EPSG:4326")
