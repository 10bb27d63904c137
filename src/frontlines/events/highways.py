"""Highways: their routes (from the gazetteer's LINESTRING geometry) and the one a description names
("the highway linking Damascus with Aleppo" is the highway whose route passes both cities)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from frontlines.gazetteer import load_gazetteer
from frontlines.gazetteer.normalise import skeleton
from frontlines.literals import gate_text, literal_filter
from frontlines.models import LINE_KINDS, Place

_HIGHWAY_DESCRIPTION_RE = re.compile(
    r"\b(?:the\s+)?(?:main\s+|strategic\s+|key\s+|international\s+)*(?:highway|motorway|road)s?\s+"
    r"(?P<link>linking|connecting|between|from|that\s+links|which\s+links|that\s+connects|which\s+connects|running\s+between)\b"
    r"[^.;]{0,90}",
    re.IGNORECASE,
)
#: "the entire length of the M5", "fully secured the highway", "full control of the road": a change
#: of a highway's whole route (the ``full_length`` flag), not of the part near a town.
_FULL_LENGTH_RE = re.compile(
    r"\b(?:entire|full|whole)\s+length\b|\bfully\s+(?:secured|captured|seized|controlled|retook|recaptured|reopened)\b"
    r"|\bfull\s+control\s+(?:of|over)\s+the\s+(?:entire\s+|whole\s+)?(?:highway|motorway|road|route)\b",
    re.IGNORECASE,
)


def full_length(text: str) -> bool:
    """True when a sentence says a change covers a highway's whole route."""
    return _FULL_LENGTH_RE.search(text) is not None


#: "the Latakia–Aleppo road", "the Hama-Aleppo highway": a highway named by two towns it passes.
_CITY_PAIR_RE = re.compile(
    r"\b(?P<a>[A-Z][\w'’]*(?:[\s-](?:al-|el-|ez-|az-)?[A-Z][\w'’]*)?)\s*(?:[-–—/]|\s+to\s+)\s*"
    r"(?P<b>[A-Z][\w'’]*(?:[\s-](?:al-|el-|ez-|az-)?[A-Z][\w'’]*)?)\s+(?:(?:international|main|strategic)\s+)?"
    r"(?:highway|motorway|road)s?\b"
)
#: "the international highway (near X)": the one highway passing the sentence's places.
_INTERNATIONAL_RE = re.compile(r"\b(?:the\s+)?international\s+(?:highway|motorway|road)\b", re.IGNORECASE)
#: Sentences without the words a phrase needs ("highway", "motorway" or "road" ...) skip its scan.
_MAY_DESCRIBE = literal_filter(_HIGHWAY_DESCRIPTION_RE)
_MAY_PAIR = literal_filter(_CITY_PAIR_RE)
_MAY_BE_INTERNATIONAL = literal_filter(_INTERNATIONAL_RE)
#: How near (degrees, about 11 km) a town lies to a route for the route to pass it.
_NEAR = 0.1


@dataclass(frozen=True, slots=True)
class HighwayRoute:
    """A highway, the coordinates of the towns its route passes, and those towns' name keys."""

    place: Place
    points: tuple[tuple[float, float], ...]
    towns: frozenset[str] = frozenset()

    def distance(self, lat: float, lon: float) -> float:
        """The distance in degrees from a point to the route (its straight legs between towns)."""
        best = float("inf")
        for (y1, x1), (y2, x2) in zip(self.points, self.points[1:]):
            dy, dx = y2 - y1, x2 - x1
            length = dy * dy + dx * dx
            k = 0.0 if length == 0 else max(0.0, min(1.0, ((lat - y1) * dy + (lon - x1) * dx) / length))
            best = min(best, ((lat - y1 - k * dy) ** 2 + (lon - x1 - k * dx) ** 2) ** 0.5)
        return best


