"""Sides carried across sentences, on sentences written for these tests: agentless changes told as the
continuation of an earlier one ("B was also taken", "C also fell", "D and E were also controlled")."""

from __future__ import annotations

from datetime import date

from frontlines.corpus import split_sentences
from frontlines.events import extract_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article, Event
from frontlines.schema import LOSER_INFERRED

THURSDAY = date(2019, 5, 16)


def reports(text: str, resolver: Resolver) -> list[Event]:
    doc = Article(id="d", path="d.txt", text=text, headline="", outlet="Wire", published=THURSDAY,
                  sentences=split_sentences(text))  # fmt: skip
    return [e for e in extract_events(doc, find_mentions(doc, resolver)) if e.changes_control]


def sides(text: str, resolver: Resolver) -> list[tuple[str, str, str, bool]]:
    """(place, loser, gainer, loser inferred) of every change the text reports, in text order."""
    return [(e.place.name, e.loser, e.gainer, LOSER_INFERRED in e.flags) for e in reports(text, resolver)]


def test_an_agentless_continuation_takes_the_sides_of_the_change_before(resolver: Resolver) -> None:
    text = (
        "Government troops captured Kafr Nabl from the rebels on Monday. The advance followed weeks of air "
        "strikes, a monitor said. Kansafra and Hass were also taken."
    )
    # a sentence without a change stands between: the continuation still reaches the army's change
    assert sides(text, resolver) == [
        ("Kafr Nabl", "opposition", "government", False),
        ("Kansafra", "opposition", "government", True),
        ("Has", "opposition", "government", True),
    ]


def test_the_side_that_just_lost_ground_never_gains_the_next_place(resolver: Resolver) -> None:
    text = (
        "Kafr Nabl was captured by the army on Monday. The rebels retreated towards Idlib. "
        "Kansafra was later taken as well."
    )
    assert [(p, g) for p, _, g, _ in sides(text, resolver)] == [
        ("Kafr Nabl", "government"),
        ("Kansafra", "government"),
    ]


def test_places_also_controlled_after_a_joint_advance_go_to_its_leader(resolver: Resolver) -> None:
    text = (
        "Turkish troops and the FSA seized Rajo from YPG fighters on Tuesday. "
        "Later, Bulbul and Maabatli were also controlled."
    )
    assert sides(text, resolver) == [
        ("Raju", "sdf", "turkey", False),
        ("Bulbul", "sdf", "turkey", True),
        ("Ma'btali", "sdf", "turkey", True),
    ]


def test_a_place_that_also_fell_is_a_change_and_shells_that_fell_are_not(resolver: Resolver) -> None:
    text = "The army captured Kafr Nabl on Monday. Kansafra also fell on Tuesday after a short battle."
    assert [(e.place.name, e.gainer, e.dates.best) for e in reports(text, resolver)] == [
        ("Kafr Nabl", "government", date(2019, 5, 13)),
        ("Kansafra", "government", date(2019, 5, 14)),
    ]
    text = "The army captured Kafr Nabl on Monday. Shells also fell on Kansafra."
    assert [e.place.name for e in reports(text, resolver)] == ["Kafr Nabl"]


def test_a_place_also_controlled_by_a_named_side_is_no_change(resolver: Resolver) -> None:
    assert reports("Kansafra is also controlled by the army.", resolver) == []
    assert reports("Kansafra, like Kafr Nabl, was also controlled by HTS at the time.", resolver) == []


def test_an_adversary_named_in_apposition_after_a_clash_never_gains(resolver: Resolver) -> None:
    text = "A jihadist group seized Kafr Nabl after clashing with fighters of the Free Syrian Army, or FSA."
    assert [e.gainer for e in reports(text, resolver)] in ([], ["unknown"])


