"""Places an article names by the last words of their full names: "Al-Othman" for the village Jubb
al-Uthman, "Umm Housh" for Ma'arrat Umm Hawsh, when the places around it say which one is meant.

Outlets shorten a village's name to its distinctive end (the first word says what kind of place it is:
a well, a farm, a hill), and that end often spells another village exactly, far away. The resolver
asks :class:`PartNames` only for such a far variant (``Resolver.respelled``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from frontlines.gazetteer.load import Gazetteer
from frontlines.gazetteer.nearby import coordinates, haversine_km
from frontlines.gazetteer.normalise import article_split, is_arabic, name_tokens
from frontlines.models import ADMIN_KINDS, Place

#: Kinds that are never a village's full name (too large or too abstract).
_NOT_PARTS = frozenset({"highway", "country", "foreign_country", "foreign_place"})
#: A name's end must hold this many letters to say which place it is.
MIN_LETTERS = 4


class PartNames:
    """The located places with their Latin spellings, indexed by the word keys their names end with."""

    def __init__(self, gazetteer: Gazetteer):
        self._gazetteer = gazetteer
        self._places: list[Place] | None = None
        self._coordinates: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))
        self._endings: dict[tuple[str, ...], list[int]] = {}

    def _load(self) -> list[Place]:
        """Built once: for each proper ending (the last words of a longer name, its glued articles
        split or not), the indices of the places having it, in place id order."""
        if self._places is None:
            names: dict[str, list[str]] = {}
            for entry in self._gazetteer.names:
                if not is_arabic(entry.name):
                    names.setdefault(entry.place_id, []).append(entry.name)
            places = [
                p for p in (self._gazetteer.places.get(i) for i in sorted(names))
                if p is not None and p.lat is not None and p.lon is not None and not p.outside
                and p.kind not in ADMIN_KINDS | _NOT_PARTS
            ]  # fmt: skip
            endings: dict[tuple[str, ...], list[int]] = {}
            for k, place in enumerate(places):
                ends: set[tuple[str, ...]] = set()
                for spelling in names[place.id]:
                    for form in (spelling, article_split(spelling)):
                        tokens = tuple(name_tokens(form)) if form else ()
                        ends.update(tokens[-size:] for size in range(1, len(tokens)))
                for end in ends:
                    endings.setdefault(end, []).append(k)
            self._endings = endings
            self._coordinates = coordinates(places)
            self._places = places
        return self._places

    def ending_with(self, name: str, anchors: Sequence[Place], within_km: float) -> list[tuple[float, Place]]:
        """The places within ``within_km`` of an anchor one of whose names is longer than ``name`` and
        ends with its words, each with its distance to the nearest anchor, nearest first."""
        tokens = name_tokens(name)
        points = [a for a in anchors if a.lat is not None and a.lon is not None]
        if not tokens or len("".join(tokens)) < MIN_LETTERS or not points:
            return []
        places = self._load()
        having = self._endings.get(tuple(tokens))
        if not having:
            return []
        lat, lon = self._coordinates[0][having], self._coordinates[1][having]
        anchor_lat, anchor_lon = coordinates(points)
        nearest = haversine_km(lat[:, None], lon[:, None], anchor_lat[None, :], anchor_lon[None, :]).min(
            axis=1
        )
        found = [(float(nearest[j]), places[k]) for j, k in enumerate(having) if nearest[j] <= within_km]
        return sorted(found, key=lambda pair: (pair[0], pair[1].id))
