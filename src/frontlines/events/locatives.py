"""Words around a name that make it a point of reference, part of a place or a region ("north of X")."""

from __future__ import annotations

import re

from frontlines.events.sentence import Item, Sentence

_LOCATES_BEFORE_RE = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?\s+of|(?:countryside|outskirts|suburbs?|edges?|vicinity|"
    r"environs)\s+of|(?:km|kilomet(?:re|er)s?|miles)\s+(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?"
    r"(?:(?:town|city|village|provincial\s+capital|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: Words after a name that make it a region, not a town ("East Ghouta region", "key Idlib army bases": bases
#: of the region; one "X air base" is X's).
REGION_AFTER_RE = re.compile(
    r"^\s+(?:region|province|governorate|countryside|area|plain|plains|valley|desert|enclave|pocket|"
    r"(?:army|military|air|government|regime)\s+(?:bases|posts|positions|checkpoints))\b",
    re.IGNORECASE,
)
#: "the X area" after a verb of change, X a village or a district: the place itself, not a region around it.
_AREA_AFTER_RE = re.compile(r"\s+area\b", re.IGNORECASE)
_THE_BEFORE_RE = re.compile(r"\bthe\s+$", re.IGNORECASE)
#: Towns larger than this are read as the centre of their "area" ("the Afrin area").
AREA_TOWN_MAX_POPULATION = 20_000
#: A named place the mentions missed: "seized Jindires district, in X", "defending Tel Foo checkpoint".
UNKNOWN_NAMED_RE = re.compile(
    r"(?<![\w'’-])(?:(?!(?:Arab|Druze|Sunni|Shia|Turkmen|Yazidi|Kurd|Christian)\b|[A-Z]\w*(?:ish|ian|ite|ese|i)\b)"
    r"[A-Z][\w'’-]+\s+){1,3}(?:district|town|village|neighbou?rhood|quarter|area|camp|hill|"
    r"mountain|base|airport|checkpoint)s?\b(?!\s+of\b)"
)
#: What may stand between a locating word and the place it names: "the northern city of", "Syria's".
PLACE_LEAD = (
    r"(?:(?:[\w-]+\s+){0,3}?(?:city|town|province|governorate|capital)\s+of\s+(?:the\s+)?|[\w-]+['’]s\s+)?"
)
#: Nouns of a share of a place: "half of X", "95 percent of X", "most of X" name part of it, not all of it.
PROPORTION = r"\b(?:half|thirds?|percent|per\s*cent|most|much|majority|bulk)\b|%"
DIRECTION_BEFORE_RE = re.compile(
    r"\b(?:east|west|north|south|eastern|western|northern|southern|central|rural|greater)\s+$", re.IGNORECASE
)
#: Words before a place named only as a point of reference, not as the object of a change: "an eastern
#: suburb of X", "the Sheikh Saeed district of the city", "north of X", "between X and", "near X", "20 km from X",
#: "hills overlooking X", "a push to encircle X".
REFERENCE_BEFORE_RE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)\s+of|(?<!\bthe\s)(?<!\bThe\s)\b(?:suburbs?|district|neighbou?rhood|quarter|portion|section)\s+of"
    r"|\b(?:outskirts|edges?|vicinity|environs|countryside|surroundings)\s+of|\bsurrounding|\baround|\bbetween|\bnear"
    r"|(?<!\bthe\s)(?<!\bThe\s)\bnearby"
    r"|\boutside|\bclose\s+to|\boverlooking|\bto\s+(?:encircle|surround|besiege|isolate)|\b(?:km|kilometres?|kilometers?|miles)\s+(?:\([^)]*\)\s+|\w+\s+)?(?:of|from)"
    r"|\b(?:border|frontier|boundary|line|point)\s+with|\bborder(?:s|ing)\s+(?:both\s+)?|\bseparating\s+[^,;]{0,40}?\bfrom"
    r"|\b(?:located|situated|lying)(?:\s+(?!the\b)[\w-]+){0,3}"
    r"|\b(?:deal|agreement|talks|negotiations|accord|understanding|truce|ceasefire|reconciliation|ties|relations)"
    r"\s+with(?:\s+the\s+(?:government|regime|authorities)\s+in)?)"
    r"\s+(?:the\s+)?(?:[\w'’]+-(?:occupied|annexed|held|controlled)\s+|occupied\s+|annexed\s+)?"
    r"(?:(?:(?:northern|southern|eastern|western|central|north-?(?:eastern|western)|south-?(?:eastern|western))\s+)?"
    r"(?:town|city|village|provincial\s+capital|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)


def locates(text: str, start: int, end: int) -> bool:
    """True for a name that only locates something else, so no later "the town" stands for it: "the
    countryside of X", "north of X", "X province", "20 km from X", "a suburb of X"."""
    return bool(
        _LOCATES_BEFORE_RE.search(text, max(0, start - 40), start)
        or REGION_AFTER_RE.match(text[end : end + 20])
    )


def regionlike(s: Sentence, item: Item) -> bool:
    """True for a name used as a region or part of one ("East Ghouta region"), not as a town."""
    return bool(
        REGION_AFTER_RE.match(s.text[item.end : item.end + 20])
        or DIRECTION_BEFORE_RE.search(s.text[max(0, item.start - 12) : item.start])
    )


def named_area(s: Sentence, item: Item, before: str) -> bool:
    """True for "the X area" naming a village or a district by its name ("took the X area"), not the region
    around a town: X is no admin unit's seat and no larger town, and "the" stands right before it."""
    place = item.place
    return bool(
        place is not None
        and place.kind in ("populated_place", "neighbourhood")
        and place.population <= AREA_TOWN_MAX_POPULATION
        and place.name not in (place.admin2, place.admin3)
        and _THE_BEFORE_RE.search(before)
        and _AREA_AFTER_RE.match(s.text, item.end)
    )
