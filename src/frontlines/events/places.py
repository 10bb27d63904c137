"""Places in a sentence: its place items (mentions, described highways, anaphors) and the place(s) a
trigger acts on (its object or subject, the places listed with it, the examples of a region).

Region-level objects ("60 towns and villages in Idlib", "parts of Aleppo"), admin units, places
outside the region and mentions that did not resolve to one place are not usable objects.
"""

from __future__ import annotations

import re
from dataclasses import replace

from frontlines.events import highways
from frontlines.events.cues import destination
from frontlines.events.sentence import Item, Sentence
from frontlines.events.sides import subject
from frontlines.models import ADMIN_KINDS, LINE_KINDS, Place, distance_km

#: Kinds an anaphor may stand for: "the town" a populated place, "the crossing" or "the camp" any point place.
TOWN_KINDS = frozenset({"populated_place"})
#: What each anaphoric noun may stand for ("the district": a neighbourhood, never its city).
_NOUN_KINDS = {
    "crossing": frozenset({"crossing", "junction"}), "airport": frozenset({"airbase"}), "base": frozenset({"airbase"}),
    "dam": frozenset({"dam"}), "camp": frozenset({"camp", "populated_place"}),
    "district": frozenset({"neighbourhood"}), "neighbourhood": frozenset({"neighbourhood"}),
    "neighborhood": frozenset({"neighbourhood"}),
}  # fmt: skip

