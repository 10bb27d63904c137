"""Places an article names by the last words of their full names: "Al-Othman" for the village Jubb
al-Uthman, "Umm Housh" for Ma'arrat Umm Hawsh, when the places around it say which one is meant.

Outlets shorten a village's name to its distinctive end (the first word says what kind of place it is:
a well, a farm, a hill), and that end often spells another village exactly, far away. The resolver
asks :class:`PartNames` only for such a far variant (``Resolver.respelled``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import cast

import numpy as np

from frontlines.gazetteer.load import Gazetteer
from frontlines.gazetteer.nearby import NOT_LOCATING, coordinates, haversine_km, latitude_band
from frontlines.gazetteer.normalise import is_arabic, name_tokens
from frontlines.gazetteer.tables import NameForm
from frontlines.models import Place

#: A name's end must hold this many letters to say which place it is.
MIN_LETTERS = 4


class PartNames:
    """The located places with their Latin spellings, indexed by the word keys their names end with."""

    def __init__(self, gazetteer: Gazetteer, forms: Callable[[], Sequence[NameForm]]):
        """``forms`` gives those of each name of the gazetteer, in its order (``NameIndex.name_forms``)."""
        self._gazetteer = gazetteer
        self._forms = forms
        self._places: list[Place] | None = None
        self._coordinates: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))
        self._endings: dict[tuple[str, ...], list[int]] = {}

    @classmethod
    def of(
        cls, gazetteer: Gazetteer, place_ids: Sequence[str], endings: dict[tuple[str, ...], list[int]]
    ) -> PartNames:
        """The index of ``tables`` read back (the on-disk cache of ``lookups``)."""
        parts = cls(gazetteer, tuple)
        places = [gazetteer.places[place_id] for place_id in place_ids]
        parts._endings, parts._coordinates, parts._places = endings, coordinates(places), places
        return parts

    def tables(self) -> tuple[list[str], dict[tuple[str, ...], list[int]]]:
        """What ``of`` rebuilds the index from: its places' ids, and each ending's places (indices)."""
        return [place.id for place in self._load()], self._endings

    def _load(self) -> list[Place]:
        """Built once: for each proper ending (the last words of a longer name, its glued articles
        split or not), the indices of the places having it, in place id order."""
        if self._places is None:
            keys: dict[str, list[str]] = {}
            for entry, form in zip(self._gazetteer.names, self._forms(), strict=True):
                if not is_arabic(entry.name):
                    keys.setdefault(entry.place_id, []).extend(k for k in (form.key, form.split_key) if k)
            places = [
                p for p in (self._gazetteer.places.get(i) for i in sorted(keys))
                if p is not None and p.lat is not None and p.lon is not None and not p.outside
                and p.kind not in NOT_LOCATING
            ]  # fmt: skip
            endings: dict[tuple[str, ...], list[int]] = {}
            for k, place in enumerate(places):
                ends: set[tuple[str, ...]] = set()
                for key in keys[place.id]:
                    tokens = tuple(key.split())
                    ends.update(tokens[-size:] for size in range(1, len(tokens)))
                for end in ends:
                    endings.setdefault(end, []).append(k)
            self._endings = endings
            self._coordinates = coordinates(places)
            self._places = places
        return self._places

    def any_ending_with(self, name: str) -> bool:
        """True when some place has a longer name that ends with the words of ``name`` (wherever it lies)."""
        ending = _ending(name)
        self._load()
        return bool(ending) and ending in self._endings

    def ending_with(self, name: str, anchors: Sequence[Place], within_km: float) -> list[tuple[float, Place]]:
        """The places within ``within_km`` of an anchor one of whose names is longer than ``name`` and
        ends with its words, each with its distance to the nearest anchor, nearest first."""
        ending = _ending(name)
        places = self._load()
        having = self._endings.get(ending, []) if ending else []
        points = [a for a in anchors if a.lat is not None and a.lon is not None] if having else []
        if having and points:
            lowest, highest = latitude_band([a.lat for a in points if a.lat is not None], within_km)
            having = [k for k in having if lowest <= cast(float, places[k].lat) <= highest]
        if not having or not points:
            return []
        lat, lon = self._coordinates[0][having], self._coordinates[1][having]
        anchor_lat, anchor_lon = coordinates(points)
        nearest = haversine_km(lat[:, None], lon[:, None], anchor_lat[None, :], anchor_lon[None, :]).min(
            axis=1
        )
        found = [(float(nearest[j]), places[k]) for j, k in enumerate(having) if nearest[j] <= within_km]
        return sorted(found, key=lambda pair: (pair[0], pair[1].id))


@lru_cache(maxsize=1 << 14)
def _ending(name: str) -> tuple[str, ...]:
    """The word keys a name's ending is looked up by (none when they hold fewer than MIN_LETTERS);
    memoised: most names looked up have no ending, and recur."""
    tokens = tuple(name_tokens(name))
    return tokens if len("".join(tokens)) >= MIN_LETTERS else ()
