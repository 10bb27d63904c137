"""Who held each place on each date, from control changes, observations and interdictions.

Rules, per place (a change is a capture, recapture or withdrawal; ``gainer`` takes it from ``loser``):

* Before the first change the place is held by that change's loser (certainty ``inferred``) for at
  most ``infer_days`` days (60 by default); before that it has no state. There is no inferred state
  when the loser is unknown, or when the change has no earliest date ("by 26 February": it may
  have happened long before).
* A state is the state at the end of its day. From a change's ``dates.earliest`` to the day
  before its ``dates.latest`` the place is ``changing``: the controller is still the loser (``unknown``
  when the date is a vague range, see ``is_vague``: it may have changed on any of those days) and
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
* An interdiction (a road cut, blocked or within firing range; ``gainer`` = the side that cut it)
  changes nobody's control. On a highway segment, from its date to the next change, the state is
  ``contested`` with ``other`` = that side (unless it already holds the segment); an interdiction at a
  town sets the segments next to it (of the highway its ``highway:`` note names, if any), and
  leaves the town's own state alone.
* A change whose date is vague (month or year precision, an open bound, or a range over
  ``VAGUE_DAYS`` days) gives ``since`` = its earliest day and ``since_latest`` = its latest.

Places at one spot (points within ``SAME_SPOT_KM`` of each other, such as a town and the junction
beside it) share one state, built from the events of them all.

Highways are held by segment. A route is cut at its vertices (the towns it passes) and at every
place with an event within ``NEAR_ROUTE_KM`` of it. A change, observation or interdiction at such
a place sets the route on each side of it, up to the next town and at most ``SEGMENT_REACH_KM``
away; an event on the highway itself sets the parts next to the places of its ``at:`` flags, or
the whole route with the ``full_length`` flag (see ``models``); one with neither sets nothing.
Consecutive parts with the same states are one segment: a place of kind ``highway`` with id
``<highway id>@<from km>-<to km>``, whose history is the events that set it.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, NamedTuple

from frontlines.models import LINE_KINDS, Certainty, ControlState, Event, Place, distance_km
from frontlines.schema import AREA_KINDS, AT_FLAG_PREFIX, CHANGE_KINDS, FULL_LENGTH, UNCONFIRMED

if TYPE_CHECKING:  # the geometry stack is imported where it is used: the CLI starts without it
    import geopandas as gpd

UNKNOWN = "unknown"
CONTESTED_DATE_FLAG = "contested_date"
INTERDICTION = "interdiction"
#: The note by which an interdiction at a town names the highway cut there ("highway: hwy:M5").
HIGHWAY_NOTE = "highway: "
#: How far back "held by the loser before the first change" reaches, by default.
INFER_DAYS = 60
#: A change dated by a range wider than this (or with month or year precision) is vague.
VAGUE_DAYS = 7
SAME_SPOT_KM = 1.0
NEAR_ROUTE_KM = 3.0
SEGMENT_REACH_KM = 10.0
_NEG = -math.inf
_POS = math.inf


@dataclass(frozen=True, slots=True)
class Span:
    """One stretch of days over which a place's state does not change (None = open bound)."""

    start: date | None
    end: date | None
    controller: str
    certainty: Certainty
    other: str = ""
    since: date | None = None
    last_event_id: str = ""
    since_latest: date | None = None


class _Seg(NamedTuple):
    """A span on day ordinals, with infinite bounds for open ends (a tuple: made and compared in C)."""

    start: float
    end: float
    controller: str
    certainty: Certainty
    other: str
    since: date | None
    event_id: str
    since_latest: date | None = None


def _cut(seg: _Seg, start: float, end: float) -> _Seg:
    """``seg`` over other days."""
    return _Seg(start, end, seg[2], seg[3], seg[4], seg[5], seg[6], seg[7])


class DaySpan(NamedTuple):
    """A :class:`Span` on day ordinals (``date.toordinal()``; None = open bound), for bulk readers."""

    start: int | None
    end: int | None
    controller: str
    certainty: Certainty
    other: str
    since: date | None
    last_event_id: str
    since_latest: date | None = None


def is_change(event: Event) -> bool:
    """True for captures, recaptures and withdrawals reported as news (see ``Event.changes_control``)."""
    return event.changes_control


def is_vague(event: Event) -> bool:
    """True when an event's date is vague: month or year precision, an open bound, or a range of
    more than ``VAGUE_DAYS`` days. Vague changes get no "recent change" halo and no snapshot page."""
    d = event.dates
    if d.precision in ("month", "year") or d.earliest is None or d.latest is None:
        return True
    return (d.latest - d.earliest).days > VAGUE_DAYS


