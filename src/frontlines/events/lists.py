"""Places listed together: the text that joins two items of one list ("A, B and the town of C"), a place
that only locates the item before it ("A in B district, C and D"), and a facility that stands for the
place it is at ("A, B and the army base in C").
"""

from __future__ import annotations

import re

from frontlines.events.anaphors import VILLAGE_MAX_POPULATION
from frontlines.events.sentence import Item, Sentence
from frontlines.models import Place

#: A facility named before the place it is at: "a customs building at the", "the army base in".
_FACILITY = (
    r"(?:the|a|an|its|their)\s+(?:[\w'’-]+\s+){0,3}?(?:base|barracks|headquarters|garrison|compound|building|"
    r"post|station)s?\s+(?:in|at|of)\s+(?:the\s+)?(?:(?:town|village)\s+of\s+)?"
)
_FACILITY_OBJECT_RE = re.compile(rf"^\s*{_FACILITY}$", re.IGNORECASE)
_FACILITY_ITEM_RE = re.compile(rf"^\s*(?:,|,?\s+and|,?\s+as\s+well\s+as)\s+{_FACILITY}$", re.IGNORECASE)
#: Places whose facilities are the place: a point feature, or a village.
_FACILITY_HOSTS = frozenset({"crossing", "airbase", "dam", "junction"})
#: Text between two places of one list: "X, Y and the town of Z", "X and Y hilltops in addition to the villages of Z".
_LIST_GAP_RE = re.compile(
    r"^(?:\s*\([^)]*\))?(?:\s+(?:hill(?:top)?s?|villages|towns|areas|mountains?|farms?)\b)?"
    r"\s*(?:,|,?\s+and|,?\s+as\s+well\s+as|,?\s+in\s+addition\s+to|,?\s+&)\s+(?:the\s+)?"
    r"(?:(?:towns?|cit(?:y|ies)|villages?|hamlets?|districts?|neighbou?rhoods?|camps?|dams?|bases?|airports?|"
    r"crossings?|hill(?:top)?s?|mount|key|strategic|nearby|neighbou?ring|adjacent|small|large|major|important|"
    r"\w+ern|of|the)\s+){0,4}$",
    re.IGNORECASE,
)
#: Names the mentions missed inside a list ("A, Tlel Al-humr, Maddahi, and B", "A, Sheikh Barakat mountain, B"):
#: a list goes on across them.
_UNKNOWN_NAMES_RE = re.compile(
    r"^(?:[-–][\w'’]+|\s+(?:(?:al|el|Al|El)-\s?)?[A-Z][\w'’-]*)*(?:\s*(?:,|,?\s+and|,?\s+as\s+well\s+as)\s+(?:(?:al|el|Al|El)-\s?)?[A-Z][\w'’-]*"
    r"(?:[\s-]+(?:(?:al|el|Al|El)-\s?)?[A-Z][\w'’-]*){0,3}(?:\s+(?:mountains?|hills?|farms?|valley|plain)\b)?)*"
)
#: A list item located by the place after it: "A village in B district, C and D", "A in the north of B, C
#: near the border with D, and E" (B and D only locate A and C).
_DIRECTION = r"(?:north|south|east|west|northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)"
_LOCATED_IN_RE = re.compile(
    r"^(?:\s+(?:village|town|hamlet|area|neighbou?rhood))?\s*(?:[,–—-]\s*)?(?:\b(?:in|inside|within|near|on|close\s+to)"
    rf"(?:\s+the\s+(?:(?:far\s+)?{_DIRECTION}(?:ern)?\s+)?(?:(?:parts?|outskirts|edges?|countryside|border|"
    r"frontier|vicinity|side|bank)\s+)?(?:of|with))?"
    rf"|(?:just\s+)?{_DIRECTION}\s+of)\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?$",
    re.IGNORECASE,
)
#: Between a place that locates a list item and the region it lies in, set after it: "A in C, western D"
#: (D, the part of a place, locates too).
#: An adjective that makes a place's name the name of a part of it ("western Afrin", "north-eastern Hama").
PART_ADJECTIVE = r"(?:(?:north|south)-?)?(?:east|west)ern|northern|southern|central|rural"
APPOSED_PART_RE = re.compile(rf"\s*,\s*(?:{PART_ADJECTIVE})\s+", re.IGNORECASE)
_LOCATOR_TAIL_RE = re.compile(
    r"^\s+(?:district|subdistrict|sub-district|region|countryside|area|province|governorate|plain)\b",
    re.IGNORECASE,
)


def list_gap(gap: str) -> bool:
    """True when ``gap`` joins two places of one list, across names the mentions missed."""
    return bool(_LIST_GAP_RE.match(gap[_UNKNOWN_NAMES_RE.match(gap).end() :]))  # type: ignore[union-attr]


def list_from(s: Sentence, candidates: list[Item]) -> list[Item]:
    """The first candidate and the places listed with it (across a place locating the last one: "A in B
    district, C and D"; through a facility standing for its village: "A, B and the army base in C")."""
    listed = [candidates[0]]
    tail = candidates[0].end
    for item in candidates[1:]:
        gap = s.text[tail : item.head]
        if locator_gap(gap) if tail == listed[-1].end else APPOSED_PART_RE.fullmatch(gap):
            tail = locator_end(s, item)
            continue
        joined = list_gap(gap) or facility_of(gap, item.place, listed=True)
        if not joined or (tail != listed[-1].end and "," not in gap):
            break
        listed.append(item)
        tail = item.end
    return listed


def locator_gap(gap: str) -> bool:
    """True when the place after ``gap`` only locates the list item before it ("A in B", "A – north of
    B"), across names the mentions missed ("A and C – north of B")."""
    return bool(_LOCATED_IN_RE.match(gap[_UNKNOWN_NAMES_RE.match(gap).end() :]))  # type: ignore[union-attr]


def locator_end(s: Sentence, item: Item) -> int:
    """Where a place that locates a list item ends ("B district")."""
    tail = _LOCATOR_TAIL_RE.match(s.text[item.end : item.end + 20])
    return item.end + (tail.end() if tail else 0)


def facility_of(gap: str, place: Place | None, *, listed: bool = False) -> bool:
    """True when ``gap``, the text before ``place``, names a facility at it that stands for the place
    (after a list's "and" when ``listed``): the place is a crossing, an air base, a dam or a junction,
    or a village ("a customs building at the X crossing", "A, B and the army base in C"). A facility in
    a town or a city is part of it, not the place ("the national hospital in X" takes no X)."""
    if place is None or not (_FACILITY_ITEM_RE if listed else _FACILITY_OBJECT_RE).match(gap):
        return False
    if place.kind in _FACILITY_HOSTS:
        return True
    return place.kind == "populated_place" and place.population < VILLAGE_MAX_POPULATION
