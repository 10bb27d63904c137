"""Highways: their routes (from the gazetteer's LINESTRING geometry) and the one a description names
("the highway linking Damascus with Aleppo" is the highway whose route passes both cities)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from frontlines.gazetteer import load_gazetteer
from frontlines.literals import LiteralGate, gate_text, required_literals
from frontlines.models import LINE_KINDS, Place

_HIGHWAY_DESCRIPTION_RE = re.compile(
    r"\b(?:the\s+)?(?:main\s+|strategic\s+|key\s+|international\s+)*(?:highway|motorway|road)s?\s+"
    r"(?:linking|connecting|between|from|that\s+links|which\s+links|that\s+connects|which\s+connects|running\s+between)\b"
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


#: Sentences without "highway", "motorway" or "road" skip the highway-description scan.
_HIGHWAY_GATE = LiteralGate([required_literals(_HIGHWAY_DESCRIPTION_RE.pattern, _HIGHWAY_DESCRIPTION_RE.flags)])


@dataclass(frozen=True, slots=True)
class HighwayRoute:
    """A highway and the coordinates of the towns its route passes."""

    place: Place
    points: tuple[tuple[float, float], ...]


def highway_routes(places: Iterable[Place]) -> tuple[HighwayRoute, ...]:
    """Routes of the highways among ``places`` (from their LINESTRING geometry), sorted by id."""
    routes = []
    for place in places:
        if place.kind in LINE_KINDS and place.geometry_wkt.startswith("LINESTRING"):
            body = place.geometry_wkt[place.geometry_wkt.index("(") + 1 : place.geometry_wkt.rindex(")")]
            points = tuple((float(lat), float(lon)) for lon, lat in (p.split() for p in body.split(",")))
            routes.append(HighwayRoute(place, points))
    return tuple(sorted(routes, key=lambda r: r.place.id))


@lru_cache(maxsize=1)
def shipped_highways() -> tuple[HighwayRoute, ...]:
    """The routes of the shipped gazetteer's highways (cached)."""
    return highway_routes(load_gazetteer().places.values())


def descriptions(text: str) -> list[re.Match[str]]:
    """The highway descriptions of a sentence ("the road linking X with Y ...")."""
    return list(_HIGHWAY_DESCRIPTION_RE.finditer(text)) if _HIGHWAY_GATE.rules(gate_text(text)) else []


def described_highway(routes: Sequence[HighwayRoute], towns: Sequence[tuple[float, float]]) -> HighwayRoute | None:
    """The one route that passes the first two ``towns`` (lat, lon) of a description (None with fewer, or several routes)."""
    if len(towns) < 2:
        return None
    matches = [
        r for r in routes
        if all(any(abs(lat - t_lat) < 0.05 and abs(lon - t_lon) < 0.05 for lat, lon in r.points)
               for t_lat, t_lon in towns[:2])
    ]  # fmt: skip
    return matches[0] if len(matches) == 1 else None
