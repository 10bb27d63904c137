"""False positives on unseen reporting, one class per test, with sentences written for the test:
anaphors that are parts of a place or name their own location, points of reference, background."""

from __future__ import annotations

from datetime import date

import pytest
from test_extract import events, summary

from frontlines.gazetteer import Resolver


@pytest.mark.parametrize(
    "text",
    [
        # a part of the place after the anaphor's noun
        "Fighting raged in Hama for days. Rebels took the city centre on Monday.",
        # "it" as the subject of a control verb is a side, not a place
        "Kurdish forces pushed on Kafr Zita. Rebels drove the Islamic State out of villages it controlled on Monday.",
        # an anaphor that names its own location is a new place, not an earlier one 100 km away
        (
            "Rebels dug in around Aleppo. The army captured the last rebel stronghold in the area surrounding"
            " Khan Shaykhun on Saturday."
        ),
        # a city is no "village"
        "The army shelled Aleppo on Sunday. Rebels captured the village on Monday.",
    ],
)
def test_anaphors_that_are_not_the_place_named_before(resolver: Resolver, text: str) -> None:
    assert events(text, resolver) == []


def test_a_city_qualifying_its_district_is_not_the_object(resolver: Resolver) -> None:
    found = events(
        "Government forces overran a strategic district on the southern outskirts of Aleppo on Thursday.",
        resolver,
        headline="Army retakes key Aleppo district",
    )
    assert found == []


def test_anaphors_that_still_resolve(resolver: Resolver) -> None:
    (event,) = events(
        "Fighting raged around Kafr Zita for a week. The town, north of Hama, fell to the rebels on Monday.",
        resolver,
    )
    assert (event.place.name, event.gainer, event.dates.best) == (
        "Kafr Zeita",
        "opposition",
        date(2019, 5, 13),
    )
    assert "anaphoric_place" in event.flags
    found = events("The army shelled Aleppo on Sunday. Rebels captured the city on Monday.", resolver)
    assert summary(found) == [("Aleppo", "government", "opposition", "capture")]
