"""Homonyms settled by where a text puts them from settled places: a bearing ("Zara, 40 km west of
Homs", "the town of Zara on the western edge of Homs") or two places around them ("Hmeimeh between
Homs and Deir ez-Zor")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from frontlines.models import ADMIN_KINDS, Candidate, Mention, Place, bearing_degrees, distance_km

_DIRECTIONS = {
    "north": 0.0, "northeast": 45.0, "east": 90.0, "southeast": 135.0,
    "south": 180.0, "southwest": 225.0, "west": 270.0, "northwest": 315.0,
}  # fmt: skip
_DIRECTION = r"(?P<direction>(?:north|south)(?:[- ]?(?:east|west))?|east|west)(?:ern)?"
_OF_PLACE = r"\s+(?:of|from)\s+(?:the\s+(?:city|town|village)\s+of\s+)?"
#: After a name: ", (about) 40 km (to the) west of", and " on the western edge of".
BEARING_RES = (
    re.compile(
        rf",?\s+(?:(?:about|some|around|roughly|nearly|approximately|just)\s+)?"
        rf"(?:(?P<km>\d{{1,3}}(?:\.\d)?)\s*(?:km|kms|kilometers|kilometres)\s+)?"
        rf"(?:to\s+the\s+)?{_DIRECTION}{_OF_PLACE}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\s+(?:at|on|in)\s+the\s+{_DIRECTION}\s+(?:edge|edges|outskirts|side|fringes?|entrance)\s+of\s+"
        rf"(?:the\s+(?:city|town)\s+of\s+)?(?P<km>)",
        re.IGNORECASE,
    ),
)
_KIND_OF = (
    r"(?:the\s+)?(?:(?:central|northern|southern|eastern|western)\s+)?"
    r"(?:(?:province|governorate|city|town)s?\s+of\s+)?"
)
#: After a name: ", (midway) between (the province of)"; then " and (the city of)" between the two places.
BETWEEN_RE = re.compile(
    rf",?\s+(?:(?:located|situated|lying)\s+)?(?:(?:mid|half)-?way\s+)?between\s+{_KIND_OF}", re.IGNORECASE
)
AND_RE = re.compile(rf"\s+and\s+{_KIND_OF}", re.IGNORECASE)
#: A candidate lies between two places when the way through it is at most this much longer than the
#: way from one to the other (plus DETOUR_KM).
DETOUR_RATIO = 1.2
DETOUR_KM = 20.0
#: A candidate fits a bearing when it lies within this many degrees of it ...
SPREAD_DEGREES = 50.0
#: ... within this distance when the text gives none, else within the given one's slack.
REACH_KM = 60.0
SLACK_KM = 5.0
SLACK_RATIO = 0.5


def along_bearing(
    candidates: Sequence[Candidate], origin: Place, direction: str, km: float | None
) -> list[Candidate]:
    """The candidates lying in ``direction`` from ``origin`` (within SPREAD_DEGREES), at ``km`` from it
    (within its slack) or, without a distance, within REACH_KM."""
    want = _DIRECTIONS[direction.lower().replace("-", "").replace(" ", "")]
    fits = []
    for candidate in candidates:
        place = candidate.place
        if place.lat is None or place.lon is None or place.id == origin.id:
            continue
        away = distance_km(origin.lat, origin.lon, place.lat, place.lon)  # type: ignore[arg-type]
        reach = abs(away - km) <= max(SLACK_KM, SLACK_RATIO * km) if km is not None else away <= REACH_KM
        bearing = bearing_degrees(origin.lat, origin.lon, place.lat, place.lon)  # type: ignore[arg-type]
        turn = abs((bearing - want + 180.0) % 360.0 - 180.0)
        if reach and turn <= SPREAD_DEGREES:
            fits.append(candidate)
    return fits


def between(candidates: Sequence[Candidate], one: Place, other: Place) -> list[Candidate]:
    """The candidates on the way from ``one`` to ``other`` (DETOUR_RATIO, DETOUR_KM)."""
    assert None not in (one.lat, one.lon, other.lat, other.lon)
    way = distance_km(one.lat, one.lon, other.lat, other.lon)  # type: ignore[arg-type]
    return [
        c for c in candidates
        if c.place.lat is not None and c.place.lon is not None
        and distance_km(one.lat, one.lon, c.place.lat, c.place.lon)  # type: ignore[arg-type]
        + distance_km(c.place.lat, c.place.lon, other.lat, other.lon)  # type: ignore[arg-type]
        <= DETOUR_RATIO * way + DETOUR_KM
    ]  # fmt: skip


def settled_by_bearing(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions with each ambiguous one that a bearing from the settled place named right after it
    ("Zara, 40 km west of Homs"), or the two settled places it is said to lie between, leave with one
    candidate resolved to it; the others as they are."""
    if not any(m.status == "ambiguous" for m in mentions):
        return list(mentions)
    starts = {m.start: m for m in mentions}
    settled = list(mentions)
    for n, mention in enumerate(mentions):
        if mention.status != "ambiguous" or len(mention.candidates) < 2:
            continue
        fits = _by_bearing(text, mention, starts)
        if fits is None:
            fits = _between(text, mention, starts)
        if fits is not None and len(fits) == 1:
            settled[n] = replace(mention, status="resolved", place=fits[0].place, match=fits[0].match,
                                 candidates=(fits[0],))  # fmt: skip
    return settled


def _settled(mention: Mention | None, *, admin: bool) -> Place | None:
    """The located place of a resolved mention (an admin unit only when ``admin``), else None."""
    if mention is None or mention.status != "resolved" or mention.place is None or mention.place.lat is None:
        return None
    return mention.place if admin or mention.place.kind not in ADMIN_KINDS else None


def _by_bearing(text: str, mention: Mention, starts: dict[int, Mention]) -> list[Candidate] | None:
    phrase = next((p for p in (r.match(text, mention.end) for r in BEARING_RES) if p is not None), None)
    origin = _settled(starts.get(phrase.end()), admin=False) if phrase else None
    if phrase is None or origin is None:
        return None
    km = float(phrase["km"]) if phrase["km"] else None
    return along_bearing(mention.candidates, origin, phrase["direction"], km)


def _between(text: str, mention: Mention, starts: dict[int, Mention]) -> list[Candidate] | None:
    """The candidates between the two places named after "between" (a province's centre serves)."""
    phrase = BETWEEN_RE.match(text, mention.end)
    first = starts.get(phrase.end()) if phrase else None
    joint = AND_RE.match(text, first.end) if first else None
    second = starts.get(joint.end()) if joint else None
    one, other = _settled(first, admin=True), _settled(second, admin=True)
    if one is None or other is None:
        return None
    return between(mention.candidates, one, other)