def event_date(event: Event) -> date | None:
    """The single date an event is shown at: best, else latest, else earliest."""
    d = event.dates
    return d.best or d.latest or d.earliest


def _sort_key(event: Event) -> tuple[bool, date, date, date, str]:
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
        low, prev_hi = lo[i], hi[i - 1] if i else None
        if low is not None:
            s: float = low
        elif i == 0:
            s = _NEG
        elif prev_hi is not None:
            s = prev_hi + 1
        else:
            anchor = changes[i].dates.best or changes[i].dates.latest
            s = anchor.toordinal() if anchor else _POS
        if i:
            floor = max(starts[i - 1], prev_hi if prev_hi is not None else _NEG)
            if floor != _POS:
                s = max(s, floor + 1)
        starts.append(s)
    ends: list[float] = []
    for i in range(n):
        # States are as at the end of the day: on its latest date a change is complete.
        high = hi[i]
        e: float = high - 1 if high is not None else _POS
        if i + 1 < n:
            e = min(e, starts[i + 1] - 1)
        ends.append(e)
    return list(zip(starts, ends))


def _since(change: Event) -> tuple[date | None, date | None]:
    """``since`` and ``since_latest`` of the state a change leaves: its day, or its range when vague."""
    if is_vague(change):
        return change.dates.earliest, change.dates.latest
    return event_date(change), None


def _change_segments(
    changes: list[Event], windows: list[tuple[float, float]], infer_days: int | None
) -> list[_Seg]:
    segs: list[_Seg] = []
    first = changes[0]
    start = windows[0][0]
    if start > _NEG and start != _POS and _known(first.loser) and first.dates.earliest is not None:
        reach = _NEG if infer_days is None else start - infer_days
        segs.append(_Seg(reach, start - 1, first.loser, "inferred", "", None, first.id))
    for i, (change, (s, e)) in enumerate(zip(changes, windows)):
        if s == _POS:  # undated after an undated change: no day to place it on
            continue
        if e >= s:
            certainty: Certainty = "contested" if CONTESTED_DATE_FLAG in change.flags else "changing"
            since = date.fromordinal(int(s)) if s > _NEG else None
            ranged = (
                change.dates.earliest is not None and change.dates.latest is not None and is_vague(change)
            )
            holder = change.loser if _known(change.loser) and not ranged else UNKNOWN
            segs.append(_Seg(s, e, holder, certainty, change.gainer, since, change.id))
        after_end = windows[i + 1][0] - 1 if i + 1 < len(changes) else _POS
        after_start = max(e, s - 1) + 1
        if after_start <= after_end and after_start != _POS:
            since, since_latest = _since(change)
            claimed = UNCONFIRMED in change.flags and _known(change.loser)
            segs.append(
                _Seg(after_start, after_end, change.gainer, "claimed" if claimed else "reported",
                     change.loser if claimed else "", since, change.id, since_latest)
            )  # fmt: skip
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
            return _Seg(
                seg.start, seg.end, seg.controller, "reported", "", seg.since, obs.id, seg.since_latest
            )
        return _Seg(
            seg.start, seg.end, seg.controller, "contested", seen, seg.since, obs.id, seg.since_latest
        )

    return apply


def _interdict(event: Event, day: date) -> Callable[[_Seg | None, float, float], _Seg | None]:
    side = event.gainer

    def apply(seg: _Seg | None, a: float, b: float) -> _Seg | None:
        if seg is None:
            return _Seg(a, b, UNKNOWN, "contested", side, day, event.id)
        if seg.certainty == "changing" or seg.controller == side or not _known(side):
            return seg
        return _Seg(
            seg.start, seg.end, seg.controller, "contested", side, seg.since, event.id, seg.since_latest
        )

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


def _place_segments(events: list[Event], infer_days: int | None = INFER_DAYS) -> list[_Seg]:
    """The merged segments of one place, from its events sorted by ``_sort_key``."""
    changes = [e for e in events if is_change(e)]
    windows = _windows(changes) if changes else []
    segs = _change_segments(changes, windows, infer_days) if changes else []
    change_starts = [w[0] for w in windows]
    observed = [(e, d.toordinal()) for e in events if e.kind == "observation" and (d := event_date(e))]
    obs_days = [day for _, day in observed]
    for i, (obs, day) in enumerate(observed):
        until = min((n - 1 for n in change_starts + obs_days[i + 1 :] if n > day), default=_POS)
        segs = _overlay(segs, day, until, _observe(obs, date.fromordinal(day)))
    for cut, on in ((e, d) for e in events if e.kind == INTERDICTION and (d := event_date(e))):
        day = on.toordinal()
        until = min((n - 1 for n in change_starts if n > day), default=_POS)
        segs = _overlay(segs, day, until, _interdict(cut, date.fromordinal(day)))
    return _merge(segs)


