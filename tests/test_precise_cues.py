"""Reports that are no change, with sentences written for the test: a move's destination, a side's
earlier withdrawal told in an opening "after" clause, a claim the next sentences refute, and a plural
place word in a Title Case headline."""

from __future__ import annotations

from datetime import date

from test_extract import article, events, summary

from frontlines.events.cues import destination, refuted
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions


def test_an_opening_after_clause_of_a_side_is_history(resolver: Resolver) -> None:
    text = (
        "After government forces withdrew from Saraqib, the town became the main rebel base in the province."
    )
    assert events(text, resolver) == []
    # the news itself, and a clause that closes before its trigger, still count
    assert summary(events("Government forces withdrew from Saraqib, a monitor said.", resolver)) == [
        ("Saraqib", "government", "unknown", "withdrawal")
    ]
    (event,) = events("After a week of clashes, rebels took Saraqib on Monday.", resolver)
    assert (event.place.name, event.gainer, event.dates.best) == ("Saraqib", "opposition", date(2019, 5, 13))


def test_where_fighters_went_is_not_the_place_they_left(resolver: Resolver) -> None:
    assert destination("rebels were bused from Kafr Zita to ", 37)
    assert destination("the gunmen retreated towards the town of ", 41)
    assert not destination("rebels advanced and captured ", 29)
    found = events(
        "Under the deal, rebels were bused from Kafr Zita to Idlib, and the last of them withdrew from the"
        " city on Monday.",
        resolver,
    )
    assert [e.place.name for e in found] == ["Kafr Zeita"]
    assert (found[0].loser, found[0].dates.best) == ("opposition", date(2019, 5, 13))


def test_a_claim_the_next_sentences_refute_is_no_change(resolver: Resolver) -> None:
    assert refuted("But the army says it repelled the assault.", ["Kafr Zita"])
    assert refuted("However, the Kurdish forces remain firmly in control of the village.", [])
    assert refuted("Government forces still hold Kafr Zita, a monitor said.", ["Kafr Zita"])
    assert not refuted("Government forces still hold Morek, a monitor said.", ["Kafr Zita"])
    assert not refuted("The rebels then advanced on the next village.", ["Kafr Zita"])
    claim = "Activists claimed that rebels captured the villages of Kafr Zita and Latamneh on Friday."
    assert (
        events(claim + " However, government forces are still in control of both villages.", resolver) == []
    )
    kept = events(claim + " The fighting went on into the night.", resolver)
    assert sorted(e.place.name for e in kept) == ["Kafr Zeita", "Latmana"]
    assert all("unconfirmed" in e.flags and e.gainer == "opposition" for e in kept)


def test_a_plural_place_word_in_a_headline_is_no_place(resolver: Resolver) -> None:
    doc = article(
        "Army units on Sunday restored security to Latamneh.",
        headline="Army Units Restore Security to Villages in Hama Countryside",
    )
    mentions = find_mentions(doc, resolver)
    assert [m.surface for m in mentions if m.status == "resolved"] == ["Hama", "Latamneh"]


def test_a_village_named_by_the_end_of_its_name(resolver: Resolver) -> None:
    near = [resolver.gazetteer.places[i] for i in ("C3084", "C3092")]  # two villages east of Hama
    found = resolver.part_named("Al-Othman", near)
    assert found is not None and (found.place.id, found.match) == ("C3074", "fuzzy")
    assert found.distance_km is not None and found.distance_km < 5
    assert resolver.part_named("Al-Othman", []) is None
    # in an article: the short form spells a far village exactly, the full name lies beside the others
    doc = article(
        "Islamic State fighters overran Baroudiyeh, Fayda and Al-Othman on Monday after heavy clashes."
    )
    by_surface = {m.surface: m for m in find_mentions(doc, resolver)}
    assert by_surface["Al-Othman"].place is not None and by_surface["Al-Othman"].place.id == "C3074"
    (event,) = [e for e in events(doc.text, resolver) if e.place.id == "C3074"]
    assert (event.gainer, event.dates.best) == ("isis", date(2019, 5, 13))


def test_a_reporting_it_is_no_place(resolver: Resolver) -> None:
    text = (
        "Fighting raged around Nubl overnight, the monitor said. The militants were pushed back from both areas"
        " by loyalist militias, it said."
    )
    assert events(text, resolver) == []


