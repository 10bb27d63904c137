"""False positives on unseen reporting, one class per test, with sentences written for the test:
anaphors that are parts of a place or name their own location, points of reference, background."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from test_extract import THURSDAY, article, events, summary
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import DateRange, Event, EventSource, Place


def flags(event: Event) -> tuple[str, ...]:
    """The event's flags but the loser's provenance."""
    return tuple(f for f in event.flags if f != "loser_inferred")


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


@pytest.mark.parametrize(
    "text",
    [
        "The ambush took place as Syrian troops drove to Kafr Nabl on Monday.",
        "The rebels took refuge on Monday at Kafr Nabl.",
        # troops deployed in a place ("take (up) position") have not taken it
        "The army took position in Kafr Nabl on Monday.",
        "Rebel units took up positions in the villages of Kafr Nabl and Khan Shaykhun on Monday.",
        # "to re-take" is an intention like "to retake"
        "The army began a major offensive last month to re-take Kafr Nabl.",
        # a possessive makes the trigger a noun whose object is the possessor, not the places after it
        "The town's capture would help the Syrian army press towards the villages of Kafr Nabl and Khan Shaykhun.",
        # where a force came from, and an area swept, are not what it took
        "Rebels pushed in from Kafr Nabl on Monday.",
        "Government forces swept the area from Kafr Nabl to Khan Shaykhun on Monday.",
        # the town aimed at, and the area of the checkpoints taken, are not what was taken
        "Rebels capture new villages amid push to encircle Kafr Nabl",
        "HTS stormed and captured several checkpoints from Jaysh Al-Islam in the Kafr Nabl farms area.",
    ],
)
def test_idioms_split_prefixes_and_possessives_are_no_capture(resolver: Resolver, text: str) -> None:
    assert events(text, resolver) == []
    (event,) = events("The army's capture of Kafr Nabl came on Monday.", resolver)
    assert (event.place.name, event.gainer) == ("Kafr Nabl", "government")


def test_past_perfect_in_a_relative_clause_is_background(resolver: Resolver) -> None:
    # undated history: no event at all
    assert (
        events("The army expelled the rebels, who had taken Kafr Nabl in a recent offensive.", resolver) == []
    )
    # dated history: kept, flagged background, dated by its own year
    found = events("Rebels captured Kafr Nabl on Monday, a town the army had held since 2012.", resolver)
    assert summary(found) == [("Kafr Nabl", "government", "opposition", "capture")]
    found = events("Rebels captured Kafr Nabl, which the army had taken in 2014.", resolver)
    assert sorted((e.gainer, e.dates.best.year, flags(e)) for e in found if e.dates.best) == [
        ("government", 2014, ("background",)), ("opposition", 2019, ()),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Government forces entered Kafr Nabl on Monday for the first time since 2013.", date(2019, 5, 13)),
        ("The army recaptured Kafr Nabl, which rebels had held since 2012, on Monday.", date(2019, 5, 13)),
    ],
)
def test_a_year_in_a_historical_clause_is_not_the_date(resolver: Resolver, text: str, day: date) -> None:
    (event,) = events(text, resolver)
    assert (event.place.name, event.gainer, event.dates.best, flags(event)) == (
        "Kafr Nabl",
        "government",
        day,
        (),
    )


def test_background_clauses_give_no_current_event(resolver: Resolver) -> None:
    text = "Kafr Nabl was taken by the army in 2012. It fell to the rebels two years later."
    assert all("background" in e.flags for e in events(text, resolver))
    found = events("The army recaptured Kafr Nabl, which fell to rebels in 2016, on Monday.", resolver)
    assert sorted((e.gainer, e.dates.best, flags(e)) for e in found) == [
        ("government", date(2019, 5, 13), ()), ("opposition", date(2016, 7, 1), ("background",)),
    ]  # fmt: skip
    found = events(
        "After taking Kafr Zita last month, the army went on to capture Kafr Nabl on Monday.", resolver
    )
    assert [(e.place.name, flags(e)) for e in found if "background" not in e.flags] == [("Kafr Nabl", ())]


def explained(text: str, resolver: Resolver) -> list[str]:
    doc = article(text)
    lines: list[str] = []
    extract_events(doc, find_mentions(doc, resolver), trace=lines)
    return lines


def test_debug_lines_say_why_an_event_was_made(resolver: Resolver) -> None:
    (line,) = explained("Fighting raged around Kafr Zita. The town fell to the rebels on Monday.", resolver)
    assert "'fell to': capture of Kafr Zeita" in line
    assert "anaphor 'The town'" in line
    assert "gainer opposition ('rebels' after the trigger)" in line
    assert "loser government (not named here: from the article)" in line
    assert "date 2019-05-13 from 'on Monday'" in line


def test_debug_lines_say_why_no_event_was_made(resolver: Resolver) -> None:
    (line,) = explained("The army could capture Kafr Nabl.", resolver)
    assert "no event, blocked by a cue" in line
    (line,) = explained("Rebels captured a hill north of Kafr Nabl on Monday.", resolver)
    assert "no event (skip_reference)" in line and "Kafr Nabl" in line
    assert explained("The army could capture the town.", resolver) == []  # no place: no line


def test_extract_debug_prints_homonym_distances(
    runner: CliRunner, small_gazetteer: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Rebels advance in Idleb\n\nRebels seized Saraqib and Afs on Monday. The army could retake Nairab.\n",
        encoding="utf-8",
    )
    out = tmp_path / "events.csv"
    result = runner.invoke(
        app, ["extract", str(corpus), "--debug", "-o", str(out), "-g", str(small_gazetteer)]
    )
    assert result.exit_code == 0, result.output
    assert "'seized': capture of Saraqab (T1, named 'Saraqib'); Afs (T6, named 'Afs')" in result.output
    assert "'retake': no event, blocked" in result.output
    quiet = runner.invoke(app, ["extract", str(corpus), "-o", str(out), "-g", str(small_gazetteer)])
    assert "'seized'" not in quiet.output


def test_a_reversal_three_days_later_is_its_own_change(resolver: Resolver) -> None:
    text = (
        "Rebels captured Kafr Nabl on Monday. The army took Kafr Nabl back on Thursday, three days after it"
        " was lost."
    )
    merged = merge_events(events(text, resolver))
    assert [(e.place.name, e.gainer, e.dates.best) for e in merged] == [
        ("Kafr Nabl", "opposition", date(2019, 5, 13)), ("Kafr Nabl", "government", date(2019, 5, 16)),
    ]  # fmt: skip
    (back,) = merge_events(
        events("The army took back Kafr Nabl on Thursday, a week after it was lost.", resolver)
    )
    assert (back.gainer, back.kind, back.dates.best) == ("government", "recapture", date(2019, 5, 16))


@pytest.mark.parametrize(
    "text",
    [
        # a name that only locates something else is no antecedent of a later "the city"
        "Rebels shelled villages north of Hama for a week. Kurdish fighters took the city on Monday.",
        # a title-case dateline names where the report was filed, not an antecedent
        "Kafr Nabl, Idlib, Syria – Rebels fought the army on Friday. They finally took the town after a month.",
        # a named object the gazetteer lacks, located by a known place: no event at the known place
        "Rebels seized on Wednesday Qarqour district, in Kafr Nabl countryside.",
        # a participle after a determiner is an adjective ("the occupied Golan")
        "A government victory in the area bordering the occupied Kafr Nabl would be symbolic.",
        # the two ends of a road no highway of the gazetteer follows only say where it runs
        "Government troops seized the road between the towns of Jandairis and Rajo on Monday.",
        "Rebels seized control of the road linking Kafr Nabl to Hass on Monday.",
    ],
)
def test_points_of_reference_are_not_objects_nor_antecedents(resolver: Resolver, text: str) -> None:
    assert events(text, resolver) == []


def test_known_objects_after_demonyms_and_held_by_phrases_still_count(resolver: Resolver) -> None:
    found = events("The army captured the Christian town Kafr Nabl on Monday.", resolver)
    assert summary(found) == [("Kafr Nabl", "opposition", "government", "capture")]
    found = events("The IS-held town Kafr Nabl was captured by the army.", resolver)
    assert summary(found) == [("Kafr Nabl", "isis", "government", "capture")]
    found = events("Rebels took Kafr Nabl on Monday. It is seen as the key to the province.", resolver)
    assert summary(found) == [("Kafr Nabl", "government", "opposition", "capture")]


@pytest.mark.parametrize(
    "text",
    [
        "The SDF liberated the vast majority of Kafr Nabl on Monday.",
        "Regime forces raised the flag on the frontier with the Israeli-occupied Kafr Nabl on Monday.",
        "Regime forces raised the flag near Israel-occupied Kafr Nabl on Monday.",
        "Regime forces captured the border point with Kafr Nabl on Monday.",
        "Regime forces took the buffer zone separating Syrian territory from Kafr Nabl.",
        # the place after the comma belongs to the next clause, whose subject is named
        "By capturing these villages, ISIS was further pushed back into Kafr Nabl.",
    ],
)
def test_parts_borders_and_the_next_clause_are_not_the_object(resolver: Resolver, text: str) -> None:
    assert events(text, resolver) == []


def test_an_object_set_off_by_commas_still_counts(resolver: Resolver) -> None:
    found = events("The army captured, with Russian support, Kafr Nabl on Monday.", resolver)
    assert summary(found) == [("Kafr Nabl", "opposition", "government", "capture")]
    found = events("Rebels captured the town, Kafr Nabl, on Monday.", resolver)
    assert summary(found) == [("Kafr Nabl", "government", "opposition", "capture")]


def test_neighbourhoods_of_a_city_are_parts_of_it(resolver: Resolver) -> None:
    text = "Rebels were forced to withdraw from the Old City neighbourhoods of Aleppo on Monday."
    assert events(text, resolver) == []
    found = events("Rebels seized the villages of Kafr Nabl and Khan Shaykhun on Monday.", resolver)
    assert [e.place.name for e in found] == ["Kafr Nabl", "Khan Shaykhun"]


@pytest.mark.parametrize(
    ("text", "places"),
    [
        ("Rebels captured Kafr Nabl, 30 km north of the provincial capital, Hama, on Monday.", ["Kafr Nabl"]),
        ("The army recaptured the provincial capital, Hama, on Monday.", ["Hama"]),
        ("Rebels seized Kafr Nabl, an eastern suburb of Damascus, on Monday.", ["Kafr Nabl"]),
        ("Rebels seized an eastern suburb of Damascus on Monday.", []),
        ("Rebels captured the road linking Homs with Hama on Monday.", ["M5"]),
        ("The army took villages between Hama and Homs on Monday.", []),
        ("Rebels captured Kafr Nabl, north of Hama, on Monday.", ["Kafr Nabl"]),
        ("Rebels captured a hill north of Hama on Monday.", []),
    ],
)
def test_places_named_as_points_of_reference_get_no_event(
    resolver: Resolver, text: str, places: list[str]
) -> None:
    assert [e.place.name for e in events(text, resolver)] == places


@pytest.mark.parametrize(
    "text",
    [
        # a place "near" which something lies is not what "it" stands for
        "The Syrian army entered the village of Qarqour Zabdin, near Kafr Nabl, after the FSA withdrew from it.",
        # an agency dateline far into a page names where the report was filed; "it" is the unnamed village
        (
            "The story is archived. It may be outdated. Reading it is no republication. DAMASCUS, Syria (AP) —"
            " Syrian government forces regained control of a northwestern village on Sunday, just days after"
            " losing it to militants."
        ),
        # a dateline whose agency is not followed by a dash
        (
            "Damascus, March 27 (IANS) The Syrian army fully recaptured the ancient city of Qarqour Zabdin on"
            " Sunday. The army recaptured the city after days of battles against the Islamic State."
        ),
        # a city qualifying "village" names the province, not the city
        "Syrian opposition capture Aleppo village on Monday.",
    ],
)
def test_unnamed_places_and_datelines_give_no_event(resolver: Resolver, text: str) -> None:
    assert events(text, resolver) == []


def test_a_reversal_in_one_sentence_keeps_both_changes(resolver: Resolver) -> None:
    text = "Government forces regained control of Kafr Nabl on Sunday, days after losing it to rebels."
    assert sorted((e.gainer, e.dates.best) for e in events(text, resolver)) == [
        ("government", date(2019, 5, 12)), ("opposition", date(2019, 5, 10)),
    ]  # fmt: skip
    (said,) = events("The army said on Monday that it captured Kafr Nabl.", resolver)
    assert (said.place.name, said.gainer) == ("Kafr Nabl", "government")


@pytest.mark.parametrize(
    "text",
    [
        "SAA soldiers managed to seize a number of terrorist-held trenches in 'Kafr Nabl' on Monday.",
        'The army captured several sites from the terrorists inside "Kafr Nabl" on Monday.',
    ],
)
def test_a_quoted_place_that_only_locates_the_object_gets_no_event(resolver: Resolver, text: str) -> None:
    assert events(text, resolver) == []
    (event,) = events('The army captured "Kafr Nabl" on Monday.', resolver)
    assert event.place.name == "Kafr Nabl"


@pytest.mark.parametrize(
    "text",
    [
        "Government troops retook a town near the northern city of Hama from rebels on Monday.",
        "Rebels seized a district held by the army in the central city of Hama on Monday.",
        "Rebels seized two villages outside the provincial capital of Idlib on Monday.",
        "Government troops retook a town near Syria's Hama from rebels on Monday.",
    ],
)
def test_an_unnamed_place_located_by_a_city_introduced_as_such_is_not_the_city(
    resolver: Resolver, text: str
) -> None:
    assert events(text, resolver) == []
    (named,) = events(
        "Government troops retook the town of Kafr Zita near the city of Hama on Monday.", resolver
    )
    assert named.place.name == "Kafr Zeita"


def test_a_headline_name_the_lead_calls_a_province_or_a_locator_is_no_antecedent(resolver: Resolver) -> None:
    # "a town in X province" under "advances in Syria's X" is not the city X
    province = (
        "Nusra Front advances in Syria's Idlib\n\n"
        "Al-Nusra Front fighters have seized a town in Syria's Idlib province on Monday."
    )
    assert events(province, resolver) == []
    # "the town" after "X district in Syria's Y" is X (unknown here), not Y, which only locates it
    locator = (
        "HTS takes Blorkhat district in Syria's Afrin\n\n"
        "HTS seized Blorkhat district on Wednesday after clashes with the Syrian National Army. "
        "A source said the HTS took full control of the town on Wednesday."
    )
    assert events(locator, resolver) == []


def test_an_unknown_gainer_joins_the_named_one_of_the_same_article() -> None:
    town = Place("C4068", "Kafr Nabl", "populated_place", 35.61, 36.56)
    sunday = date(2019, 5, 12)

    def report(article_id: str, evidence: str, gainer: str, dates: DateRange) -> Event:
        source = EventSource(article_id, "Wire", evidence, published=THURSDAY, dates=dates)
        return Event(f"rp-{article_id}-{gainer}", town, gainer, "government", "capture", dates, (source,))

    headline = report(
        "a", "Alliance seizes Kafr Nabl from Syrian troops", "unknown", DateRange(None, THURSDAY, THURSDAY)
    )
    body = report(
        "a", "The alliance overran Kafr Nabl on Sunday.", "hts", DateRange(sunday, sunday, sunday, "day")
    )
    (event,) = merge_events([headline, body])
    assert (event.gainer, event.loser, event.dates.best, len(event.sources)) == (
        "hts",
        "government",
        sunday,
        2,
    )
    other = report(
        "b", "Kafr Nabl was seized from Syrian troops.", "unknown", DateRange(None, THURSDAY, THURSDAY)
    )
    assert sorted(e.gainer for e in merge_events([other, body])) == ["hts", "unknown"]


def test_a_share_of_a_place_is_not_the_place(resolver: Resolver) -> None:
    shares = [
        # a share of a place given as a percentage is not the place
        "Government troops have now retaken some 80 percent of Kafr Zita, a commander said on Monday.",
        "Rebels seized about 60% of Saraqib on Monday.",
        # a share of a place given as a fraction, in an observation
        "Before the offensive, the rebels controlled less than half of Saraqib.",
        "Rebel-held two thirds of Saraqib were shelled on Monday.",
        # positions inside a place are not the place
        "The Islamic State retook several positions inside the town of Kafr Zita on Monday.",
    ]
    assert [summary(events(text, resolver)) for text in shares] == [[]] * len(shares)


def test_the_whole_place_after_a_share_elsewhere_still_counts(resolver: Resolver) -> None:
    (event,) = events(
        "Rebels first held half of the countryside; on Monday the army recaptured Kafr Zita.", resolver
    )
    assert (event.place.name, event.gainer) == ("Kafr Zeita", "government")


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # an actor qualifying a held noun in the object of the first verb is not the subject of the second
        (
            "Government troops broke through rebel lines and captured Kafr Zita on Monday.",
            ("opposition", "government"),
        ),
        # an actor holding the places of the object before it, in a clause without a relative pronoun
        (
            "The SDF launched an assault on the villages the Islamic State still holds, capturing Kafr Zita on Monday.",
            ("isis", "sdf"),
        ),
        # "forces still loyal to" the president are his
        (
            "Forces still loyal to President Bashar al-Assad seized Saraqib on Monday.",
            ("opposition", "government"),
        ),
    ],
)
def test_an_actor_in_an_earlier_object_is_not_the_gainer(
    resolver: Resolver, text: str, sides: tuple[str, str]
) -> None:
    (event,) = events(text, resolver)
    assert (event.loser, event.gainer) == sides


def test_a_subject_that_shelled_positions_still_gains(resolver: Resolver) -> None:
    (event,) = events("Rebels shelled government positions and captured Saraqib on Monday.", resolver)
    assert (event.loser, event.gainer) == ("government", "opposition")


def test_an_anaphor_after_an_unknown_name_stands_for_it(resolver: Resolver) -> None:
    unknown = [
        # "it" after a named place the gazetteer lacks stands for that place, not one of an earlier sentence
        "Rebels attacked Saraqib on Sunday. Soldiers died defending Tell Fooz checkpoint before it fell to rebels.",
        # an appositive after a name the gazetteer lacks describes that name
        "Rebels attacked Saraqib on Sunday. The army retook Foo al-Bar, a small town in the province, on Monday.",
        "Rebels attacked Saraqib on Sunday. The army's retaking of Foo al-Bar, a small town nearby, followed on Monday.",
    ]
    assert [summary(events(text, resolver)) for text in unknown] == [[]] * len(unknown)
    known = [
        "Rebels besieged Saraqib for weeks before it fell to them on Monday.",
        "Rebels attacked Saraqib on Sunday. On Monday, a small town fell to the rebels.",
    ]
    assert [[(e.place.name, e.gainer) for e in events(text, resolver)] for text in known] == [
        [("Saraqib", "opposition")]
    ] * len(known)


def test_a_town_after_a_road_named_by_its_ends_still_counts(resolver: Resolver) -> None:
    text = "The army took the road between Kafr Nabl and Hass and the town of Khan Shaykhun on Monday."
    assert [e.place.name for e in events(text, resolver)] == ["Khan Shaykhun"]


def test_a_name_that_modifies_a_noun_is_not_the_place_changed(resolver: Resolver) -> None:
    # a town named for the region of the bases after it ("key X army bases") is not the place taken
    modifiers = [
        "Rebels captured two key Saraqib army bases on Monday.",
        "Islamist factions overran the Kafr Zita military posts on Monday.",
    ]
    assert [summary(events(text, resolver)) for text in modifiers] == [[]] * len(modifiers)
    # one base named after its place stands for it
    (base,) = events("Rebels seized the Taftanaz air base on Monday.", resolver)
    assert base.place.name == "Taftanaz Airbase"
    # a capital named for its government is no antecedent of a later "it"
    text = "Kafr Nabl rose up against the Damascus government in 2011, and in March 2012 it was captured by rebels."
    assert [e.place.name for e in events(text, resolver)] == ["Kafr Nabl"]


def test_a_base_named_after_a_village_far_from_the_rest_is_not_that_village(resolver: Resolver) -> None:
    # the gazetteer lacks the base: a village of its name far from every other place named is a namesake
    text = (
        "Islamist rebels overran the Hamidiyeh and Wadi Fooz army bases near Maarat al-Numan in Idlib on Monday. "
        "They took dozens of soldiers prisoner at Hamidiyeh, the monitor said."
    )
    assert summary(events(text, resolver)) == []
    # a base at a village near the places the report names is that village's
    text = "Rebels stormed the Mastouma army base south of Idlib on Monday and took control of it."
    assert [e.place.name for e in events(text, resolver)] == ["Mastumeh"]


def test_a_stronghold_after_a_name_that_is_no_place_item_is_not_an_earlier_town(resolver: Resolver) -> None:
    # "A, a [side] stronghold": A is a road's end or a name the gazetteer lacks, never the town named before it
    lead = "Rebels captured the town of Ariha on Thursday. The fall of the city was a blow for the government"
    tails = [
        " as it cuts off a key road between Latakia, a government stronghold, and the province of Hama.",
        " as it cuts off a key road to the village of Foo al-Bar, a government stronghold.",
    ]
    assert [summary(events(lead + tail, resolver, published=None)) for tail in tails] == [
        [("Ariha", "government", "opposition", "capture")]
    ] * len(tails)
    # a town the appositive follows is still observed
    found = events(
        lead + " as it cuts off a key road to Saraqib, a government stronghold.", resolver, published=None
    )
    assert ("Saraqib", "", "government", "observation") in summary(found)


def test_a_base_near_a_town_and_a_town_free_of_a_thing_change_no_town(resolver: Resolver) -> None:
    texts = [
        # a base located by a town ("near the [direction] town of X") is not the town
        "Rebels said on Tuesday they had seized an army base near the southern town of Kafr Nabl.",
        # "free of" a thing that is no side names no one driven out
        "Rebels shelled the area on Monday. Officials said Kafr Nabl is free of fuel and medicine.",
    ]
    assert [summary(events(text, resolver)) for text in texts] == [[]] * len(texts)
    # free of a side, or of "terrorism" as state media put it, still changes the town
    assert summary(events("The army said Kafr Nabl is now free of terrorism.", resolver)) == [
        ("Kafr Nabl", "opposition", "government", "capture")
    ]
