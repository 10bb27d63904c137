"""Gainer and loser of a change, on sentences written for these tests: the classes of sentence
several outlets use (labels of named sides, subjects across quotes and dashes, holders, inferred losers)."""

from __future__ import annotations

from datetime import date

from frontlines.corpus import split_sentences
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article, Event
from frontlines.schema import LOSER_INFERRED

THURSDAY = date(2019, 5, 16)


def reports(text: str, resolver: Resolver, name: str = "t") -> list[Event]:
    doc = Article(id=name, path=f"{name}.txt", text=text, headline="", outlet=f"Wire {name}", published=THURSDAY,
                  sentences=split_sentences(text))  # fmt: skip
    return [e for e in extract_events(doc, find_mentions(doc, resolver)) if e.changes_control]


def sides(text: str, resolver: Resolver) -> list[tuple[str, str, str]]:
    """(place, loser, gainer) of every change the text reports, in text order."""
    return [(e.place.name, e.loser, e.gainer) for e in reports(text, resolver)]


def test_a_named_side_with_a_label_is_one_adversary_not_two(resolver: Resolver) -> None:
    text = "Kurdish-led forces fought IS insurgents near Saraqeb on Sunday. The SDF also captured Kafr Nabl on Monday."
    assert sides(text, resolver) == [("Kafr Nabl", "isis", "sdf")]
    text = ("The army pressed on against the jihadist rebels of HTS and their allies. "
            "Government forces captured Kafr Nabl on Monday.")  # fmt: skip
    assert sides(text, resolver) == [("Kafr Nabl", "hts", "government")]


def test_scare_quotes_and_dashed_asides_do_not_hide_the_subject(resolver: Resolver) -> None:
    text = "After weeks of shelling by the army, Jaysh al-Izza “liberated” Kafr Nabl from HTS on Monday."
    assert sides(text, resolver) == [("Kafr Nabl", "hts", "opposition")]
    text = 'Local sources said on Monday that "HTS" took control of Kafr Nabl from the rebels.'
    assert sides(text, resolver) == [("Kafr Nabl", "opposition", "hts")]
    text = ("Regime forces captured Kansafra on Sunday, and Kurdish units — acting alongside the army — seized "
            "Kafr Nabl from the rebels on Monday.")  # fmt: skip
    # the Kurds act in their own clause: they gain Kafr Nabl and do not lose Kansafra
    assert sides(text, resolver) == [
        ("Kansafra", "opposition", "government"),
        ("Kafr Nabl", "opposition", "sdf"),
    ]


def test_a_holder_named_with_the_place_describes_it_and_never_gains_it(resolver: Resolver) -> None:
    text = "Kafr Nabl, a rebel-held town, was captured on Monday, the army said."
    assert sides(text, resolver) == [("Kafr Nabl", "opposition", "government")]
    # rebels taking a town from other rebels: the holder named as the gainer's own kind is not the loser
    text = "Jaysh al-Izza seized Kafr Nabl, long the biggest of the opposition-held towns there, from HTS on Monday."
    assert sides(text, resolver) == [("Kafr Nabl", "hts", "opposition")]


def test_a_loser_the_sentence_does_not_name_is_inferred_and_flagged(resolver: Resolver) -> None:
    (named,) = reports("Government forces captured Kafr Nabl from rebels on Monday.", resolver)
    assert (named.loser, named.flags) == ("opposition", ())
    text = ("HTS and their allies from Jaysh al-Izza shelled army positions near Saraqeb. "
            "Government forces captured Kafr Nabl on Monday.")  # fmt: skip
    (inferred,) = reports(text, resolver)  # the allies of HTS are in its camp: one adversary, HTS
    assert (inferred.loser, inferred.gainer, inferred.flags) == ("hts", "government", (LOSER_INFERRED,))
    # merged with a report that names the loser, the change's loser is reported, not inferred
    (merged,) = merge_events(
        [inferred, *reports("The army took Kafr Nabl from HTS on Monday.", resolver, "u")]
    )
    assert (merged.loser, merged.flags) == ("hts", ())


