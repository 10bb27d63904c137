"""Villages that only their name puts on the map, far from every other place their article names.

The gazetteer knows many village names at one spot only. A report from one front that names such a
village beside several places of that front, all of them far from it, is likelier about a namesake the
gazetteer lacks than about the far village: drawing the far one would colour the wrong place. Its events
keep their place and carry the ``far_namesake`` flag (one report of the change without it clears it:
see :mod:`~frontlines.events.merge`).
"""

from __future__ import annotations

from collections.abc import Iterable

from frontlines.gazetteer.geography import MAX_MEAN_KM
from frontlines.gazetteer.nearby import coordinates, haversine_km
from frontlines.gazetteer.ranking import PROMINENT_POPULATION, is_seat
from frontlines.models import ADMIN_KINDS, Mention, Place

#: How many other places an article must name for a village far from all of them to be doubted.
MIN_OTHERS = 2


def far_namesakes(mentions: Iterable[Mention]) -> frozenset[str]:
    """Ids of the villages that an article's ``mentions`` resolve to and that every candidate of their
    name puts more than MAX_MEAN_KM from each of at least MIN_OTHERS other places the article names (not
    a seat of its district, nor a town of PROMINENT_POPULATION: a report names those from afar)."""
    named: dict[str, list[Mention]] = {}
    for m in mentions:
        if (
            m.status == "resolved"
            and m.place is not None
            and m.place.lat is not None
            and m.place.kind not in ADMIN_KINDS
        ):
            named.setdefault(m.place.id, []).append(m)
    places = {pid: _place(uses[0]) for pid, uses in named.items()}
    doubted: dict[str, dict[str, Place]] = {}  # each village that may be doubted: the spots of its name
    for pid, uses in named.items():
        place = places[pid]
        if place.kind != "populated_place" or place.population >= PROMINENT_POPULATION or is_seat(place):
            continue
        spots = {c.place.id: c.place for m in uses for c in m.candidates if c.place.lat is not None}
        doubted[pid] = spots or {pid: place}
    if not doubted:
        return frozenset()
    # one distance matrix per article, every spot against every place (numpy pays per call, not per pair)
    rows = {spot_id: spot for spots in doubted.values() for spot_id, spot in spots.items()}
    row_of = {spot_id: i for i, spot_id in enumerate(rows)}
    columns = list(places)
    lat, lon = coordinates(list(rows.values()))
    other_lat, other_lon = coordinates(list(places.values()))
    km = haversine_km(lat[:, None], lon[:, None], other_lat[None, :], other_lon[None, :]).tolist()
    far = set()
    for pid, spots in doubted.items():
        others = [j for j, other in enumerate(columns) if other not in spots]
        if len(others) < MIN_OTHERS:
            continue
        if min(km[row_of[spot_id]][j] for spot_id in spots for j in others) > MAX_MEAN_KM:
            far.add(pid)
    return frozenset(far)


def _place(mention: Mention) -> Place:
    assert mention.place is not None
    return mention.place