#: Kinds of place that locate an anaphor by distance ("the town south of X").
_POINT_KINDS = frozenset({"populated_place", "junction"})
#: A place with at least this many people is no "village"; one with at least CITY_MIN_POPULATION is a city,
#: not a "district" or "suburb" (of itself).
VILLAGE_MAX_POPULATION = 20_000
CITY_MIN_POPULATION = 100_000
#: How far from the place its locative phrase names an anaphor's antecedent may lie ("the town south of X").
LOCATED_NEAR_KM = 40.0
_LOCATIVE_WORDS = (
    r"(?:the|a|an|its|area|region|outskirts|edges?|vicinity|countryside|environs|suburbs?|town|city|village|"
    r"province|governorate|rural|greater|central|\w+ern|north|south|east|west|surrounding|around|of|near|in|just)"
)
#: The start of an anaphor's own locative phrase, up to the place it names.
_OWN_LOCATIVE_RE = re.compile(
    r"^,?\s+(?:(?:located|lying|situated|just|some|about)\s+)?(?:\d+\s*(?:km|kilomet(?:re|er)s?|miles)\s+)?"
    r"(?:in|on|near|outside|around|surrounding|close\s+to|next\s+to|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of)\s+"
    rf"(?:{_LOCATIVE_WORDS}\s+)*$",
    re.IGNORECASE,
)
_CITY_PART_RE = re.compile(
    r"^\s+(?:district|neighbou?rhood|quarter|suburb|village|town|countryside|province|governorate)s?\b(?!\s+of\b)",
    re.IGNORECASE,
)
_LOCATES_BEFORE_RE = re.compile(
    r"\b(?:(?:north|south|east|west)(?:-?(?:east|west))?\s+of|(?:countryside|outskirts|suburbs?|edges?|vicinity|"
    r"environs)\s+of|(?:km|kilomet(?:re|er)s?|miles)\s+(?:\w+\s+)?(?:of|from))\s+(?:the\s+)?"
    r"(?:(?:town|city|village|provincial\s+capital|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: A named place the mentions missed, before the first place after a trigger: "seized Jindires district, in X".
_UNKNOWN_OBJECT_RE = re.compile(
    r"(?<![\w'’-])(?:(?!(?:Arab|Druze|Sunni|Shia|Turkmen|Yazidi|Kurd|Christian)\b|[A-Z]\w*(?:ish|ian|ite|ese|i)\b)"
    r"[A-Z][\w'’-]+\s+){1,3}(?:district|town|village|neighbou?rhood|quarter|area|camp|hill|"
    r"mountain|base|airport|checkpoint)s?\b(?!\s+of\b)"
)
#: The trigger's own object, then a comma: "capturing these villages, ...".
_OBJECT_THEN_COMMA_RE = re.compile(
    r"^\s+(?:the|these|those|this|that|its|their|several|many|some|all|\d+|two|three|four|five|a|an)\s+[^,;]{1,40},"
    r"|^\s+(?:it|them),",
    re.IGNORECASE,
)
#: Between two places of one locative phrase: "Syria's X", "X province's Y".
_LOCATIVE_CHAIN_RE = re.compile(r"^['’]s?\s+$")

#: An object that is a container of places ("60 towns and villages in", "parts of") or part of one.
_PARTIAL_RE = re.compile(
    r"\b(?:parts?|half|most|much|some|majority|bulk|swathes?|tracts?|chunks?|"
    r"outskirts|edges?|pocket|farms|hills|countryside|surroundings|vicinity|"
    r"environs|rest|fringes|entrances?|gates|districts|neighbou?rhoods|quarters|areas|positions|points|posts)\s+"
    r"(?:\w+\s+)?(?:of|in|around|near|on)\b",
    re.IGNORECASE,
)
_CONTAINER_RE = re.compile(
    r"\b(?:towns|villages|cities|settlements|localities|communities|hamlets|territory|territories|region|land|"
    r"ground|areas)\b[^,;]{0,40}?\b(?:in|near|around|across|along|outside|inside|on|east|west|north|south|"
    r"northeast|northwest|southeast|southwest|throughout)\b",
    re.IGNORECASE,
)
_NAMING_LIST_RE = re.compile(
    r"\bthe\s+(?:\w+\s+){0,2}?(?:towns|villages|cities|districts|neighbou?rhoods|areas|settlements)\s+of\s+$",
    re.IGNORECASE,
)
#: Another name listed after a place (one the mentions may not know).
_MORE_NAMES_RE = re.compile(r"\s*(?:,|,?\s+and|,?\s+as\s+well\s+as)\s+(?:the\s+)?(?:(?:al|el|Al|El)-)?[A-Z]")
_PART_NOUN_RE = re.compile(r"\b(?:districts|neighbou?rhoods|areas)\b", re.IGNORECASE)
#: A clause boundary between a verb and a place: the place is not its object.
_OBJECT_CLAUSE_RE = re.compile(
    r"\b(?:that|which|who|whom|whose|where|while|whereas|because|although|though)\b|[;:]"
    r"|,\s+(?:[\w'’-]+\s+){1,4}?(?:was|were|is|are|has|have|had)\b"  # "capturing these villages, IS was"
)
#: Words after a name that make it a region, not a town ("East Ghouta region").
_REGION_AFTER_RE = re.compile(
    r"^\s+(?:region|province|governorate|countryside|area|plain|plains|valley|desert|enclave|pocket)\b",
    re.IGNORECASE,
)
_EXAMPLES_RE = re.compile(r"\b(?:such\s+as|including|among\s+them|like|namely|notably)\b", re.IGNORECASE)
#: Text between two places of one list: "X, Y and the town of Z".
_LIST_GAP_RE = re.compile(
    r"^(?:\s*\([^)]*\))?\s*(?:,|,?\s+and|,?\s+as\s+well\s+as|,?\s+&)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|district|neighbou?rhood|camp|dam|base|airport|crossing|hill|mount|key|strategic|"
    r"nearby|neighbou?ring|adjacent|small|large|major|important|\w+ern|of|the)\s+){0,4}$",
    re.IGNORECASE,
)
DIRECTION_BEFORE_RE = re.compile(
    r"\b(?:east|west|north|south|eastern|western|northern|southern|central|rural|greater)\s+$", re.IGNORECASE
)
#: A name that only qualifies the next one: "Idlib's Saraqeb", "Aleppo's historic Old City", "the Damascus suburb of Douma".
_MODIFIER_AFTER_RE = re.compile(
    r"^(?:['’]s?\s+[A-Z]|['’]s\s+(?!(?:capture|recapture|fall|liberation|loss|seizure|retaking|takeover)\b)[a-z]"
    r"|\s+(?:suburbs?|countryside|district|neighbou?rhood)\s+of\b"
    r"|[\s-]+(?i:(?:border\s+)?crossing|(?:military\s+)?(?:airport|air\s*base|airbase|air\s+field|airfield)|dam|bridge|"
    r"checkpoint|prison|hospital|military\s+base|barracks|academy|"
    r"oil\s*field|gas\s*field|power\s+plant|silos)\b)"
)
#: Two names joined by a noun, one qualifying the other: "the Idlib town of X", "the Aleppo district of X".
_QUALIFIER_GAP_RE = re.compile(
    r"^\s+(?:(?:province|provincial|countryside|governorate|rural)\s+)?"
    r"(?:(?P<town>towns?|city|village|suburbs?)|district|neighbou?rhood|quarter|area)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: A noun naming part of the place before it: "a key Aleppo district", "the Damascus neighbourhoods".
_PART_AFTER_RE = re.compile(r"\s+(?:districts?|neighbou?rhoods?|quarters?|suburbs?)\b", re.IGNORECASE)
_NOUN = r"(?:town|city|village|camp|crossing|district|neighbou?rhood|settlement|base|airport|dam|suburb|stronghold)"
#: An indefinite, unnamed place a later "it" stands for: "a northwestern village", "a key town".
_UNNAMED_PLACE_RE = re.compile(
    rf"\b(?:a|an)\s+(?:[a-z][\w-]*\s+){{0,3}}?{_NOUN}\b(?!\s+(?:of|called|named|known\s+as)\b|\s+[A-Z])"
)
#: A part of a place named after its noun: "the city centre" is not the city.
_PART_NOUN = (
    r"(?:cent(?:re|er)|outskirts|limits|entrances?|edges?|council|hall|square|walls|gates?|periphery)\b"
)
#: A verb whose subject "it" is a side, not a place: "the villages it controlled", "the town it seized".
_ACTOR_VERB = (
    r"(?:controll?(?:ed|s)?|held|holds?|seized?|seizes|captured?|captures|took|takes?|lost|loses?|occupie[sd]|"
    r"occupy|overr?an|gained|gains?|retook|recaptured|besieged?|claimed|launched|used|uses)\b"
)
#: After a definite noun, a place that makes it a new one: "the last rebel stronghold in the area".
_NEW_PLACE_AFTER_RE = re.compile(
    r"\s+(?:in\s+(?:the\s+(?:area|vicinity|region|countryside|outskirts)\b|[A-Z])|near\b|around\b|outside\b)"
)
#: "the town", "a key village", "it"; not "the city centre" (a part of it) nor "it controlled" (a side).
_ANAPHOR_RE = re.compile(
    rf"\b(?P<det>(?P<definite>[Tt]he|[Tt]his|[Tt]hat)|[Aa]n?)\s+(?:(?!(?:the|this|that|an?|of)\s)[a-z][\w-]*\s+){{0,3}}?"
    rf"(?P<noun>{_NOUN})\b(?![-’']|\s+(?:of|in\s+which|called|named|known|[A-Z]|{_PART_NOUN}))"
    r"|\b(?P<pronoun>[Ii]t)\b(?!['’]s|\s+(?:is|was)\s+(?:not|unclear|clear|said|believed|reported|thought|expected|"
    r"seen|considered|regarded|described|known|likely|possible|hoped|feared|a|an|the)\b"
    rf"|\s+{_ACTOR_VERB})"
)
#: The opening of a sentence that names a place first ("Yabroud was ...", "The town of Yabroud, ...").
_OPENING_NAME_RE = re.compile(
    r"\s*(?:[“\"]\s*)?(?:the\s+(?:town|city|village)\s+of\s+"
    r"|the\s+(?P<nominal>capture|fall|seizure|loss|liberation|recapture|retaking)\s+of\s+(?:the\s+town\s+of\s+)?)?",
    re.IGNORECASE,
)
_NAMED_SUBJECT_RE = re.compile(r"\s*(?:,|\(|(?:is|was|has|had|lies|sits|lay|had\s+been|has\s+been)\b)")
#: After the place that opens a sentence, a dateline: "Damascus, March 27 (IANS)", "BEIRUT (AP) —".
_DATELINE_AFTER_RE = re.compile(
    r"\s*(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})\b|,?\s*\((?:[A-Z][\w.]*\s?){1,3}\)|\s*[–—])"
)
_DIRECTION_OF_RE = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)\s+of\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE,
)
#: Words before a place named only as a point of reference, not as the object of a change: "an eastern
#: suburb of X", "the Sheikh Saeed district of the city", "north of X", "between X and", "near X", "20 km from X",
#: "hills overlooking X".
_REFERENCE_BEFORE_RE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)\s+of|(?<!\bthe\s)(?<!\bThe\s)\b(?:suburbs?|district|neighbou?rhood|quarter|portion|section)\s+of"
    r"|\b(?:outskirts|edges?|vicinity|environs|countryside|surroundings)\s+of|\bsurrounding|\baround|\bbetween|\bnear"
    r"|(?<!\bthe\s)(?<!\bThe\s)\bnearby"
    r"|\boutside|\bclose\s+to|\boverlooking|\b(?:km|kilometres?|kilometers?|miles)\s+(?:\([^)]*\)\s+|\w+\s+)?(?:of|from)"
    r"|\b(?:border|frontier|boundary|line|point)\s+with|\bborder(?:s|ing)\s+(?:both\s+)?|\bseparating\s+[^,;]{0,40}?\bfrom)"
    r"\s+(?:the\s+)?(?:[\w'’]+-(?:occupied|annexed|held|controlled)\s+|occupied\s+|annexed\s+)?"
    r"(?:(?:town|city|village|provincial\s+capital|capital)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: A relative clause about people that the place ends: "fighters who had escaped X were captured".
