"""From candidate places to one place: ranking, qualifiers ("Idlib province"), geography, suggestions."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import cast

from rapidfuzz import fuzz, process

from frontlines.gazetteer.geography import LIST_KM, NEAR_KM, Choice, by_geography, nearest_by_name
from frontlines.gazetteer.index import NameIndex
from frontlines.gazetteer.load import Gazetteer, load_gazetteer
from frontlines.gazetteer.nearby import NOT_ANCHORS as _NOT_ANCHORS
from frontlines.gazetteer.nearby import NOT_LOCATING, NearbySpellings, haversine_km
from frontlines.gazetteer.nearby import anchor_points as _anchor_points
from frontlines.gazetteer.nearby import coordinates as _coordinates
from frontlines.gazetteer.normalise import name_key
from frontlines.gazetteer.parts import PartNames
from frontlines.gazetteer.tables import NameForm
from frontlines.models import ADMIN_KINDS, Candidate, MatchKind, MentionStatus, Place

#: Words next to a name that say which kind of place it is.
QUALIFIER_KINDS: dict[str, frozenset[str]] = {
    "province": frozenset({"governorate"}),
    "governorate": frozenset({"governorate"}),
    "countryside": frozenset({"governorate"}),
    # "the Aleppo district of Sakhour": in a city, a district is a neighbourhood.
    "district": frozenset({"district", "neighbourhood"}),
    "subdistrict": frozenset({"subdistrict"}),
    "nahiya": frozenset({"subdistrict"}),
    "neighbourhood": frozenset({"neighbourhood"}),
    "neighborhood": frozenset({"neighbourhood"}),
    "quarter": frozenset({"neighbourhood"}),
    "city": frozenset({"populated_place"}),
    "town": frozenset({"populated_place"}),
    "village": frozenset({"populated_place"}),
    "camp": frozenset({"camp"}),
    "crossing": frozenset({"crossing"}),
    "airbase": frozenset({"airbase"}),
    "airport": frozenset({"airbase"}),
    "airfield": frozenset({"airbase"}),
    "dam": frozenset({"dam"}),
    "hill": frozenset({"hill"}),
    "mount": frozenset({"hill"}),
    "region": frozenset({"region"}),
    "plain": frozenset({"region"}),
    "basin": frozenset({"region"}),
    "valley": frozenset({"region"}),
    "highway": frozenset({"highway"}),
    "motorway": frozenset({"highway"}),
    "road": frozenset({"highway", "road"}),
}
#: A name, words that describe a feature, and the feature's kind word ("Nasib border crossing").
_DESCRIBED = re.compile(
    r"^(.+?)\s+(?:(?:palestinian|refugees?|border|military|international|air|syrian)\s+)*"
    r"(camp|crossing|airbase|airport|airfield|base|dam|gate|province|governorate|district|subdistrict|city|town|"
    r"village|neighbou?rhood|quarter|region|plain|hill|highway|motorway|road)$",
    re.IGNORECASE,
)
#: Landform words: "the Yarmouk basin" is never the camp or a town called Yarmouk. After a name, they
#: keep only the regions of that name, and a name with none stays unresolved.
LANDFORM_QUALIFIERS = frozenset({"basin", "valley"})
_KIND_WORD = {"base": "airbase", "gate": "crossing", "neighborhood": "neighbourhood"}
_MATCH_RANK = {"exact": 0, "normalised": 1, "context": 1, "skeleton": 2, "fuzzy": 3}
#: For geography, a listed spelling and a variant are one tier: sources list many spellings of big
#: towns and one of each village, so "Qusair" spells the Homs town exactly and the Daraa village
#: only as a variant; the spelling's choice stays the incumbent (see ``geography.by_geography``).
_GEO_RANK = {**_MATCH_RANK, "exact": 1}
_KIND_RANK = {"populated_place": 0, "junction": 0, "highway": 0, "neighbourhood": 0, "camp": 0, "crossing": 0,
              "airbase": 0, "dam": 0, "hill": 0, "road": 0, "region": 1, "governorate": 2, "district": 3,
              "subdistrict": 4, "country": 5, "foreign_country": 1, "foreign_place": 1}  # fmt: skip
#: Candidates of one name that lie this close together are one place for geography (not homonyms).
TIGHT_KM = 20.0
#: Failing geography, a homonym is the one town of at least this population, if there is one.
PROMINENT_POPULATION = 20_000
#: Features that go by a bare name they may share with towns ("Bab al-Hawa", "Nasib", "Taftanaz").
FEATURE_KINDS = frozenset({"crossing", "airbase", "dam"})
#: A feature this close to a town of its bare name is named after it: the bare name is the town.
NAMESAKE_KM = 10.0


@dataclass(frozen=True, slots=True)
class NameUse:
    """One name hit of an article as geography sees it: its candidates, qualifier and sentence."""

    place_ids: tuple[str, ...]
    match: MatchKind
    qualifier: str = ""
    sentence: int = -1
    surface: str = ""  # the name as written: which candidates it spells exactly


#: Unknown names whose suggestions are kept per resolver (the oldest is dropped first).
_MEMO_NAMES = 1 << 12


class Resolver:
    """Resolves names and mentions against one gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, index: NameIndex | None = None):
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.index = index if index is not None else NameIndex.cached(self.gazetteer)
        self._keys: list[str] | None = None
        self._suggested: dict[tuple[str, int], tuple[Candidate, ...]] = {}
        self._choices: dict[tuple[tuple[str, ...], str, str, str], Choice] = {}
        self._nearby: NearbySpellings | None = None
        self._pools: dict[tuple[tuple[str, ...], str, str, str], tuple[Candidate, ...]] = {}
        self._forms: list[NameForm] | None = None
        self._parts = PartNames(self.gazetteer, self._name_forms)

    def _name_forms(self) -> list[NameForm]:
        """The index's forms of each gazetteer name, read once for the look-ups of unknown spellings."""
        if self._forms is None:
            self._forms = self.index.name_forms()
        return self._forms

    def candidates(self, place_ids: Iterable[str], match: MatchKind) -> list[Candidate]:
        """Candidates best first: nearer match, settlements before admin units, bigger first."""
        places = [self.gazetteer.places[p] for p in place_ids if p in self.gazetteer.places]
        places.sort(key=lambda p: (_KIND_RANK.get(p.kind, 9), -p.population, p.id))
        return [Candidate(p, match) for p in places]

    def resolve_name(self, name: str) -> list[Candidate]:
        """Every place a standalone name may mean, best first.

        A name the gazetteer lacks that ends with a kind word is looked up without it, keeping the
        places of that kind ("Idlib province", "Tabqa city"); words that describe a feature are read
        the same way ("Handarat Palestinian refugee camp", "Kuweires military air base").
        """
        found = self.index.lookup(name)
        described = _DESCRIBED.match(name.strip())
        if described and not any(m in ("exact", "normalised") for _, m in found):
            head, word = described.group(1), described.group(2).lower()
            word = _KIND_WORD.get(word, word)
            shorter = self.index.lookup(f"{head} {word}")
            if any(m in ("exact", "normalised") for _, m in shorter):
                found = shorter
            elif word in QUALIFIER_KINDS:
                kinds = QUALIFIER_KINDS[word]
                of_kind = [(p, m) for p, m in self.index.lookup(head) if self._kind_of(p) in kinds]
                found = of_kind or found
        ranked: list[Candidate] = []
        for match in ("exact", "normalised", "skeleton"):
            group = self.candidates([p for p, m in found if m == match], match)
            first = _features_first(tuple(c for c in group if c.place.kind not in ADMIN_KINDS))
            if first and all(c.place.kind in FEATURE_KINDS for c in first):
                group = [*first, *(c for c in group if c not in first)]  # "Bab al-Hawa": the crossing
            ranked += group
        return ranked

    def _kind_of(self, place_id: str) -> str:
        place = self.gazetteer.places.get(place_id)
        return place.kind if place is not None else ""

    def suggestions(self, name: str, limit: int = 5) -> list[Candidate]:
        """Close spellings of an unknown name (rapidfuzz over name keys), labelled ``fuzzy``; memoised
        per name key (the same unknown names recur across articles), the oldest dropped first."""
        key = name_key(name)
        found = self._suggested.get((key, limit))
        if found is None:
            if self._keys is None:
                self._keys = self.index.keys()
            seen: dict[str, Candidate] = {}
            for close, _score, _ in process.extract(
                key, self._keys, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=70
            ):
                for cand in self.candidates(self.index.places_for_key(close), "fuzzy"):
                    if not cand.place.outside:
                        seen.setdefault(cand.place.id, cand)
            found = tuple(seen.values())[:limit]
            if len(self._suggested) >= _MEMO_NAMES:
                del self._suggested[next(iter(self._suggested))]
            self._suggested[key, limit] = found
        return list(found)

    def nearby_spelling(self, name: str, anchors: Sequence[Place]) -> Candidate | None:
        """The place an unknown spelling means near the article's settled places, if exactly one fits.

        Candidates are the settlements, neighbourhoods, camps and features within NEARBY_KM of an
        anchor (a located place that is not an admin unit, a highway or a country) having a name of
        the same ``loose_signature`` (Jibeen for Jbine, Nazhah for Nuzha, Ramussa for الراموسة), or
        failing any, a name of a spelling within NEARBY_RATIO (Kaft Nabuda for Kafr Nabutha). Two
        or more such places, or none, give None: a wrong place is worse than none. The candidate's
        ``distance_km`` is its distance to the nearest anchor, labelled ``fuzzy`` (``NearbySpellings``).
        """
        if self._nearby is None:
            self._nearby = NearbySpellings(self.gazetteer, self._name_forms())
        return self._nearby.lookup(name, _anchor_points(anchors))

    def respelled(
        self, names: Sequence[tuple[str, Sequence[Candidate], Collection[str]]], anchors: Sequence[Place]
    ) -> list[Candidate | None]:
        """For each name of an article (its surface, its candidates and the ids of its own places), its
        ``nearby_spelling`` (failing that, ``part_named``) beside the anchors but its own places, when
        none of its candidates lies within NEAR_KM of one of them.

        "Sheikh Saeed" spells two villages at the other end of the country by a variant, and the
        Aleppo neighbourhood Sheikh Said, beside the article's places, by its loose signature: a
        variant of a far place gives way to the one such place nearby. One distance matrix, from
        every located candidate to every anchor, serves all the names.
        """
        points = _anchor_points(anchors)
        located = [[c.place for c in cands if c.place.lat is not None] for _, cands, _ in names]
        found: list[Candidate | None] = [None] * len(names)
        flat = [place for group in located for place in group]
        if not points or not flat:
            return found
        lat, lon = _coordinates(flat)
        anchor_lat, anchor_lon = _coordinates(points)
        distances = haversine_km(lat[:, None], lon[:, None], anchor_lat[None, :], anchor_lon[None, :])
        near: list[list[bool]] = (distances <= NEAR_KM).tolist()
        bounds = list(accumulate((len(group) for group in located), initial=0))
        for n, ((name, _, own), group) in enumerate(zip(names, located)):
            keep = [k for k, point in enumerate(points) if point.id not in own]
            if not group or not keep or any(row[k] for row in near[bounds[n] : bounds[n + 1]] for k in keep):
                continue
            others = [points[k] for k in keep]
            respelled = self.nearby_spelling(name, others) or self.part_named(name, others)
            if respelled is not None and respelled.place not in group:
                found[n] = respelled
        return found

    def part_named(self, name: str, anchors: Sequence[Place]) -> Candidate | None:
        """The one place within LIST_KM (failing that, NEAR_KM) of an anchor whose full name ends with
        ``name`` ("Al-Othman" for the village Jubb al-Uthman among its neighbours), labelled ``fuzzy``
        with its distance."""
        fits = self._parts.ending_with(name, anchors, NEAR_KM)
        close = [fit for fit in fits if fit[0] <= LIST_KM]
        chosen = close if close else fits
        if len(chosen) != 1:
            return None
        return Candidate(chosen[0][1], "fuzzy", round(chosen[0][0], 1))

    def choose_for(
        self, place_ids: tuple[str, ...], match: MatchKind, qualifier: str = "", surface: str = ""
    ) -> Choice:
        """``choose`` for a name hit with no geographic context, memoised (names recur across articles).

        A hit carries one match kind for all its places; with the ``surface`` as written, each place
        is ranked by how that surface spells it (a listed spelling of one place beats a variant of another).
        """
        key = (place_ids, match, qualifier, surface if len(place_ids) > 1 else "")  # one place: spelled alike
        choice = self._choices.get(key)
        if choice is None:
            choice = self._choices[key] = self.choose(self._spelled(place_ids, match, surface), qualifier)
        return choice

    def _spelled(self, place_ids: tuple[str, ...], match: MatchKind, surface: str) -> list[Candidate]:
        cands = self.candidates(place_ids, match)
        if surface and len(cands) > 1:
            spelled = {p: cast(MatchKind, m) for p, m in self.index.lookup(surface)}
            cands = [Candidate(c.place, spelled.get(c.place.id, c.match)) for c in cands]
        return cands

    def choose(self, candidates: Sequence[Candidate], qualifier: str = "") -> Choice:
        """Pick one candidate from the name and its qualifier alone, or report the mention as ambiguous."""
        cands = tuple(candidates)
        if not cands:
            return Choice("unresolved", None, "", ())
        if qualifier in LANDFORM_QUALIFIERS:
            cands = tuple(c for c in cands if c.place.kind in QUALIFIER_KINDS[qualifier])
            if not cands:
                return Choice("unresolved", None, "", tuple(candidates))
        if len(cands) > 1 and qualifier in QUALIFIER_KINDS:
            kinds = QUALIFIER_KINDS[qualifier]
            kept = tuple(c for c in cands if c.place.kind in kinds)
            if len(kept) == 1:
                return _settled(kept[0], "context", cands)
            cands = kept or cands
        if len(cands) == 1:
            return _settled(cands[0], cands[0].match, tuple(candidates))
        # Spelling ranks the places a name may be, not the admin units named after them (OpenSyria
        # lists "Qamishli" for the district, the town only "Al-Qamishli"), and no feature out-spells
        # the big town it is named after.
        places = [c for c in cands if c.place.kind not in ADMIN_KINDS]
        best_match = min(_MATCH_RANK[c.match] for c in places or cands)
        cands = tuple(c for c in cands if _MATCH_RANK[c.match] <= best_match or _big_town_spelled(c))
        countries = [c for c in cands if c.place.kind == "foreign_country"]
        if len(countries) == 1 and all(c.place.population < PROMINENT_POPULATION for c in cands):
            # "US", "Jordan": a country name is far likelier in the news than a village that shares it.
            return _settled(countries[0], countries[0].match, tuple(candidates))
        settlements = _features_first(tuple(c for c in cands if c.place.kind not in ADMIN_KINDS))
        if len(settlements) == 1:
            # A town and the units named after it (Idlib city, district, governorate): the town,
            # unless a qualifier said otherwise.
            return _settled(settlements[0], settlements[0].match, tuple(candidates))
        if not settlements:
            # Admin units alone ("Rural Damascus", the governorate and its central district): the largest.
            largest = min(_KIND_RANK.get(c.place.kind, 9) for c in cands)
            units = [c for c in cands if _KIND_RANK.get(c.place.kind, 9) == largest]
            if len(units) == 1:
                return _settled(units[0], units[0].match, tuple(candidates))
        # Without geography (see choose_in_article), a homonym is the one big town, if there is one.
        populous = [c for c in settlements or cands if c.place.population >= PROMINENT_POPULATION]
        if len(populous) == 1:
            return Choice("resolved", populous[0].place, "context", tuple(candidates))
        # Else the one town that is the seat of a district or subdistrict named after it ("Ras al-Ain").
        seats = [c for c in settlements if is_seat(c.place)]
        if len(seats) == 1:
            return Choice("resolved", seats[0].place, "context", tuple(candidates))
        return Choice("ambiguous", None, "", tuple(candidates))

    def _narrowed(self, cands: tuple[Candidate, ...], qualifier: str) -> tuple[Candidate, ...]:
        """The candidates a qualifier allows, then those of the best match tier (``_GEO_RANK``)."""
        if qualifier in LANDFORM_QUALIFIERS:
            cands = tuple(c for c in cands if c.place.kind in QUALIFIER_KINDS[qualifier])
        elif len(cands) > 1 and qualifier in QUALIFIER_KINDS:
            kept = tuple(c for c in cands if c.place.kind in QUALIFIER_KINDS[qualifier])
            cands = kept or cands
        if len(cands) > 1:
            best_match = min(_GEO_RANK[c.match] for c in cands)
            cands = tuple(c for c in cands if _GEO_RANK[c.match] == best_match)
        return cands

    def homonyms(self, key: tuple[tuple[str, ...], MatchKind, str, str]) -> tuple[Candidate, ...]:
        """The located candidates geography chooses among for a name (its place ids, match, qualifier
        and surface), or () when the name is not a homonym.

        These are the settlements of the best match kind (each place ranked by how the surface spells
        it) that the qualifier allows, when they lie more than TIGHT_KM apart; admin units of one
        name are never homonyms of each other. Memoised, since names recur across articles.
        """
        if len(key[0]) < 2:
            return ()  # one place has no homonym
        pool = self._pools.get(key)
        if pool is None:
            place_ids, match, qualifier, surface = key
            cands = _without_namesakes(
                _without_variant_twins(
                    self._narrowed(tuple(self._spelled(place_ids, match, surface)), qualifier)
                )
            )
            located = [c for c in cands if c.place.lat is not None and c.place.kind not in NOT_LOCATING]
            pool = ()
            if len(located) > 1:
                lat, lon = _coordinates([c.place for c in located])
                if haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :]).max() > TIGHT_KM:
                    pool = tuple(located)
            self._pools[key] = pool
        return pool

    def choose_in_article(self, uses: Sequence[NameUse]) -> list[Choice]:
        """Choose a place for every name hit of one article, homonyms by spatial minimality.

        ``choose`` gives each name the place its spelling and qualifier settle alone: one place, the
        one big town among villages, or none (ambiguous). Settled names are the article's fixed
        points. A name with homonyms (``homonyms``) takes the candidate that keeps the article's
        places close together: the least mean distance (capped at FAR_KM) to the nearest point of
        each other name. A name still without a place counts as all its candidates and weighs
        UNSETTLED_WEIGHT; names of the same sentence (its list, its clause) weigh SENTENCE_WEIGHT.
        Two rounds: the homonyms settled in the first are fixed in the second. Geography settles a
        homonym when its best candidate lies within NEAR_KM of a fixed place (or of two other
        homonyms: a list that clusters), at most MAX_MEAN_KM away on average, and the runner-up is
        MARGIN_KM farther on average; a big town that the name means on its own gives way only when
        no fixed place lies within NEAR_KM of it. Failing that, a name (but such a town with a fixed
        place near it) takes the one candidate within LIST_KM of a settled place of its own
        sentence, if only one is.
        Otherwise the name keeps its own choice. Each
        ranked candidate's ``distance_km`` is its mean distance, the figure that decided.
        """
        keys = [(u.place_ids, u.match, u.qualifier, u.surface) for u in uses]
        names = list(dict.fromkeys(keys))  # the same name twice is one place
        slot = {key: i for i, key in enumerate(names)}
        alone = [self.choose_for(*key) for key in names]
        first = [alone[slot[key]] for key in keys]
        pools = [
            self.homonyms(key) if choice.status != "outside" else () for key, choice in zip(names, alone)
        ]
        if not any(pools):
            return first
        sentences: list[set[int]] = [set() for _ in names]
        for use, key in zip(uses, keys):
            sentences[slot[key]].add(use.sentence)
        fixed = [
            c.place if c.status == "resolved" and c.place is not None and c.place.lat is not None
            and c.place.kind not in _NOT_ANCHORS else None
            for c in alone
        ]  # fmt: skip
        big = [
            c.place
            if pool and c.status == "resolved" and c.place and c.place.kind not in FEATURE_KINDS
            else None
            for c, pool in zip(alone, pools)
        ]  # a feature the bare name means alone has no incumbency: geography weighs it like the towns
        by_ids: dict[tuple[str, ...], list[int]] = {}
        for j, key in enumerate(names):
            by_ids.setdefault(key[0], []).append(j)
        same = [frozenset(by_ids[key[0]]) for key in names]
        decided: dict[int, Choice] = {}
        settled: list[Place | None] = []
        for _round in range(2):
            previous = settled
            settled = [decided[i].place if i in decided else fixed[i] for i in range(len(names))]
            if previous and all(a is b for a, b in zip(previous, settled)):
                break  # the first round fixed nothing new: the second would decide the same
            points = [[place] if place else [c.place for c in pools[i]] for i, place in enumerate(settled)]
            groups, nearest = nearest_by_name(pools, points)
            decided = {
                i: choice
                for i, pool in enumerate(pools)
                if pool
                and (choice := by_geography(pool, nearest[i], groups, same[i], sentences, settled, big[i]))
            }
        return [decided.get(slot[key], choice) for key, choice in zip(keys, first)]


