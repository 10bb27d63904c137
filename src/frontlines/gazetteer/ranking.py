"""One name's candidates judged without an article: match and kind ranks, qualifiers, namesakes, seats."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from frontlines.gazetteer.geography import Choice
from frontlines.gazetteer.nearby import coordinates as _coordinates
from frontlines.gazetteer.nearby import haversine_km
from frontlines.gazetteer.normalise import name_key
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
    "mount": frozenset({"hill", "region"}),
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
#: Landform words: "the Yarmouk basin" is never the camp or a town called Yarmouk, "Mount Azzan" never
#: the village of Azzan. They keep only the regions (or hills) of that name, and a name with none stays
#: unresolved.
LANDFORM_QUALIFIERS = frozenset({"basin", "valley", "mount"})
_KIND_WORD = {"base": "airbase", "gate": "crossing", "neighborhood": "neighbourhood"}
_MATCH_RANK = {"exact": 0, "normalised": 1, "context": 1, "skeleton": 2, "fuzzy": 3}
#: For geography, a listed spelling and a variant are one tier: sources list many spellings of big
#: towns and one of each village, so "Qusair" spells the Homs town exactly and the Daraa village
#: only as a variant; the spelling's choice stays the incumbent (see ``geography.by_geography``).
_GEO_RANK = {**_MATCH_RANK, "exact": 1}
KIND_RANK = {"populated_place": 0, "junction": 0, "highway": 0, "neighbourhood": 0, "camp": 0, "crossing": 0,
              "airbase": 0, "dam": 0, "hill": 0, "road": 0, "region": 1, "governorate": 2, "district": 3,
              "subdistrict": 4, "country": 5, "foreign_country": 1, "foreign_place": 1}  # fmt: skip
#: Failing geography, a homonym is the one town of at least this population, if there is one.
PROMINENT_POPULATION = 20_000
#: Features that go by a bare name they may share with towns ("Bab al-Hawa", "Nasib", "Taftanaz").
FEATURE_KINDS = frozenset({"crossing", "airbase", "dam"})
#: A feature this close to a town of its bare name is named after it: the bare name is the town.
NAMESAKE_KM = 10.0


def described(name: str) -> tuple[str, str] | None:
    """A name that ends with a kind word, perhaps after words that describe a feature, as the name before
    them and the kind word ("Kuweires military air base" -> "Kuweires", "airbase"); None for any other."""
    found = _DESCRIBED.match(name.strip())
    if found is None:
        return None
    word = found.group(2).lower()
    return found.group(1), _KIND_WORD.get(word, word)


def choose(candidates: Sequence[Candidate], qualifier: str = "") -> Choice:
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
    settlements = features_first(tuple(c for c in cands if c.place.kind not in ADMIN_KINDS))
    if len(settlements) == 1:
        # A town and the units named after it (Idlib city, district, governorate): the town,
        # unless a qualifier said otherwise.
        return _settled(settlements[0], settlements[0].match, tuple(candidates))
    if not settlements:
        # Admin units alone ("Rural Damascus", the governorate and its central district): the largest.
        largest = min(KIND_RANK.get(c.place.kind, 9) for c in cands)
        units = [c for c in cands if KIND_RANK.get(c.place.kind, 9) == largest]
        if len(units) == 1:
            return _settled(units[0], units[0].match, tuple(candidates))
    # Without geography (see ``Resolver.choose_in_article``), a homonym is the one big town, if there is one.
    populous = [c for c in settlements or cands if c.place.population >= PROMINENT_POPULATION]
    if len(populous) == 1:
        return Choice("resolved", populous[0].place, "context", tuple(candidates))
    # Else the one town that is the seat of a district or subdistrict named after it ("Ras al-Ain").
    seats = [c for c in settlements if is_seat(c.place)]
    if len(seats) == 1:
        return Choice("resolved", seats[0].place, "context", tuple(candidates))
    return Choice("ambiguous", None, "", tuple(candidates))


def narrowed(cands: tuple[Candidate, ...], qualifier: str) -> tuple[Candidate, ...]:
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


def without_variant_twins(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """The candidates less those spelled by a variant within NAMESAKE_KM of one spelled exactly: the
    same spot under another source's spelling (the Bab al-Hawa crossing and the community at it)."""
    exact = [c.place for c in cands if c.match == "exact" and c.place.lat is not None]
    if not exact or all(c.match == "exact" for c in cands):
        return cands
    near = iter(_near_any(exact, [c.place for c in cands if c.match != "exact" and c.place.lat is not None]))
    return tuple(c for c in cands if c.match == "exact" or c.place.lat is None or not next(near))


def without_namesakes(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
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
    return place.kind == "populated_place" and _names_its_unit(place.name, place.admin2, place.admin3)


@lru_cache(maxsize=1 << 14)
def _names_its_unit(name: str, *units: str) -> bool:
    """True when a name has the key of one of the (non-empty) unit names; memoised (homonyms recur)."""
    key = name_key(name)
    return any(unit and name_key(unit) == key for unit in units)


def _notable(place: Place) -> bool:
    """A town a bare name means before a feature of that name: one GeoNames lists (cities500 gives
    the built gazetteer its GeoNames ids) or of PROMINENT_POPULATION."""
    return place.population >= PROMINENT_POPULATION or any(
        s.startswith("geonames:") for s in place.source_ids
    )


def features_first(cands: tuple[Candidate, ...]) -> tuple[Candidate, ...]:
    """Settlements sharing a name with features that go by it, as the name alone means them.

    A feature named after a town gives way to it (``without_namesakes``); one that is not ("Bab
    al-Hawa", the crossing, and three distant villages) is what the bare name means, unless a town
    of the name is notable (``_notable``: then the name is a homonym). In an article, geography
    still weighs the feature and the towns alike (``Resolver.homonyms``).
    """
    cands = without_namesakes(cands)
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
