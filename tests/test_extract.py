"""Extraction from invented sentences: sides, voices, blocking cues, anaphora, places and dates."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontlines.corpus import split_sentences
from frontlines.events import extract_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article, Event, Relative
from frontlines.pipeline import extract

THURSDAY = date(2019, 5, 16)


def article(text: str, published: date | None = THURSDAY, headline: str = "") -> Article:
    body = f"{headline}\n\n{text}" if headline else text
    return Article(id="t1", path="t1.txt", text=body, headline=headline, outlet="Test Wire",
                   published=published, sentences=split_sentences(body))  # fmt: skip


def events(text: str, resolver: Resolver, **kwargs) -> list[Event]:
    doc = article(text, **kwargs)
    return extract_events(doc, find_mentions(doc, resolver))


def summary(found: list[Event]) -> list[tuple[str, str, str, str]]:
    return [(e.place.name, e.loser, e.gainer, e.kind) for e in found]


def test_active_recapture_with_a_weekday(resolver: Resolver) -> None:
    (event,) = events("Government forces recaptured the town of Kafr Zita on Tuesday.", resolver)
    assert (event.place.name, event.gainer, event.kind) == ("Kafr Zeita", "government", "recapture")
    assert event.dates.best == event.dates.earliest == event.dates.latest == date(2019, 5, 14)
    assert event.sources[0].relative == Relative("weekday", day=1)


def test_a_weekday_without_on_after_the_place_dates_it_and_leaves_the_name_alone(resolver: Resolver) -> None:
    """Wire copy that leaves out "on" ("captured Kafr Zita Tuesday"): the weekday does not join the
    name into a longer proper noun, and dates the change as "on Tuesday" does."""
    (event,) = events("Government forces recaptured Kafr Zita Tuesday, activists said.", resolver)
    assert (event.place.name, event.gainer, event.kind) == ("Kafr Zeita", "government", "recapture")
    assert event.dates.best == date(2019, 5, 14)
    (month,) = events("Rebels seized Kafr Zita February 3 after heavy fighting.", resolver)
    assert month.place.name == "Kafr Zeita" and month.dates.best == date(2019, 2, 3)


def test_passive_and_reversed_forms(resolver: Resolver) -> None:
    assert summary(
        events("Khan Shaykhun was captured by the Syrian army after weeks of shelling.", resolver)
    ) == [("Khan Shaykhun", "opposition", "government", "capture")]
    assert (
        summary(events("Kafr Nabl fell to forces loyal to President Assad.", resolver))[0][2] == "government"
    )
    found = events("Rebels lost Kafr Zita to the Syrian army on Monday.", resolver)
    assert summary(found) == [("Kafr Zeita", "opposition", "government", "capture")]


def test_from_phrase_names_the_loser_and_backers_do_not_count(resolver: Resolver) -> None:
    found = events(
        "Turkish-backed fighters seized the town of Tal Rifaat from Kurdish forces on Sunday.", resolver
    )
    assert summary(found) == [("Tall Refaat", "sdf", "opposition", "capture")]
    found = events("Russian-backed regime forces regained control of Kafr Nabl.", resolver)
    assert summary(found)[0][1:] == ("opposition", "government", "recapture")  # no other side named


def test_withdrawal(resolver: Resolver) -> None:
    (event,) = events("Regime forces withdrew from Kafr Zita on Wednesday.", resolver)
    assert (event.loser, event.gainer, event.kind) == ("government", "unknown", "withdrawal")


@pytest.mark.parametrize(
    "text",
    [
        "The next goal is to retake Kafr Nabl.",
        "Rebels launched an operation to take back Kafr Zita on Monday.",
        "The army could capture Kafr Nabl within days.",
        "The opposition denied that regime forces had captured Kafr Zita.",
        "Regime forces are advancing towards Kafr Nabl.",
        "Rebels shelled Kafr Zita and attacked army positions near Kafr Nabl.",
        "If the army takes Kafr Nabl, the road will be open.",
        "Government forces seized about 40 towns and villages in Idlib province.",
        "Regime troops captured parts of Kafr Nabl.",
        "Rebels made gains in Idlib province.",
    ],
)
def test_intentions_attempts_denials_and_region_claims_are_not_changes(resolver: Resolver, text: str) -> None:
    assert [e for e in events(text, resolver) if e.kind != "observation"] == []


def test_list_objects_and_examples(resolver: Resolver) -> None:
    found = events("The rebels seized Kafr Nabl and two villages near Kafr Zita.", resolver)
    assert [e.place.name for e in found] == ["Kafr Nabl"]
    found = events("The army captured several towns in Idlib, such as Kafr Nabl and Khan Shaykhun.", resolver)
    assert sorted(e.place.name for e in found) == ["Kafr Nabl", "Khan Shaykhun"]


def test_anaphora_uses_the_last_place_named(resolver: Resolver) -> None:
    text = "Fighting raged around Kafr Zita for a week. The town fell to the rebels on Monday."
    (event,) = events(text, resolver)
    assert (event.place.name, event.gainer) == ("Kafr Zeita", "opposition")
    assert "anaphoric_place" in event.flags
    assert event.dates.best == date(2019, 5, 13)


def test_freed_takes_the_gainer_from_the_speaker(resolver: Resolver) -> None:
    text = "\u201cKafr Nabl has been liberated completely from Assad's gangs,\u201d a rebel commander said."
    (event,) = events(text, resolver)
    assert (event.loser, event.gainer) == ("government", "opposition")


def test_observations(resolver: Resolver) -> None:
    found = events(
        "Shells hit the rebel-held town of Kafr Nabl near the regime-controlled city of Khan Shaykhun.",
        resolver,
    )
    assert sorted((e.place.name, e.gainer, e.kind) for e in found) == [
        ("Kafr Nabl", "opposition", "observation"), ("Khan Shaykhun", "government", "observation"),
    ]  # fmt: skip
    assert all(e.dates.best == e.dates.earliest == e.dates.latest == THURSDAY for e in found)
    assert events("Kafr Nabl was formerly an opposition stronghold.", resolver) == []


def test_dates_without_expression_said_on_and_relative(resolver: Resolver) -> None:
    (news,) = events("The army captured Kafr Nabl.", resolver)
    assert (news.dates.earliest, news.dates.latest, news.dates.best) == (None, THURSDAY, THURSDAY)
    (said,) = events("The army captured Kafr Nabl, the army said on Tuesday.", resolver)
    assert (said.dates.earliest, said.dates.latest) == (None, date(2019, 5, 14))
    (ago,) = events("Rebels took Kafr Zita two weeks ago.", resolver)
    assert ago.dates.best == date(2019, 5, 2) and ago.sources[0].relative == Relative("ago", 2, "week")
    assert ago.dates.latest <= THURSDAY


def test_undated_article_keeps_events_with_unknown_dates(resolver: Resolver) -> None:
    (event,) = events("Rebels recaptured Kafr Zita on Thursday.", resolver, published=None)
    assert event.dates.best is None and event.sources[0].relative == Relative("weekday", day=3)


def test_highway_description_and_junction(resolver: Resolver) -> None:
    found = events("On Monday the rebels cut the highway linking Damascus with Aleppo.", resolver)
    assert [(e.place.id, e.gainer) for e in found] == [("hwy:M5", "opposition")]


def test_ambiguous_and_admin_mentions_make_no_event(resolver: Resolver) -> None:
    from collections import Counter

    doc = article("The army captured Idlib province.")
    stats: Counter[str] = Counter()
    assert extract_events(doc, find_mentions(doc, resolver), stats=stats) == []
    assert stats["skip_admin"] == 1


def test_a_trigger_sentence_without_a_place_counts_its_blocked_triggers_as_one_read_in_full(
    resolver: Resolver,
) -> None:
    """A sentence with a trigger but no place item reads no claim (none could have a place), unless
    the next sentence names the places of a count; its blocked triggers are counted all the same, as
    when every claim is read for ``--debug``."""
    from collections import Counter

    doc = article("Rebels failed to capture the hill. The army tried to seize the area. Rebels took Saraqeb.")
    stats: Counter[str] = Counter()
    found = extract_events(doc, find_mentions(doc, resolver), stats=stats)
    traced: Counter[str] = Counter()
    trace: list[str] = []
    assert extract_events(doc, find_mentions(doc, resolver), stats=traced, trace=trace) == found
    assert stats == traced and stats["blocked_modality"] == 2
    assert [e.place.name for e in found] == ["Saraqib"]


def test_sentences_that_are_not_slices_of_the_text_give_the_same_events(resolver: Resolver) -> None:
    """Trigger and actor rows come from one literal scan of the article text when its sentences are
    slices of it, and from each sentence otherwise: the events are the same."""
    text = (
        "Regime forces recaptured Saraqeb on Thursday.\n"
        "The town had been held by rebels, who withdrew from it, and the highway linking Aleppo with Damascus was cut."
    )
    sentences = split_sentences(text)
    article = Article(id="t1", path="t1.txt", text=text, published=date(2020, 3, 2), sentences=sentences)
    mentions = find_mentions(article, resolver, suggest=False)
    aligned = extract_events(article, mentions)
    shifted = Article(
        id="t1", path="t1.txt", text="x" + text, published=date(2020, 3, 2), sentences=sentences
    )
    assert aligned and extract_events(shifted, mentions) == aligned


# -- passive expulsions, forced withdrawals, named sides with generic labels --------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Islamic State fighters were driven out of Manbij by the SDF.",
            ("Menbij", "isis", "sdf", "capture"),
        ),
        (
            "Rebels pushed out of Kafr Zita after heavy shelling.",
            ("Kafr Zeita", "opposition", "unknown", "capture"),
        ),
        ("IS fighters were forced to withdraw from Tabqa.", ("Tabaqa", "isis", "unknown", "withdrawal")),
        ("Nusra Front terrorists withdrew from Kafr Nabl.", ("Kafr Nabl", "hts", "unknown", "withdrawal")),
        (
            "The Syrian army forced the rebels to withdraw from Kafr Nabl.",
            ("Kafr Nabl", "opposition", "government", "capture"),
        ),
    ],
)
def test_the_subject_of_a_passive_expulsion_loses(resolver: Resolver, text: str, expected: tuple) -> None:
    assert summary(events(text, resolver)) == [expected]


def test_a_named_side_with_a_generic_label_is_that_side() -> None:
    from frontlines.events import load_actors

    actors = load_actors()
    assert [a.controller for a in actors.find("Daesh terrorists and IS militants fled")] == ["isis", "isis"]
    assert [a.controller for a in actors.find("the terrorists fled")] == ["unknown"]


# -- nominal reports -----------------------------------------------------------------------------------


def test_an_announced_capture_is_a_capture(resolver: Resolver) -> None:
    assert summary(events("The Syrian army announced the capture of Kafr Nabl.", resolver)) == [
        ("Kafr Nabl", "opposition", "government", "capture")
    ]
    assert events("The army aims to announce the capture of Kafr Nabl soon.", resolver) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The rebels' loss of Kafr Nabl was a heavy blow.",
            [("Kafr Nabl", "opposition", "unknown", "capture")],
        ),
        (
            "After the loss of the Islamic State's stronghold Manbij, the group retreated.",
            [("Menbij", "isis", "unknown", "capture")],
        ),
        (
            "After the loss of Saraqeb to government forces, rebels regrouped.",
            [("Saraqib", "opposition", "government", "capture")],
        ),
        ("The loss of life in Saraqeb was heavy after rebels attacked.", []),
        ("Rebels denied the loss of Kafr Nabl.", []),
    ],
)
def test_the_loss_of_a_place(resolver: Resolver, text: str, expected: list) -> None:
    assert summary(events(text, resolver)) == expected


# -- objects through relative clauses ----------------------------------------------------------------------


def test_a_place_named_before_a_relative_clause_is_the_object(resolver: Resolver) -> None:
    (event,) = events("Kafr Nabl, which the army captured in 2016, was shelled again.", resolver)
    assert (event.place.name, event.gainer, event.dates.earliest) == (
        "Kafr Nabl",
        "government",
        date(2016, 1, 1),
    )
    (event,) = events(
        "Saraqeb became the second town that rebels seized during the summer of 2012.", resolver
    )
    assert (event.place.name, event.gainer) == ("Saraqib", "opposition")
    assert (event.dates.earliest, event.dates.latest) == (date(2012, 6, 1), date(2012, 8, 31))


def test_a_place_in_another_clause_is_not_the_object(resolver: Resolver) -> None:
    text = "Saraqeb fell last week. Rebels took positions that overlook Kafr Nabl."
    assert [e for e in events(text, resolver) if e.place.name == "Kafr Nabl"] == []


# -- the loser named elsewhere in the article --------------------------------------------------------------


def test_the_loser_from_the_holder_the_article_named_before(resolver: Resolver) -> None:
    text = "Rebels have held Kafr Nabl since 2012. The town was shelled for weeks. Government troops entered Kafr Nabl on Monday."
    (event,) = [e for e in events(text, resolver) if e.kind != "observation"]
    assert (event.loser, event.gainer) == ("opposition", "government")
    text = "The rebel-held town of Kafr Nabl was shelled. On Monday the army entered Kafr Nabl."
    assert [(e.loser, e.gainer) for e in events(text, resolver) if e.kind != "observation"] == [
        ("opposition", "government")
    ]


def test_the_loser_from_the_one_other_side_in_the_sentences_around(resolver: Resolver) -> None:
    text = "Rebels shelled army positions for a week. On Sunday, the army captured Kafr Nabl."
    (event,) = events(text, resolver)
    assert (event.loser, event.gainer) == ("opposition", "government")
    # two other sides around: the loser stays unknown
    text = "Rebels and Islamic State fighters clashed near Idlib. On Sunday, the army captured Kafr Nabl."
    (event,) = events(text, resolver)
    assert (event.loser, event.gainer) == ("unknown", "government")


def test_it_as_the_expelled_side_is_the_last_side_named(resolver: Resolver) -> None:
    text = "The Islamic State has lost most of its land. The SDF drove it from Manbij in August."
    changes = [e for e in events(text, resolver) if e.place.name == "Menbij"]
    assert [(e.loser, e.gainer) for e in changes] == [("isis", "sdf")]


# -- places that are not the object --------------------------------------------------------------------------


def test_a_feature_named_after_a_town_is_not_the_town(resolver: Resolver) -> None:
    found = events("The army captured the Abu al-Duhur military airport on Monday.", resolver)
    assert [(e.place.id, e.place.kind) for e in found] == [("oa:OS57", "airbase")]
    found = events("Rebels took the Tabqa dam and the town of Kafr Nabl.", resolver)
    assert {e.place.kind for e in found} <= {"dam", "populated_place"}
    assert {e.place.name for e in found if e.place.kind == "populated_place"} == {"Kafr Nabl"}


def test_an_actor_spelled_like_a_place_is_not_a_place(resolver: Resolver) -> None:
    found = events("After the loss of IS's capital Raqqa, the group moved east.", resolver)
    assert [(e.place.name, e.loser) for e in found] == [("Ar-Raqqa", "isis")]


def test_datelines_are_neither_places_nor_dates_of_the_change(resolver: Resolver) -> None:
    text = "DAMASCUS, May 16 (Xinhua) -- The Syrian army captured Kafr Nabl, the town said to be the last rebel bastion."
    (event,) = [e for e in events(text, resolver) if e.kind != "observation"]
    assert event.place.name == "Kafr Nabl"
    assert (event.dates.earliest, event.dates.latest) == (None, THURSDAY)
    assert [e.place.name for e in events("BEIRUT (Reuters) - Rebels captured Saraqeb.", resolver)] == [
        "Saraqib"
    ]


# -- relative dates --------------------------------------------------------------------------------------------


def test_months_later_counts_from_the_date_before(resolver: Resolver) -> None:
    text = "Rebels captured Kafr Nabl in March last year, before losing the town 10 months later."
    found = sorted(events(text, resolver), key=lambda e: e.dates.best)
    assert [(e.gainer, e.dates.earliest, e.dates.latest) for e in found] == [
        ("opposition", date(2018, 3, 1), date(2018, 3, 31)),
        ("unknown", date(2019, 1, 1), date(2019, 1, 31)),
    ]
    text = "Rebels captured Kafr Nabl on 3 March. Two days later, the army retook the town."
    retaken = [e for e in events(text, resolver) if e.gainer == "government"]
    assert [e.dates.best for e in retaken] == [date(2019, 3, 5)]


def test_hours_after_dates_the_clause_that_follows(resolver: Resolver) -> None:
    text = "Government troops entered Kafr Nabl on Thursday, less than 24 hours after rebels withdrew from Kafr Zita."
    found = {e.place.name: e for e in events(text, resolver)}
    assert found["Kafr Nabl"].dates.best == THURSDAY
    withdrew = found["Kafr Zeita"].dates
    assert (withdrew.earliest, withdrew.latest) == (date(2019, 5, 15), THURSDAY)


def test_may_the_month_is_not_a_modal(resolver: Resolver) -> None:
    (event,) = events("Rebels lost Kafr Nabl in May.", resolver, published=date(2019, 8, 1))
    assert (event.loser, event.dates.earliest) == ("opposition", date(2019, 5, 1))
    assert events("Rebels may lose Kafr Nabl.", resolver) == []


def test_an_observation_a_reported_change_overtakes_is_dropped(resolver: Resolver) -> None:
    text = "The army captured Kafr Nabl on Monday. The town, a rebel stronghold, had been shelled for weeks."
    assert [e.kind for e in events(text, resolver)] == ["capture"]


def test_observations_of_regions_and_parts(resolver: Resolver) -> None:
    text = "Civilians from Kafr Nabl, in the East Ghouta region, sheltered in basements of the Jaysh al-Islam stronghold."
    assert [(e.place.name, e.gainer) for e in events(text, resolver)] == [("Kafr Nabl", "opposition")]
    assert events("Mortars fell on a large rebel-held neighbourhood of Aleppo.", resolver) == []
    assert events("Saraqeb, which had been the main rebel-held town, was quiet.", resolver) == []


def test_a_named_subject_before_a_generic_label(resolver: Resolver) -> None:
    text = "The SDF, a coalition whose ranks include Arab militias, drove the Islamic State from Manbij."
    assert summary(events(text, resolver)) == [("Menbij", "isis", "sdf", "capture")]
    text = "Rebels attacked the militants and captured Kafr Nabl."
    assert summary(events(text, resolver))[0][2] == "opposition"


def test_a_holder_named_for_a_later_date_is_not_the_loser(resolver: Resolver) -> None:
    text = "The army retook Kafr Nabl on Monday. Islamic State fighters had seized the town in 2015."
    found = {e.gainer: e for e in events(text, resolver)}
    assert found["isis"].loser == "government"  # from the one other side around, not from Monday's holder
    text = "Rebels took Kafr Nabl on Monday. Shelling continued. Quiet returned. Locals said the town had been seized in 2015."
    assert [
        e.loser for e in events(text, resolver) if e.dates.latest.year == 2015
    ] == []  # no gainer: no event


def test_sweeping_a_side_out_of_a_place_expels_it(resolver: Resolver) -> None:
    text = "The SDF captured Ain Issa on Monday before also sweeping the Islamic State out of Manbij."
    assert summary(events(text, resolver)) == [
        ("Ein Issa", "isis", "sdf", "capture"),
        ("Menbij", "isis", "sdf", "capture"),
    ]
    assert summary(events("A sandstorm swept the region from Idlib to Hama on Monday.", resolver)) == []


# -- names the gazetteer lacks, as extract reads them --------------------------------------------------


def _extracted(tmp_path: Path, text: str) -> list[tuple[str, str, str, str]]:
    """What ``frontlines extract`` (the pipeline, without spelling suggestions) finds in one report."""
    (tmp_path / "report.txt").write_text(f"Report\n\nPublished: 2019-05-16\n\n{text}\n", encoding="utf-8")
    return sorted(summary(extract(tmp_path).events))


def test_extract_carries_a_list_across_names_the_gazetteer_lacks(tmp_path: Path) -> None:
    text = (
        "The army took Kansafra in addition to the villages of Blorkhat Umm Zuffa, Qurnat Dibbis, Ariha "
        "and Hish on Monday."
    )
    assert [name for name, *_ in _extracted(tmp_path, text)] == ["Ariha", "Heish", "Kansafra"]


def test_extract_pins_no_change_at_an_unknown_village_on_the_place_before(tmp_path: Path) -> None:
    # "the village" is the unknown village just named, not Kansafra
    text = (
        "Aid has not reached the rebel-held town of Kansafra this week. "
        "Rebel fighters withdrew from Blorkhat Umm Zuffa on Tuesday, leaving the village to the army."
    )
    assert _extracted(tmp_path, text) == [("Kansafra", "", "opposition", "observation")]
