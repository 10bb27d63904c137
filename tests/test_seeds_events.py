"""The acceptance check on the seed corpus: the changes and observations the five articles report."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontlines.corpus import load_corpus
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Event

SARAQEB, NAYRAB, KANSAFRA = "C3916", "C3867", "C4309"
KAFR_NABL, MAARAT, SALIHIYAH = "C4068", "C3985", "C8439"


@pytest.fixture(scope="module")
def seed_events(seeds_dir: Path, resolver: Resolver) -> list[Event]:
    if not seeds_dir.is_dir():
        pytest.skip("seeds/ is absent")
    reports = []
    for article in load_corpus(seeds_dir).articles:
        reports += extract_events(article, find_mentions(article, resolver))
    return merge_events(reports)


def changes(events: list[Event], place_id: str, gainer: str) -> list[Event]:
    return [e for e in events if e.place.id == place_id and e.gainer == gainer and e.kind != "observation"]


def test_saraqeb_retaken_by_the_opposition_on_27_february(seed_events: list[Event]) -> None:
    (event,) = changes(seed_events, SARAQEB, "opposition")
    assert (
        event.loser == "government"
        and event.dates.best == date(2020, 2, 27)
        and event.dates.precision == "day"
    )
    articles = {s.article_id[:3] for s in event.sources}
    assert len(event.article_ids) == 4 and {"003", "004"} <= articles and "date_inferred" in event.flags


def test_saraqeb_taken_by_the_government_early_february_with_contested_dates(
    seed_events: list[Event],
) -> None:
    (event,) = changes(seed_events, SARAQEB, "government")
    d = event.dates
    assert abs((d.best - date(2020, 2, 6)).days) <= 2
    assert date(2020, 2, 1) <= d.earliest <= date(2020, 2, 6) <= d.latest <= date(2020, 2, 20)
    assert "contested_date" in event.flags
    (note,) = [n for n in event.notes if n.startswith("dates disagree")]
    agree, disagree = note.split(" vs ")
    assert "three weeks ago" in agree.lower() and "two weeks ago" in disagree


def test_nayrab_both_ways(seed_events: list[Event]) -> None:
    (retaken,) = changes(seed_events, NAYRAB, "opposition")
    assert retaken.dates.best == date(2020, 2, 24) and retaken.loser == "government"
    (taken,) = changes(seed_events, NAYRAB, "government")
    assert taken.loser == "opposition" and taken.dates.earliest == date(2020, 2, 1)
    assert taken.dates.latest <= date(2020, 2, 10)


def test_kansafra_kafr_nabl_and_maarat(seed_events: list[Event]) -> None:
    (kansafra,) = changes(seed_events, KANSAFRA, "opposition")
    assert kansafra.dates.best == date(2020, 2, 27)
    for place_id in (KAFR_NABL, MAARAT):
        (event,) = changes(seed_events, place_id, "government")
        assert (
            event.dates.latest <= date(2020, 2, 27) and (event.dates.latest - event.dates.earliest).days >= 7
        )


def test_highway_and_junction(seed_events: list[Event]) -> None:
    (m5,) = changes(seed_events, "hwy:M5", "government")
    assert m5.dates.best < date(2020, 2, 27)
    (junction,) = changes(seed_events, "jct:M4-M5", "opposition")
    assert junction.dates.best == date(2020, 2, 27)


def test_observations_on_26_february(seed_events: list[Event]) -> None:
    observed = {(e.place.id, e.gainer, e.dates.best) for e in seed_events if e.kind == "observation"}
    assert (SALIHIYAH, "opposition", date(2020, 2, 26)) in observed
    assert (SARAQEB, "government", date(2020, 2, 26)) in observed


def test_places_that_did_not_change_hands(seed_events: list[Event], resolver: Resolver) -> None:
    changed = {e.place.name for e in seed_events if e.kind != "observation"}
    for name in (
        "Kafar Aweed",
        "Bara",
        "Afis",
        "Jabal al-Zawiya",
        "Idlib",
        "Hama",
        "Khan Shaykhun",
        "Ankara",
    ):
        ids = {c.place.id for c in resolver.resolve_name(name)}
        assert not any(e.place.id in ids for e in seed_events if e.kind != "observation"), (name, changed)