def test_a_reported_clause_has_its_own_subject_and_air_power_loses_no_ground(resolver: Resolver) -> None:
    assert sides("The SDF also reported that the militants lost Kafr Nabl on Monday.", resolver) == [
        ("Kafr Nabl", "unknown", "sdf")
    ]
    text = "Jaysh Khalid bin Walid took control of Kafr Nabl despite regime air strikes against it, activists said."
    assert sides(text, resolver) == [("Kafr Nabl", "unknown", "isis")]


def test_a_joint_subject_is_led_by_the_side_named_first(resolver: Resolver) -> None:
    text = "The Turkish army and the Free Syrian Army captured Kafr Nabl from the YPG on Monday."
    assert sides(text, resolver) == [("Kafr Nabl", "sdf", "turkey")]
    text = "The Free Syrian Army and Turkish troops captured Kafr Nabl from the YPG on Monday."
    assert sides(text, resolver) == [("Kafr Nabl", "sdf", "opposition")]
    # the next, agentless sentence continues the joint force: a foreign force leading one holds ground
    text = "Turkish troops and the FSA advanced against the YPG on Monday. Kafr Nabl was captured from the YPG on Tuesday."
    assert sides(text, resolver) == [("Kafr Nabl", "sdf", "turkey")]
    # a Turkish-backed subject stays the opposition
    text = "Turkish-backed fighters advanced against the YPG on Monday. Kafr Nabl was captured from the YPG on Tuesday."
    assert sides(text, resolver) == [("Kafr Nabl", "sdf", "opposition")]


def test_an_agentless_change_continues_the_gainer_of_the_change_before(resolver: Resolver) -> None:
    text = "Rebels lost Kansafra to the army on Monday. Kafr Nabl was also captured on Tuesday."
    assert sides(text, resolver) == [
        ("Kansafra", "opposition", "government"),
        ("Kafr Nabl", "opposition", "government"),
    ]


def test_the_side_a_group_fought_before_taking_a_place_does_not_gain_it(resolver: Resolver) -> None:
    text = "A jihadist group seized Kafr Nabl on Monday after days of clashes with the Free Syrian Army."
    assert sides(text, resolver) == [("Kafr Nabl", "opposition", "unknown")]


def test_hts_led_rebels_make_hts_no_adversary_of_the_rebels(resolver: Resolver) -> None:
    text = (
        "HTS-led insurgents pushed south as government troops pulled back. "
        "The rebels also took Kafr Nabl on Monday."
    )
    assert sides(text, resolver) == [("Kafr Nabl", "government", "opposition")]
    without = (
        "HTS fighters clashed with rebels as government troops pulled back. The rebels also took Kafr Nabl."
    )
    assert sides(without, resolver) == [("Kafr Nabl", "unknown", "opposition")]


def test_hts_named_among_the_rebels_is_neither_their_loser_nor_their_gainer(resolver: Resolver) -> None:
    texts = [
        "Insurgents, including fighters of U.S.-armed brigades and al-Qaida's Nusra Front, seized Kafr Nabl on Sunday.",
        ("The coalition that fought for the town includes the al-Qaida-linked Nusra Front. "
         "A video on a channel of the Nusra Front showed a crowd cheering after rebels overran Kafr Nabl on Sunday."),
        ("Rebels said on Sunday they had taken Kafr Nabl after days of fighting. "
         "HTS fighters and their allies opened the town's jail, its commander said."),
    ]  # fmt: skip
    for text in texts:
        assert sides(text, resolver) == [("Kafr Nabl", "government", "opposition")], text


def test_the_object_of_an_earlier_verb_is_not_the_subject_of_a_later_one(resolver: Resolver) -> None:
    cases = {
        "SDF fighters trying to oust IS militants from the town of Kafr Nabl took control of the town on Sunday.": [
            ("Kafr Nabl", "isis", "sdf")
        ],
        "Rebels seized Kafr Nabl on Monday, overrunning army troops two days after capturing Hass.": [
            ("Kafr Nabl", "government", "opposition"),
            ("Has", "government", "opposition"),
        ],
    }
    for text, expected in cases.items():
        assert sides(text, resolver) == expected, text