def _without_variant_twins(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The candidates less those spelled by a variant within NAMESAKE_KM of one spelled exactly: the
    same spot under another source's spelling (the Bab al-Hawa crossing and the community at it)."""
    exact = [c.place for c in cands if c.match == "exact" and c.place.lat is not None]
    if not exact or all(c.match == "exact" for c in cands):
        return cands
    near = iter(_near_any(exact, [c.place for c in cands if c.match != "exact" and c.place.lat is not None]))
    return tuple(c for c in cands if c.match == "exact" or c.place.lat is None or not next(near))


def _without_namesakes(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The candidates less the features (``FEATURE_KINDS``) named after a town among them: one lying
    within NAMESAKE_KM of the feature ("Nasib", the town 2 km from its crossing) or of
    PROMINENT_POPULATION ("Damascus", not its airport)."""
    towns = [c.place for c in cands if c.place.kind == "populated_place" and c.place.lat is not None]
    if not towns or not any(c.place.kind in FEATURE_KINDS for c in cands):
        return cands
    if any(t.population >= PROMINENT_POPULATION for t in towns):
        return tuple(c for c in cands if c.place.kind not in FEATURE_KINDS)
    features = [c.place for c in cands if c.place.kind in FEATURE_KINDS and c.place.lat is not None]
    near = iter(_near_any(towns, features))
    return tuple(
        c for c in cands if c.place.kind not in FEATURE_KINDS or c.place.lat is None or not next(near)
    )


def _near_any(places: list[Place], others: list[Place]) -> list[bool]:
    """For each of ``others``, whether it lies within NAMESAKE_KM of one of the located ``places`` (one
    distance matrix: a row per other place)."""
    if not others:
        return []
    lat, lon = _coordinates(places)
    other_lat, other_lon = _coordinates(others)
    distances = haversine_km(lat[None, :], lon[None, :], other_lat[:, None], other_lon[:, None])
    return [not d > NAMESAKE_KM for d in distances.min(axis=1).tolist()]


def is_seat(place: Place) -> bool:
    """True for a town that gives its name to its district or subdistrict: the seat, which a bare
    name in the news means before a village of the same name."""
    key = name_key(place.name)
    return place.kind == "populated_place" and any(
        unit and name_key(unit) == key for unit in (place.admin2, place.admin3)
    )


def _notable(place: Place) -> bool:
    """A town a bare name means before a feature of that name: one GeoNames lists (cities500 gives
    the built gazetteer its GeoNames ids) or of PROMINENT_POPULATION."""
    return place.population >= PROMINENT_POPULATION or any(
        s.startswith("geonames:") for s in place.source_ids
    )


def _features_first(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Settlements sharing a name with features that go by it, as the name alone means them.

    A feature named after a town gives way to it (``_without_namesakes``); one that is not ("Bab
    al-Hawa", the crossing, and three distant villages) is what the bare name means, unless a town
    of the name is notable (``_notable``: then the name is a homonym). In an article, geography
    still weighs the feature and the towns alike (``Resolver.homonyms``).
    """
    cands = _without_namesakes(cands)
    features = tuple(c for c in cands if c.place.kind in FEATURE_KINDS)
    if features and not any(_notable(c.place) for c in cands if c.place.kind == "populated_place"):
        return features
    return cands


def _big_town_spelled(cand: Candidate) -> bool:
    """A town of PROMINENT_POPULATION spelled exactly or by a normalised variant."""
    return (
        cand.place.kind == "populated_place"
        and cand.place.population >= PROMINENT_POPULATION
        and _MATCH_RANK[cand.match] <= _MATCH_RANK["normalised"]
    )


def _settled(cand: Candidate, match: MatchKind, all_cands: tuple[Candidate, ...]) -> Choice:
    status: MentionStatus = "outside" if cand.place.outside else "resolved"
    return Choice(status, cand.place, match, all_cands)
