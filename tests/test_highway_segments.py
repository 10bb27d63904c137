"""Highways by segment from extracted events, on sentences written for these tests: a change along the
whole route, an interdiction at a town, and a town's capture that moves only the road beside it."""

from __future__ import annotations

from datetime import date

from frontlines.corpus import split_sentences
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article, Event
from frontlines.pipeline import map_inputs

MONDAY = date(2019, 5, 20)


def events(text: str, resolver: Resolver) -> list[Event]:
    doc = Article(id="t1", path="t1.txt", text=text, outlet="Test Wire", published=MONDAY,
                  sentences=split_sentences(text))  # fmt: skip
    return merge_events(extract_events(doc, find_mentions(doc, resolver)))


def m5_states(found: list[Event], on: date) -> dict[str, str]:
    timeline = map_inputs(found).timeline
    return {s.place.name: s.controller for s in timeline.state_on(on) if s.place.id.startswith("hwy:M5@")}


def test_the_entire_length_sets_every_segment(resolver: Resolver) -> None:
    found = events(
        "Government forces took full control of the entire length of the M5 highway on Sunday.", resolver
    )
    (event,) = [e for e in found if e.place.id == "hwy:M5"]
    assert "full_length" in event.flags
    states = m5_states(found, MONDAY)
    assert states and set(states.values()) == {"government"}
    assert any("Aleppo" in name for name in states) and any("Dar'a" in name for name in states)


def test_a_highway_named_without_its_length_sets_no_segment(resolver: Resolver) -> None:
    found = events("Government forces captured a stretch of the M5 highway on Sunday.", resolver)
    assert all("full_length" not in e.flags for e in found)
    assert m5_states(found, MONDAY) == {}


def test_a_town_captured_beside_the_road_moves_only_the_segments_next_to_it(resolver: Resolver) -> None:
    found = events(
        "The army captured the entire length of the M5 highway on Saturday. Rebels recaptured Saraqeb on Sunday.",
        resolver,
    )
    states = m5_states(found, MONDAY)
    assert sorted(set(states.values())) == ["government", "opposition"]
    opposition = [name for name, side in states.items() if side == "opposition"]
    assert opposition and all("Saraqib" in name for name in opposition)
