"""The general rules of event extraction, on sentences written for these tests: interdictions, lists,
sides from the subject, background clauses, highways by description and reversals."""

from __future__ import annotations

from datetime import date

from frontlines.corpus import split_sentences
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article, Event
from frontlines.timeline import build_timeline

THURSDAY = date(2019, 5, 16)


def article(text: str, published: date | None = THURSDAY, name: str = "t1", outlet: str = "Test Wire") -> Article:
    return Article(id=name, path=f"{name}.txt", text=text, headline="", outlet=outlet, published=published,
                   sentences=split_sentences(text))  # fmt: skip


def events(text: str, resolver: Resolver, **kwargs) -> list[Event]:
    doc = article(text, **kwargs)
    return merge_events(extract_events(doc, find_mentions(doc, resolver)))


def changes(found: list[Event]) -> list[tuple[str, str, str, str]]:
    return sorted((e.place.name, e.loser, e.gainer, e.kind) for e in found if e.changes_control)


# -- interdiction ------------------------------------------------------------------------------------


def test_a_highway_cut_at_a_town_is_an_interdiction_there(resolver: Resolver) -> None:
    (event,) = events("Rebels cut the M5 highway near Saraqeb on Tuesday.", resolver)
    assert (event.kind, event.place.id, event.gainer) == ("interdiction", "C3916", "opposition")
    assert "highway: hwy:M5" in event.notes and event.dates.best == date(2019, 5, 14)
    assert not event.changes_control


def test_interdiction_forms_name_the_highway(resolver: Resolver) -> None:
    (severed,) = events("Opposition fighters severed the highway linking Damascus with Aleppo on Monday.", resolver)
    assert (severed.kind, severed.place.id) == ("interdiction", "hwy:M5")
    (passive,) = events("The M4 was cut by rebel fire near Ariha on Monday.", resolver)
    assert (passive.kind, passive.place.name, passive.gainer) == ("interdiction", "Ariha", "opposition")
    (fire,) = events("HTS fighters put the M4 under fire control near Saraqeb on Sunday.", resolver)
    assert (fire.kind, fire.place.id, fire.gainer, fire.notes) == ("interdiction", "C3916", "hts", ("highway: hwy:M4",))


def test_an_interdiction_changes_nobodys_control(resolver: Resolver) -> None:
    found = events("Government forces took Kafr Nabl on Monday. Rebels cut the M5 near Saraqeb on Tuesday.", resolver)
    assert changes(found) == [("Kafr Nabl", "opposition", "government", "capture")]
    timeline = build_timeline(found)
    assert [s.place.id for s in timeline.state_on(date(2019, 5, 15))] == ["C4068"]


def test_a_cut_without_a_road_is_nothing(resolver: Resolver) -> None:
    assert events("The army cut Kafr Nabl off from its supply lines on Monday.", resolver) == []
