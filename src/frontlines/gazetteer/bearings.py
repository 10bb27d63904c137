"""Homonyms settled by the bearing a text gives from a settled place: "Zara, 40 km west of Homs", "the
town of Zara on the western edge of Homs"."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace

from frontlines.models import ADMIN_KINDS, Candidate, Mention, Place, distance_km

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
        rf"(?:(?P<km>\d{{1,3}}(?:\.\d)?)\s*(?:km|kms|kilometers|kilometres)\s+)?(?:to\s+the\s+)?{_DIRECTION}{_OF_PLACE}",
        re.IGNORECASE,
    ),
    re.compile(
        rf"\s+(?:at|on|in)\s+the\s+{_DIRECTION}\s+(?:edge|edges|outskirts|side|fringes?|entrance)\s+of\s+"
        rf"(?:the\s+(?:city|town)\s+of\s+)?(?P<km>)",
        re.IGNORECASE,
    ),
)
#: A candidate fits a bearing when it lies within this many degrees of it ...
SPREAD_DEGREES = 50.0
#: ... within this distance when the text gives none, else within the given one's slack.
REACH_KM = 60.0
SLACK_KM = 5.0
SLACK_RATIO = 0.5


def bearing_degrees(origin: Place, target: Place) -> float:
    """The initial great-circle bearing from ``origin`` to ``target``, degrees clockwise from north."""
    assert None not in (origin.lat, origin.lon, target.lat, target.lon)
    phi1, phi2 = math.radians(origin.lat), math.radians(target.lat)  # type: ignore[arg-type]
    delta = math.radians(target.lon - origin.lon)  # type: ignore[operator]
    x = math.sin(delta) * math.cos(phi2)
    y = math.cos(phi1) * math.sin(phi2) - math.sin(phi1) * math.cos(phi2) * math.cos(delta)
    return math.degrees(math.atan2(x, y)) % 360.0


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
        turn = abs((bearing_degrees(origin, place) - want + 180.0) % 360.0 - 180.0)
        if reach and turn <= SPREAD_DEGREES:
            fits.append(candidate)
    return fits


def settled_by_bearing(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions with each ambiguous one that a bearing from the settled place named right after it
    ("Zara, 40 km west of Homs") leaves with one candidate resolved to it; the others as they are."""
    starts = {m.start: m for m in mentions}
    settled = list(mentions)
    for n, mention in enumerate(mentions):
        if mention.status != "ambiguous" or len(mention.candidates) < 2:
            continue
        phrase = next((p for p in (r.match(text, mention.end) for r in BEARING_RES) if p is not None), None)
        origin = starts.get(phrase.end()) if phrase else None
        if phrase is None or origin is None or origin.status != "resolved" or origin.place is None \
                or origin.place.lat is None or origin.place.kind in ADMIN_KINDS:  # fmt: skip
            continue
        km = float(phrase["km"]) if phrase["km"] else None
        fits = along_bearing(mention.candidates, origin.place, phrase["direction"], km)
        if len(fits) == 1:
            settled[n] = replace(mention, status="resolved", place=fits[0].place, match=fits[0].match,
                                 candidates=(fits[0],))  # fmt: skip
    return settled
