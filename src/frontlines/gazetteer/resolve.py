"""The resolver: a name's candidate places, the place each name hit of an article means, suggestions."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from itertools import accumulate
from typing import NamedTuple, cast

import numpy as np
from rapidfuzz import fuzz, process

from frontlines.gazetteer.geography import (
    LIST_KM,
    NEAR_KM,
    Choice,
    by_geography,
    candidate_distances,
    far_defaults,
    nearest_by_name,
    others_of,
)
from frontlines.gazetteer.index import NameIndex
from frontlines.gazetteer.load import Gazetteer, load_gazetteer
from frontlines.gazetteer.lookups import cached_lookups
from frontlines.gazetteer.nearby import NOT_ANCHORS as _NOT_ANCHORS
from frontlines.gazetteer.nearby import NOT_LOCATING, NearbySpellings, haversine_km, lie_apart
from frontlines.gazetteer.nearby import anchor_points as _anchor_points
from frontlines.gazetteer.nearby import coordinates as _coordinates
from frontlines.gazetteer.normalise import name_key, name_tokens
from frontlines.gazetteer.parts import PartNames
from frontlines.gazetteer.ranking import (
    FEATURE_KINDS,
    KIND_RANK,
    PROMINENT_POPULATION,
    QUALIFIER_KINDS,
    choose,
    described,
    features_first,
    narrowed,
    without_namesakes,
    without_variant_twins,
)
from frontlines.gazetteer.tables import NameForm
from frontlines.models import ADMIN_KINDS, Candidate, MatchKind, Place

#: Words that tell apart two villages of one name ("Big Hajiyeh", "Little Hajiyeh", "Safira Tahtani").
PAIR_WORDS = frozenset(
    name_tokens(word)[0]
    for word in (
        "Big", "Little", "Small", "Upper", "Lower", "Eastern", "Western", "Northern", "Southern", "Middle",
        "Old", "New", "Kabir", "Kabira", "Kbir", "Kbira", "Saghir", "Saghira", "Sghir", "Sghira", "Tahtani",
        "Tahtana", "Fawqani", "Fawqana", "Foqani", "Sharqi", "Sharqiya", "Gharbi", "Gharbiya", "Shamali",
        "Shamaliya", "Janoubi", "Janoubiya", "Jadida", "Qadima",
    )
)  # fmt: skip


class NameUse(NamedTuple):
    """One name hit of an article as geography sees it: its candidates, qualifier and sentence (a
    tuple: cheap to make per hit)."""

    place_ids: tuple[str, ...]
    match: MatchKind
    qualifier: str = ""
    sentence: int = -1
    surface: str = ""  # the name as written: which candidates it spells exactly


#: Unknown names whose suggestions are kept per resolver (the oldest is dropped first).
_MEMO_NAMES = 1 << 12
#: Candidates of one name that lie this close together are one place for geography (not homonyms).
TIGHT_KM = 20.0


class Resolver:
    """Resolves names and mentions against one gazetteer."""

    def __init__(self, gazetteer: Gazetteer | None = None, index: NameIndex | None = None):
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.index = index if index is not None else NameIndex.cached(self.gazetteer)
        self._keys: list[str] | None = None
        self._suggested: dict[tuple[str, int], tuple[Candidate, ...]] = {}
        self._choices: dict[tuple[tuple[str, ...], str, str, str], Choice] = {}
        self._lookups: tuple[NearbySpellings, PartNames] | None = None
        self._pools: dict[tuple[tuple[str, ...], str, str, str], tuple[Candidate, ...]] = {}
        self._ranked: dict[tuple[tuple[str, ...], str], tuple[Candidate, ...]] = {}
        self._spellings: dict[str, dict[str, MatchKind]] = {}
        self._forms: list[NameForm] | None = None

    def _spellings_nearby(self) -> NearbySpellings:
        return self._unknown_spellings()[0]

    def _parts(self) -> PartNames:
        return self._unknown_spellings()[1]

    def _unknown_spellings(self) -> tuple[NearbySpellings, PartNames]:
        """The look-ups of unknown spellings, read from their cache (or built) on first use."""
        if self._lookups is None:
            self._lookups = cached_lookups(self.gazetteer, self._name_forms, self.index.cache_key)
        return self._lookups

    def _name_forms(self) -> list[NameForm]:
        """The index's forms of each gazetteer name, read once for the look-ups of unknown spellings."""
        if self._forms is None:
            self._forms = self.index.name_forms()
        return self._forms

    def candidates(self, place_ids: Iterable[str], match: MatchKind) -> list[Candidate]:
        """Candidates best first: nearer match, settlements before admin units, bigger first."""
        places = [self.gazetteer.places[p] for p in place_ids if p in self.gazetteer.places]
        places.sort(key=lambda p: (KIND_RANK.get(p.kind, 9), -p.population, p.id))
        return [Candidate(p, match) for p in places]

    def resolve_name(self, name: str) -> list[Candidate]:
        """Every place a standalone name may mean, best first.

        A name the gazetteer lacks that ends with a kind word is looked up without it, keeping the
        places of that kind ("Idlib province", "Tabqa city"); words that describe a feature are read
        the same way ("Handarat Palestinian refugee camp", "Kuweires military air base").
        """
        found = self.index.lookup(name)
        kind_named = described(name)
        if kind_named and not any(m in ("exact", "normalised") for _, m in found):
            head, word = kind_named
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
            first = features_first(tuple(c for c in group if c.place.kind not in ADMIN_KINDS))
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
        return self._spellings_nearby().lookup(name, _anchor_points(anchors))

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

    def local_namesakes(
        self, names: Sequence[tuple[str, Place, Sequence[Place]]]
    ) -> list[tuple[Candidate, ...]]:
        """For each village an article spells exactly (its surface, its place and the settled places of
        its sentence), when the village lies farther than NEAR_KM from every one of them: the places
        within LIST_KM of one whose full name ends with the surface ("Big Hajiyeh" and "Little Hajiyeh"
        beside a list for a "Hajiyeh" 80 km away: the name and one of PAIR_WORDS), nearest first,
        labelled ``fuzzy`` with their distance; else none. A town of PROMINENT_POPULATION or more keeps
        its bare name. Names of one sentence share one ``anchors`` object."""
        found: list[tuple[Candidate, ...]] = [()] * len(names)
        located: dict[int, list[Place]] = {}  # by the identity of a sentence's anchors: one list a sentence
        parts = self._parts()
        for n, (name, place, anchors) in enumerate(names):
            if (
                place.lat is None
                or place.population >= PROMINENT_POPULATION
                or not parts.any_ending_with(name)
            ):
                continue  # most names end no longer name: their sentence's anchors need not be read
            if id(anchors) not in located:
                located[id(anchors)] = _anchor_points(anchors)
            points = [point for point in located[id(anchors)] if point.id != place.id]
            if not points:
                continue
            fits = [fit for fit in parts.ending_with(name, points, LIST_KM) if _paired(fit[1].name, name)]
            if not fits:
                continue
            lat, lon = _coordinates(points)
            if haversine_km(np.array(place.lat), np.array(place.lon), lat, lon).min() > NEAR_KM:
                found[n] = tuple(Candidate(near, "fuzzy", round(km, 1)) for km, near in fits)
        return found

    def part_named(self, name: str, anchors: Sequence[Place]) -> Candidate | None:
        """The one place within LIST_KM (failing that, NEAR_KM) of an anchor whose full name ends with
        ``name`` ("Al-Othman" for the village Jubb al-Uthman among its neighbours), labelled ``fuzzy``
        with its distance."""
        fits = self._parts().ending_with(name, anchors, NEAR_KM)
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
            choice = self._choices[key] = choose(self._spelled(place_ids, match, surface), qualifier)
        return choice

    def _spelled(self, place_ids: tuple[str, ...], match: MatchKind, surface: str) -> list[Candidate]:
        ranked = self._ranked.get((place_ids, match))
        if ranked is None:  # the same places recur under other spellings and qualifiers
            ranked = self._ranked[place_ids, match] = tuple(self.candidates(place_ids, match))
        cands = list(ranked)
        if surface and len(cands) > 1:
            spelled = self._spellings.get(surface)
            if spelled is None:  # a surface's memo misses under each of its qualifiers: looked up once
                if len(self._spellings) >= _MEMO_NAMES:
                    del self._spellings[next(iter(self._spellings))]
                spelled = self._spellings[surface] = {
                    p: cast(MatchKind, m) for p, m in self.index.lookup(surface)
                }
            cands = [Candidate(c.place, spelled.get(c.place.id, c.match)) for c in cands]
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
            cands = without_namesakes(
                without_variant_twins(narrowed(tuple(self._spelled(place_ids, match, surface)), qualifier))
            )
            located = [c for c in cands if c.place.lat is not None and c.place.kind not in NOT_LOCATING]
            pool = (
                tuple(located) if len(located) > 1 and lie_apart([c.place for c in located], TIGHT_KM) else ()
            )
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
        no fixed place lies within NEAR_KM of it, or when the article's places lie on average more
        than MAX_MEAN_KM nearer the best candidate. Failing that, a name (but such a town with a fixed
        place near it) takes the one candidate within LIST_KM of a settled place of its own
        sentence, if only one is.
        Otherwise the name keeps its own choice, but a default that lies far from the article's places
        (``far_defaults``) is left open. Each
        ranked candidate's ``distance_km`` is its mean distance, the figure that decided.
        """
        keys = [(u.place_ids, u.match, u.qualifier, u.surface) for u in uses]
        names = list(dict.fromkeys(keys))  # the same name twice is one place
        slot = {key: i for i, key in enumerate(names)}
        sentences: list[set[int]] = [set() for _ in names]
        for use, key in zip(uses, keys):
            sentences[slot[key]].add(use.sentence)
        alone = [self.choose_for(*key) for key in names]
        alone = far_defaults(alone, [key[0] for key in names], [_anchor(c) for c in alone], sentences)
        first = [alone[slot[key]] for key in keys]
        pools = [
            self.homonyms(key) if choice.status != "outside" else () for key, choice in zip(names, alone)
        ]
        if not any(pools):
            return first
        fixed = [_anchor(c) for c in alone]
        big = [
            c.place
            if pool and c.status == "resolved" and c.place and c.place.kind not in FEATURE_KINDS
            else None
            for c, pool in zip(alone, pools)
        ]  # a feature the bare name means alone has no incumbency: geography weighs it like the towns
        by_ids: dict[tuple[str, ...], list[int]] = {}
        for j, key in enumerate(names):
            by_ids.setdefault(key[0], []).append(j)
        groups = [j for j, place in enumerate(fixed) if place or pools[j]]  # names with points, both rounds
        others = {
            i: others_of(groups, frozenset(by_ids[key[0]]), sentences)
            for i, key in enumerate(names)
            if pools[i]
        }
        distances = candidate_distances(pools, fixed)  # both rounds read their points' columns
        decided: dict[int, Choice] = {}
        settled: list[Place | None] = []
        for _round in range(2):
            previous = settled
            settled = [decided[i].place if i in decided else fixed[i] for i in range(len(names))]
            if previous and all(a is b for a, b in zip(previous, settled)):
                break  # the first round fixed nothing new: the second would decide the same
            points = [[place] if place else [c.place for c in pools[i]] for i, place in enumerate(settled)]
            nearest = nearest_by_name(pools, points, groups, distances)
            decided = {
                i: choice
                for i, weighed in others.items()
                if (choice := by_geography(pools[i], nearest[i], weighed, settled, big[i]))
            }
        return [decided.get(slot[key], choice) for key, choice in zip(keys, first)]


def _anchor(choice: Choice) -> Place | None:
    """The located place a settled name fixes for geography, if any (not a highway or a country)."""
    place = choice.place
    if choice.status == "resolved" and place is not None and place.lat is not None \
            and place.kind not in _NOT_ANCHORS:  # fmt: skip
        return place
    return None


def _paired(full: str, name: str) -> bool:
    """True when ``full`` is ``name`` with one of PAIR_WORDS before or after it ("Big Hajiyeh")."""
    words, tokens = name_tokens(full), name_tokens(name)
    return len(words) == len(tokens) + 1 and (
        (words[1:] == tokens and words[0] in PAIR_WORDS) or (words[:-1] == tokens and words[-1] in PAIR_WORDS)
    )