def test_a_joint_turkish_force_named_as_one_phrase_is_led_by_turkey(resolver: Resolver) -> None:
    text = "Turkish and Free Syrian Army (FSA) forces on Friday took Rajo from PYD/PKK terrorists."
    assert sides(text, resolver) == [("Raju", "sdf", "turkey", False)]
    text = "Turkish and allied Syrian forces captured Rajo from the YPG on Friday."
    assert sides(text, resolver) == [("Raju", "sdf", "turkey", False)]
    # the joint force of the sentence before gains the places an agentless sentence reports
    text = "Turkish and FSA forces advanced on Friday. The villages of Bulbul and Rajo were cleared of PYD/PKK terrorists."
    assert sides(text, resolver) == [("Bulbul", "sdf", "turkey", False), ("Raju", "sdf", "turkey", False)]


def test_the_object_of_an_attack_is_not_the_subject_of_the_capture_after_it(resolver: Resolver) -> None:
    text = "Turkish-backed forces attacked the Kurdish fighters' positions and seized control of Tal Tourin on Friday."
    assert sides(text, resolver) == [("Tall Turin", "sdf", "opposition", False)]
    text = "Euphrates Shield forces advanced on Friday. They attacked the Kurdish fighters' positions and seized Tal Tourin."
    assert sides(text, resolver) == [("Tall Turin", "sdf", "opposition", False)]


def test_a_holder_in_whose_hands_a_place_was_never_gains_it(resolver: Resolver) -> None:
    text = (
        "The army pushed north on Friday. Troops seized Tell Malh and Jelma, which had been in rebel hands."
    )
    assert sides(text, resolver) == [
        ("Tal Milh", "opposition", "government", False),
        ("Jalma", "opposition", "government", False),
    ]


def test_turkish_backed_rebels_with_no_other_side_named_take_ground_from_the_sdf(resolver: Resolver) -> None:
    text = "Turkish-backed Syrian rebels took full control of the centre of Afrin on Sunday."
    assert sides(text, resolver) == [("Afrin", "sdf", "opposition", True)]
    # rebels nobody calls Turkish-backed keep the government as their usual adversary
    assert sides("Syrian rebels took full control of Saraqeb on Sunday.", resolver) == [
        ("Saraqib", "government", "opposition", True)
    ]


def test_troops_moving_into_a_place_take_it_and_civilians_do_not(resolver: Resolver) -> None:
    text = "Government forces advanced in the valley on Friday. On Saturday, the forces moved into Kafr Nabl."
    assert [(e.place.name, e.gainer, e.dates.best) for e in reports(text, resolver)] == [
        ("Kafr Nabl", "government", date(2019, 5, 11))
    ]
    assert sides("Rebels swept into Kafr Nabl on Monday.", resolver) == [
        ("Kafr Nabl", "government", "opposition", True)
    ]
    assert reports("Displaced families moved into Kafr Nabl on Sunday.", resolver) == []
    assert reports("The army moved into position around Kafr Nabl.", resolver) == []


def test_the_hts_led_search_on_the_gate_text_finds_what_the_case_insensitive_pattern_finds() -> None:
    from frontlines.events.sentence import _HTS_LED_GATED_RE, _HTS_LED_RE
    from frontlines.literals import gate_text

    texts = [
        "HTS-led rebels took the town.", "Factions led by the Islamist group Hayat Tahrir al-Sham advanced.",
        "Insurgents LED BY  hts", "\u0130nsurgents led by Tahrir Al Sham", "the Hay'at Tahrir al-Sham-led alliance",
        "Rebels bottled by HTS", "US-led coalition jets struck", "Ahts-led", "led by the group HTSx",
        "rebels, including members of U.S.-armed units and the Nusra Front", "an alliance that includes Jabhat Nusra",
        "HTS fighters and their allies", "units including Turkish troops", "Al-Nusra Front and its allies",
    ]  # fmt: skip
    for text in texts:
        expected = [m.span() for m in _HTS_LED_RE.finditer(text)]
        assert [m.span() for m in _HTS_LED_GATED_RE.finditer(gate_text(text))] == expected, text
    assert sum(bool(_HTS_LED_RE.search(t)) for t in texts) == 9
