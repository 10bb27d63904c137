"""Highways held by segment, and places at one spot: the geometry the timeline cuts routes with."""

from __future__ import annotations

import math
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise

from frontlines.models import LINE_KINDS, Event, Place, bearing_degrees, distance_km
from frontlines.schema import AREA_KINDS, AT_FLAG_PREFIX, FULL_LENGTH
from frontlines.timeline.spans import INTERDICTION, sort_key

#: The note by which an interdiction at a town names the highway cut there ("highway: hwy:M5").
HIGHWAY_NOTE = "highway: "
#: Points closer than this (km) are one spot: a town and the junction beside it.
SAME_SPOT_KM = 1.0
#: A place this close (km) to a route cuts it.
NEAR_ROUTE_KM = 3.0
#: An event at a place sets the route at most this far (km) on each side of it.
SEGMENT_REACH_KM = 10.0
_KM_PER_DEG = 111.2


def point(place: Place) -> tuple[float, float] | None:
    """A point place's (lat, lon); None for lines, places outside the map and unlocated places."""
    if place.kind in LINE_KINDS or place.outside or place.lat is None or place.lon is None:
        return None
    return place.lat, place.lon


def same_spots(places: Iterable[Place]) -> dict[str, tuple[str, ...]]:
    """Groups of point places within ``SAME_SPOT_KM`` of another (linked in chains), by member id.

    A neighbourhood or a region is never one spot with the town at its point: it is held apart.
    """
    points = {p.id: xy for p in places if p.kind not in AREA_KINDS and (xy := point(p)) is not None}
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


def route_vertices(place: Place) -> list[tuple[float, float]]:
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


class Route:
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
    return _COMPASS[round(bearing_degrees(lat1, lon1, lat2, lon2) / 45) % 8]


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


def highway_parts(
    highway: Place,
    own: list[Event],
    points: dict[str, Place],
    history: dict[str, list[Event]],
    lookup: Mapping[str, Place],
) -> list[tuple[float, float, list[Event], str, str]]:
    """The parts of a highway's route and the events that set each: ``(from km, to km, events, from
    label, to label)``, for the parts that some event sets (see the module doc)."""
    vertices = route_vertices(highway)
    if len(vertices) < 2:
        return []
    route = Route(vertices)
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
            if at is None or point(at) is None:
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
        events = sorted(set(events), key=sort_key)
        if parts and parts[-1][1] == lo and parts[-1][2] == events:
            prev = parts.pop()
            parts.append((prev[0], hi, events, prev[3], labels.get(round(hi, 3), "")))
        else:
            parts.append((lo, hi, events, labels.get(round(lo, 3), ""), labels.get(round(hi, 3), "")))
    return parts


def segment_place(highway: Place, route: Route, lo: float, hi: float, names: tuple[str, str]) -> Place:
    coords = ", ".join(f"{lon:.5f} {lat:.5f}" for lat, lon in route.part(lo, hi))
    lat, lon = route.at((lo + hi) / 2)
    a = names[0] or f"km {lo:.0f}"
    b = names[1] or f"km {hi:.0f}"
    return Place(
        id=f"{highway.id}@{lo:.0f}-{hi:.0f}", name=f"{highway.name} {a} – {b}", kind=highway.kind,
        lat=round(lat, 5), lon=round(lon, 5), name_ar=highway.name_ar, admin1=highway.admin1,
        source_ids=highway.source_ids, approximate=True, geometry_wkt=f"LINESTRING ({coords})",
    )  # fmt: skip
