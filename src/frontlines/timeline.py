"""Who held each place on each date, from control changes and observations.

Rules, per place (a change is a capture, recapture or withdrawal; ``gainer`` takes it from ``loser``):

* Before the first change the place is held by that change's loser (certainty ``inferred``);
  with an unknown loser there is no state.
* A state is the state at the end of its day. From a change's ``dates.earliest`` to the day
  before its ``dates.latest`` the place is ``changing``: the controller is still the loser and
  ``other`` is the gainer. A change flagged ``contested_date`` is ``contested`` instead over the
  same days. A change dated to one day (earliest = latest) is complete on that day.
* From ``dates.latest`` on, the gainer holds it (``reported``, ``since`` = the change's best date)
  until the next change's window opens.
* Open bounds: an unknown ``earliest`` opens the window at the change's best date, else the day
  after the previous change's window (or at the beginning of time); an unknown ``latest`` keeps it
  open until the day before the next change's window (or for ever). When both sides of a boundary are open the boundary is
  the later change's best (else latest) date. Windows never overlap: a window that starts inside
  the previous one is moved after it.
* Changes are ordered by best date (else earliest, else latest), then id. A change with no date at
  all is placed after every dated change of its place: its window opens after theirs and never
  closes, so the place shows as ``changing`` towards its gainer from then on.
* An observation (``gainer`` = the side seen holding the place) applies from its best (else
  latest, else earliest) date until the next event of the place. Where it agrees with the state
  the changes imply it makes the state ``reported``; where it disagrees the state becomes
  ``contested`` with ``other`` = the observed side (the controller stays the one the changes
  imply). During a ``changing`` window an observation of either side changes nothing. A place
  with observations only is held by the observed side from the observation on. Undated
  observations are kept in the history but set no state.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

import geopandas as gpd
import shapely
from shapely.geometry import Point

from frontlines.models import ControlState, Event, Place

UNKNOWN = "unknown"
CONTESTED_DATE_FLAG = "contested_date"
_NEG = -math.inf
_POS = math.inf


@dataclass(frozen=True, slots=True)
class Span:
    """One stretch of days over which a place's state does not change (None = open bound)."""

    start: date | None
    end: date | None
    controller: str
    certainty: str
    other: str = ""
    since: date | None = None
    last_event_id: str = ""


class _Seg(NamedTuple):
    """A span on day ordinals, with infinite bounds for open ends (a tuple: made and compared in C)."""

    start: float
    end: float
    controller: str
    certainty: str
    other: str
    since: date | None
    event_id: str


def _cut(seg: _Seg, start: float, end: float) -> _Seg:
    """``seg`` over other days."""
    return _Seg(start, end, seg[2], seg[3], seg[4], seg[5], seg[6])


class DaySpan(NamedTuple):
    """A :class:`Span` on day ordinals (``date.toordinal()``; None = open bound), for bulk readers."""

    start: int | None
    end: int | None
    controller: str
    certainty: str
    other: str
    since: date | None
    last_event_id: str


def is_change(event: Event) -> bool:
    """True for captures, recaptures and withdrawals reported as news (see ``Event.changes_control``)."""
    return event.changes_control


def event_date(event: Event) -> date | None:
    """The single date an event is shown at: best, else latest, else earliest."""
    d = event.dates
    return d.best or d.latest or d.earliest


def _sort_key(event: Event) -> tuple:
    d = event.dates
    anchor = d.best or d.earliest or d.latest
    undated = anchor is None
    return (undated, anchor or date.min, d.earliest or date.min, d.latest or date.min, event.id)


def _known(side: str) -> bool:
    return bool(side) and side != UNKNOWN


