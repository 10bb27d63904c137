"""A place said to be empty of a side, on sentences written for these tests: a change like "free of",
and no change at a place named before a clause with a subject of its own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from frontlines.corpus import read_article
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Event

PUBLISHED = date(2019, 5, 16)  # a Thursday


def changes(tmp_path: Path, text: str, resolver: Resolver) -> list[tuple[str, str, str]]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_article(path, published=PUBLISHED)
    found: list[Event] = merge_events(extract_events(doc, find_mentions(doc, resolver)))
    return sorted((e.place.name, e.loser, e.gainer) for e in found if e.changes_control)


def test_a_town_that_has_become_empty_of_a_side_changed_hands(tmp_path: Path, resolver: Resolver) -> None:
    text = (
        "The last buses carrying fighters and their families left on Monday, and state television said that "
        "Zabadani has now become empty of rebels, with Syrian army troops deploying in its streets.\n"
    )
    assert changes(tmp_path, text, resolver) == [("Az-Zabdani", "opposition", "government")]


def test_a_town_that_is_empty_of_a_side_changed_hands(tmp_path: Path, resolver: Resolver) -> None:
    text = "A military source said Madaya was completely empty of rebel fighters by Monday evening.\n"
    assert [c[:2] for c in changes(tmp_path, text, resolver)] == [("Madaya", "opposition")]


def test_a_place_before_a_clause_with_its_own_subject_is_not_emptied(
    tmp_path: Path, resolver: Resolver
) -> None:
    text = (
        "The governor of Hama told reporters in Kafr Zita on Monday that the whole province is now empty of "
        "rebels.\n"
    )
    assert changes(tmp_path, text, resolver) == []


def test_a_place_before_a_clause_with_its_own_subject_is_not_freed(
    tmp_path: Path, resolver: Resolver
) -> None:
    text = "A commander in Kafr Zita said on Monday that the whole countryside is now free of rebels.\n"
    assert changes(tmp_path, text, resolver) == []