def test_turkey_and_the_rebels_it_backs_are_one_camp(resolver: Resolver) -> None:
    text = (
        "Turkish troops and the FSA advanced on Monday. Kafr Nabl was cleared of YPG militias. "
        "Later, Hass was also taken."
    )
    assert ("Has", "sdf", "turkey") in sides(text, resolver)


def test_in_rebel_hands_and_under_rebel_control_name_the_holder_not_the_gainer(resolver: Resolver) -> None:
    text = "Army troops seized Kafr Nabl on Monday, a town which had been in rebel hands since 2012."
    assert sides(text, resolver) == [("Kafr Nabl", "opposition", "government")]
    text = "Government forces took Kansafra on Monday, a village under rebel control for four years."
    assert sides(text, resolver) == [("Kansafra", "opposition", "government")]
    text = "The army captured Kafr Nabl on Monday, a town held by HTS since 2015."
    assert sides(text, resolver) == [("Kafr Nabl", "hts", "government")]
    # with no named subject the holder is the loser, never the gainer
    text = "A monitor said troops had seized Kafr Nabl and Kansafra, which had been in rebel hands."
    assert sides(text, resolver) == [
        ("Kafr Nabl", "opposition", "unknown"),
        ("Kansafra", "opposition", "unknown"),
    ]
    text = "Fighters took Kafr Nabl on Monday, a town under government control for years."
    assert sides(text, resolver) == [("Kafr Nabl", "government", "unknown")]
    text = "Kafr Nabl, held by HTS since 2015, was captured on Monday."
    assert sides(text, resolver) == [("Kafr Nabl", "hts", "unknown")]
    # "controlled by" describes a holder as "held by" does: the side acting is found elsewhere
    text = ("Government forces shelled Ariha on Sunday. Fighters overran Kafr Nabl on Monday, near Idlib, "
            "which is controlled by HTS.")  # fmt: skip
    assert [(p, gainer) for p, _, gainer in sides(text, resolver)] == [("Kafr Nabl", "government")]


def test_coming_under_or_falling_into_a_sides_hands_still_makes_it_the_gainer(resolver: Resolver) -> None:
    assert (
        sides("Kafr Nabl came under rebel control on Monday after the army withdrew.", resolver)[0][2]
        == "opposition"
    )
    assert sides("Kansafra fell into the hands of HTS on Monday.", resolver)[0][2] == "hts"


def test_regular_troops_are_the_army(resolver: Resolver) -> None:
    assert sides("Regular troops recaptured Kansafra from the rebels on Monday.", resolver) == [
        ("Kansafra", "opposition", "government")
    ]


def test_a_possessive_label_stands_for_the_side_named_before(resolver: Resolver) -> None:
    text = "The Islamic State attacked the area again on Sunday. Its militants seized Kafr Nabl on Monday."
    assert [(p, gainer) for p, _, gainer in sides(text, resolver)] == [("Kafr Nabl", "isis")]
    text = "The SDF pushed west on Sunday. Their fighters took Kansafra from the Islamic State on Monday."
    assert sides(text, resolver) == [("Kansafra", "isis", "sdf")]


def test_no_side_of_a_coordinated_subject_is_the_loser(resolver: Resolver) -> None:
    text = "Syrian troops and Kurdish-led SDF fighters captured Kafr Nabl on Monday after heavy clashes."
    (event,) = reports(text, resolver)
    assert (event.gainer, event.loser != "sdf", LOSER_INFERRED in event.flags) == ("government", True, True)
    text = "The SDF and government troops took Kafr Nabl from IS on Monday."
    assert sides(text, resolver) == [("Kafr Nabl", "isis", "sdf")]


def test_a_place_now_in_a_sides_hands_is_an_observation_not_a_change_on_that_day(resolver: Resolver) -> None:
    """Who holds it, named inside the phrase whatever the article said before; not when it changed."""
    for text, holder in [
        (
            "Kafr Nabl is now under the full control of the Syrian army, state media said on Monday.",
            "government",
        ),
        ("Government forces shelled Saraqeb on Sunday. Kafr Nabl is now in rebel hands.", "opposition"),
    ]:
        doc = Article(id="o", path="o.txt", text=text, headline="", outlet="Wire o", published=THURSDAY,
                      sentences=split_sentences(text))  # fmt: skip
        found = [(e.place.name, e.kind, e.gainer) for e in extract_events(doc, find_mentions(doc, resolver))]
        assert found == [("Kafr Nabl", "observation", holder)]


