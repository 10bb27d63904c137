"""The place(s) a trigger acts on: its object or subject, the places listed with it, the examples of a
region, the places a count stands for, the road an interdiction cut and where.

The sentence's place items come from :mod:`~frontlines.events.items`. Region-level objects ("60 towns
and villages in Idlib", "parts of Aleppo"), admin units, places outside the region and mentions that did
not resolve to one place are not usable objects.
"""

from __future__ import annotations

import re

from frontlines.events.anaphors import CITY_MIN_POPULATION, NOUN
from frontlines.events.lists import (
    APPOSED_PART_RE,
    PART_ADJECTIVE,
    facility_of,
    list_from,
    list_gap,
    locator_end,
    locator_gap,
)
from frontlines.events.locatives import (
    DIRECTION_BEFORE_RE,
    PLACE_LEAD,
    PROPORTION,
    REFERENCE_BEFORE_RE,
    REGION_AFTER_RE,
    UNKNOWN_NAMED_RE,
    named_area,
)
from frontlines.events.sentence import Item, Sentence
from frontlines.events.sides import subject
from frontlines.models import ADMIN_KINDS, LINE_KINDS, Place

#: The trigger's own object, then a comma: "capturing these villages, ...".
_OBJECT_THEN_COMMA_RE = re.compile(
    r"^\s+(?:the|these|those|this|that|its|their|several|many|some|all|\d+|two|three|four|five|a|an)\s+[^,;]{1,40},"
    r"|^\s+(?:it|them),",
    re.IGNORECASE,
)
#: An object that is a container of places ("60 towns and villages in", "parts of") or part of one ("95 percent
#: of X", "some positions inside the town").
_PARTIAL_RE = re.compile(
    rf"(?:{PROPORTION}|\b(?:parts?|some|swathes?|tracts?|chunks?|"
    r"outskirts|edges?|perimeter|pocket|farms|hills|countryside|surroundings|vicinity|"
    r"environs|rest|fringes|entrances?|gates|districts|neighbou?rhoods|quarters|areas|positions|points|posts)\b)\s*"
    r"(?:\w+\s+)?(?:of|in|inside|within|around|near|on)\b",
    re.IGNORECASE,
)
_CONTAINER_RE = re.compile(
    r"\b(?:towns|villages|cities|settlements|localities|communities|hamlets|territory|territories|region|land|"
    r"ground|areas|checkpoints)\b[^,;]{0,40}?\b(?:in|near|around|across|along|outside|inside|on|east|west|north|south|"
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
#: A plural noun of places as the subject of a passive trigger: "many villages were seized by X, such as A".
_PLACES_NOUN_RE = re.compile(
    r"\b(?:areas|villages|towns|cities|localities|settlements|positions|hamlets|neighbou?rhoods|districts|farms|"
    r"hills|sites|communities)\b",
    re.IGNORECASE,
)
#: From a passive trigger to the first of its examples: "(captured by) HTS, such as ", "by the army, including the villages of ".
_AGENT_THEN_EXAMPLES_RE = re.compile(
    r"[^,;:.]{0,60},\s*(?:such\s+as|including|namely)\s+(?:the\s+(?:towns?|villages?|areas?)\s+of\s+)?",
    re.IGNORECASE,
)
_EXAMPLES_RE = re.compile(r"\b(?:such\s+as|including|among\s+them|like|namely|notably)\b", re.IGNORECASE)
#: A relative clause about people that the place ends: "fighters who had escaped X were captured".
_PEOPLE_CLAUSE_RE = re.compile(r"\bwho\b[^,;.]*$", re.IGNORECASE)
#: "that" opening a clause with a subject of its own between a place and a passive trigger.
_THAT_CLAUSE_RE = re.compile(r"\bthat\s+(?!(?:was|were|is|are|had|has|have|fell|came)\b)", re.IGNORECASE)
#: A place after a comma that locates what came before it: "seized Jindires district, in Afrin countryside".
_LOCATOR_BEFORE_RE = re.compile(r"[^\s,]\s*,\s*(?:in|inside|near)\s+(?:the\s+)?$", re.IGNORECASE)
#: An unnamed place object that the name after it only locates: "retakes town from IS in X", "seized a village near X",
#: "a town near the northern city of X", "a town near Syria's X".
_UNNAMED_OBJECT_RE = re.compile(
    r"^\s+(?:(?:a|an|the|one|two|three|four|five|several|some|key|strategic|another|more|new|major|\w+ern|[\w-]+-held)\s+)*"
    r"(?:towns?|villages?|city|cities|hills?|areas?|districts?|bases?|neighbou?rhoods?)\b(?!\s+of\b)[^,;]*?"
    rf"\b(?:in|inside|near|outside)\s+(?:the\s+)?{PLACE_LEAD}$",
    re.IGNORECASE,
)
#: A place locating the noun before it: "A in C district", "trenches in X", "a roundabout in Raqqa".
_LOCATIVE_BEFORE_RE = re.compile(
    rf"\b(?:in|inside|at)\s+(?:the\s+)?(?:(?:{PART_ADJECTIVE})\s+)?$", re.IGNORECASE
)
#: An object noun the place only locates: "seized trenches in X", "a military base in the town of X".
_NOUN_IN_RE = re.compile(
    r"\b(?!(?:control|over|back|up|full|positions?|points?|posts?)\b)[a-z][\w-]*\s+(?:in|inside|near|at|on)\s+(?:the\s+)?"
    r"(?:(?:town|city|village)\s+of\s+)?['\"‘“]?$"
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
    rf"{NOUN}s?(?:\s+(?:that|which))?)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


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
        REGION_AFTER_RE.match(s.text[first.end : first.end + 20])
        and first.usable
        and not named_area(s, first, between)
    ):
        s.stats["skip_part_of_place"] += 1
        return _examples(s, after, inside)  # "eastern Aleppo", "Afrin countryside": part of a place
    if facility_of(between, first.place):
        return usable(s, list_from(s, candidates))  # "a customs building at the X crossing": the crossing
    if (
        REFERENCE_BEFORE_RE.search(between)
        or _NOUN_IN_RE.search(between)
        or _LOCATOR_BEFORE_RE.search(between)
        or _UNNAMED_OBJECT_RE.match(between)
    ):
        s.stats["skip_reference"] += 1
        return _examples(s, after, inside)  # "a southern portion of X, including Y and Z"
    if UNKNOWN_NAMED_RE.search(s.without_actors(after, first.start)):
        s.stats["skip_unknown_object"] += 1
        return ()  # "seized Jindires district, in Afrin countryside": a place the gazetteer lacks, located by X
    return usable(s, list_from(s, candidates))


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
        len(list_from(s, candidates)) > 1
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
        return usable(s, list_from(s, listed)) if listed else ()
    named = named_next(s)
    if named is None:
        return ()
    following = s.context.article.sentences[s.number + 1]
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


def named_next(s: Sentence) -> re.Match[str] | None:
    """The opening of the next sentence when it says what the places of a count are ("These areas are:
    A, B"): the only places a claim of a sentence without items can have."""
    sentences = s.context.article.sentences
    return _NAMED_NEXT_RE.match(sentences[s.number + 1].text) if s.number + 1 < len(sentences) else None


def _examples(s: Sentence, after: int, candidates: list[Item]) -> tuple[Item, ...]:
    """After a region-level object, the places it names "such as" / "including"."""
    for number, item in enumerate(candidates):
        previous_end = candidates[number - 1].end if number else after
        gap = s.text[previous_end : item.head]
        if _EXAMPLES_RE.search(gap):
            if _OBJECT_CLAUSE_RE.search(s.text[after : item.start]):
                return ()  # "the province – which is home to cities including X –": not what changed hands
            if REFERENCE_BEFORE_RE.search(gap):
                return ()  # "three villages, including a hamlet, north of X": X locates the examples
            return usable(s, list_from(s, candidates[number:]))
    return ()


def subjects(s: Sentence, before: int, previous_end: int, end: int = 0, stop: int = 0) -> tuple[Item, ...]:
    """The place(s) a passive trigger is said of: the nearest place before it, and those listed with it; with
    none, a list after a colon ("several villages were captured by the SDF: A, B and C")."""
    candidates = [
        i
        for i in s.items
        if previous_end <= i.start and i.end <= before and not s.inside_parenthetical(i.start, before)
    ]
    while candidates and (
        REFERENCE_BEFORE_RE.search(s.text[max(0, candidates[-1].head - 40) : candidates[-1].head])
        or (
            len(candidates) > 1
            and (
                _LOCATIVE_BEFORE_RE.search(s.text[max(0, candidates[-1].head - 30) : candidates[-1].head])
                or APPOSED_PART_RE.fullmatch(s.text, candidates[-2].end, candidates[-1].head)
            )
        )
    ):
        s.stats["skip_reference"] += 1
        candidates.pop()  # "the villages of A and B in C district, located west of D, were cleared": C and D locate
        # them, as does the part of a place after them ("A and B in C, western D were cleared")
    clause = _THAT_CLAUSE_RE.search(s.text, candidates[-1].end) if candidates else None
    if clause is not None and clause.start() < before:
        s.stats["skip_other_clause"] += 1
        return ()  # "the governor of X said that the whole province is now free of rebels": another subject
    if candidates and _PEOPLE_CLAUSE_RE.search(
        s.text, max(previous_end, candidates[-1].head - 60), candidates[-1].head
    ):
        s.stats["skip_reference"] += 1
        return ()  # "fighters who had escaped X were captured": people, not X
    if not candidates:
        colon = s.text.find(":", end, stop)
        listed = [i for i in s.items if colon >= 0 and colon < i.start < stop]
        if listed and not any(end <= i.start < colon for i in s.items):
            return usable(s, list_from(s, listed))
        after = [i for i in s.items if end <= i.start < stop]
        if (
            after
            and _PLACES_NOUN_RE.search(s.text, previous_end, before)
            and _AGENT_THEN_EXAMPLES_RE.fullmatch(s.text, end, after[0].head)
        ):
            return usable(s, list_from(s, after))  # "many villages were taken by HTS, such as A, B and C"
        return ()
    listed = [candidates[-1]]
    number = len(candidates) - 2
    while number >= 0:
        item = candidates[number]
        located = number > 0 and locator_gap(s.text[candidates[number - 1].end : item.head])
        gap = s.text[locator_end(s, item) if located else item.end : listed[0].head]
        if not list_gap(gap) or (located and "," not in gap):
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
    return usable(s, list_from(s, inside)) if inside else ()


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
