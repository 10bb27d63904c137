"""Homonyms settled by where a text puts them: "Zara, 40 km west of Homs", "Hmeimeh between Palmyra and Deir ez-Zor"."""

from __future__ import annotations

import pytest

from frontlines.gazetteer import Resolver
from frontlines.gazetteer.bearings import along_bearing, between
from frontlines.mentions import find_mentions
from frontlines.models import Article, Candidate, Place, bearing_degrees


def _place(pid: str, lat: float, lon: float) -> Place:
    return Place(id=pid, name=pid, kind="populated_place", lat=lat, lon=lon)


ORIGIN = _place("O", 35.0, 36.0)


@pytest.mark.parametrize(("lat", "lon", "degrees"), [(35.5, 36.0, 0.0), (35.0, 36.5, 90.0), (34.5, 36.0, 180.0),
                                                      (35.0, 35.5, 270.0)])  # fmt: skip
def test_bearings_are_clockwise_from_north(lat: float, lon: float, degrees: float) -> None:
    assert bearing_degrees(ORIGIN.lat, ORIGIN.lon, lat, lon) == pytest.approx(degrees, abs=0.5)


def test_a_candidate_fits_by_direction_and_by_the_distance_given() -> None:
    west_40 = Candidate(_place("W40", 35.0, 35.56), "exact")  # about 40 km west
    west_15 = Candidate(_place("W15", 35.0, 35.835), "exact")  # about 15 km west
    north = Candidate(_place("N", 35.2, 36.0), "exact")
    far_west = Candidate(_place("FW", 35.0, 34.5), "exact")  # about 137 km
    found = along_bearing([west_40, west_15, north, far_west], ORIGIN, "west", None)
    assert [c.place.id for c in found] == ["W40", "W15"]
    assert [c.place.id for c in along_bearing([west_40, west_15], ORIGIN, "West", 40.0)] == ["W40"]
    assert [c.place.id for c in along_bearing([north], ORIGIN, "north-west", None)] == ["N"]  # 45 degrees off


def _status(resolver: Resolver, text: str, surface: str) -> tuple[str, str | None]:
    mentions = find_mentions(Article(id="a", path="a.txt", text=text), resolver)
    (mention,) = [m for m in mentions if m.surface == surface]
    return mention.status, mention.place.id if mention.place else None


def test_a_candidate_lies_between_two_places_within_a_detour() -> None:
    east = _place("E", 35.0, 38.0)  # about 182 km east of the origin
    on_the_way = Candidate(_place("M", 35.2, 37.0), "exact")
    aside = Candidate(_place("A", 34.0, 37.0), "exact")
    assert [c.place.id for c in between([on_the_way, aside], ORIGIN, east)] == ["M"]


# Zara names four villages, three of them within 50 km of Homs; the one west of the city is C2777.
# Hmeimeh names two villages near Homs and, spelt Al-Hmaymah, one in the desert on the way east.
SETTLED = [
    ("Zara", "C2777", "The army retook the town of Zara on the western edge of Homs."),
    ("Zara", "C2777", "The army retook Zara, about 45 km west of Homs, yesterday."),
    ("Hmeimeh", "C7765", "Troops seized Hmeimeh between Palmyra and Deir ez-Zor on Wednesday."),
    (
        "Hmeimeh",
        "C7765",
        "Troops seized Hmeimeh, midway between the town of Palmyra and the city of Deir ez-Zor.",
    ),
]
#: No such phrase; a bearing no candidate fits, or a distance none lies at; two places with more than
#: one candidate between them: all settle nothing.
OPEN = [
    ("Zara", "The army retook Zara yesterday."),
    ("Zara", "The army retook Zara, 10 km east of Homs."),
    ("Zara", "The army retook Zara, 120 km west of Homs."),
    ("Hmeimeh", "Troops seized Hmeimeh on Wednesday."),
    ("Hmeimeh", "Troops seized Hmeimeh between Homs and Hama."),
]


@pytest.mark.parametrize(("name", "place_id", "text"), SETTLED)
def test_where_the_text_puts_a_homonym_settles_it(
    resolver: Resolver, name: str, place_id: str, text: str
) -> None:
    assert _status(resolver, text, name) == ("resolved", place_id)


@pytest.mark.parametrize(("name", "text"), OPEN)
def test_a_homonym_the_text_does_not_place_stays_open(resolver: Resolver, name: str, text: str) -> None:
    assert _status(resolver, text, name)[0] == "ambiguous"