def _to_date(x: float) -> date | None:
    return None if math.isinf(x) else date.fromordinal(int(x))


def _finite(x: float) -> int | None:
    return None if x == _NEG or x == _POS else int(x)


# -- places at one spot and highways by segment ---------------------------------------------------

_KM_PER_DEG = 111.2


def _point(place: Place) -> tuple[float, float] | None:
    if place.kind in LINE_KINDS or place.outside or place.lat is None or place.lon is None:
        return None
    return place.lat, place.lon


def _same_spots(places: Iterable[Place]) -> dict[str, tuple[str, ...]]:
    """Groups of point places within ``SAME_SPOT_KM`` of another (linked in chains), by member id.

    A neighbourhood or a region is never one spot with the town at its point: it is held apart.
    """
    points = {p.id: xy for p in places if p.kind not in AREA_KINDS and (xy := _point(p)) is not None}
    parent = {pid: pid for pid in points}

    def root(pid: str) -> str:
        while parent[pid] != pid:
            parent[pid] = parent[parent[pid]]
            pid = parent[pid]
        return pid

    cell = SAME_SPOT_KM / _KM_PER_DEG
    grid: dict[tuple[int, int], list[str]] = defaultdict(list)
    for pid, (lat, lon) in sorted(points.items()):
        gx, gy = int(lon // cell), int(lat // cell)
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                for other in grid.get((gx + dx, gy + dy), ()):
                    if distance_km(lat, lon, *points[other]) <= SAME_SPOT_KM:
                        parent[root(pid)] = root(other)
        grid[(gx, gy)].append(pid)
    groups: dict[str, list[str]] = defaultdict(list)
    for pid in sorted(points):
        groups[root(pid)].append(pid)
    return {pid: tuple(members) for members in groups.values() if len(members) > 1 for pid in members}


def _width(event: Event) -> float:
    d = event.dates
    return math.inf if d.earliest is None or d.latest is None else (d.latest - d.earliest).days


def _one_report_per_change(events: list[Event]) -> list[Event]:
    """The events of places at one spot (or of one highway segment), where a change reported at two
    of them (the town and its junction taken the same day) counts once: by its most precise report."""
    kept: list[Event] = []
    for e in sorted(events, key=lambda e: (_width(e), e.id)):
        if is_change(e) and any(
            is_change(k) and k.gainer == e.gainer and k.dates.overlaps(e.dates) for k in kept
        ):
            continue
        kept.append(e)
    return kept


def _route(place: Place) -> list[tuple[float, float]]:
    """A line place's vertices as (lat, lon), from its WKT LINESTRING ([] when it has none)."""
    wkt = place.geometry_wkt
    if place.kind not in LINE_KINDS or not wkt.upper().startswith("LINESTRING"):
        return []
    body = wkt[wkt.index("(") + 1 : wkt.rindex(")")]
    return [(float(lat), float(lon)) for lon, lat in (p.split() for p in body.split(","))]


@dataclass(frozen=True, slots=True)
class _Anchor:
    """A place on or beside a route, at ``at`` km along it."""

    at: float
    place: Place


class _Route:
    """A route measured in km from its first vertex."""

    def __init__(self, vertices: list[tuple[float, float]]):
        self.vertices = vertices
        self.km = [0.0]
        for (a, b), (c, d) in pairwise(vertices):
            self.km.append(self.km[-1] + distance_km(a, b, c, d))

    @property
    def length(self) -> float:
        return self.km[-1]

    def locate(self, lat: float, lon: float) -> tuple[float, float]:
        """(km along the route, km away from it) of the route's point nearest to (lat, lon)."""
        best = (0.0, math.inf)
        for i, ((a, b), (c, d)) in enumerate(pairwise(self.vertices)):
            k = math.cos(math.radians(lat))
            ax, ay, bx, by, px, py = b * k, a, d * k, c, lon * k, lat
            dx, dy = bx - ax, by - ay
            t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy or 1)))
            away = _KM_PER_DEG * math.hypot(ax + t * dx - px, ay + t * dy - py)
            if away < best[1]:
                best = (self.km[i] + t * (self.km[i + 1] - self.km[i]), away)
        return best

    def at(self, km: float) -> tuple[float, float]:
        """The (lat, lon) ``km`` along the route."""
        i = max(0, min(bisect_right(self.km, km) - 1, len(self.km) - 2))
        span = self.km[i + 1] - self.km[i]
        t = 0.0 if span == 0 else (km - self.km[i]) / span
        (a, b), (c, d) = self.vertices[i], self.vertices[i + 1]
        return a + t * (c - a), b + t * (d - b)

    def part(self, lo: float, hi: float) -> list[tuple[float, float]]:
        """The vertices of the route from ``lo`` to ``hi`` km."""
        points = [self.at(lo), *(v for v, k in zip(self.vertices, self.km) if lo < k < hi), self.at(hi)]
        return [p for i, p in enumerate(points) if i == 0 or distance_km(*points[i - 1], *p) > 0.01]


