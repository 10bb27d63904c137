"""From candidate places to one place: ranking, qualifiers ("Idlib province"), geography, suggestions."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from geopy.distance import geodesic
from rapidfuzz import fuzz, process

from frontlines.gazetteer.index import NameIndex
from frontlines.gazetteer.load import Gazetteer, load_gazetteer
from frontlines.gazetteer.normalise import name_key
from frontlines.models import ADMIN_KINDS, Candidate, Place

#: Words next to a name that say which kind of place it is.
QUALIFIER_KINDS: dict[str, frozenset[str]] = {
    "province": frozenset({"governorate"}),
    "governorate": frozenset({"governorate"}),
    "countryside": frozenset({"governorate"}),
    "district": frozenset({"district"}),
    "subdistrict": frozenset({"subdistrict"}),
    "nahiya": frozenset({"subdistrict"}),
    "city": frozenset({"populated_place"}),
    "town": frozenset({"populated_place"}),
    "village": frozenset({"populated_place"}),
    "highway": frozenset({"highway"}),
    "motorway": frozenset({"highway"}),
    "road": frozenset({"highway"}),
}
_MATCH_RANK = {"exact": 0, "normalised": 1, "context": 1, "skeleton": 2, "fuzzy": 3}
_KIND_RANK = {"populated_place": 0, "junction": 0, "highway": 0, "region": 1, "governorate": 2, "district": 3,
              "subdistrict": 4, "country": 5, "foreign_country": 1, "foreign_place": 1}  # fmt: skip
#: A homonym is settled by geography when the nearest candidate lies within this of the article's
#: other places and the next one is at least this much farther.
NEAR_KM = 60.0
MARGIN_KM = 15.0
#: Failing geography, a homonym is the one town of at least this population, if there is one.
PROMINENT_POPULATION = 20_000


@dataclass(frozen=True, slots=True)
class Choice:
    """The outcome of resolving one mention."""

    status: str  # resolved | ambiguous | outside
    place: Place | None
    match: str
    candidates: tuple[Candidate, ...]


class Resolver:
    """Resolves names and mentions against one gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, index: NameIndex | None = None):
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.index = index if index is not None else NameIndex.cached(self.gazetteer)
        self._keys: list[str] | None = None
        self._choices: dict[tuple[tuple[str, ...], str, str], Choice] = {}
        self._distances: dict[tuple[tuple[str, ...], tuple[str, ...]], list] = {}

    def candidates(self, place_ids: Iterable[str], match: str) -> list[Candidate]:
        """Candidates best first: nearer match, settlements before admin units, bigger first."""
        places = [self.gazetteer.places[p] for p in place_ids if p in self.gazetteer.places]
        places.sort(key=lambda p: (_KIND_RANK.get(p.kind, 9), -p.population, p.id))
        return [Candidate(p, match) for p in places]

    def resolve_name(self, name: str) -> list[Candidate]:
        """Every place a standalone name may mean, best first."""
        found = self.index.lookup(name)
        ranked: list[Candidate] = []
        for match in ("exact", "normalised", "skeleton"):
            ranked += self.candidates([p for p, m in found if m == match], match)
        return ranked

    def suggestions(self, name: str, limit: int = 5) -> list[Candidate]:
        """Close spellings of an unknown name (rapidfuzz over name keys), labelled ``fuzzy``."""
        if self._keys is None:
            self._keys = self.index.keys()
        hits = process.extract(name_key(name), self._keys, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=70)
        seen: dict[str, Candidate] = {}
        for key, _score, _ in hits:
            for cand in self.candidates(self.index.places_for_key(key), "fuzzy"):
                if not cand.place.outside:
                    seen.setdefault(cand.place.id, cand)
        return list(seen.values())[:limit]

    def choose_for(self, place_ids: tuple[str, ...], match: str, qualifier: str = "") -> Choice:
        """``choose`` for a name hit with no geographic context, memoised (names recur across articles)."""
        key = (place_ids, match, qualifier)
        choice = self._choices.get(key)
        if choice is None:
            choice = self._choices[key] = self.choose(self.candidates(place_ids, match), qualifier)
        return choice

    def choose(self, candidates: Sequence[Candidate], qualifier: str = "", anchors: Sequence[Place] = ()) -> Choice:
        """Pick one candidate from context, or report the mention as ambiguous."""
        cands = tuple(candidates)
        if not cands:
            return Choice("unresolved", None, "", ())
        if len(cands) > 1 and qualifier in QUALIFIER_KINDS:
            kinds = QUALIFIER_KINDS[qualifier]
            kept = tuple(c for c in cands if c.place.kind in kinds)
            if len(kept) == 1:
                return _settled(kept[0], "context", cands)
            cands = kept or cands
        if len(cands) == 1:
            return _settled(cands[0], cands[0].match, tuple(candidates))
        best_match = min(_MATCH_RANK[c.match] for c in cands)
        cands = tuple(c for c in cands if _MATCH_RANK[c.match] == best_match)
        countries = [c for c in cands if c.place.kind == "foreign_country"]
        if len(countries) == 1 and all(c.place.population < PROMINENT_POPULATION for c in cands):
            # "US", "Jordan": a country name is far likelier in the news than a village that shares it.
            return _settled(countries[0], countries[0].match, tuple(candidates))
        settlements = tuple(c for c in cands if c.place.kind not in ADMIN_KINDS)
        if len(settlements) == 1:
            # A town and the units named after it (Idlib city, district, governorate): the town,
            # unless a qualifier said otherwise.
            return _settled(settlements[0], settlements[0].match, tuple(candidates))
        return self._by_geography(settlements or cands, anchors, tuple(candidates))

    def _by_geography(self, cands: tuple[Candidate, ...], anchors: Sequence[Place], all_cands) -> Choice:
        located = [c for c in cands if c.place.lat is not None]
        points = [a for a in anchors if a.lat is not None and not a.outside]
        if points and located:
            key = (tuple(c.place.id for c in located), tuple(a.id for a in points))
            measured = self._distances.get(key)
            if measured is None:
                measured = self._distances[key] = sorted(
                    (_nearest_km(c.place, points), c.place.id, c) for c in located
                )
            nearest_km, _, nearest = measured[0]
            runner_up = measured[1][0] if len(measured) > 1 else float("inf")
            if nearest_km <= NEAR_KM and runner_up - nearest_km >= MARGIN_KM:
                ranked = tuple(Candidate(c.place, c.match, round(d, 1)) for d, _, c in measured)
                return Choice("resolved", nearest.place, "context", ranked)
        populous = [c for c in cands if c.place.population >= PROMINENT_POPULATION]
        if len(populous) == 1:
            return Choice("resolved", populous[0].place, "context", all_cands)
        return Choice("ambiguous", None, "", all_cands)


def _nearest_km(place: Place, anchors: Sequence[Place]) -> float:
    """Geodesic distance (geopy) from a place to the nearest anchor, the anchor picked by haversine."""
    lat, lon = math.radians(place.lat), math.radians(place.lon)

    def haversine(a: Place) -> float:
        alat, alon = math.radians(a.lat), math.radians(a.lon)
        h = math.sin((alat - lat) / 2) ** 2 + math.cos(lat) * math.cos(alat) * math.sin((alon - lon) / 2) ** 2
        return h

    closest = min(anchors, key=haversine)
    return geodesic((place.lat, place.lon), (closest.lat, closest.lon)).km


def _settled(cand: Candidate, match: str, all_cands: tuple[Candidate, ...]) -> Choice:
    status = "outside" if cand.place.outside else "resolved"
    return Choice(status, cand.place, match, all_cands)
