"""Anaphors ("the town", "a key village", "it") and the place each stands for, in its sentence or before."""

from __future__ import annotations

import re

from frontlines.dates.expressions import CALENDAR_WORDS
from frontlines.events.cues import destination
from frontlines.events.locatives import PLACE_LEAD, REFERENCE_BEFORE_RE, UNKNOWN_NAMED_RE, regionlike
from frontlines.events.sentence import Item, Sentence
from frontlines.gazetteer.normalise import name_key
from frontlines.models import ADMIN_KINDS, Place, distance_km

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
#: A place with at least this many people (a provincial capital) is a city, never "the town".
TOWN_MAX_POPULATION = 250_000
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
#: Between two places of one locative phrase: "Syria's X", "X province's Y".
_LOCATIVE_CHAIN_RE = re.compile(r"^['’]s?\s+$")
NOUN = r"(?:town|city|village|camp|crossing|district|neighbou?rhood|settlement|base|airport|dam|suburb|stronghold)"
#: An indefinite, unnamed place a later "it" stands for: "a northwestern village", "a key town".
_UNNAMED_PLACE_RE = re.compile(
    rf"\b(?:a|an)\s+(?:[a-z][\w-]*\s+){{0,3}}?{NOUN}\b(?!\s+(?:of|called|named|known\s+as)\b|\s+[A-Z])"
)
#: A name set off before an appositive anaphor, inside the sentence: "the retaking of Foo al-Bar, a small city".
_APPOSED_NAME_RE = re.compile(
    r"(?<=[a-z] )((?:(?:al|el)-)?[A-Z][\w'’-]*(?:\s+(?:(?:al|el|ad|ar|as|ash|at|az)-)?[A-Z][\w'’-]*){0,3}),\s+$"
)
#: A capital named for the government it seats: "troops loyal to Damascus", "the Damascus government" (a side).
_LOYAL_TO_RE = re.compile(r"\bloyal\s+to\s+$", re.IGNORECASE)
_SEAT_OF_RE = re.compile(r"\s+(?:government|regime|authorities|leadership)\b", re.IGNORECASE)
#: A part of a place named after its noun: "the city centre" is not the city.
_PART_NOUN = (
    r"(?:cent(?:re|er)|outskirts|limits|entrances?|edges?|council|hall|square|walls|gates?|periphery)\b"
)
#: A verb whose subject "it" is a side, not a place: "the villages it controlled", "the town it seized".
_ACTOR_VERB = (
    r"(?:controll?(?:ed|s)?|held|holds?|seized?|seizes|captured?|captures|took|takes?|lost|loses?|occupie[sd]|"
    r"occupy|overr?an|gained|gains?|retook|recaptured|besieged?|claimed|launched|used|uses)\b"
)
#: "..., it said": the pronoun is whoever reported, not a place.
_SPEECH_VERB = (
    r"(?:said|says|added|adds|reported|reports|stated|states|announced|noted|told|wrote|cited|quoted)\b"
)
#: After a definite noun, a place that makes it a new one: "the last rebel stronghold in the area".
_NEW_PLACE_AFTER_RE = re.compile(
    r"\s+(?:in\s+(?:the\s+(?:area|vicinity|region|countryside|outskirts)\b|[A-Z])|near\b|around\b|outside\b)"
)
#: "the town", "a key village", "it"; not "the city centre" (a part of it) nor "it controlled" (a side). Every
#: match starts with one of the letters of the lookahead, which lets the engine skip the other positions cheaply.
_ANAPHOR_RE = re.compile(
    rf"(?=[TtAaIi])(?:\b(?P<det>(?P<definite>[Tt]he|[Tt]his|[Tt]hat)|[Aa]n?)\s+(?:(?!(?:the|this|that|an?|of)\s)[a-z][\w-]*\s+){{0,3}}?"
    rf"(?P<noun>{NOUN})\b(?![-’']|\s+(?:of|in\s+which|called|named|known|[A-Z]|{_PART_NOUN}))"
    r"|\b(?P<pronoun>[Ii]t)\b(?!['’]s|\s+(?:is|was)\s+(?:not|unclear|clear|said|believed|reported|thought|expected|"
    r"seen|considered|regarded|described|known|likely|possible|hoped|feared|a|an|the)\b"
    rf"|\s+{_ACTOR_VERB}|\s+{_SPEECH_VERB}))"
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
#: Before a name of the next sentence, a noun of change or of assault: the name is the place a lead's unnamed
#: noun stood for ("... since the fall of X", "... during the assault on the village of X").
_NOMINAL_BEFORE_RE = re.compile(
    r"\b(?:(?:capture|fall|seizure|loss|liberation|recapture|retaking|takeover|storming)\s+of|(?:assault|attack)\s+on)"
    r"\s+(?:the\s+(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)
#: A place noun located by the place after it: "X district in Syria's Y", "a village in Y" (Y only locates).
_LOCATED_NOUN_RE = re.compile(rf"\b{NOUN}\s+(?:in|inside)\s+(?:the\s+)?{PLACE_LEAD}$", re.IGNORECASE)
_DIRECTION_OF_RE = re.compile(
    r"\b(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|"
    r"south-west)\s+of\s+(?:the\s+)?(?:(?:city|town|village)\s+of\s+)?$",
    re.IGNORECASE,
)


def add_anaphors(s: Sentence, items: list[Item], taken: list[tuple[int, int]]) -> None:
    """Append to ``items`` the anaphors of a sentence that have an antecedent ("the town", "a key village",
    "it"), outside the ``taken`` spans (the highways described) and not right before an item."""
    for match in _ANAPHOR_RE.finditer(s.text):
        if any(st < match.end() and match.start() < e for st, e in taken):
            continue
        # "the last rebel stronghold in the area": a new place, not the one named before (only named next)
        new_place = match["definite"] and _NEW_PLACE_AFTER_RE.match(s.text, match.end())
        if match["noun"] and REFERENCE_BEFORE_RE.search(s.text[max(0, match.start() - 40) : match.start()]):
            continue  # "the Sheikh Saeed district of the city", "south of the town": a point of reference
        if any(0 <= i.start - match.end() <= 2 for i in items):
            continue  # "the town Saraqib": a name follows
        if new_place:
            noun = match["noun"].lower()
            place = _named_next(
                s, _NOUN_KINDS.get(noun, TOWN_KINDS), _located_by(s, match.end()), opening=False
            )
        else:
            place = _antecedent(s, match)
        if place is not None:
            items.append(Item(match.start(), match.end(), "resolved", place, anaphoric=True))


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
        and not REFERENCE_BEFORE_RE.search(s.text[max(0, i.head - 40) : i.head])
        and not destination(s.text, i.head)
        and not _LOYAL_TO_RE.search(s.text, max(0, i.head - 12), i.head) and not _SEAT_OF_RE.match(s.text, i.end)
    ]  # fmt: skip
    # "regained a northwestern village, days after losing it": "it" is the unnamed village, not a place before it
    unnamed = match["pronoun"] and _UNNAMED_PLACE_RE.search(
        s.text, in_sentence[-1].end if in_sentence else 0, match.start()
    )
    if unnamed or _unknown_name_before(s, match, in_sentence[-1].end if in_sentence else 0):
        return None
    if in_sentence:
        return in_sentence[-1].place
    indefinite = (match["det"] or "").lower() in {"a", "an"}
    # "retook a key town": only the headline's place, in a lead that names no other place, nor a province
    # of its name ("advances in Syria's X" over "seized a town in X province": the headline meant the province)
    if found is not None and not (
        indefinite
        and (
            found[0] != 0
            or found[1].id not in s.context.headline_places()
            or s.index > 2
            or _region_of_its_name(s, found[1])
        )
    ):
        return found[1]
    return _named_next(s, kinds, located) if indefinite and match["noun"] else None


def _unknown_name_before(s: Sentence, match: re.Match[str], begin: int) -> bool:
    """True when the anaphor stands for a place the gazetteer lacks, named after ``begin`` (the last place it
    might stand for): "defending Tel Foo checkpoint before it fell", "the retaking of Foo al-Bar, a small city"."""
    named = None
    if match["pronoun"]:
        named = UNKNOWN_NAMED_RE.search(s.without_actors(begin, match.start()))
        span = (begin + named.start(), begin + named.end()) if named else None
    else:
        named = _APPOSED_NAME_RE.search(s.text, begin, match.start())
        span = named.span(1) if named and named[1].split()[0].lower() not in CALENDAR_WORDS else None
    return span is not None and not any(i.start < span[1] and span[0] < i.end for i in s.items)


def _region_of_its_name(s: Sentence, place: Place) -> bool:
    """True when the sentence names an administrative region that shares ``place``'s name (a province
    and its capital)."""
    key = name_key(place.name)
    return any(
        i.place is not None and i.place.kind in ADMIN_KINDS and name_key(i.place.name) == key
        for i in s.mention_items
    )


def _named_next(
    s: Sentence, kinds: frozenset[str], located: list[Place], opening: bool = True
) -> Place | None:
    """The place "a strategic town" stands for when the next sentence opens by naming it: "... captured a
    strategic town on Sunday. Yabroud was a smuggling hub ...", "... The capture of Yabroud ..." (as
    wire leads do); else (and for "the last stronghold in the area", ``opening`` False) the first place
    it names after a noun of change or assault ("... since the fall of Yabroud", "... during the
    assault on the village of Yabroud"), near the places that locate the noun."""
    sentences = s.context.article.sentences
    if s.number + 1 >= len(sentences):
        return None
    following = sentences[s.number + 1]
    mentions = sorted(s.context.mentions.get(following.index, ()), key=lambda m: m.start)
    named = [
        (m.start - following.start, m.end - following.start, m.place, number)
        for number, m in enumerate(mentions)
        if m.place is not None and m.status == "resolved" and m.place.kind in kinds
    ]
    for start, end, place, number in named:
        if opening and number == 0:
            lead = _OPENING_NAME_RE.fullmatch(following.text[:start])
            if lead and (lead["nominal"] or _NAMED_SUBJECT_RE.match(following.text, end)):
                return place
        if _NOMINAL_BEFORE_RE.search(following.text, max(0, start - 50), start) and _near_all(place, located):
            return place
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
        or _LOCATED_NOUN_RE.search(sentence.text, 0, m.start - sentence.start)
        or (m.start == sentence.start and _DATELINE_AFTER_RE.match(sentence.text, m.end - sentence.start))
        for m in named
    )


def _fits_noun(place: Place, noun: str) -> bool:
    """False when the place is too big for the noun: a city is no "village", nor its own "district", and
    a provincial capital no "town"."""
    if noun == "village":
        return place.population < VILLAGE_MAX_POPULATION
    if noun == "town":
        return place.population < TOWN_MAX_POPULATION
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
