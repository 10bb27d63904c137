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
from frontlines.gazetteer.normalise import article_split, is_arabic, name_tokens
from frontlines.models import ADMIN_KINDS, Place
from frontlines.schema import EARTH_RADIUS_KM

#: Kinds that are never a village's full name (too large or too abstract).
_NOT_PARTS = frozenset({"highway", "country", "foreign_country", "foreign_place"})
#: A name's end must hold this many letters to say which place it is.
MIN_LETTERS = 4


class PartNames:
    """The located places with their Latin spellings, and which of them end with a given name."""

    def __init__(self, gazetteer: Gazetteer):
        self._gazetteer = gazetteer
        self._places: list[Place] | None = None
        self._coordinates: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))
        self._names: dict[str, list[str]] = {}

    def _load(self) -> list[Place]:
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
            self._names = names
            self._coordinates = (
                np.array([p.lat for p in places], dtype=float),
                np.array([p.lon for p in places], dtype=float),
            )
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
        if not places:
            return []
        lat, lon = self._coordinates
        a_lat = np.radians(np.array([a.lat for a in points], dtype=float))
        a_lon = np.radians(np.array([a.lon for a in points], dtype=float))
        p_lat, p_lon = np.radians(lat)[:, None], np.radians(lon)[:, None]
        h = (
            np.sin((a_lat - p_lat) / 2) ** 2
            + np.cos(p_lat) * np.cos(a_lat) * np.sin((a_lon - p_lon) / 2) ** 2
        )
        nearest = (2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))).min(axis=1)
        found = []
        size = len(tokens)
        for k in np.flatnonzero(nearest <= within_km):
            place = places[int(k)]
            for spelling in self._names.get(place.id, ()):
                forms = (spelling, article_split(spelling) or "")
                if any(len(t) > size and t[-size:] == tokens for t in (name_tokens(f) for f in forms if f)):
                    found.append((float(nearest[k]), place))
                    break
        return sorted(found, key=lambda pair: (pair[0], pair[1].id))