def _windows(changes: list[Event]) -> list[tuple[float, float]]:
    """The ``changing`` window of each (sorted) change, as day ordinals; empty when end < start."""
    n = len(changes)
    lo = [c.dates.earliest.toordinal() if c.dates.earliest else None for c in changes]
    hi = [c.dates.latest.toordinal() if c.dates.latest else None for c in changes]
    for i, c in enumerate(changes):
        best = c.dates.best.toordinal() if c.dates.best else None
        if lo[i] is None and best is not None:
            lo[i] = best  # an open lower bound starts at the best date, not at the beginning of time
        if hi[i] is None and best is not None and c.dates.earliest is None:
            hi[i] = best
    starts: list[float] = []
    for i in range(n):
        if lo[i] is not None:
            s: float = lo[i]
        elif i == 0:
            s = _NEG
        elif hi[i - 1] is not None:
            s = hi[i - 1] + 1
        else:
            anchor = changes[i].dates.best or changes[i].dates.latest
            s = anchor.toordinal() if anchor else _POS
        if i:
            floor = max(starts[i - 1], hi[i - 1] if hi[i - 1] is not None else _NEG)
            if floor != _POS:
                s = max(s, floor + 1)
        starts.append(s)
    ends: list[float] = []
    for i in range(n):
        # States are as at the end of the day: on its latest date a change is complete.
        e: float = hi[i] - 1 if hi[i] is not None else _POS
        if i + 1 < n:
            e = min(e, starts[i + 1] - 1)
        ends.append(e)
    return list(zip(starts, ends))


def _change_segments(changes: list[Event], windows: list[tuple[float, float]]) -> list[_Seg]:
    segs: list[_Seg] = []
    first = changes[0]
    if windows[0][0] > _NEG and _known(first.loser):
        segs.append(_Seg(_NEG, windows[0][0] - 1, first.loser, "inferred", "", None, first.id))
    for i, (change, (s, e)) in enumerate(zip(changes, windows)):
        if e >= s:
            certainty = "contested" if CONTESTED_DATE_FLAG in change.flags else "changing"
            since = date.fromordinal(int(s)) if s > _NEG else None
            holder = change.loser if _known(change.loser) else UNKNOWN
            segs.append(_Seg(s, e, holder, certainty, change.gainer, since, change.id))
        after_end = windows[i + 1][0] - 1 if i + 1 < len(changes) else _POS
        after_start = max(e, s - 1) + 1
        if after_start <= after_end:
            segs.append(
                _Seg(after_start, after_end, change.gainer, "reported", "", event_date(change), change.id)
            )
    return segs


def _overlay(
    segs: list[_Seg], lo: float, hi: float, fn: Callable[[_Seg | None, float, float], _Seg | None]
) -> list[_Seg]:
    """Replace the days lo..hi of ``segs`` (and the gaps between them) by what ``fn`` makes of them."""
    out: list[_Seg] = []
    cursor = lo
    for seg in segs:
        if seg.end < lo or seg.start > hi:
            out.append(seg)
            continue
        if seg.start < lo:
            out.append(_cut(seg, seg.start, lo - 1))
        a, b = max(seg.start, lo), min(seg.end, hi)
        if a > cursor:
            gap = fn(None, cursor, a - 1)
            if gap:
                out.append(gap)
        inner = fn(_cut(seg, a, b), a, b)
        if inner:
            out.append(inner)
        if seg.end > hi:
            out.append(_cut(seg, hi + 1, seg.end))
        cursor = b + 1
    if cursor <= hi:
        gap = fn(None, cursor, hi)
        if gap:
            out.append(gap)
    out.sort(key=lambda s: s.start)
    return out


def _observe(obs: Event, day: date) -> Callable[[_Seg | None, float, float], _Seg | None]:
    seen = obs.gainer

    def apply(seg: _Seg | None, a: float, b: float) -> _Seg | None:
        if seg is None:
            return _Seg(a, b, seen, "reported", "", day, obs.id)
        if seg.certainty in ("changing", "contested") and seen in (seg.controller, seg.other):
            return seg
        if seg.controller == seen:
            return _Seg(seg.start, seg.end, seg.controller, "reported", "", seg.since, obs.id)
        return _Seg(seg.start, seg.end, seg.controller, "contested", seen, seg.since, obs.id)

    return apply


def _merge(segs: list[_Seg]) -> list[_Seg]:
    out: list[_Seg] = []
    for seg in segs:
        prev = out[-1] if out else None
        if prev and prev.end + 1 == seg.start and prev[2:] == seg[2:]:
            out[-1] = _cut(prev, prev.start, seg.end)
        else:
            out.append(seg)
    return out


