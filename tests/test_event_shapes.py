"""Shapes of sentence that report a change at a place the mentions resolved, on sentences written for
these tests: hard-wrapped wire copy, a facility at a place, a possessive trigger noun, participle clauses."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontlines.corpus import read_article
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Event

PUBLISHED = date(2019, 5, 16)  # a Thursday


def read(tmp_path: Path, text: str, resolver: Resolver) -> list[Event]:
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_article(path, published=PUBLISHED)
    return merge_events(extract_events(doc, find_mentions(doc, resolver)))


def changes(found: list[Event]) -> list[tuple[str, str, str, str, date | None]]:
    return sorted((e.place.name, e.loser, e.gainer, e.kind, e.dates.best) for e in found if e.changes_control)


# -- hard-wrapped wire copy ----------------------------------------------------------------------------


def test_a_place_and_a_date_wrapped_across_lines_make_one_event(tmp_path: Path, resolver: Resolver) -> None:
    text = (
        "Army pushes into southern Idlib\n\n"
        "BEIRUT, May 16 (Test Wire) - Government forces on Monday\n"
        "took control of the town of Kafr Nabl and the nearby village\n"
        "of Kansafra after days of clashes with rebel factions, a war\n"
        "monitor and state media said on Thursday, in the latest push\n"
        "of an offensive that began at the end of April this year.\n"
        "The rebels said they had pulled back to defend their lines\n"
        "further north, around the town of Ariha.\n"
    )
    assert changes(read(tmp_path, text, resolver)) == [
        ("Kafr Nabl", "opposition", "government", "capture", date(2019, 5, 13)),
        ("Kansafra", "opposition", "government", "capture", date(2019, 5, 13)),
    ]


# -- a facility at a place -----------------------------------------------------------------------------


def test_a_facility_at_a_crossing_stands_for_the_crossing(tmp_path: Path, resolver: Resolver) -> None:
    text = "Rebel fighters took control of the customs post at the Bab al-Hawa crossing from the army on Monday.\n"
    assert changes(read(tmp_path, text, resolver)) == [
        ("Bab al-Hawa Border Crossing", "government", "opposition", "capture", date(2019, 5, 13))
    ]


def test_a_listed_facility_in_a_village_stands_for_the_village(tmp_path: Path, resolver: Resolver) -> None:
    text = (
        "HTS fighters on Tuesday seized Kansafra, Kafr Nabl and the army base in Hass from rebel factions.\n"
    )
    assert changes(read(tmp_path, text, resolver)) == [
        ("Has", "opposition", "hts", "capture", date(2019, 5, 14)),
        ("Kafr Nabl", "opposition", "hts", "capture", date(2019, 5, 14)),
        ("Kansafra", "opposition", "hts", "capture", date(2019, 5, 14)),
    ]


def test_a_facility_in_a_town_or_things_at_a_crossing_are_no_change_there(
    tmp_path: Path, resolver: Resolver
) -> None:
    for text in (
        "Rebels seized the military base in Kafr Nabl on Monday.\n",  # a town of 45,000: the base is part of it
        "Kurdish fighters took the national hospital in Raqqa from IS on Monday.\n",
        "Rebels seized weapons from a depot at the Bab al-Hawa crossing on Monday.\n",  # not the facility itself
    ):
        assert changes(read(tmp_path, text, resolver)) == [], text


# -- lists whose items each have a locator ---------------------------------------------------------------


def test_each_listed_place_may_carry_its_own_locator(tmp_path: Path, resolver: Resolver) -> None:
    text = (
        "Government troops on Monday entered several towns including Kafr Nabl near the border with Turkey, "
        "Kansafra in the south of Idlib, and Hass on the western edge of the plain, which rebels had held.\n"
    )
    found = changes(read(tmp_path, text, resolver))
    assert found == [
        ("Has", "opposition", "government", "capture", date(2019, 5, 13)),
        ("Kafr Nabl", "opposition", "government", "capture", date(2019, 5, 13)),
        ("Kansafra", "opposition", "government", "capture", date(2019, 5, 13)),
    ]


def test_a_locator_is_not_a_listed_place(tmp_path: Path, resolver: Resolver) -> None:
    text = (
        "Rebels on Monday captured Kansafra in the south of Idlib province, and Hass near the city of Hama.\n"
    )
    assert [name for name, *_ in changes(read(tmp_path, text, resolver))] == ["Has", "Kansafra"]


# -- re- forms of a capture verb ---------------------------------------------------------------------------


def test_re_seized_is_a_recapture(tmp_path: Path, resolver: Resolver) -> None:
    text = "Regime forces re-seized Kansafra and Hass from ISIS on Tuesday.\n"
    assert changes(read(tmp_path, text, resolver)) == [
        ("Has", "isis", "government", "recapture", date(2019, 5, 14)),
        ("Kansafra", "isis", "government", "recapture", date(2019, 5, 14)),
    ]
    assert (
        changes(read(tmp_path, "Rebels launched an attack to re-seize Kansafra on Tuesday.\n", resolver))
        == []
    )


# -- "both" before a list of names ---------------------------------------------------------------------------


def test_names_after_seized_both_are_places(tmp_path: Path, resolver: Resolver) -> None:
    text = (
        "Government forces on Tuesday seized both Busra al-Hareer and Mleihat al-Atesh from rebel factions.\n"
    )
    assert changes(read(tmp_path, text, resolver)) == [
        ("Bisr Elharir", "opposition", "government", "capture", date(2019, 5, 14)),
        ("Mlihet Elatash", "opposition", "government", "capture", date(2019, 5, 14)),
    ]


def test_a_list_goes_on_across_an_unknown_name_spaced_after_its_article(
    tmp_path: Path, resolver: Resolver
) -> None:
    text = "The army on Tuesday regained control over the villages of Kansafra, al- Qurnaytiyah, Hass and Heesh.\n"
    assert [name for name, *_ in changes(read(tmp_path, text, resolver))] == ["Has", "Heish", "Kansafra"]


# -- "forced out [side]" after the place -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rebel factions moved reinforcements into Kansafra and forced out ISIS fighters on Tuesday.\n",
            [("Kansafra", "isis", "opposition", "capture", date(2019, 5, 14))],
        ),
        (
            "Government forces stormed the village of Hass on Wednesday, driving out the last rebel fighters.\n",
            [("Has", "opposition", "government", "capture", date(2019, 5, 15))],
        ),
        ("Shelling on Kansafra on Tuesday forced out hundreds of families, residents said.\n", []),
    ],
)
def test_a_side_forced_out_after_the_place_loses_it(
    tmp_path: Path, resolver: Resolver, text: str, expected: list[tuple]
) -> None:
    assert changes(read(tmp_path, text, resolver)) == expected


# -- "the IS capture of X": IS before a noun of change or control is the group ---------------------------


def test_the_is_capture_of_a_place_names_its_gainer(tmp_path: Path, resolver: Resolver) -> None:
    text = (
        "The IS capture of Kansafra on Monday came a day after the extremist group took full control of Hass,"
        " adding to the losses the Syrian army has suffered this month.\n"
    )
    assert [(name, loser, gainer) for name, loser, gainer, *_ in changes(read(tmp_path, text, resolver))] == [
        ("Has", "government", "isis"),
        ("Kansafra", "government", "isis"),
    ]


# -- a lead's change on an unnamed place gives its loser to the sentence that names the place ----------------


@pytest.mark.parametrize(
    "lead",
    [
        "Rebels took a village from IS in northern Idlib province on Monday, activists said.",
        "A border post with Turkey was seized by rebels from IS on Monday.",
    ],
)
def test_the_loser_of_a_lead_on_an_unnamed_place_is_the_named_place_s(
    tmp_path: Path, resolver: Resolver, lead: str
) -> None:
    text = (
        f"{lead}\n\nThe army and IS have both sent reinforcements to the province since the weekend.\n\n"
        "Rebel factions seized Kansafra after heavy clashes, the activists said.\n"
    )
    assert [(name, loser, gainer) for name, loser, gainer, *_ in changes(read(tmp_path, text, resolver))] == [
        ("Kansafra", "isis", "opposition")
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        (
            (
                "Opposition fighters overran a hilltop village on the edge of the plain on Monday.\n\n"
                "State media did not report the loss of Kafr Nabl, a village in Idlib province.\n"
            ),
            "Kafr Nabl",
        ),
        (
            (
                "The army took on Sunday the last militant stronghold in the countryside around the town of "
                "Saraqeb.\n\nResidents said the shelling stopped after the storming of the village of Afes.\n"
            ),
            "Afis",
        ),
    ],
)
def test_an_unnamed_place_of_a_change_is_the_one_the_next_sentence_names_after_a_noun_of_change(
    tmp_path: Path, resolver: Resolver, text: str, place: str
) -> None:
    assert [(name, kind) for name, _, _, kind, _ in changes(read(tmp_path, text, resolver))] == [
        (place, "capture")
    ]


@pytest.mark.parametrize(
    "text",
    [
        # the next sentence names a place, but not after a noun of change or assault
        (
            "Opposition fighters overran a hilltop village on the edge of the plain on Monday.\n\n"
            "Residents of Kafr Nabl said the fighting had stopped.\n"
        ),
        # the place after the noun of change lies far from the one that locates the stronghold
        (
            "The army took on Sunday the last militant stronghold in the countryside around the town of "
            "Saraqeb.\n\nResidents said the storming of Nawa went on.\n"
        ),
    ],
)
def test_an_unnamed_place_stays_unnamed_without_a_noun_of_change_near_it(
    tmp_path: Path, resolver: Resolver, text: str
) -> None:
    assert changes(read(tmp_path, text, resolver)) == []