def test_a_place_the_next_sentence_calls_a_sides_stronghold_was_lost_by_that_side(resolver: Resolver) -> None:
    # the sentences around name two other sides: without the stronghold the loser stays unknown
    lead = (
        "IS militants clashed with rebels near Saraqeb. Government forces recaptured Kafr Nabl on Saturday. "
    )
    assert sides(lead + "Saraqeb was shelled on Sunday.", resolver) == [
        ("Kafr Nabl", "unknown", "government")
    ]
    for after in (
        "Kafr Nabl served as a major stronghold for opposition militants, and its loss weakened them.",
        "The town had long been a rebel stronghold.",
        "The town of Kafr Nabl used to serve as a stronghold of the rebels.",
    ):
        assert sides(lead + after, resolver) == [("Kafr Nabl", "opposition", "government")], after
    assert sides(lead + "It was considered one of the last IS strongholds.", resolver) == [
        ("Kafr Nabl", "isis", "government")
    ]
    (event,) = reports(lead + "The town had long been a rebel stronghold.", resolver)
    assert LOSER_INFERRED in event.flags
    # another place's stronghold, the gainer's own one, or a stronghold only nearby names no loser
    for after in (
        "Saraqeb has been a rebel stronghold since 2012.",
        "It had been a government stronghold before the war.",
        "The town lies near Idlib, the last major rebel stronghold.",
    ):
        assert sides(lead + after, resolver)[0] == ("Kafr Nabl", "unknown", "government"), after


def test_a_joint_force_with_a_syrian_side_stays_one_camp_as_subject_and_as_agent(resolver: Resolver) -> None:
    # the nationality of the second side left out of its name: the force is still led by the first
    text = "Last week, Turkish troops and the Syrian armed opposition seized control of Kafr Nabl."
    assert sides(text, resolver) == [("Kafr Nabl", "sdf", "turkey")]
    text = "Turkish troops and Syrian rebels captured Kafr Nabl from the YPG on Monday."
    assert sides(text, resolver) == [("Kafr Nabl", "sdf", "turkey")]
    # the agent's second side, named again in parentheses, is not the loser
    text = "The monitor said Kafr Nabl fell to Turkish forces and Free Syrian Army (FSA) fighters on Monday."
    (event,) = reports(text, resolver)
    assert (event.gainer, event.loser, LOSER_INFERRED in event.flags) == ("turkey", "sdf", True)
    # a new clause after a comma is not part of the agent: the rebels lost the town
    text = "Kafr Nabl fell to the army on Monday, and rebels withdrew to Saraqeb."
    assert sides(text, resolver) == [("Kafr Nabl", "opposition", "government")]


def test_a_side_named_beside_another_in_its_phrase_is_its_ally(resolver: Resolver) -> None:
    # "led by", "backed by", "including": the second side fights beside the first, it is never the loser
    text = "Insurgent factions led by Hayat Tahrir al-Sham seized the town of Saraqeb on Monday."
    assert sides(text, resolver) == [("Saraqib", "government", "opposition")]
    text = ("The SDF, backed by a few local rebel brigades, has made gains against IS fighters in recent weeks, "
            "capturing the town of Manbij on Monday.")  # fmt: skip
    assert sides(text, resolver) == [("Menbij", "isis", "sdf")]
    text = "Rebel units including fighters of the Nusra Front pulled out of Ariha on Monday."
    assert [(e.place.name, e.loser) for e in reports(text, resolver)] == [("Ariha", "opposition")]
    assert all(e.gainer != "opposition" for e in reports(text, resolver))
    text = ("Rebels took control of Saraqeb on Monday. The roads out of the town were closed. A resident said the "
            "streets were quiet. Rebels with the group Hayat Tahrir al-Sham (HTS) were seen in the town centre.")  # fmt: skip
    assert sides(text, resolver) == [("Saraqib", "government", "opposition")]