def _place_segments(events: list[Event]) -> list[_Seg]:
    """The merged segments of one place, from its events sorted by ``_sort_key``."""
    changes = [e for e in events if is_change(e)]
    windows = _windows(changes) if changes else []
    segs = _change_segments(changes, windows) if changes else []
    change_starts = [w[0] for w in windows]
    observations = [e for e in events if e.kind == "observation" and event_date(e)]
    obs_days = [event_date(o).toordinal() for o in observations]  # type: ignore[union-attr]
    for i, obs in enumerate(observations):
        day = obs_days[i]
        until = min((n - 1 for n in change_starts + obs_days[i + 1 :] if n > day), default=_POS)
        segs = _overlay(segs, day, until, _observe(obs, date.fromordinal(day)))
    return _merge(segs)


def _to_date(x: float) -> date | None:
    return None if math.isinf(x) else date.fromordinal(int(x))


def _finite(x: float) -> int | None:
    return None if x == _NEG or x == _POS else int(x)


class Timeline:
    """Control states of every place mentioned by the events, queryable by date."""

    def __init__(self, events: Iterable[Event]):
        by_place: dict[str, list[Event]] = defaultdict(list)
        places: dict[str, Place] = {}
        for event in events:
            by_place[event.place.id].append(event)
            places.setdefault(event.place.id, event.place)
        self._places = dict(sorted(places.items()))
        self._history = {pid: sorted(evs, key=_sort_key) for pid, evs in sorted(by_place.items())}
        self._segments = {pid: _place_segments(evs) for pid, evs in self._history.items()}
        self._starts = {pid: [s.start for s in segs] for pid, segs in self._segments.items()}

    @property
    def places(self) -> list[Place]:
        """Every place with an event, sorted by id."""
        return list(self._places.values())

    @property
    def events(self) -> list[Event]:
        """Every event, by place id then date then event id."""
        return [e for evs in self._history.values() for e in evs]

    def history(self, place_id: str) -> list[Event]:
        """The events of one place in date order (undated last); [] for an unknown place."""
        return list(self._history.get(place_id, ()))

    def change_dates(self) -> list[date]:
        """The distinct dates (best, else latest, else earliest) of every control change, sorted."""
        days = {event_date(e) for evs in self._history.values() for e in evs if is_change(e)}
        return sorted(d for d in days if d is not None)

    def spans(self, place_id: str) -> list[Span]:
        """The place's states as consecutive stretches of days, in date order."""
        return [
            Span(_to_date(s.start), _to_date(s.end), s.controller, s.certainty, s.other, s.since, s.event_id)
            for s in self._segments.get(place_id, ())
        ]

    def day_spans(self, place_id: str) -> list[DaySpan]:
        """``spans`` with day ordinals for bounds: the same stretches without making dates."""
        fin = _finite  # finite bounds are ints already; only the open (infinite) ones need a look
        return [
            DaySpan(a if type(a) is int else fin(a), b if type(b) is int else fin(b), c, d, o, since, e)
            for a, b, c, d, o, since, e in self._segments.get(place_id, ())
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
        )

    def state_on(self, on: date) -> list[ControlState]:
        """The state of every place with a known state on a date, sorted by place id."""
        states = (self.state_of(pid, on) for pid in self._places)
        return [s for s in states if s is not None]


def build_timeline(events: Iterable[Event]) -> Timeline:
    """Build the control timeline of every place from its changes and observations."""
    return Timeline(events)


def _geometry(place: Place) -> shapely.Geometry | None:
    if place.geometry_wkt:
        return shapely.from_wkt(place.geometry_wkt)
    if place.lat is not None and place.lon is not None:
        return Point(place.lon, place.lat)
    return None


def states_frame(states: Iterable[ControlState]) -> gpd.GeoDataFrame:
    """One row per state (sorted by place id), WGS84 geometry from the place's line or point."""
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
    return gpd.GeoDataFrame(
        data, columns=columns, geometry=[_geometry(s.place) for s in rows], crs="EPSG:4326"
    )


__all__ = [
    "DaySpan",
    "Span",
    "Timeline",
    "build_timeline",
    "event_date",
    "is_change",
    "states_frame",
    "UNKNOWN",
]
