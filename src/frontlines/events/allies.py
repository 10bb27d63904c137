"""Sides named as fighting beside another in one phrase: "rebels led by HTS", "the SDF, backed by local
brigades,", "rebel units including fighters of the Nusra Front", "rebels with the group HTS". Allies, never each
other's adversary."""

from __future__ import annotations

import re
from collections.abc import Sequence

from frontlines.events.actors import ActorSpan

#: What joins an ally to the side it fights beside, from the end of one actor to the start of the other.
_COMPANION_GAP_RE = re.compile(
    r",?\s+(?:[\w'’-]+\s+){0,2}?(?:(?:led|backed|supported|aided|assisted|joined|reinforced)\s+by|including|"
    r"among\s+them|alongside|along\s+with|together\s+with|in\s+(?:coordination|cooperation)\s+with|"
    r"with\s+the\s+(?:[\w-]+\s+)?(?:group|faction|militia|alliance))\s+"
    r"(?:[\w'’.-]+\s+){0,6}\(?",  # "with the group Hay'at Tahrir al-Sham (HTS)": the acronym too; "U.S.-backed"
    re.IGNORECASE,
)
#: Every gap the regex matches holds one of these (a cheap test first).
_COMPANION_WORDS = ("by", "includ", "among", "along", "with")
_COMPANION_REACH = 80


def ally_of(text: str, actors: Sequence[ActorSpan], actor: ActorSpan, side: str | None = None) -> bool:
    """True when ``actor`` (one of a sentence's ``actors``) is named as fighting beside an actor before it
    ("rebels led by HTS") or, given ``side``, beside an actor of that side before or after it ("rebel units
    including HTS fighters")."""
    for other in actors:
        first, second = (other, actor) if other.end <= actor.start else (actor, other)
        if (
            first is second
            or (side is None and first is actor)
            or (side is not None and other.controller != side)
            or not 0 <= second.start - first.end <= _COMPANION_REACH
        ):
            continue
        gap = text[first.end : second.start]
        if any(word in gap.lower() for word in _COMPANION_WORDS) and _COMPANION_GAP_RE.fullmatch(gap):
            return True
    return False