_COMPASS = ("north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west")


def _direction(lat1: float, lon1: float, lat2: float, lon2: float) -> str:
    """The compass word for the bearing from the first point to the second."""
    angle = math.degrees(math.atan2((lon2 - lon1) * math.cos(math.radians(lat1)), lat2 - lat1))
    return _COMPASS[round(angle / 45) % 8]


def _vertex_names(vertices: list[tuple[float, float]], lookup: Mapping[str, Place]) -> list[str]:
    """The name of the most populous town within 2 km of each vertex of a route ("" when none)."""
    near: list[list[Place]] = [[] for _ in vertices]
    for place in lookup.values():
        if place.kind != "populated_place" or place.lat is None or place.lon is None:
            continue
        for i, (lat, lon) in enumerate(vertices):
            if (
                abs(place.lat - lat) < 0.02
                and abs(place.lon - lon) < 0.025
                and distance_km(lat, lon, place.lat, place.lon) <= 2
            ):
                near[i].append(place)
    return [max(ps, key=lambda p: (p.population, p.id)).name if ps else "" for ps in near]


def _cuts_another_road(event: Event, highway_id: str) -> bool:
    """True for an interdiction at a town whose notes name the highway it cut, when that is another one."""
    roads = [n.removeprefix(HIGHWAY_NOTE) for n in event.notes if n.startswith(HIGHWAY_NOTE)]
    return event.kind == INTERDICTION and bool(roads) and highway_id not in roads


def _highway_parts(
    highway: Place,
    own: list[Event],
    points: dict[str, Place],
    history: dict[str, list[Event]],
    lookup: Mapping[str, Place],
) -> list[tuple[float, float, list[Event], str, str]]:
    """The parts of a highway's route and the events that set each: ``(from km, to km, events, from
    label, to label)``, for the parts that some event sets (see the module doc)."""
    vertices = _route(highway)
    if len(vertices) < 2:
        return []
    route = _Route(vertices)
    anchors: list[_Anchor] = []

    def anchor(place: Place) -> _Anchor | None:
        km, away = route.locate(place.lat, place.lon)  # type: ignore[arg-type]  # only located places are anchors
        if away > NEAR_ROUTE_KM:
            return None
        # places at one spot (a town and the junction beside it) cut the route at one point
        km = next((a.at for a in anchors if abs(a.at - km) <= SAME_SPOT_KM), km)
        anchors.append(_Anchor(km, place))
        return anchors[-1]

    for place in sorted(points.values(), key=lambda p: (p.kind != "populated_place", p.id)):
        anchor(place)
    by_id = {a.place.id: a for a in anchors}
    located: dict[str, list[Event]] = defaultdict(list)  # anchor id -> the highway's own events there
    whole: list[Event] = []
    for event in own:
        if FULL_LENGTH in event.flags:
            whole.append(event)
            continue
        for flag in event.flags:
            pid = flag[len(AT_FLAG_PREFIX) :] if flag.startswith(AT_FLAG_PREFIX) else ""
            at = points.get(pid) or lookup.get(pid)
            if at is None or _point(at) is None:
                continue
            if pid not in by_id:
                found = anchor(at)
                if found is None:
                    continue
                by_id[pid] = found
            located[pid].append(event)
    towns = sorted({round(k, 3) for k in route.km} | {round(a.at, 3) for a in anchors})
    # (positions are rounded to metres so that equal ones compare equal)
    reach: list[tuple[float, float, _Anchor]] = []  # the part each anchor's events set
    cuts = set(towns)
    for a in anchors:
        before = max((t for t in towns if t < a.at - SAME_SPOT_KM), default=0.0)
        after = min((t for t in towns if t > a.at + SAME_SPOT_KM), default=round(route.length, 3))
        lo = round(max(before, a.at - SEGMENT_REACH_KM), 3)
        hi = round(min(after, a.at + SEGMENT_REACH_KM), 3)
        reach.append((lo, hi, a))
        cuts |= {lo, hi}
    labels = {round(k, 3): name for k, name in zip(route.km, _vertex_names(vertices, lookup)) if name}
    for lo, hi, a in reach:
        for k in (lo, hi):
            if k not in labels and abs(k - a.at) > SAME_SPOT_KM:
                lat, lon = route.at(k)
                where = _direction(a.place.lat, a.place.lon, lat, lon)  # type: ignore[arg-type]  # anchors are located
                labels[k] = f"{abs(k - a.at):.0f} km {where} of {a.place.name}"
    for a in reversed(anchors):
        labels[round(a.at, 3)] = a.place.name
    bounds = sorted(cuts)
    parts: list[tuple[float, float, list[Event], str, str]] = []
    for lo, hi in pairwise(bounds):
        if hi - lo < 0.01:
            continue
        events = list(whole)
        for start, end, near in reach:
            if start <= lo and hi <= end:
                events += located.get(near.place.id, ())
                events += (e for e in history.get(near.place.id, ()) if not _cuts_another_road(e, highway.id))
        if not events:
            continue
        events = sorted(set(events), key=_sort_key)
        if parts and parts[-1][1] == lo and parts[-1][2] == events:
            prev = parts.pop()
            parts.append((prev[0], hi, events, prev[3], labels.get(round(hi, 3), "")))
        else:
            parts.append((lo, hi, events, labels.get(round(lo, 3), ""), labels.get(round(hi, 3), "")))
    return parts