def test_names_that_only_locate_or_stand_for_a_government_are_no_object(resolver: Resolver) -> None:
    # the headline's unnamed town lies in the province it names
    assert events("The army regains town from rebels in Idlib on Monday.", resolver) == []
    assert events("Rebels seize village from the army near Saraqib.", resolver) == []
    # a place after "located" only locates the subject
    assert events("A hamlet located south of Saraqib was liberated by rebels on Monday.", resolver) == []
    # "a deal with Damascus": the government, not the city
    assert (
        events("The Kurdish-led forces handed over several towns under their deal with Damascus.", resolver)
        == []
    )
    # the object itself still counts
    (event,) = events("The army regained Saraqib from rebels in Idlib on Monday.", resolver)
    assert (event.place.name, event.gainer, event.loser) == ("Saraqib", "government", "opposition")


def test_a_name_goes_on_across_an_article_and_a_lowercase_word(resolver: Resolver) -> None:
    doc = article("Islamic State fighters seized Tlul Al-humr, east of Salamiyah, on Monday.")
    mentions = {m.surface: m for m in find_mentions(doc, resolver)}
    assert "Tlul" not in mentions  # alone it spells a village in Idlib
    named = mentions["Tlul Al-humr"]
    assert named.place is not None and named.place.id == "C3222"
    (event,) = events(doc.text, resolver)
    assert (event.place.id, event.gainer, event.dates.best) == ("C3222", "isis", date(2019, 5, 13))


def test_abd_names_written_apart_or_together_are_one_word(resolver: Resolver) -> None:
    from frontlines.gazetteer.normalise import name_tokens, word_count

    assert (
        word_count(name_tokens("Sheikh Abd er Rahman")) == word_count(name_tokens("Shaykh Abdurrahman")) == 2
    )
    assert word_count(name_tokens("Tal Abdel Aziz")) == 2
    assert word_count(name_tokens("Kafr Nabl")) == 2
    assert [p for p, _ in resolver.index.lookup("Shaykh Abdurrahman")] == ["C1419"]


def test_an_agentless_also_controlled_list_continues_the_last_capture(resolver: Resolver) -> None:
    text = (
        "Turkish troops and allied rebels captured Afrin's outskirts from the YPG on Monday. Later, Qila,"
        " Shaykh Abdurrahman and Lower Kafardali were also controlled."
    )
    found = {e.place.id: e for e in events(text, resolver)}
    assert {"C8160", "C1419", "C1448"} <= set(found)
    assert all(
        found[i].gainer in ("turkey", "opposition") and found[i].loser == "sdf" for i in ("C8160", "C1419")
    )
    # a name listed after "X district," is a place too
    doc = article("Fighting spread to Jinderes district, Shaykh Abdurrahman and Qila on Monday.")
    assert "Shaykh Abdurrahman" in {m.surface for m in find_mentions(doc, resolver) if m.status == "resolved"}
    # a state that was controlled is no change
    assert events("The villages were controlled by the YPG for years.", resolver) == []


def test_a_provincial_capital_is_no_town(resolver: Resolver) -> None:
    assert events("Clashes went on in Hama. Rebels seized the town on Monday.", resolver) == []
    (event,) = events("Clashes went on in Saraqib. Rebels seized the town on Monday.", resolver)
    assert (event.place.name, event.gainer, event.dates.best) == ("Saraqib", "opposition", date(2019, 5, 13))


def test_a_name_goes_on_across_an_article_set_off_by_a_space(resolver: Resolver) -> None:
    doc = article("The army regained Rasm al- Mofakker and Ghaital from the jihadists on Sunday.")
    mentions = {m.surface: m for m in find_mentions(doc, resolver)}
    assert "Rasm" not in mentions  # alone it spells a village in Daraa
    named = mentions["Rasm al- Mofakker"]
    assert named.place is not None and named.place.id == "C1094"


def test_an_adverb_between_to_and_the_trigger_keeps_the_intention(resolver: Resolver) -> None:
    """ "to ultimately take X" is an intention as "to take X" is; "managed to quickly take X" a fact."""
    for text in (
        "Rebels advanced on Saraqib to ultimately take the town from government forces.",
        "Rebels massed near Saraqib to eventually seize it from government forces.",
    ):
        assert events(text, resolver) == [], text
    assert summary(events("Rebels managed to quickly take Saraqib from government forces.", resolver)) == [
        ("Saraqib", "government", "opposition", "capture")
    ]
