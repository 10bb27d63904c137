"""The index of name endings (``PartNames``) finds the places a scan of every name finds (shipped gazetteer)."""

from __future__ import annotations

import random

import numpy as np

from frontlines.gazetteer import Resolver
from frontlines.gazetteer.nearby import coordinates, nearest_km
from frontlines.gazetteer.normalise import article_split, is_arabic, name_tokens
from frontlines.gazetteer.parts import MIN_LETTERS, PartNames
from frontlines.models import ADMIN_KINDS, Place


def _ending_with_by_scan(resolver: Resolver, name: str, anchors: list[Place], within_km: float) -> set[str]:
    """The reference: every Latin name of every place near an anchor, tested one by one."""
    tokens = name_tokens(name)
    found: set[str] = set()
    if len("".join(tokens)) < MIN_LETTERS:
        return found
    for entry in resolver.gazetteer.names:
        place = resolver.gazetteer.places.get(entry.place_id)
        if place is None or place.lat is None or is_arabic(entry.name) or place.outside:
            continue
        if place.kind in ADMIN_KINDS or place.kind in (
            "highway",
            "country",
            "foreign_country",
            "foreign_place",
        ):
            continue
        forms = [f for f in (entry.name, article_split(entry.name)) if f]
        ends = any(len(t) > len(tokens) and t[-len(tokens) :] == tokens for t in map(name_tokens, forms))
        if ends and nearest_km([place], coordinates(anchors))[0] <= within_km:
            found.add(place.id)
    return found


def test_the_places_ending_with_a_name_are_those_a_scan_of_every_name_finds(resolver: Resolver) -> None:
    parts = PartNames(resolver.gazetteer, resolver.index.name_forms)
    located = sorted((p for p in resolver.gazetteer.places.values() if p.lat is not None), key=lambda p: p.id)
    names = sorted(
        {e.name for e in resolver.gazetteer.names if len(e.name.split()) > 1 and not is_arabic(e.name)}
    )
    rng = random.Random(2)
    nonempty = 0
    for _ in range(25):
        anchors = rng.sample(located, 4)
        name = " ".join(rng.choice(names).split()[1:])
        got = parts.ending_with(name, anchors, 60.0)
        assert {p.id for _, p in got} == _ending_with_by_scan(resolver, name, anchors, 60.0), name
        distances = [d for d, _ in got]
        assert distances == sorted(distances) and all(np.isfinite(distances))
        nonempty += bool(got)
    assert nonempty >= 3
