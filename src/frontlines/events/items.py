"""The place items of a sentence: its mentions (less the names that only qualify another, the dateline
and the sides), the highways it describes, and its anaphors (:mod:`~frontlines.events.anaphors`)."""

from __future__ import annotations

import re
from dataclasses import replace

from frontlines.events import highways
from frontlines.events.anaphors import CITY_MIN_POPULATION, TOWN_KINDS, VILLAGE_MAX_POPULATION, add_anaphors
from frontlines.events.sentence import Item, Sentence
from frontlines.literals import gate_text
from frontlines.models import ADMIN_KINDS, LINE_KINDS, Place, distance_km

_CITY_PART_RE = re.compile(
    r"^\s+(?:district|neighbou?rhood|quarter|suburb|village|town|countryside|province|governorate)s?\b(?!\s+of\b)",
    re.IGNORECASE,
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
#: A base after a village's name, alone or after a second name: "X army base", "X and Y military bases". A
#: village of that name farther than BASE_NEAR_KM from every other place the article names is a namesake of
#: the base's village, which the gazetteer lacks: not meant, anywhere in the article.
BASE_NEAR_KM = 30.0
_BASE_AFTER_RE = re.compile(
    r"(?:\s+and\s+(?:(?:al|el)-)?[A-Z][\w'’-]*(?:\s+(?:(?:al|el|ad|ar|as|ash|at|az)-)?[A-Z][\w'’-]*){0,3})?"
    r"\s+(?:army\s+|military\s+)?bases?\b"
)
#: A noun naming part of the place before it: "a key Aleppo district", "the Damascus neighbourhoods".
_PART_AFTER_RE = re.compile(r"\s+(?:districts?|neighbou?rhoods?|quarters?|suburbs?)\b", re.IGNORECASE)


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
        and (m.place is None or m.place.id not in _base_villages(s))
    ])  # fmt: skip
    taken = [(i.start, i.end) for i in items]
    gated = gate_text(s.text)
    for match in highways.descriptions(s.text, gated):
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
        else:  # a road no highway of the gazetteer follows: its ends only say where it runs
            ends = highways.road_ends(match, [(i.start, i.end) for i in items])
            items = [i for i in items if (i.start, i.end) not in ends]
    for match in highways.city_pairs(s.text, gated):
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
    for match in highways.international(s.text, gated):
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
    add_anaphors(s, items, taken)
    s.items = sorted(items, key=lambda i: (i.start, i.end))


def _base_villages(s: Sentence) -> frozenset[str]:
    """Ids of the villages whose name the article gives a base ("the X base", "X and Y army bases") and
    that lie far from every other place it names."""
    context = s.context
    if context.base_villages is None:
        context.base_villages = frozenset()
        text = context.article.text
        if "base" in text:
            named = [m for found in context.mentions.values() for m in found if m.place is not None]
            places = {m.place.id: m.place for m in named if m.place is not None}
            context.base_villages = frozenset(
                m.place.id for m in named
                if m.place is not None and m.place.kind in TOWN_KINDS
                and m.place.population < VILLAGE_MAX_POPULATION and _BASE_AFTER_RE.match(text, m.end)
                and _far_from_all(m.place, [p for p in places.values() if p.id != m.place.id])
            )  # fmt: skip
    return context.base_villages


def _far_from_all(place: Place, others: list[Place]) -> bool:
    """True when ``place`` lies more than BASE_NEAR_KM from each of ``others`` with a point (and some have one)."""
    points = [(o.lat, o.lon) for o in others if o.lat is not None and o.lon is not None]
    if place.lat is None or place.lon is None or not points:
        return False
    return all(distance_km(place.lat, place.lon, lat, lon) > BASE_NEAR_KM for lat, lon in points)


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