def highway_routes(places: Iterable[Place]) -> tuple[HighwayRoute, ...]:
    """Routes of the highways among ``places`` (from their LINESTRING geometry), sorted by id; each knows the
    name keys of the populated places nearest its towns."""
    places = list(places)
    towns = [p for p in places if p.kind == "populated_place" and p.lat is not None and p.lon is not None]
    routes = []
    for place in places:
        if place.kind in LINE_KINDS and place.geometry_wkt.startswith("LINESTRING"):
            body = place.geometry_wkt[place.geometry_wkt.index("(") + 1 : place.geometry_wkt.rindex(")")]
            points = tuple((float(lat), float(lon)) for lon, lat in (p.split() for p in body.split(",")))
            keys = set()
            for lat, lon in points:
                near = [
                    (abs(t.lat - lat) + abs(t.lon - lon), t.id, t)
                    for t in towns
                    if t.lat is not None
                    and t.lon is not None
                    and abs(t.lat - lat) < 0.05
                    and abs(t.lon - lon) < 0.05
                ]
                if near:
                    keys.add(skeleton(min(near)[2].name))
            routes.append(HighwayRoute(place, points, frozenset(keys)))
    return tuple(sorted(routes, key=lambda r: r.place.id))


@lru_cache(maxsize=1)
def shipped_highways() -> tuple[HighwayRoute, ...]:
    """The routes of the shipped gazetteer's highways (cached)."""
    return highway_routes(load_gazetteer().places.values())


def descriptions(text: str, gated: str | None = None) -> list[re.Match[str]]:
    """The highway descriptions of a sentence ("the road linking X with Y ..."); ``gated`` is its
    :func:`~frontlines.literals.gate_text` when the caller has it (also below)."""
    if not _MAY_DESCRIBE(gate_text(text) if gated is None else gated):
        return []
    return list(_HIGHWAY_DESCRIPTION_RE.finditer(text))


#: What lies before a road's first end ("between the towns of X"), and between its two ends ("X and Y", "X to Y").
_BEFORE_FIRST_END_RE = re.compile(
    r"\s+(?:the\s+)?(?:(?:towns?|cities|city|villages?)\s+of\s+)?", re.IGNORECASE
)
_BETWEEN_ENDS_RE = re.compile(
    r"\s*(?:,|and|with|to|&)\s+(?:the\s+)?(?:(?:town|city|village)\s+of\s+)?", re.IGNORECASE
)


def road_ends(match: re.Match[str], spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans among ``spans`` (sorted) that name the ends of a described road ("the road between the
    towns of X and Y", "the road linking X to Y"): its first one or two names, right after the linking word."""
    text = match.string
    ends: list[tuple[int, int]] = []
    at = match.end("link")
    for start, end in spans:
        if start < at or end > match.end():
            continue
        gap = _BETWEEN_ENDS_RE if ends else _BEFORE_FIRST_END_RE
        if gap.fullmatch(text, at, start) is None:
            break
        ends.append((start, end))
        at = end
        if len(ends) == 2:
            break
    return ends


def described_highway(
    routes: Sequence[HighwayRoute], towns: Sequence[tuple[float, float]]
) -> HighwayRoute | None:
    """The one route that passes the first two ``towns`` (lat, lon) of a description (None with fewer, or several routes)."""
    if len(towns) < 2:
        return None
    matches = [
        r for r in routes
        if all(any(abs(lat - t_lat) < 0.05 and abs(lon - t_lon) < 0.05 for lat, lon in r.points)
               for t_lat, t_lon in towns[:2])
    ]  # fmt: skip
    return matches[0] if len(matches) == 1 else None


def city_pairs(text: str, gated: str | None = None) -> list[re.Match[str]]:
    """The "A–B highway" phrases of a sentence (groups ``a`` and ``b``)."""
    if not _MAY_PAIR(gate_text(text) if gated is None else gated):
        return []
    return list(_CITY_PAIR_RE.finditer(text))


def route_between(routes: Sequence[HighwayRoute], first: str, second: str) -> HighwayRoute | None:
    """The one route passing a town named ``first`` and one named ``second`` (None: no or several)."""
    a, b = skeleton(first), skeleton(second)
    matches = [r for r in routes if a in r.towns and b in r.towns and a != b]
    return matches[0] if len(matches) == 1 else None


def international(text: str, gated: str | None = None) -> list[re.Match[str]]:
    """The "international highway" phrases of a sentence."""
    if not _MAY_BE_INTERNATIONAL(gate_text(text) if gated is None else gated):
        return []
    return list(_INTERNATIONAL_RE.finditer(text))


def route_near(routes: Sequence[HighwayRoute], points: Sequence[tuple[float, float]]) -> HighwayRoute | None:
    """The one route passing near any of ``points`` (None: no or several)."""
    matches = [r for r in routes if any(r.distance(lat, lon) < _NEAR for lat, lon in points)]
    return matches[0] if len(matches) == 1 else None
