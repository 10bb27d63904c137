"""Spellings no source lists, read near an article's settled places: the places by the loose signatures
of their names, and each anchor's neighbourhood of name keys for the one-letter-slip look-up."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from frontlines.gazetteer.load import Gazetteer
from frontlines.gazetteer.normalise import LooseSignature, fold, loose_signature, name_key
from frontlines.gazetteer.tables import NameForm
from frontlines.models import ADMIN_KINDS, Candidate, Place
from frontlines.schema import EARTH_RADIUS_KM

#: A name no spelling finds is read as a place of the same loose signature (``loose_signature``) only
#: when that place is the one such place lying within NEARBY_KM of a place the article has settled.
NEARBY_KM = 10.0
#: Failing that, a spelling this close (rapidfuzz ratio of the name keys) to the name of such a place.
NEARBY_RATIO = 88.0
#: First words that say only what kind of place follows (farm, village); failing all else, a name is
#: also tried without one.
GENERIC_HEADS = frozenset({"mazraat", "mazraa", "mazraet", "mazrat", "mazraah", "qaryat", "qarya", "qaryet"})
#: Places too large or too abstract to locate a village by: they are never anchors.
NOT_ANCHORS = frozenset({"highway", "country", "foreign_country", "foreign_place"})
#: Kinds that never locate a name nearby: admin units besides the above.
NOT_LOCATING = ADMIN_KINDS | NOT_ANCHORS
#: An anchor's neighbourhood holds the name keys of the places within NEARBY_KM plus this slack, so
#: that the exact test (``_within``, the same arithmetic for every look-up) decides at the border.
_SLACK_KM = 1.0
#: Neighbourhoods kept per process (one per anchor; the oldest is dropped first).
_MEMO_ANCHORS = 1 << 14


class NearbySpellings:
    """What an unknown spelling is looked up in: the located places that are not admin units, highways
    or countries (settlements, neighbourhoods, camps, features), by the loose signatures of their
    names, and their name keys in a grid, from which each anchor's neighbourhood is cut once."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        place_ids: Sequence[str],
        keys: Sequence[str],
        signatures: Iterable[tuple[LooseSignature, str]],
        counts: np.ndarray,
    ) -> None:
        """The look-up from its tables (``from_forms`` makes them; the on-disk cache reads them back): its
        name entries (each a place id and a name key, by latitude), the places of each loose signature
        and the entries' ``letter_counts``."""
        places_by_id = self._places_by_id = gazetteer.places
        self._rows: dict[str, int] = {}
        self._offsets: list[int] = []
        self._entries = np.empty(0, dtype=np.int64)
        self._by_signature: dict[LooseSignature, list[Place]] = {}
        for signature, place_id in signatures:
            self._by_signature.setdefault(signature, []).append(places_by_id[place_id])
        self._keys = np.array(keys, dtype=object)
        self._lengths = np.array([len(key) for key in keys], dtype=np.int64)
        self._counts = counts
        places = [places_by_id[place_id] for place_id in place_ids]
        self._places = np.empty(len(places), dtype=object)
        self._places[:] = places
        self._lat, self._lon = coordinates(places)
        self._band = math.degrees((NEARBY_KM + _SLACK_KM) / EARTH_RADIUS_KM) + 1e-9
        # for the haversine of each cut: radians and cosines once, and sin^2(d / 2R) at the radius
        self._phi, self._lam = np.radians(self._lat), np.radians(self._lon)
        self._cos_phi = np.cos(self._phi)
        self._reach = math.sin((NEARBY_KM + _SLACK_KM) / EARTH_RADIUS_KM / 2) ** 2
        self._grid = Grid(self._lat, self._lon, self._band)
        self._neighbourhoods: dict[str, np.ndarray] = {}

    @classmethod
    def from_forms(cls, gazetteer: Gazetteer, forms: Sequence[NameForm]) -> NearbySpellings:
        """The look-up of ``gazetteer``, whose names' ``forms`` are given in its order
        (``NameIndex.name_forms``)."""
        names: dict[str, list[NameForm]] = {}
        for entry, form in zip(gazetteer.names, forms, strict=True):
            names.setdefault(entry.place_id, []).append(form)
        signatures: list[tuple[LooseSignature, str]] = []
        entries: list[tuple[float, str, str]] = []
        for place_id in sorted(names):
            place = gazetteer.places.get(place_id)
            if place is None or place.lat is None or place.lon is None or place.outside \
                    or place.kind in NOT_LOCATING:  # fmt: skip
                continue
            found = {form.signature for form in names[place_id]}
            signatures += [(signature, place_id) for signature in sorted(s for s in found if s is not None)]
            entries += [
                (place.lat, place_id, key) for key in dict.fromkeys(form.key for form in names[place_id])
            ]
        entries.sort(key=lambda e: e[0])  # stable: place id order within one latitude
        keys = [key for _, _, key in entries]
        return cls(gazetteer, [place_id for _, place_id, _ in entries], keys, signatures, letter_counts(keys))

    def with_neighbourhoods(self, anchors: Sequence[str], offsets: np.ndarray, entries: np.ndarray) -> None:
        """Take the ``neighbourhood`` of each of ``anchors`` (ids of the gazetteer's places) as cut before
        (``neighbourhoods``): its entries are ``entries[offsets[k] : offsets[k + 1]]``."""
        self._rows.update((place_id, k) for k, place_id in enumerate(anchors))
        self._offsets[:], self._entries = offsets.tolist(), entries

    def neighbourhoods(self) -> tuple[list[str], np.ndarray, np.ndarray]:
        """Every possible anchor's ``neighbourhood`` (the located places of the gazetteer that are not
        admin units, highways or countries, by id), as ``with_neighbourhoods`` takes them."""
        anchors = sorted(
            place_id for place_id, p in self._places_by_id.items()
            if p.lat is not None and p.lon is not None and p.kind not in NOT_LOCATING
        )  # fmt: skip
        cuts = [self.neighbourhood(self._places_by_id[place_id]) for place_id in anchors]
        offsets = np.cumsum([0, *map(len, cuts)], dtype=np.int64)
        return anchors, offsets, np.concatenate([np.empty(0, dtype=np.int64), *cuts])

    def tables(self) -> tuple[list[str], list[str], list[tuple[LooseSignature, str]], np.ndarray]:
        """What the constructor rebuilds the look-up from: its entries' places and keys, its signatures'
        places, its letter counts."""
        signatures = [(s, place.id) for s, places in self._by_signature.items() for place in places]
        return [place.id for place in self._places.tolist()], self._keys.tolist(), signatures, self._counts

    def lookup(self, name: str, points: Sequence[Place]) -> Candidate | None:
        """The one place ``name`` spells near the anchor ``points`` (located, not admin units), or None.

        First the places of its ``loose_signature``, failing any a name key within NEARBY_RATIO, failing
        that the signature of the name less a generic head; only places within NEARBY_KM of the nearest
        point count, and two or more give None. The candidate is labelled ``fuzzy`` with that distance.
        """
        signature = loose_signature(name)
        if signature is None or not points:
            return None
        anchors_at = coordinates(points)
        fits = _within(self._by_signature.get(signature, ()), anchors_at)
        if not fits:  # a slip of one letter (Kaft Nabuda): a close spelling, NEARBY_RATIO or more
            key = name_key(name)
            shortest, longest = _lengths_within_ratio(len(key))
            near = np.concatenate([self.neighbourhood(point) for point in points])
            lengths = self._lengths[near]
            near = near[(lengths >= shortest) & (lengths <= longest)]
            # a key whose letter counts differ by more than a ratio of NEARBY_RATIO allows cannot reach it
            # (summed by a product with ones: exact in float32, a third of the cost of an int8 ``sum``)
            slips = np.abs(np.take(self._counts, near, axis=0) - key_counts(key)) @ _ONES
            near = near[slips * 100 <= (100 - NEARBY_RATIO) * (self._lengths[near] + len(key)) + 100]
            found = process.extract(
                key, self._keys[near].tolist(), scorer=fuzz.ratio, score_cutoff=NEARBY_RATIO, limit=None
            )
            fits = _within([self._places[near[i]] for _, _, i in found], anchors_at)
        if not fits and (bare := _without_generic_head(name)) and (bare_signature := loose_signature(bare)):
            fits = _within(self._by_signature.get(bare_signature, ()), anchors_at)  # "Mazraat Hettin": Hettin
        if len(fits) != 1:
            return None
        distance, place = fits[0]
        return Candidate(place, "fuzzy", round(distance, 1))

    def neighbourhood(self, anchor: Place) -> np.ndarray:
        """The entries (ascending indices of ``keys`` and ``places``) of the names of the places within
        NEARBY_KM (plus slack) of an anchor: the grid cells that can hold them, then the distances
        inside them. Memoised."""
        found = self._neighbourhoods.get(anchor.id)
        if found is None and (row := self._rows.get(anchor.id)) is not None \
                and self._places_by_id.get(anchor.id) is anchor:  # fmt: skip
            found = self._entries[self._offsets[row] : self._offsets[row + 1]]
        elif found is None:
            assert anchor.lat is not None and anchor.lon is not None
            near = self._grid.around(anchor.lat, anchor.lon)
            phi, lam = math.radians(anchor.lat), math.radians(anchor.lon)
            across = np.sin((self._phi[near] - phi) * 0.5)
            along = np.sin((self._lam[near] - lam) * 0.5)
            found = near[
                across * across + self._cos_phi[near] * math.cos(phi) * (along * along) <= self._reach
            ]
            if len(self._neighbourhoods) >= _MEMO_ANCHORS:
                del self._neighbourhoods[next(iter(self._neighbourhoods))]
            self._neighbourhoods[anchor.id] = found
        return found