_PEOPLE_CLAUSE_RE = re.compile(r"\bwho\b[^,;.]*$", re.IGNORECASE)
#: A place after a comma that locates what came before it: "seized Jindires district, in Afrin countryside".
_LOCATOR_BEFORE_RE = re.compile(r"[^\s,]\s*,\s*(?:in|inside|near)\s+(?:the\s+)?$", re.IGNORECASE)
#: A place locating the noun before it: "A in C district", "trenches in X", "a roundabout in Raqqa".
_LOCATIVE_BEFORE_RE = re.compile(r"\b(?:in|inside|at)\s+(?:the\s+)?$", re.IGNORECASE)
#: An object noun the place only locates: "seized trenches in X", "a military base in the town of X".
_NOUN_IN_RE = re.compile(
    r"\b(?!(?:control|over|back|up|full|positions?|points?|posts?)\b)[a-z][\w-]*\s+(?:in|inside|near|at|on)\s+(?:the\s+)?"
    r"(?:(?:town|city|village)\s+of\s+)?['\"‘“]?$"
)
#: Names the mentions missed inside a list ("A, Tlel Al-humr, Maddahi, and B"): a list goes on across them.
_UNKNOWN_NAMES_RE = re.compile(
    r"^(?:[-–][\w'’]+|\s+(?:(?:al|el|Al|El)-)?[A-Z][\w'’-]*)*(?:\s*(?:,|,?\s+and|,?\s+as\s+well\s+as)\s+(?:(?:al|el|Al|El)-)?[A-Z][\w'’-]*"
    r"(?:[\s-]+(?:(?:al|el|Al|El)-)?[A-Z][\w'’-]*){0,3})*"
)
#: A count that stands for places named later: "withdrew from four areas", "took the following villages:".
_COUNTED_RE = re.compile(
    r"\s*(?:the\s+)?(?:following|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several)\s+"
    r"(?:(?:more|new|other|further|additional|key|strategic|\w+ern)\s+)*(?:areas|villages|towns|localities|"
    r"settlements|positions|points|hills|neighbou?rhoods|districts|sites|locations|hamlets)\b",
    re.IGNORECASE,
)
#: A sentence saying what the places of a count are: "These areas are: A, B", "They include A and B".
_NAMED_NEXT_RE = re.compile(
    r"\s*(?:(?:these|those|the)\s+(?:\w+\s+){0,2}?(?:areas|villages|towns|localities|settlements|positions|points|"
    r"hills|neighbou?rhoods|districts|sites|locations|hamlets)|they)\s+(?:are|were|include|included)\b\s*:?\s*"
    r"(?:the\s+)?(?:(?:town|village|city|area|district|neighbou?rhood)\s+of\s+)?",
    re.IGNORECASE,
)
#: What stands before a later item of a list, whatever came before it.
_LIST_JOIN_RE = re.compile(
    r"(?:,|\band|\bas\s+well\s+as|&)\s+(?:the\s+)?(?:(?:town|city|village|district|neighbou?rhood|area)\s+"
    r"(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: A list item located by the place after it: "A village in B district, C and D" (B only locates A).
_LOCATED_IN_RE = re.compile(
    r"^(?:\s+(?:village|town|hamlet|area|neighbou?rhood))?\s*(?:[,–—-]\s*)?(?:\b(?:in|inside|within|near)|(?:just\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
    r"\s+of)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?$",
    re.IGNORECASE,
)
_LOCATOR_TAIL_RE = re.compile(
    r"^\s+(?:district|subdistrict|sub-district|region|countryside|area|province|governorate|plain)\b",
    re.IGNORECASE,
)
#: What stands between a cut road and the place where it was cut: "at", "near", "south of", "in the town of".
_CUT_AT_RE = re.compile(
    r"^\s*,?\s*(?:\w+\s+){0,3}?(?:at|near|in|around|outside|by|close\s+to|next\s+to|(?:just\s+)?"
    r"(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of)\s+"
    r"(?:the\s+)?(?:(?:town|village|city|area|junction|crossing)\s+(?:of\s+)?)?$",
    re.IGNORECASE,
)
#: "PLACE, which ACTOR ..." / "PLACE was the first town ACTOR ...": the place is the object of a later verb.
_GAP_OBJECT_RE = re.compile(
    rf"(?:,\s*(?:which|that)|\s+(?:is|was|became|had\s+been|has\s+been)\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_NOUN}s?(?:\s+(?:that|which))?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# -- the place items of a sentence -----------------------------------------------------------------


def sentence_items(s: Sentence) -> None:
    """Fill ``s.mention_items`` and ``s.items``: mentions (not modifiers, the dateline or sides), the
    highways described, and the anaphors with an antecedent."""
    actors = [(a.start, a.end) for a in s.actors]
    items = s.mention_items = _qualified(s, [
        Item(m.start - s.offset, m.end - s.offset, m.status, m.place)
        for m in s.mentions
        if not _city_qualifier(m.place, s.text[m.end - s.offset : m.end - s.offset + 20])
        and m.start - s.offset >= s.dateline  # the dateline's place is where the report was filed
        and not any(st < m.end - s.offset and m.start - s.offset < e for st, e in actors)  # "IS" is a side
    ])  # fmt: skip
    taken = [(i.start, i.end) for i in items]
    for match in highways.descriptions(s.text):
        towns = [
            (m.place.lat, m.place.lon) for m in s.mentions
            if match.start() <= m.start - s.offset < match.end() and m.place is not None
            and m.place.lat is not None and m.place.lon is not None and m.status == "resolved"
        ]  # fmt: skip
        route = highways.described_highway(s.context.routes, towns)
        if route is not None:
            items = [i for i in items if not (match.start() <= i.start < match.end())]
            items.append(Item(match.start(), match.end(), "resolved", route.place))
            taken.append(match.span())
    for match in highways.city_pairs(s.text):
        if any(
            i.start < match.end()
            and match.start() < i.end
            and i.place is not None
            and i.place.kind in LINE_KINDS
            for i in items
        ):
            continue  # "the Damascus–Aleppo highway" may be a listed name
        route = highways.route_between(s.context.routes, match["a"], match["b"])
        if route is not None:
            items = [i for i in items if not (match.start() <= i.start < match.end())]
            items.append(Item(match.start(), match.end(), "resolved", route.place))
            taken.append(match.span())
    for match in highways.international(s.text):
        if any(i.start < match.end() and match.start() < i.end for i in items):
            continue
        points = [
            (m.place.lat, m.place.lon) for m in s.mentions
            if m.status == "resolved" and m.place is not None and m.place.lat is not None and m.place.lon is not None
        ]  # fmt: skip
        route = highways.route_near(s.context.routes, points)
        if route is not None:
            items.append(Item(match.start(), match.end(), "resolved", route.place))
            taken.append(match.span())
    for match in _ANAPHOR_RE.finditer(s.text):
        if any(st < match.end() and match.start() < e for st, e in taken):
            continue
        if match["definite"] and _NEW_PLACE_AFTER_RE.match(s.text, match.end()):
            continue  # "the last rebel stronghold in the area": a new place, not the one named before
        if match["noun"] and _REFERENCE_BEFORE_RE.search(s.text[max(0, match.start() - 40) : match.start()]):
            continue  # "the Sheikh Saeed district of the city", "south of the town": a point of reference
        if any(0 <= i.start - match.end() <= 2 for i in items):
            continue  # "the town Saraqib": a name follows
        place = _antecedent(s, match)
        if place is not None:
            items.append(Item(match.start(), match.end(), "resolved", place, anaphoric=True))
    s.items = sorted(items, key=lambda i: (i.start, i.end))


def _city_qualifier(place: Place | None, after: str) -> bool:
    """True for a city that only qualifies the part of it named next: "a key Aleppo district"."""
    return (
        place is not None
        and place.kind in TOWN_KINDS
        and place.population >= CITY_MIN_POPULATION
        and bool(_CITY_PART_RE.match(after))
    )


def _qualified(s: Sentence, mentions: list[Item]) -> list[Item]:
    """The mentions that name a place, without those that only qualify another name.

    Of two names joined by a noun ("the Idlib town of X", "the Damascus suburb of X", "the Aleppo
    district of X", "the X neighbourhood of Aleppo") the phrase is about the second after "town",
    "city", "village" and "suburb", else about the smaller place (a neighbourhood before a town, a town
    before a province, then the smaller population); it starts at the first name. The other name is no
    object and no point of reference. Names before "'s", "district of", a facility ("X airport") qualify
    what follows them.
    """
    kept: list[Item] = []
    skip = -1
    for number, item in enumerate(mentions):
        if number == skip:
            continue
        following = mentions[number + 1] if number + 1 < len(mentions) else None
        gap = _QUALIFIER_GAP_RE.match(s.text[item.end : following.start]) if following is not None else None
        if following is not None and gap is not None:
            smaller = _smaller(item.place, following.place)
            if gap["town"] or smaller is following.place:
                kept.append(replace(following, lead=item.start))  # "the Idlib town of X" is X
                skip = number + 1
                continue
            if smaller is item.place:
                kept.append(item)  # "the X neighbourhood of Aleppo" is X
                skip = number + 1
                continue
        if not _MODIFIER_AFTER_RE.match(s.text[item.end : item.end + 20]) and not (
            _PART_AFTER_RE.match(s.text[item.end : item.end + 20])
            and item.place is not None
            and item.place.kind != "neighbourhood"
        ):
            kept.append(item)  # "a key Aleppo district": Aleppo only says where the district is
    return kept


def _smaller(a: Place | None, b: Place | None) -> Place | None:
    """Of two resolved places, the one that may lie inside the other (None when neither is plainly smaller)."""
    if a is None or b is None:
        return None
    size_a, size_b = _size(a), _size(b)
    return a if size_a < size_b else b if size_b < size_a else None


def _size(place: Place) -> tuple[int, int]:
    rank = (
        0 if place.kind == "neighbourhood" else 2 if place.kind == "populated_place"
        else 3 if place.kind == "region" else 4 if place.kind in ADMIN_KINDS else 1
    )  # fmt: skip
    return rank, place.population


def _antecedent(s: Sentence, match: re.Match[str]) -> Place | None:
    noun = (match["noun"] or "").lower()
    kinds = _NOUN_KINDS.get(noun, TOWN_KINDS)
    located = _located_by(s, match.end())
    found = s.context.antecedents.before(
        s.index,
        kinds,
        lambda index, place: (
            _not_meant(s, index, place) or not (_fits_noun(place, noun) and _near_all(place, located))
        ),
    )
    in_sentence = [
        i for i in s.mention_items
        if i.end <= match.start() and i.status == "resolved"
        and i.place is not None and i.place.kind in kinds and _fits_noun(i.place, noun)
        and _near_all(i.place, located) and not regionlike(s, i)
        and not _REFERENCE_BEFORE_RE.search(s.text[max(0, i.head - 40) : i.head])
        and not destination(s.text, i.head)
    ]  # fmt: skip
    # "regained a northwestern village, days after losing it": "it" is the unnamed village, not a place before it
    unnamed = match["pronoun"] and _UNNAMED_PLACE_RE.search(
        s.text, in_sentence[-1].end if in_sentence else 0, match.start()
    )
    if unnamed:
        return None
    if in_sentence:
        return in_sentence[-1].place
    indefinite = (match["det"] or "").lower() in {"a", "an"}
    # "retook a key town": only the headline's place, in a lead that names no other place
    if found is not None and not (
        indefinite and (found[0] != 0 or found[1].id not in s.context.headline_places or s.index > 2)
    ):
        return found[1]
    return _named_next(s, kinds) if indefinite and match["noun"] else None


def _named_next(s: Sentence, kinds: frozenset[str]) -> Place | None:
    """The place "a strategic town" stands for when the next sentence opens by naming it: "... captured a
    strategic town on Sunday. Yabroud was a smuggling hub ...", "... The capture of Yabroud ..." (as
    wire leads do)."""
    sentences = s.context.article.sentences
    if s.number + 1 >= len(sentences):
        return None
    following = sentences[s.number + 1]
    first = min(s.context.mentions.get(following.index, ()), key=lambda m: m.start, default=None)
    if first is None or first.place is None or first.status != "resolved" or first.place.kind not in kinds:
        return None
    start, end = first.start - following.start, first.end - following.start
    opening = _OPENING_NAME_RE.fullmatch(following.text[:start])
    if opening and (opening["nominal"] or _NAMED_SUBJECT_RE.match(following.text, end)):
        return first.place
    return None


def _not_meant(s: Sentence, index: int, place: Place) -> bool:
    """True when sentence ``index`` names ``place`` only to locate something ("the town of X west of Idlib
    city") or as the dateline ("Damascus, March 27 (IANS) The army ..."): no antecedent for "this town"
    in a later sentence."""
    sentence = next((t for t in s.context.article.sentences if t.index == index), None)
    named = [m for m in s.context.mentions.get(index, ()) if m.place is not None and m.place.id == place.id]
    if sentence is None or not named:
        return False
    return all(
        _DIRECTION_OF_RE.search(sentence.text, 0, m.start - sentence.start)
        or (m.start == sentence.start and _DATELINE_AFTER_RE.match(sentence.text, m.end - sentence.start))
        for m in named
    )


def _fits_noun(place: Place, noun: str) -> bool:
    """False when the place is too big for the noun: a city is no "village", nor its own "district"."""
    if noun == "village":
        return place.population < VILLAGE_MAX_POPULATION
    if noun in {"district", "neighbourhood", "neighborhood", "suburb", "camp"}:
        return place.population < CITY_MIN_POPULATION
    return True


def _located_by(s: Sentence, end: int) -> list[Place]:
    """The places an anaphor's own locative phrase names: "a district on the southern outskirts of
    Syria's X", "the last stronghold in the area surrounding the town of X", "the town south of X"."""
    located: list[Place] = []
    position = end
    for item in s.mention_items:
        if item.start < position:
            continue
        gap = s.text[position : item.start]
        if not (_OWN_LOCATIVE_RE.match(gap) if not located else _LOCATIVE_CHAIN_RE.match(gap)):
            break
        if item.place is not None:
            located.append(item.place)
        position = item.end
    return located


def _near_all(place: Place, located: list[Place]) -> bool:
    """True when ``place`` is none of the places that locate an anaphor and lies near those that are points."""
    for other in located:
        if other.id == place.id:
            return False  # a place is not located relative to itself
        if (
            other.kind in _POINT_KINDS
            and None not in (place.lat, place.lon, other.lat, other.lon)
            and distance_km(place.lat, place.lon, other.lat, other.lon) > LOCATED_NEAR_KM  # type: ignore[arg-type]
        ):
            return False
    return True


def locates(text: str, start: int, end: int) -> bool:
    """True for a name that only locates something else, so no later "the town" stands for it: "the
    countryside of X", "north of X", "X province", "20 km from X", "a suburb of X"."""
    return bool(
        _LOCATES_BEFORE_RE.search(text, max(0, start - 40), start)
        or _REGION_AFTER_RE.match(text[end : end + 20])
    )


def regionlike(s: Sentence, item: Item) -> bool:
    """True for a name used as a region or part of one ("East Ghouta region"), not as a town."""
    return bool(
        _REGION_AFTER_RE.match(s.text[item.end : item.end + 20])
        or DIRECTION_BEFORE_RE.search(s.text[max(0, item.start - 12) : item.start])
    )


# -- the places a trigger acts on ------------------------------------------------------------------


def usable(s: Sentence, items: list[Item]) -> tuple[Item, ...]:
    """The usable items, counting why the others were skipped."""
    kept: list[Item] = []
    for item in items:
        if item.usable:
            if any(k.place == item.place for k in kept):
                continue  # "X, the town ...": one place named twice
            kept.append(item)
        else:
            reason = "admin" if item.place is not None and item.place.kind in ADMIN_KINDS else item.status
            s.stats[f"skip_{reason}"] += 1
    return tuple(kept)


def objects(s: Sentence, after: int, stop: int) -> tuple[Item, ...]:
    """The place(s) a trigger acts on: the first place after it in its clause, and those listed with it;
    for a count ("withdrew from four areas"), the places named after a colon or by the next sentence."""
    found = _object(s, after, stop)
    counted = _COUNTED_RE.match(s.text, after, stop) if not found else None
    return _named_later(s, counted.span(), stop) if counted else found


def _object(s: Sentence, after: int, stop: int) -> tuple[Item, ...]:
    inside = [i for i in s.items if after <= i.start < stop]
    candidates = [i for i in inside if not s.inside_parenthetical(i.start, after)]
    if not candidates:
        return _examples(s, after, inside)  # "seized areas east of X – including Y –"
    first = candidates[0]
    between = s.text[after : first.head]
    if _OBJECT_CLAUSE_RE.search(between):
        return ()  # "took in 2012 in a move that divided the city": another clause's place
    comma = _OBJECT_THEN_COMMA_RE.match(between)
    if comma is not None and any(after + comma.end() <= a.start < first.start for a in s.actors):
        s.stats["skip_other_clause"] += 1
        return ()  # "By capturing these villages, ISIS was pushed back into X": X is the next clause's
    if (_PARTIAL_RE.search(between) or _CONTAINER_RE.search(between)) and not _naming_list(
        s, between, candidates
    ):
        s.stats["skip_region_level"] += 1
        return _examples(s, after, inside)
    if (
        _NAMING_LIST_RE.search(between)
        and first.place is not None
        and first.place.population >= CITY_MIN_POPULATION
    ):
        s.stats["skip_part_of_place"] += 1
        return ()  # "the Old City neighbourhoods of Aleppo" are parts of the city, not a list naming it
    if DIRECTION_BEFORE_RE.search(between) or (
        _REGION_AFTER_RE.match(s.text[first.end : first.end + 20]) and first.usable
    ):
        s.stats["skip_part_of_place"] += 1
        return _examples(s, after, inside)  # "eastern Aleppo", "Afrin countryside": part of a place
    if (
        _REFERENCE_BEFORE_RE.search(between)
        or _NOUN_IN_RE.search(between)
        or _LOCATOR_BEFORE_RE.search(between)
    ):
        s.stats["skip_reference"] += 1
        return _examples(s, after, inside)  # "a southern portion of X, including Y and Z"
    if _UNKNOWN_OBJECT_RE.search(s.without_actors(after, first.start)):
        s.stats["skip_unknown_object"] += 1
        return ()  # "seized Jindires district, in Afrin countryside": a place the gazetteer lacks, located by X
    return usable(s, _list_from(s, candidates))


def _naming_list(s: Sentence, between: str, candidates: list[Item]) -> bool:
    """True when "the villages of" names its places; "the (eastern) neighbourhoods of Aleppo" is part of
    one place: districts and areas are named only by a list or by a neighbourhood."""
    naming = _NAMING_LIST_RE.search(between)
    if naming is None:
        return False
    if not _PART_NOUN_RE.search(naming.group()):
        return True
    first = candidates[0]
    return bool(
        len(_list_from(s, candidates)) > 1
        or _MORE_NAMES_RE.match(s.text, first.end)
        or (first.place is not None and first.place.kind == "neighbourhood")
    )


def _named_later(s: Sentence, span: tuple[int, int], stop: int) -> tuple[Item, ...]:
    """The places a count stands for: a list after a colon ("the following villages: A, B and C"), else
    the list of a next sentence that says what they are ("These areas are: A, B and C"), each item
    placed at the count (where its sides are read)."""
    colon = s.text.find(":", span[1], stop)
    if colon >= 0 and not _OBJECT_CLAUSE_RE.search(s.text, span[1], colon):
        listed = [i for i in s.items if colon < i.start < stop]
        return usable(s, _list_from(s, listed)) if listed else ()
    sentences = s.context.article.sentences
    if s.number + 1 >= len(sentences):
        return ()
    following = sentences[s.number + 1]
    named = _NAMED_NEXT_RE.match(following.text)
    if named is None:
        return ()
    items: list[Item] = []
    for mention in sorted(s.context.mentions.get(following.index, ()), key=lambda m: m.start):
        start = mention.start - following.start
        if start >= named.end() and (
            not items
            and not following.text[named.end() : start].strip(" :")
            or _LIST_JOIN_RE.search(following.text, max(0, start - 40), start)
        ):
            items.append(Item(span[0], span[1], mention.status, mention.place))
    return usable(s, items)


def _examples(s: Sentence, after: int, candidates: list[Item]) -> tuple[Item, ...]:
    """After a region-level object, the places it names "such as" / "including"."""
    for number, item in enumerate(candidates):
        previous_end = candidates[number - 1].end if number else after
        if _EXAMPLES_RE.search(s.text[previous_end : item.head]):
            if _OBJECT_CLAUSE_RE.search(s.text[after : item.start]):
                return ()  # "the province – which is home to cities including X –": not what changed hands
            return usable(s, _list_from(s, candidates[number:]))
    return ()


def _list_gap(gap: str) -> bool:
    """True when ``gap`` joins two places of one list, across names the mentions missed."""
    return bool(_LIST_GAP_RE.match(gap[_UNKNOWN_NAMES_RE.match(gap).end() :]))  # type: ignore[union-attr]


def _list_from(s: Sentence, candidates: list[Item]) -> list[Item]:
    """The first candidate and the places listed with it (across a place locating the last one: "A in B
    district, C and D")."""
    listed = [candidates[0]]
    tail = candidates[0].end
    for item in candidates[1:]:
        if tail == listed[-1].end and _locator_gap(s.text[tail : item.head]):
            tail = _locator_end(s, item)
            continue
        gap = s.text[tail : item.head]
        if not _list_gap(gap) or (tail != listed[-1].end and "," not in gap):
            break
        listed.append(item)
        tail = item.end
    return listed


def _locator_gap(gap: str) -> bool:
    """True when the place after ``gap`` only locates the list item before it ("A in B", "A – north of
    B"), across names the mentions missed ("A and C – north of B")."""
    return bool(_LOCATED_IN_RE.match(gap[_UNKNOWN_NAMES_RE.match(gap).end() :]))  # type: ignore[union-attr]


def _locator_end(s: Sentence, item: Item) -> int:
    """Where a place that locates a list item ends ("B district")."""
    tail = _LOCATOR_TAIL_RE.match(s.text[item.end : item.end + 20])
    return item.end + (tail.end() if tail else 0)


def subjects(s: Sentence, before: int, previous_end: int, end: int = 0, stop: int = 0) -> tuple[Item, ...]:
    """The place(s) a passive trigger is said of: the nearest place before it, and those listed with it; with
    none, a list after a colon ("several villages were captured by the SDF: A, B and C")."""
    candidates = [
        i
        for i in s.items
        if previous_end <= i.start and i.end <= before and not s.inside_parenthetical(i.start, before)
    ]
    while candidates and (
        _REFERENCE_BEFORE_RE.search(s.text[max(0, candidates[-1].head - 40) : candidates[-1].head])
        or (
            len(candidates) > 1
            and _LOCATIVE_BEFORE_RE.search(s.text[max(0, candidates[-1].head - 12) : candidates[-1].head])
        )
    ):
        s.stats["skip_reference"] += 1
        candidates.pop()  # "the villages of A and B in C district, located west of D, were cleared": C and D locate them
    if candidates and _PEOPLE_CLAUSE_RE.search(
        s.text, max(previous_end, candidates[-1].head - 60), candidates[-1].head
    ):
        s.stats["skip_reference"] += 1
        return ()  # "fighters who had escaped X were captured": people, not X
    if not candidates:
        colon = s.text.find(":", end, stop)
        listed = [i for i in s.items if colon >= 0 and colon < i.start < stop]
        if listed and not any(end <= i.start < colon for i in s.items):
            return usable(s, _list_from(s, listed))
        return ()
    listed = [candidates[-1]]
    number = len(candidates) - 2
    while number >= 0:
        item = candidates[number]
        located = number > 0 and _locator_gap(s.text[candidates[number - 1].end : item.head])
        gap = s.text[_locator_end(s, item) if located else item.end : listed[0].head]
        if not _list_gap(gap) or (located and "," not in gap):
            break
        if located:  # "A in B, C and D were taken": B only locates A
            number -= 1
            item = candidates[number]
        listed.insert(0, item)
        number -= 1
    if len(listed) == 1 and DIRECTION_BEFORE_RE.search(
        s.text[max(0, listed[0].start - 12) : listed[0].start]
    ):
        return ()  # "eastern Aleppo was captured": part of a place
    return usable(s, listed)


def gap_object(s: Sentence, start: int, previous_end: int) -> tuple[Item, ...]:
    """The place a verb without an object acts on through a relative clause: "X, which the army
    lost in 2015", "X was the first district the rebels took"."""
    found = subject(s, start)
    if found is None:
        return ()
    match = _GAP_OBJECT_RE.search(s.text, max(previous_end, found.start - 80), found.start)
    if match is None:
        return ()
    before = [i for i in s.items if previous_end <= i.start and i.end <= match.start()]
    if not before or s.text[before[-1].end : match.start()].strip():
        return ()
    return usable(s, before[-1:])


def declared(s: Sentence, start: int, end: int) -> tuple[Item, ...]:
    """The places inside a "declared X free" trigger."""
    inside = [i for i in s.items if start <= i.start < end]
    return usable(s, _list_from(s, inside)) if inside else ()


def cut_road(
    s: Sentence, start: int, end: int, previous_end: int, next_start: int, *, passive: bool
) -> tuple[tuple[Item, ...], Place | None]:
    """The place of an interdiction and the highway cut: "cut the M5 near X" gives X and the M5, "cut
    the highway linking A with B" the highway alone; nothing without a highway (a road is the object).

    The road is the first place after the trigger (before it for "the road was cut", or "within
    firing range" of a road named first); the place is the first usable one after the road introduced
    by "at", "near", "south of"...
    """
    after = [i for i in s.items if end <= i.start < next_start and not s.inside_parenthetical(i.start, end)]
    before = [i for i in s.items if previous_end <= i.start and i.end <= start]
    roads = [
        i
        for i in (before[-1:] if passive else after[:1])
        if i.place is not None and i.place.kind in LINE_KINDS
    ]
    if not roads and not passive:
        roads = [i for i in before[-1:] if i.place is not None and i.place.kind in LINE_KINDS]
    if not roads:
        return (), None
    road = roads[0]
    later = [i for i in s.items if road.end <= i.start < next_start and i is not road]
    if later and _CUT_AT_RE.match(s.text[max(road.end, end) : later[0].start]) and later[0].start >= end:
        at = usable(s, [later[0]])
        if at and at[0].place is not None and at[0].place.kind not in LINE_KINDS:
            return at, road.place
    return (road,), None
