"""A village or a district named as "the X area" after a verb of change, on sentences written for these
tests: the place itself, while "the X area" of a town that names a district or a subdistrict stays a
region around it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from frontlines.corpus import read_article
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Event

PUBLISHED = date(2019, 5, 16)  # a Thursday


def changes(tmp_path: Path, text: str, resolver: Resolver) -> list[tuple[str, str, str, date | None]]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_article(path, published=PUBLISHED)
    found: list[Event] = merge_events(extract_events(doc, find_mentions(doc, resolver)))
    return sorted((e.place.name, e.loser, e.gainer, e.dates.best) for e in found if e.changes_control)


def test_the_area_of_a_village_is_the_village(tmp_path: Path, resolver: Resolver) -> None:
    text = "Kurdish YPG fighters took over the Abu Khazaf area from Islamic State militants on Monday.\n"
    assert changes(tmp_path, text, resolver) == [("Abu Khazaf", "isis", "sdf", date(2019, 5, 13))]


def test_the_area_of_a_village_with_an_apposition_is_the_village(tmp_path: Path, resolver: Resolver) -> None:
    text = (
        '"The YPG have seized the Abu Khazaf area, the scene of weeks of fighting with the Islamic State '
        'group," a monitor said on Monday.\n'
    )
    assert changes(tmp_path, text, resolver) == [("Abu Khazaf", "isis", "sdf", date(2019, 5, 13))]


def test_the_area_of_a_subdistrict_seat_stays_a_region(tmp_path: Path, resolver: Resolver) -> None:
    text = "Kurdish YPG fighters took over the Tal Hmis area from Islamic State militants on Monday.\n"
    assert changes(tmp_path, text, resolver) == []


def test_the_area_of_a_district_town_stays_a_region(tmp_path: Path, resolver: Resolver) -> None:
    text = "Turkish-backed rebels seized the Afrin area from Kurdish YPG fighters on Monday.\n"
    assert changes(tmp_path, text, resolver) == []