class Grid:
    """Points in cells of ``size`` degrees (row of latitude, column of longitude), so that the points
    that may lie within ``size`` degrees of arc of a point are read from a few cells."""

    def __init__(self, lat: np.ndarray, lon: np.ndarray, size: float):
        self._size = size
        rows = np.floor(lat / size).astype(np.int64)
        columns = np.floor(lon / size).astype(np.int64)
        order = np.lexsort((columns, rows))  # stable: ascending points within a cell
        keys = np.stack([rows[order], columns[order]], axis=1)
        cuts = np.flatnonzero(np.any(keys[1:] != keys[:-1], axis=1)) + 1
        self._cells = {
            (int(cell[0, 0]), int(cell[0, 1])): points
            for cell, points in zip(np.split(keys, cuts), np.split(order, cuts))
            if len(points)
        }
        self._columns = range(int(columns.min()), int(columns.max()) + 1) if len(order) else range(0)

    def around(self, lat: float, lon: float) -> np.ndarray:
        """The points (ascending indices) of the cells that hold every point within ``size`` degrees of
        arc of (lat, lon): the rows that reach, and in each the columns its longitude span reaches (the
        span grows towards the poles, since sin(d/2) >= cos(latitude) * sin(dlon/2))."""
        size = self._size
        lowest = math.cos(math.radians(min(90.0, abs(lat) + size)))
        reach = math.sin(math.radians(size) / 2) / lowest if lowest > 0 else 2.0
        span = math.degrees(2 * math.asin(reach)) + 1e-9 if reach < 1 else 360.0
        rows = range(math.floor((lat - size) / size), math.floor((lat + size) / size) + 1)
        columns = range(math.floor((lon - span) / size), math.floor((lon + span) / size) + 1)
        if lon - span < -180 or lon + span > 180:
            columns = self._columns  # near a pole or across the antimeridian: every column
        found = [
            points
            for row in rows
            for column in columns
            if (points := self._cells.get((row, column))) is not None
        ]
        return np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.int64)


