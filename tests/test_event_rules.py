"""The general rules of event extraction, on sentences written for these tests: interdictions, lists,
sides from the subject, background clauses, highways by description and reversals."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.corpus import split_sentences
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article, Event
from frontlines.timeline import build_timeline

THURSDAY = date(2019, 5, 16)


def article(
    text: str, published: date | None = THURSDAY, name: str = "t1", outlet: str = "Test Wire"
) -> Article:
    return Article(id=name, path=f"{name}.txt", text=text, headline="", outlet=outlet, published=published,
                   sentences=split_sentences(text))  # fmt: skip


def events(text: str, resolver: Resolver, **kwargs) -> list[Event]:
    doc = article(text, **kwargs)
    return merge_events(extract_events(doc, find_mentions(doc, resolver)))


def changes(found: list[Event]) -> list[tuple[str, str, str, str]]:
    return sorted((e.place.name, e.loser, e.gainer, e.kind) for e in found if e.changes_control)


# -- interdiction ------------------------------------------------------------------------------------


def test_a_highway_cut_at_a_town_is_an_interdiction_there(resolver: Resolver) -> None:
    (event,) = events("Rebels cut the M5 highway near Saraqeb on Tuesday.", resolver)
    assert (event.kind, event.place.id, event.gainer) == ("interdiction", "C3916", "opposition")
    assert "highway: hwy:M5" in event.notes and event.dates.best == date(2019, 5, 14)
    assert not event.changes_control


def test_interdiction_forms_name_the_highway(resolver: Resolver) -> None:
    (severed,) = events(
        "Opposition fighters severed the highway linking Damascus with Aleppo on Monday.", resolver
    )
    assert (severed.kind, severed.place.id) == ("interdiction", "hwy:M5")
    (passive,) = events("The M4 was cut by rebel fire near Ariha on Monday.", resolver)
    assert (passive.kind, passive.place.name, passive.gainer) == ("interdiction", "Ariha", "opposition")
    (fire,) = events("HTS fighters put the M4 under fire control near Saraqeb on Sunday.", resolver)
    assert (fire.kind, fire.place.id, fire.gainer, fire.notes) == (
        "interdiction",
        "C3916",
        "hts",
        ("highway: hwy:M4",),
    )


def test_an_interdiction_changes_nobodys_control(resolver: Resolver) -> None:
    found = events(
        "Government forces took Kafr Nabl on Monday. Rebels cut the M5 near Saraqeb on Tuesday.", resolver
    )
    assert changes(found) == [("Kafr Nabl", "opposition", "government", "capture")]
    timeline = build_timeline(found)
    assert [s.place.id for s in timeline.state_on(date(2019, 5, 15))] == ["C4068"]


def test_a_cut_without_a_road_is_nothing(resolver: Resolver) -> None:
    assert events("The army cut Kafr Nabl off from its supply lines on Monday.", resolver) == []


# -- lists: one event per listed place ---------------------------------------------------------------


def test_every_place_of_a_list_gets_the_sentences_sides_and_date(resolver: Resolver) -> None:
    found = events(
        "Government forces captured the villages of Kansafra, Kafr Nabl, Ariha and Saraqeb on Monday.",
        resolver,
    )
    assert changes(found) == sorted(
        (name, "opposition", "government", "capture")
        for name in ("Kansafra", "Kafr Nabl", "Ariha", "Saraqib")
    )
    assert {e.dates.best for e in found} == {date(2019, 5, 13)}


def test_list_forms(resolver: Resolver) -> None:
    as_well_as = events("Rebels took Kafr Nabl as well as Kansafra and Ariha from regime forces.", resolver)
    assert [c[0] for c in changes(as_well_as)] == ["Ariha", "Kafr Nabl", "Kansafra"]
    # a name with a sun letter after "as well as": the scan reads "as Saraqeb" as an article and the name
    sun_letter = events("Rebels took Kafr Nabl, as well as Saraqeb and Ariha from regime forces.", resolver)
    assert [c[0] for c in changes(sun_letter)] == ["Ariha", "Kafr Nabl", "Saraqib"]
    including = events(
        "The army seized over two dozen villages, including Kansafra, Ariha and Kafr Nabl.", resolver
    )
    assert [c[0] for c in changes(including)] == ["Ariha", "Kafr Nabl", "Kansafra"]
    settlements = events(
        "Troops captured the settlements of Kansafra, Ariha and Kafr Nabl from the rebels.", resolver
    )
    assert [c[0] for c in changes(settlements)] == ["Ariha", "Kafr Nabl", "Kansafra"]
    along_with = events(
        "Regime forces captured Kafr Nabl, along with 18 other settlements, from rebels.", resolver
    )
    assert changes(along_with) == [("Kafr Nabl", "opposition", "government", "capture")]


def test_a_count_alone_adds_no_place_and_unknown_names_do_not_break_a_list(resolver: Resolver) -> None:
    assert events("Government troops captured 15 settlements on Monday.", resolver) == []
    found = events(
        "Rebels captured Kansafra, Blorkhat Umm Zuffa, Qurnat Dibbis, and Ariha from the army.", resolver
    )
    assert [c[0] for c in changes(found)] == ["Ariha", "Kansafra"]


def test_a_list_goes_on_across_the_places_that_locate_its_items(resolver: Resolver) -> None:
    passive = events(
        "Kafr Nabl in Maarat al-Numan district, Kansafra and Hish were taken by the army on Monday.",
        resolver,
    )
    assert [c[0] for c in changes(passive)] == ["Heish", "Kafr Nabl", "Kansafra"]
    active = events(
        "On Monday the army took Hish in the Idlib district, Kafr Nabl, and Kansafra village in Ariha district.",
        resolver,
    )
    assert [c[0] for c in changes(active)] == ["Heish", "Kafr Nabl", "Kansafra"]
    provinces = events("Rebels captured Kansafra in Idlib and Hama provinces on Monday.", resolver)
    assert [c[0] for c in changes(provinces)] == ["Kansafra"]


def test_a_list_goes_on_across_directions_that_locate_its_items(resolver: Resolver) -> None:
    text = "Three villages fell to the SDF on Monday: Kansafra – north of Idlib, Blorkhat Zuffa and Hish – east of Idlib."
    assert changes(events(text, resolver)) == [
        ("Heish", "unknown", "sdf", "capture"),
        ("Kansafra", "unknown", "sdf", "capture"),
    ]
    commas = events("Syrian troops captured Kansafra, north of Idlib, and Hish on Monday.", resolver)
    assert [c[0] for c in changes(commas)] == ["Heish", "Kansafra"]
    plain = events("Syrian troops captured Kansafra north of Idlib and Hama on Monday.", resolver)
    assert [c[0] for c in changes(plain)] == ["Kansafra"]


def test_people_from_a_place_and_a_new_stronghold_are_not_the_place(resolver: Resolver) -> None:
    for text in (
        "Several militants who had fled Kafr Nabl were captured by the army at a checkpoint on Monday.",
        "Fighting raged in Kafr Nabl. Troops later overran the only rebel stronghold in the area, east of Hish.",
    ):
        assert changes(events(text, resolver)) == [], text
    kept = events("Fighting raged in Kafr Nabl. The army captured the town on Saturday.", resolver)
    assert [c[0] for c in changes(kept)] == ["Kafr Nabl"]


def test_a_list_goes_on_after_a_name_the_mentions_only_partly_caught(resolver: Resolver) -> None:
    found = events("Rebels captured Kansafra, Kafr Nabl Tahtani, Hish and Ariha on Monday.", resolver)
    assert [c[0] for c in changes(found)] == ["Ariha", "Heish", "Kafr Nabl", "Kansafra"]


def test_fell_into_the_hands_of_names_the_gainer(resolver: Resolver) -> None:
    assert changes(events("Kafr Nabl fell into the hands of rebels on Monday.", resolver)) == [
        ("Kafr Nabl", "government", "opposition", "capture")
    ]
    (event,) = events("Kafr Nabl fell into the hands of Hayat Tahrir al-Sham on Monday.", resolver)
    assert (event.gainer, event.dates.best) == ("hts", date(2019, 5, 13))


def test_a_passive_trigger_after_also_or_later(resolver: Resolver) -> None:
    text = "Syrian troops took Kafr Nabl on Monday. Kansafra and Ariha were also captured by the army."
    assert [c[0] for c in changes(events(text, resolver))] == ["Ariha", "Kafr Nabl", "Kansafra"]
    later = events("Kansafra was later retaken by the army.", resolver)
    assert changes(later) == [("Kansafra", "opposition", "government", "recapture")]


def test_a_count_stands_for_the_places_a_colon_or_the_next_sentence_names(resolver: Resolver) -> None:
    text = ("The opposition pulled out of four villages near Idlib to the army on Monday. The four villages are Kansafra, "
            "which overlooks the Ghab plain, as well as Kafr Nabl, Hish and Ariha.")  # fmt: skip
    assert changes(events(text, resolver)) == [
        (name, "opposition", "government", "withdrawal")
        for name in ("Ariha", "Heish", "Kafr Nabl", "Kansafra")
    ]
    colon = events(
        "The army captured the following villages on Monday: Kansafra, Kafr Nabl and Hish.", resolver
    )
    assert [c[0] for c in changes(colon)] == ["Heish", "Kafr Nabl", "Kansafra"]
    they = events("Rebels captured five villages on Monday. They include Kansafra and Hish.", resolver)
    assert [c[0] for c in changes(they)] == ["Heish", "Kansafra"]
    near = events(
        "The army captured three villages on Monday. The villages lie near Kafr Nabl and Hish.", resolver
    )
    assert changes(near) == []


def test_a_town_the_next_sentence_opens_by_naming_is_the_one_taken(resolver: Resolver) -> None:
    for text in (
        "Government forces took a key village in the south on Sunday. Kafr Nabl had been in rebel hands since 2013.",
        "The army on Sunday seized an important town from the rebels. The fall of Kafr Nabl opens the way north.",
    ):
        (event,) = events(text, resolver)
        assert (event.place.name, event.gainer, event.dates.best) == (
            "Kafr Nabl",
            "government",
            date(2019, 5, 12),
        )
        assert "anaphoric_place" in event.flags
    for text in (
        "Government forces took a key village on Sunday. Rebels in Kafr Nabl fled.",
        "Syrian troops shelled a town on Sunday. Kafr Nabl was a hub.",
    ):
        assert changes(events(text, resolver)) == [], text


def test_this_town_is_not_the_city_the_last_sentence_located_it_by(resolver: Resolver) -> None:
    text = "Clashes hit Blorkhat Zuffa, a village north of Idlib city, on Monday. This village was taken by HTS on Friday."
    assert changes(events(text, resolver)) == []
    near = events(
        "Rebels fought near Kafr Nabl on Monday. The town was captured by HTS on Tuesday.", resolver
    )
    assert [c[0] for c in changes(near)] == ["Kafr Nabl"]
    count = "The tally of village taken by the SDF reached 40 around Kafr Nabl on Monday, activists said."
    assert changes(events(count, resolver)) == []


def test_an_anaphor_stands_for_a_place_of_its_kind_that_was_the_news(resolver: Resolver) -> None:
    dateline = events(
        "Idlib, May 12 (Wire) Government troops retook the town of Kafr Nabl on Sunday. "
        "Soldiers took the town after a week of shelling.",
        resolver,
    )
    assert {e.place.name for e in dateline} == {"Kafr Nabl"}
    near = events("Troops reached Kansafra, near Kafr Nabl, once the rebels had pulled out of it.", resolver)
    assert {e.place.name for e in near} == {"Kansafra"}
    district = events(
        "Fighting raged in Kafr Nabl. On Thursday the army stormed a district at the western edge of the city.",
        resolver,
    )
    assert changes(district) == []


def test_a_countryside_or_a_place_after_a_comma_that_locates_the_object_is_not_taken(
    resolver: Resolver,
) -> None:
    for text in (
        "HTS seized the Kafr Nabl countryside on Wednesday.",
        "On Wednesday HTS captured Blorkhat plain, in Kafr Nabl countryside.",
    ):
        assert changes(events(text, resolver)) == [], text
    assert [
        c[0] for c in changes(events("HTS seized Kafr Nabl on Wednesday, in a surprise attack.", resolver))
    ] == ["Kafr Nabl"]


def test_a_passive_list_skips_the_place_of_reference(resolver: Resolver) -> None:
    text = "The villages of Kansafra and Kafr Nabl, located west of Maarat al-Numan, were cleared of Islamic State fighters by the army."
    assert [c[0] for c in changes(events(text, resolver))] == ["Kafr Nabl", "Kansafra"]


@pytest.mark.parametrize(
    "text",
    [
        "Turkish-backed rebels seized the villages of Deir Ballut and Jalbul in Jandairis, western Afrin.",
        "The villages of Deir Ballut and Jalbul in Jandairis, western Afrin were cleared of YPG militants.",
        "The villages of Deir Ballut and Jalbul in north-western Afrin were cleared of YPG militants.",
    ],
)
def test_a_list_located_in_part_of_a_region_takes_the_villages_not_the_region(
    resolver: Resolver, text: str
) -> None:
    assert [c[0] for c in changes(events(text, resolver))] == ["Deir Ballut", "Jalbal"]


@pytest.mark.parametrize(
    "text",
    [
        "Syrian troops took Kudna in addition to the villages of Ain Ziwan and al-Asbah.",
        "Syrian troops took Kudna as well as the villages of Ain Ziwan and al-Asbah.",
        "Syrian troops had driven the rebels out of Kudna, Ain Ziwan and the nearby hamlet of al-Asbah.",
    ],
)
def test_a_list_goes_on_after_in_addition_to_and_plural_kind_words(resolver: Resolver, text: str) -> None:
    assert [c[0] for c in changes(events(text, resolver))] == ["Asbah", "Ein Zywan", "Kodneh"]


def test_a_skeleton_match_far_from_every_place_of_its_list_is_left_open(resolver: Resolver) -> None:
    # "Eastern Ahmar", a hilltop by Quneitra, only shares its consonants with a Hasakah village.
    text = (
        "Syrian troops established control over Eastern Ahmar and Western Ahmar hilltops in addition to "
        "the villages of Kudna and al-Asbah."
    )
    assert [c[0] for c in changes(events(text, resolver))] == ["Asbah", "Kodneh"]


# -- background and reference places ---------------------------------------------------------------


def test_places_named_as_points_of_reference_get_no_event(resolver: Resolver) -> None:
    for text in (
        "Government forces captured an eastern suburb of Damascus on Monday.",
        "Rebels seized several villages between Hama and Homs.",
        "Troops stormed the airport north of Hama on Monday.",
        "Rebels took the hills near Kafr Nabl from the army.",
        "The army took control of Aleppo's historic Old City on Monday.",
        "Fighting raged in Aleppo. The army captured the Bustan al-Qasr district of the city on Monday.",
        "Government forces seized two hills overlooking the town of Kafr Nabl on Monday.",
        "Rebels stormed a military base in the town of Saraqeb on Monday.",
    ):
        assert changes(events(text, resolver)) == [], text


def test_of_two_names_joined_by_a_noun_the_qualified_place_changes_hands(resolver: Resolver) -> None:
    for text, place in (
        ("Syrian troops captured the Idlib town of Saraqeb on Monday.", "Saraqib"),
        ("Rebels seized the Damascus suburb of Douma on Monday.", "Duma"),
        ("The Damascus suburb of Douma was captured by the army on Monday.", "Duma"),
        ("The army took full control of the Aleppo district of Bustan al-Qasr on Monday.", "Bustan Al-Qaser"),
        ("The army took full control of the Hanano neighbourhood of Aleppo on Monday.", "Hanano"),
        ("Rebel fighters then took the nearby town of Saraqeb on Monday.", "Saraqib"),
    ):
        assert [c[0] for c in changes(events(text, resolver))] == [place], text
    found = events("Syrian troops captured Kafr Nabl and the Idlib town of Saraqeb on Monday.", resolver)
    assert [c[0] for c in changes(found)] == ["Kafr Nabl", "Saraqib"]
    assert changes(events("The army captured parts of the Idlib town of Saraqeb on Monday.", resolver)) == []
    assert changes(events("Rebels seized the hills nearby Saraqeb on Monday.", resolver)) == []


def test_the_neighbourhoods_of_a_city_are_part_of_it_unless_they_are_named(resolver: Resolver) -> None:
    for text in (
        "Rebels were forced to withdraw from the eastern neighbourhoods of Aleppo on Monday.",
        "The army seized the old districts of Idlib on Monday.",
    ):
        assert changes(events(text, resolver)) == [], text
    named = events(
        "The army seized the neighbouring districts of Bustan al-Qasr and Jobar on Monday.", resolver
    )
    assert [c[0] for c in changes(named)] == ["Bustan Al-Qaser", "Jobar"]
    (one,) = events("The army seized the districts of Jobar on Monday.", resolver)
    assert one.place.name == "Jobar"


def test_a_year_after_since_is_not_the_date_of_the_change(resolver: Resolver) -> None:
    (first,) = events("Government forces entered Kafr Nabl for the first time since 2013.", resolver)
    assert first.changes_control and first.dates.latest == THURSDAY and first.dates.earliest is None
    (held,) = events("The army retook Kafr Nabl, which rebels had held since 2012.", resolver)
    assert (held.kind, held.loser, held.dates.latest) == ("recapture", "opposition", THURSDAY)


def test_a_dated_change_told_as_history_is_kept_flagged_background(resolver: Resolver) -> None:
    found = events("Kafr Nabl, which fell to rebels in 2016, was retaken by the army on Monday.", resolver)
    assert changes(found) == [("Kafr Nabl", "opposition", "government", "recapture")]
    (old,) = [e for e in found if "background" in e.flags]
    assert (old.gainer, old.dates.earliest, old.dates.latest) == (
        "opposition",
        date(2016, 1, 1),
        date(2016, 12, 31),
    )
    assert not old.changes_control and build_timeline(found).state_of("C4068", date(2017, 6, 1)) is None


def test_after_taking_x_the_army_went_on_only_the_main_clause_is_news(resolver: Resolver) -> None:
    found = events(
        "After taking Kafr Nabl last month, the army went on to capture Kansafra on Monday.", resolver
    )
    assert changes(found) == [("Kansafra", "opposition", "government", "capture")]
    assert all("background" in e.flags for e in found if e.place.name == "Kafr Nabl")


def test_history_and_news_of_one_article_stay_two_changes(resolver: Resolver) -> None:
    text = ("Government forces recaptured Kafr Nabl from the rebels for the second time. "
            "The army had recaptured the town from the rebels in March 2018 only to lose it again.")  # fmt: skip
    found = events(text, resolver)
    assert changes(found) == [("Kafr Nabl", "opposition", "government", "recapture")]
    (news,) = [e for e in found if e.changes_control]
    assert news.dates.latest == THURSDAY and len(news.sources) == 1


# -- sides from the subject --------------------------------------------------------------------------


def test_state_media_and_translated_capture_phrases(resolver: Resolver) -> None:
    restored = events(
        "Units of the army restored security and stability to Hish and Kansafra on Friday after killing many "
        "terrorists.",
        resolver,
    )
    assert [c[:3] for c in changes(restored)] == [
        ("Heish", "opposition", "government"),
        ("Kansafra", "opposition", "government"),
    ]
    assert {e.dates.best for e in restored} == {date(2019, 5, 10)}
    (wrestled,) = events("SDF fighters wrestled full control of Kansafra from IS on Sunday.", resolver)
    assert (wrestled.place.name, wrestled.gainer) == ("Kansafra", "sdf")
    snatched = events("HTS managed to snatch Kansafra from the rebels on Monday.", resolver)
    assert changes(snatched) == [("Kansafra", "opposition", "hts", "capture")]
    assert events("Gunmen snatched a journalist in Idlib on Monday.", resolver) == []


def test_a_participle_or_noun_that_is_no_verb_is_no_capture(resolver: Resolver) -> None:
    for text in (
        "Army patrols moved along the Israeli-occupied Golan Heights near Kafr Nabl on Monday.",
        "Government troops advanced towards the occupied Kafr Nabl on Monday.",
        "Residents returned to the liberated town of Kafr Nabl on Monday.",
        "Experts expect Saraqeb's capture to let the army push on to Kansafra.",
    ):
        assert changes(events(text, resolver)) == [], text
    assert changes(events("Rebels occupied Kafr Nabl on Monday.", resolver)) == [
        ("Kafr Nabl", "government", "opposition", "capture")
    ]
    assert changes(events("Government forces re-took Kafr Nabl on Monday.", resolver)) == [
        ("Kafr Nabl", "opposition", "government", "recapture")
    ]


def test_a_part_of_a_city_an_idiom_or_a_city_centre_is_not_the_city(resolver: Resolver) -> None:
    for text in (
        "Government Troops Seize Strategic Idlib Neighbourhood From Rebels",
        "Fighting raged in Kafr Nabl. Rebels captured the town centre on Monday.",
        "Rebels said the ambush took place at dawn as the army convoy headed to Kafr Nabl.",
    ):
        assert changes(events(text, resolver)) == [], text
    (named,) = events("Government troops seized the Jobar neighbourhood on Monday.", resolver)
    assert named.place.name == "Jobar"


def test_a_place_in_the_next_clause_or_a_majority_of_it_is_not_the_object(resolver: Resolver) -> None:
    for text in (
        "Having taken those positions, the troops were within reach of Kafr Nabl.",
        "SDF fighters seized the bulk of Kafr Nabl on Monday.",
    ):
        assert changes(events(text, resolver)) == [], text
    (late,) = events("The army captured, on Monday, Kansafra.", resolver)
    assert late.place.name == "Kansafra"


def test_government_subjects(resolver: Resolver) -> None:
    for subject in (
        "Syrian soldiers",
        "Syrian troops",
        "The army",
        "Regime forces",
        "SAA units",
        "Pro-government forces",
    ):
        found = events(f"{subject} captured Kafr Nabl on Monday.", resolver)
        assert changes(found) == [("Kafr Nabl", "opposition", "government", "capture")], subject


def test_liberated_from_terrorists_is_a_gain_from_the_armed_opposition(resolver: Resolver) -> None:
    for text in ("The army liberated Kafr Nabl from terrorists on Monday.",
                 "Kafr Nabl was liberated from terrorism on Monday, the news agency said."):  # fmt: skip
        assert changes(events(text, resolver)) == [("Kafr Nabl", "opposition", "government", "capture")], text
    named = events(
        "HTS fighters shelled Kansafra. Kafr Nabl was liberated from terrorists on Monday.", resolver
    )
    assert changes(named) == [("Kafr Nabl", "hts", "government", "capture")]


def test_an_agentless_sentence_after_a_rebel_one_is_not_a_rebel_gain(resolver: Resolver) -> None:
    found = events(
        "Rebels shelled Kansafra on Sunday. Kafr Nabl was liberated from terrorists on Monday.", resolver
    )
    assert changes(found) == [("Kafr Nabl", "opposition", "government", "capture")]


def test_turkish_backed_subject_is_the_opposition_not_turkey(resolver: Resolver) -> None:
    found = events("Turkish-backed fighters captured Kafr Nabl from Kurdish forces on Monday.", resolver)
    assert changes(found) == [("Kafr Nabl", "sdf", "opposition", "capture")]


def test_a_side_saying_it_withdrew_is_the_loser(resolver: Resolver) -> None:
    for text in (
        "The SDF said its fighters had withdrawn from Kafr Nabl.",
        "Kurdish forces said on Monday that they had pulled out of Kafr Nabl.",
    ):
        assert [(e.loser, e.kind) for e in events(text, resolver)] == [("sdf", "withdrawal")], text
    (told,) = events("The army said rebels had withdrawn from Kafr Nabl.", resolver)
    assert (told.loser, told.gainer) == ("opposition", "government")


def test_a_hedged_report_is_unconfirmed_until_another_report_confirms_it(resolver: Resolver) -> None:
    for text in (
        "Rebels said they had recaptured Kafr Nabl on Monday, but the claim could not be independently verified.",
        "Rebels recaptured Kafr Nabl on Monday, activists said. Reuters could not immediately confirm the report.",
        "Rebels claimed to have recaptured Kafr Nabl on Monday.",
        "The army has reportedly taken Kafr Nabl.",
    ):
        (hedged,) = [e for e in events(text, resolver) if e.changes_control]
        assert "unconfirmed" in hedged.flags, text
    (plain,) = events("Rebels recaptured Kafr Nabl on Monday, the monitor said.", resolver)
    assert "unconfirmed" not in plain.flags
    first = article("Rebels claimed to have recaptured Kafr Nabl on Monday.", name="a1", outlet="One")
    second = article("Rebels recaptured Kafr Nabl on Monday.", name="a2", outlet="Two")
    reports = [e for doc in (first, second) for e in extract_events(doc, find_mentions(doc, resolver))]
    (merged,) = merge_events(reports)
    assert len(merged.sources) == 2 and "unconfirmed" not in merged.flags


@pytest.mark.parametrize(
    "text",
    [
        "According to a television channel run by the Lebanese Shiite movement Hezbollah, at least three trucks had also entered Foua and Kefraya.",
        "According to Al-Manar, a station operated by the Lebanese movement Hezbollah, three trucks had also entered Foua and Kefraya.",
    ],
)
def test_a_side_named_in_the_cited_source_is_not_the_subject(resolver: Resolver, text: str) -> None:
    assert changes(events(text, resolver)) == []


@pytest.mark.parametrize(
    "text",
    [
        "According to SANA, the army entered Foua on Monday.",
        "According to activists, government forces entered Foua.",
        "Government forces entered Foua, according to state media.",
    ],
)
def test_the_subject_after_a_cited_source_still_gains(resolver: Resolver, text: str) -> None:
    assert [(c[0], c[2]) for c in changes(events(text, resolver))] == [("Foah", "government")]


def test_a_capital_named_for_its_government_is_a_side_not_a_place(resolver: Resolver) -> None:
    found = changes(events("Troops loyal to Damascus recaptured Quneitra on Friday.", resolver))
    assert [(c[0], c[2]) for c in found] == [("Quneitra", "government")]
    text = (
        "Rebels fighting troops loyal to Damascus briefly seized the only crossing on the ceasefire line in the "
        "Golan Heights, before regime forces recaptured it."
    )
    assert "Damascus" not in [c[0] for c in changes(events(text, resolver))]


@pytest.mark.parametrize(
    "text",
    [
        "The Syrian Democratic Forces secured Hajin on Friday, a war monitor said.",
        "After a week of fighting, the SDF were able to kick ISIS out of Hajin.",
    ],
)
def test_securing_a_town_and_kicking_a_side_out_of_it_are_captures(resolver: Resolver, text: str) -> None:
    assert [(c[0], c[2]) for c in changes(events(text, resolver))] == [("Hajin", "sdf")]


@pytest.mark.parametrize(
    "text",
    [
        "Once the water station is secured, engineers can restore the supply to Damascus.",
        "The army secured the release of hostages held in Douma.",
        "The army has secured the perimeter of Saraqib.",
    ],
)
def test_securing_something_else_than_a_town_changes_nothing(resolver: Resolver, text: str) -> None:
    assert changes(events(text, resolver)) == []


# -- highways by description -------------------------------------------------------------------------


def test_highways_named_by_two_towns_they_pass(resolver: Resolver) -> None:
    for text, highway in (
        ("The army took the Latakia-Aleppo road on Monday.", "hwy:M4"),
        ("Government troops took control of the Hama-Aleppo highway on Monday.", "hwy:M5"),
        ("Government troops took control of the Damascus–Aleppo highway on Monday.", "hwy:M5"),
        ("Government forces took control of the M5 motorway on Monday.", "hwy:M5"),
        ("Government forces took full control of the M4 on Monday.", "hwy:M4"),
        ("Rebels seized the highway linking Latakia with Jisr al-Shughur on Monday.", "hwy:M4"),
    ):
        assert [e.place.id for e in events(text, resolver)] == [highway], text
    # Saraqeb and Aleppo lie on both the M4 and the M5: no highway
    assert events("Rebels captured the Saraqeb-Aleppo highway on Monday.", resolver) == []


def test_the_international_highway_is_the_one_passing_the_sentences_places(resolver: Resolver) -> None:
    (near,) = events(
        "Government forces took the international highway near Khan Shaykhun on Monday.", resolver
    )
    assert near.place.id == "hwy:M5"
    (cut,) = events("Rebels cut the Homs–Hama road near Rastan on Monday.", resolver)
    assert (cut.kind, cut.place.name, cut.notes) == ("interdiction", "Ar-Rastan", ("highway: hwy:M5",))


# -- reversals ---------------------------------------------------------------------------------------


def test_a_place_taken_back_three_days_after_it_was_lost_is_two_changes_in_date_order(
    resolver: Resolver,
) -> None:
    text = ("Rebels captured Kafr Nabl from the army on Monday. "
            "Government forces took Kafr Nabl back on Thursday, three days after it was lost.")  # fmt: skip
    found = events(text, resolver)
    assert [(e.gainer, e.loser, e.kind, e.dates.best) for e in found] == [
        ("opposition", "government", "capture", date(2019, 5, 13)),
        ("government", "opposition", "recapture", date(2019, 5, 16)),
    ]


def test_reversals_reported_by_several_articles_are_not_fused(resolver: Resolver) -> None:
    texts = {
        "a": ("Rebels captured Kafr Nabl from government forces on Monday.", date(2019, 5, 13)),
        "b": (
            "The army retook Kafr Nabl on Thursday, a week after it was lost to the rebels.",
            date(2019, 5, 16),
        ),
        "c": ("Government forces recaptured Kafr Nabl from rebels on Thursday.", date(2019, 5, 17)),
        "d": ("Rebels seized Kafr Nabl from the army again on Saturday.", date(2019, 5, 18)),
    }
    reports = []
    for name, (text, published) in texts.items():
        doc = article(text, published=published, name=name, outlet=f"Wire {name}")
        reports += extract_events(doc, find_mentions(doc, resolver))
    found = [e for e in merge_events(reports) if e.changes_control and e.place.id == "C4068"]
    assert [(e.gainer, e.dates.best, e.article_ids) for e in found] == [
        ("opposition", date(2019, 5, 13), ("a",)),
        ("government", date(2019, 5, 16), ("b", "c")),
        ("opposition", date(2019, 5, 18), ("d",)),
    ]


def test_objects_a_place_only_locates_get_no_event(resolver: Resolver) -> None:
    for text in (
        "Government forces seized several trenches in Kafr Nabl on Monday.",
        "The army took an old roundabout in Kafr Nabl on Monday.",
        "Videos showed buses entering Kafr Nabl on Monday.",
        "Rebels withdrew from the front to avoid falling under siege in Kafr Nabl.",
        "Kafr Nabl fell under siege on Monday after rebels cut the supply lines.",
    ):
        assert changes(events(text, resolver)) == [], text
    text = (
        "The villages of Kansafra and Ariha in Jisr al-Shughur district were captured by the army on Monday."
    )
    assert [c[0] for c in changes(events(text, resolver))] == ["Ariha", "Kansafra"]


def test_the_loser_is_the_side_named_nearest(resolver: Resolver) -> None:
    text = ("Islamic State fighters attacked the area last week. Aid groups warned of shortages. Schools closed. "
            "Roads were blocked by snow. The army captured Kafr Nabl on Monday.")  # fmt: skip
    assert changes(events(text, resolver)) == [("Kafr Nabl", "isis", "government", "capture")]


def test_the_places_a_region_level_object_names_are_its_examples(resolver: Resolver) -> None:
    portion = events("Government troops took a northern portion of Idlib from HTS on Monday, including Kansafra and the "
                     "nearby town of Ariha.", resolver)  # fmt: skip
    assert changes(portion) == [
        ("Ariha", "hts", "government", "capture"),
        ("Kansafra", "hts", "government", "capture"),
    ]
    dashes = events("After seizing areas west of the city on Monday – including the small town of Kansafra – "
                    "the army entered Kafr Nabl.", resolver)  # fmt: skip
    assert "Kansafra" in {e.place.name for e in dashes}


def test_the_side_a_place_is_taken_from_never_gains_it(resolver: Resolver) -> None:
    (event,) = events(
        "Troops took a northern portion of Idlib from HTS on Monday, including Kansafra.", resolver
    )
    assert (event.place.name, event.loser) == ("Kansafra", "hts") and event.gainer != "hts"


def test_a_list_after_a_colon_is_what_a_passive_trigger_is_said_of(resolver: Resolver) -> None:
    text = (
        "Several villages around the town were captured by the army on Monday: Kansafra, Ariha and Kafr Nabl."
    )
    assert [c[0] for c in changes(events(text, resolver))] == ["Ariha", "Kafr Nabl", "Kansafra"]


def test_examples_after_a_passive_triggers_agent_are_what_it_is_said_of(resolver: Resolver) -> None:
    text = "Many villages have been captured by HTS, such as Kansafra, Jabal Qarrat mountain, Ariha and Kafr Nabl."
    assert [c[0] for c in changes(events(text, resolver))] == ["Ariha", "Kafr Nabl", "Kansafra"]
    # people are no places: what comes after "including" is not what was captured
    text = "Dozens of fighters were captured by HTS, including commanders from Ariha."
    assert changes(events(text, resolver)) == []


def test_a_retreat_before_entering_is_no_entry(resolver: Resolver) -> None:
    text = "Some rebel units were surrounded, while others were obliged to retreat before entering Kafr Nabl."
    assert changes(events(text, resolver)) == []
    assert changes(events("Rebels pulled back without entering Kafr Nabl on Monday.", resolver)) == []
    found = events("Rebels shelled Kafr Nabl for days before capturing it from the army on Monday.", resolver)
    assert changes(found) == [("Kafr Nabl", "government", "opposition", "capture")]


def test_examples_in_a_relative_clause_are_not_what_changed_hands(resolver: Resolver) -> None:
    text = "The regime lost its hold on the province – which is home to towns including Ariha and Kansafra – on Monday."
    assert changes(events(text, resolver)) == []


def test_a_place_that_locates_the_examples_is_not_one_of_them(resolver: Resolver) -> None:
    text = "Government troops seized four hamlets, including a hilltop farm, south of Ariha on Monday."
    assert changes(events(text, resolver)) == []
    text = "Government troops seized four hamlets, including Kansafra, south of Ariha on Monday."
    assert [c[0] for c in changes(events(text, resolver))] == ["Kansafra"]


def test_a_side_and_its_allies_the_first_named_side_gains(resolver: Resolver) -> None:
    text = "Fighters of HTS and their allies from Jaysh al-Izza retook Kafr Nabl from the army on Monday."
    assert changes(events(text, resolver)) == [("Kafr Nabl", "government", "hts", "recapture")]


def test_the_group_named_after_rebels_of_is_the_subject(resolver: Resolver) -> None:
    text = "The jihadist rebels of HTS and their allies from Jaysh al-Izza retook Kafr Nabl from the army on Monday."
    assert changes(events(text, resolver)) == [("Kafr Nabl", "government", "hts", "recapture")]
    after = (
        "The jihadist rebels of HTS retook Kafr Nabl on Monday after shelling the positions of Syrian troops."
    )
    assert changes(events(after, resolver)) == [("Kafr Nabl", "government", "hts", "recapture")]