def _segment_place(highway: Place, route: _Route, lo: float, hi: float, names: tuple[str, str]) -> Place:
    coords = ", ".join(f"{lon:.5f} {lat:.5f}" for lat, lon in route.part(lo, hi))
    lat, lon = route.at((lo + hi) / 2)
    a = names[0] or f"km {lo:.0f}"
    b = names[1] or f"km {hi:.0f}"
    return Place(
        id=f"{highway.id}@{lo:.0f}-{hi:.0f}", name=f"{highway.name} {a} – {b}", kind=highway.kind,
        lat=round(lat, 5), lon=round(lon, 5), name_ar=highway.name_ar, admin1=highway.admin1,
        source_ids=highway.source_ids, approximate=True, geometry_wkt=f"LINESTRING ({coords})",
    )  # fmt: skip


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
        history = {pid: sorted(evs, key=_sort_key) for pid, evs in sorted(by_place.items())}
        lookup = gazetteer or {}
        highways = {pid: p for pid, p in places.items() if p.kind in LINE_KINDS}
        highways |= {pid: p for pid, p in lookup.items() if p.kind in LINE_KINDS and pid not in highways}
        points = {pid: p for pid, p in places.items() if _point(p) is not None}
        groups = _same_spots(points.values())
        segments: dict[str, list[_Seg]] = {}
        shared: dict[tuple[str, ...], list[_Seg]] = {}
        for pid in sorted(places):
            if pid in highways:
                continue
            members = groups.get(pid, (pid,))
            if members not in shared:
                evs = [e for m in members for e in history[m] if e.kind != INTERDICTION]
                shared[members] = _place_segments(
                    sorted(_one_report_per_change(evs), key=_sort_key), infer_days
                )
            segments[pid] = shared[members]
        for pid, highway in sorted(highways.items()):
            route = _Route(_route(highway)) if len(_route(highway)) > 1 else None
            if route is None:  # no route to cut: only events on its full length give it a state
                whole = [e for e in history.get(pid, []) if FULL_LENGTH in e.flags]
                if whole:
                    segments[pid] = _place_segments(whole, infer_days)
                else:
                    places.pop(pid, None)
                continue
            parts = _highway_parts(highway, history.get(pid, []), points, history, lookup)
            places.pop(pid, None)
            for lo, hi, evs, a, b in parts:
                segment = _segment_place(highway, route, lo, hi, (a, b))
                places[segment.id] = segment
                history[segment.id] = evs
                segments[segment.id] = _place_segments(
                    sorted(_one_report_per_change(evs), key=_sort_key), infer_days
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
                _to_date(s.start),
                _to_date(s.end),
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
        fin = _finite  # finite bounds are ints already; only the open (infinite) ones need a look
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


__all__ = [
    "CHANGE_KINDS",
    "INFER_DAYS",
    "UNKNOWN",
    "DaySpan",
    "Span",
    "Timeline",
    "build_timeline",
    "event_date",
    "is_change",
    "is_vague",
    "states_frame",
]