def _lengths_within_ratio(length: int) -> tuple[int, int]:
    """The shortest and the longest key that may lie within NEARBY_RATIO of a key of ``length``
    (with a letter to spare): the Indel ratio is at most 200 * shorter / (sum of the lengths)."""
    ratio = NEARBY_RATIO
    return math.floor(length * ratio / (200 - ratio)) - 1, math.ceil(length * (200 - ratio) / ratio) + 1


#: A key's letter counts: a to z, the space, and every other character together.
LETTERS = 28
#: Counts are kept as bytes (the rows of the look-up's neighbourhoods are gathered from a table that
#: stays in the cache), capped here: a capped count is no farther from another than the true one.
_MOST = 127
#: What a row of count differences is multiplied by to sum it.
_ONES = np.ones(LETTERS, dtype=np.float32)


def letter_counts(keys: Sequence[str]) -> np.ndarray:
    """Each key's counts of the letters a to z, of spaces and of other characters (a row per key,
    capped at _MOST): the distance between two keys' rows is at most the Indel distance of the keys
    (one letter added or dropped changes one count by one), so that a key too far by its counts cannot
    reach NEARBY_RATIO."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    text = "".join(keys).encode("utf-32-le", "surrogatepass")
    codes = np.frombuffer(text, dtype=np.uint32).astype(np.int64)
    letters = np.where((codes >= 97) & (codes <= 122), codes - 97, np.where(codes == 32, 26, 27))
    rows = np.repeat(np.arange(len(keys)), lengths)
    counts = np.bincount(rows * LETTERS + letters, minlength=len(keys) * LETTERS)
    return np.minimum(counts.reshape(len(keys), LETTERS), _MOST).astype(np.int8)


def key_counts(key: str) -> np.ndarray:
    """One key's row of ``letter_counts``, counted in Python (a fifth of the cost for one key)."""
    counts = [0] * LETTERS
    for char in key:
        code = ord(char)
        counts[code - 97 if 97 <= code <= 122 else 26 if code == 32 else 27] += 1
    return np.array([min(count, _MOST) for count in counts], dtype=np.int8)


def haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: np.ndarray, lon2: np.ndarray) -> np.ndarray:
    """Great-circle distances in km between arrays of points in degrees (broadcast like numpy)."""
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lon2 - lon1) / 2) ** 2
    h = np.minimum(np.maximum(h, 0.0), 1.0)  # np.clip's values (h is never -0.0), without its Python wrapper
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h)), dtype=float)


def lie_apart(places: Sequence[Place], km: float) -> bool:
    """True when two of the located places lie more than ``km`` apart. Latitudes that differ by over
    twice that arc say so alone (a great circle is never shorter than its change of latitude, and the
    haversine's rounding is far below the factor): most homonyms lie far apart, and need no matrix."""
    lats = [p.lat for p in places if p.lat is not None]
    if lats and math.radians(max(lats) - min(lats)) * EARTH_RADIUS_KM > 2 * km:
        return True
    lat, lon = coordinates(places)
    return bool(haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :]).max() > km)


def latitude_band(anchor_lats: Sequence[float], km: float) -> tuple[float, float]:
    """The latitudes between which a place must lie to come within ``km`` of one of the anchors, with a
    factor of two to spare (a great circle is never shorter than its change of latitude, and the
    haversine's rounding is far below the factor): the places outside need no haversine."""
    arc = math.degrees(2 * km / EARTH_RADIUS_KM)
    return min(anchor_lats) - arc, max(anchor_lats) + arc


def anchor_points(anchors: Sequence[Place]) -> list[Place]:
    """The located places a nearby spelling is measured from, once each: not admin units, highways or countries."""
    points = {a.id: a for a in anchors if a.lat is not None and a.kind not in NOT_LOCATING}
    return list(points.values())


def nearest_km(places: Sequence[Place], anchors: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Each located place's distance to the nearest anchor (arrays of latitudes and longitudes)."""
    lat, lon = coordinates(places)
    distances = haversine_km(lat[:, None], lon[:, None], anchors[0][None, :], anchors[1][None, :])
    return np.asarray(distances.min(axis=1), dtype=float)


def coordinates(places: Sequence[Place]) -> tuple[np.ndarray, np.ndarray]:
    """Arrays of the latitudes and the longitudes of located places."""
    return np.array([p.lat for p in places], dtype=float), np.array([p.lon for p in places], dtype=float)


def _within(places: Iterable[Place], anchors: tuple[np.ndarray, np.ndarray]) -> list[tuple[float, Place]]:
    """The places within NEARBY_KM of the nearest anchor (arrays of latitudes and longitudes), with
    that distance, by place id."""
    lowest, highest = latitude_band(anchors[0].tolist(), NEARBY_KM)
    unique = sorted({p.id: p for p in places if p.lat is not None and lowest <= p.lat <= highest}.items())
    if not unique:
        return []  # most places of a signature lie far from the article's: no haversine for them
    nearest = nearest_km([p for _, p in unique], anchors)
    return [(float(nearest[k]), unique[k][1]) for k in np.flatnonzero(nearest <= NEARBY_KM)]


def _without_generic_head(name: str) -> str:
    """The name less a first word that only says what kind of place it is ("Mazraat Hettin", the farm
    of Hettin; "Qaryat Nuzha", the village of Nuzha), or "" when it has none."""
    words = name.split()
    if len(words) > 1 and fold(words[0]) in GENERIC_HEADS:
        return " ".join(words[1:])
    return ""
