"""Extraction from invented sentences: sides, voices, blocking cues, anaphora, places and dates."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.corpus import split_sentences
from frontlines.events import extract_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article, Event

THURSDAY = date(2019, 5, 16)


def article(text: str, published: date | None = THURSDAY, headline: str = "") -> Article:
    body = f"{headline}\n\n{text}" if headline else text
    return Article(id="t1", path="t1.txt", text=body, headline=headline, outlet="Test Wire",
                   published=published, sentences=split_sentences(body))  # fmt: skip


def events(text: str, resolver: Resolver, **kwargs) -> list[Event]:
    doc = article(text, **kwargs)
    return extract_events(doc, find_mentions(doc, resolver))


def summary(found: list[Event]) -> list[tuple[str, str, str, str]]:
    return [(e.place.name, e.loser, e.gainer, e.kind) for e in found]


def test_active_recapture_with_a_weekday(resolver: Resolver) -> None:
    (event,) = events("Government forces recaptured the town of Kafr Zita on Tuesday.", resolver)
    assert (event.place.name, event.gainer, event.kind) == ("Kafr Zeita", "government", "recapture")
    assert event.dates.best == event.dates.earliest == event.dates.latest == date(2019, 5, 14)
    assert event.sources[0].relative == "weekday:1"


def test_passive_and_reversed_forms(resolver: Resolver) -> None:
    assert summary(events("Khan Shaykhun was captured by the Syrian army after weeks of shelling.", resolver)) == [
        ("Khan Shaykhun", "unknown", "government", "capture")
    ]
    assert summary(events("Kafr Nabl fell to forces loyal to President Assad.", resolver))[0][2] == "government"
    found = events("Rebels lost Kafr Zita to the Syrian army on Monday.", resolver)
    assert summary(found) == [("Kafr Zeita", "opposition", "government", "capture")]


def test_from_phrase_names_the_loser_and_backers_do_not_count(resolver: Resolver) -> None:
    found = events("Turkish-backed fighters seized the town of Tal Rifaat from Kurdish forces on Sunday.", resolver)
    assert summary(found) == [("Tall Refaat", "sdf", "opposition", "capture")]
    found = events("Russian-backed regime forces regained control of Kafr Nabl.", resolver)
    assert summary(found)[0][1:] == ("unknown", "government", "recapture")


def test_withdrawal(resolver: Resolver) -> None:
    (event,) = events("Regime forces withdrew from Kafr Zita on Wednesday.", resolver)
    assert (event.loser, event.gainer, event.kind) == ("government", "unknown", "withdrawal")


@pytest.mark.parametrize(
    "text",
    [
        "The next goal is to retake Kafr Nabl.",
        "Rebels launched an operation to take back Kafr Zita on Monday.",
        "The army could capture Kafr Nabl within days.",
        "The opposition denied that regime forces had captured Kafr Zita.",
        "Regime forces are advancing towards Kafr Nabl.",
        "Rebels shelled Kafr Zita and attacked army positions near Kafr Nabl.",
        "If the army takes Kafr Nabl, the road will be open.",
        "Government forces seized about 40 towns and villages in Idlib province.",
        "Regime troops captured parts of Kafr Nabl.",
        "Rebels made gains in Idlib province.",
    ],
)
def test_intentions_attempts_denials_and_region_claims_are_not_changes(resolver: Resolver, text: str) -> None:
    assert [e for e in events(text, resolver) if e.kind != "observation"] == []


def test_list_objects_and_examples(resolver: Resolver) -> None:
    found = events("The rebels seized Kafr Nabl and two villages near Kafr Zita.", resolver)
    assert [e.place.name for e in found] == ["Kafr Nabl"]
    found = events("The army captured several towns in Idlib, such as Kafr Nabl and Khan Shaykhun.", resolver)
    assert sorted(e.place.name for e in found) == ["Kafr Nabl", "Khan Shaykhun"]


def test_anaphora_uses_the_last_place_named(resolver: Resolver) -> None:
    text = "Fighting raged around Kafr Zita for a week. The town fell to the rebels on Monday."
    (event,) = events(text, resolver)
    assert (event.place.name, event.gainer) == ("Kafr Zeita", "opposition")
    assert "anaphoric_place" in event.flags
    assert event.dates.best == date(2019, 5, 13)


def test_freed_takes_the_gainer_from_the_speaker(resolver: Resolver) -> None:
    text = "\u201cKafr Nabl has been liberated completely from Assad's gangs,\u201d a rebel commander said."
    (event,) = events(text, resolver)
    assert (event.loser, event.gainer) == ("government", "opposition")


def test_observations(resolver: Resolver) -> None:
    found = events("Shells hit the rebel-held town of Kafr Nabl near the regime-controlled city of Khan Shaykhun.", resolver)
    assert sorted((e.place.name, e.gainer, e.kind) for e in found) == [
        ("Kafr Nabl", "opposition", "observation"), ("Khan Shaykhun", "government", "observation"),
    ]  # fmt: skip
    assert all(e.dates.best == e.dates.earliest == e.dates.latest == THURSDAY for e in found)
    assert events("Kafr Nabl was formerly an opposition stronghold.", resolver) == []


def test_dates_without_expression_said_on_and_relative(resolver: Resolver) -> None:
    (news,) = events("The army captured Kafr Nabl.", resolver)
    assert (news.dates.earliest, news.dates.latest, news.dates.best) == (None, THURSDAY, THURSDAY)
    (said,) = events("The army captured Kafr Nabl, the army said on Tuesday.", resolver)
    assert (said.dates.earliest, said.dates.latest) == (None, date(2019, 5, 14))
    (ago,) = events("Rebels took Kafr Zita two weeks ago.", resolver)
    assert ago.dates.best == date(2019, 5, 2) and ago.sources[0].relative == "weeks_ago:2"
    assert ago.dates.latest <= THURSDAY


def test_undated_article_keeps_events_with_unknown_dates(resolver: Resolver) -> None:
    (event,) = events("Rebels recaptured Kafr Zita on Thursday.", resolver, published=None)
    assert event.dates.best is None and event.sources[0].relative == "weekday:3"


def test_highway_description_and_junction(resolver: Resolver) -> None:
    found = events("On Monday the rebels cut the highway linking Damascus with Aleppo.", resolver)
    assert [(e.place.id, e.gainer) for e in found] == [("hwy:M5", "opposition")]


def test_ambiguous_and_admin_mentions_make_no_event(resolver: Resolver) -> None:
    from collections import Counter

    doc = article("The army captured Idlib province.")
    stats: Counter[str] = Counter()
    assert extract_events(doc, find_mentions(doc, resolver), stats=stats) == []
    assert stats["skip_admin"] == 1


def test_sentences_that_are_not_slices_of_the_text_give_the_same_events(resolver: Resolver) -> None:
    """Trigger and actor rows come from one literal scan of the article text when its sentences are
    slices of it, and from each sentence otherwise: the events are the same."""
    text = (
        "Regime forces recaptured Saraqeb on Thursday.\n"
        "The town had been held by rebels, who withdrew from it, and the highway linking Aleppo with Damascus was cut."
    )
    sentences = split_sentences(text)
    article = Article(id="t1", path="t1.txt", text=text, published=date(2020, 3, 2), sentences=sentences)
    mentions = find_mentions(article, resolver, unresolved=False)
    aligned = extract_events(article, mentions)
    shifted = Article(id="t1", path="t1.txt", text="x" + text, published=date(2020, 3, 2), sentences=sentences)
    assert aligned and extract_events(shifted, mentions) == aligned
