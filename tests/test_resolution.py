"""Resolving names and mentions: qualifiers, homonyms by geography, outside places, suggestions."""

import random
import re

from frontlines.gazetteer import Resolver
from frontlines.mentions import (
    _GAPS,
    _LOWERCASE_TAIL,
    _QUALIFIER_BEFORE_REVERSED,
    _WORD_AFTER,
    _WORD_BEFORE_REVERSED,
    find_mentions,
)
from frontlines.models import Article


def _mentions(resolver: Resolver, text: str):
    return find_mentions(Article(id="a", path="a.txt", text=text), resolver)


def _by_surface(resolver: Resolver, text: str) -> dict[str, tuple[str, str | None]]:
    return {m.surface: (m.status, m.place.id if m.place else None) for m in _mentions(resolver, text)}


def test_province_qualifier_selects_the_governorate(small_resolver: Resolver) -> None:
    found = _by_surface(small_resolver, "The offensive in Idlib province went on.")
    assert found["Idlib"] == ("resolved", "SY07")


def test_bare_town_name_shared_with_its_governorate_is_the_town(small_resolver: Resolver) -> None:
    found = _by_surface(small_resolver, "Protesters gathered in Idlib on Friday.")
    assert found["Idlib"] == ("resolved", "T3")


def test_homonym_resolves_to_the_candidate_nearest_the_other_places(small_resolver: Resolver) -> None:
    found = _by_surface(small_resolver, "Rebels took Nayrab, west of Saraqeb, and shelled Afs.")
    assert found["Nayrab"] == ("resolved", "T2")  # the Idlib one, not the Aleppo district


def test_homonym_without_context_is_reported_ambiguous(small_resolver: Resolver) -> None:
    mentions = _mentions(small_resolver, "Clashes were reported in Nayrab.")
    assert [(m.surface, m.status) for m in mentions] == [("Nayrab", "ambiguous")]
    assert {c.place.id for c in mentions[0].candidates} == {"T2", "T7"}


def test_countries_resolve_as_outside(small_resolver: Resolver) -> None:
    found = _by_surface(small_resolver, "Talks in Russia and France.")
    assert found["Russia"][0] == "outside"
    assert found["France"] == ("outside", "country:FR")


def test_names_inside_longer_proper_nouns_are_not_places(small_resolver: Resolver) -> None:
    found = _by_surface(small_resolver, "said Ahmad Hama, a spokesman, while Hama itself was calm.")
    assert list(found) == ["Hama"]
    assert found["Hama"] == ("resolved", "T10")
    [mention] = [
        m for m in _mentions(small_resolver, "said Ahmad Hama, a spokesman, while Hama itself was calm.")
    ]
    assert mention.start == 36


def test_unknown_place_in_a_place_context_is_unresolved_with_suggestions(small_resolver: Resolver) -> None:
    mentions = _mentions(small_resolver, "Troops entered the town of Saraqibb and the village of Kafr Zita.")
    unresolved = {m.surface: m.suggestions for m in mentions if m.status == "unresolved"}
    assert "Kafr Zita" in unresolved
    assert "Saraqibb" not in unresolved or "T1" in unresolved["Saraqibb"]


def test_english_at_as_and_an_are_not_the_article_of_the_name_after_them(small_resolver: Resolver) -> None:
    """The assimilated articles "at-", "as-" and "an-" are English words before a space: a name starts
    after them, in the scan ("as Saraqeb") and in place contexts ("at Bab Hawa"), and ends before them."""
    text = "Clashes went on near Kafr Zita at Bab Hawa as Saraqeb fell, and at an-Nayrab."
    found = {m.surface: m.status for m in _mentions(small_resolver, text)}
    assert found == {
        "Kafr Zita": "unresolved", "Bab Hawa": "unresolved", "Saraqeb": "resolved", "an-Nayrab": "resolved"
    }  # fmt: skip


def test_headlines_organisations_and_groups_are_not_unresolved_places(small_resolver: Resolver) -> None:
    """A Title Case headline's capitals say nothing; an organisation's last word, a group's first word
    and a name of ``not_places`` after its Arabic article are no place a gazetteer lacks."""
    text = (
        "Rebels Fight to Halt Army Advance Near Saraqeb\n"
        "Aid of the World Food Programme and the Red Crescent reached Saraqeb, the Office for the Coordination "
        "of Humanitarian Affairs said. Fighters of al-Qaeda and Jund al-Aqsa held the village of Kafr Zita."
    )
    mentions = _mentions(small_resolver, text)
    assert [m.surface for m in mentions if m.status == "unresolved"] == ["Kafr Zita"]
    assert [m.surface for m in mentions if m.status == "resolved"] == ["Saraqeb", "Saraqeb"]


def test_weekdays_people_and_demonyms_are_not_unresolved_places(small_resolver: Resolver) -> None:
    mentions = _mentions(
        small_resolver,
        "In February, Turkish troops said on Thursday that Assad's forces ... An envoy of Vladimir Putin "
        "met Staffan de Mistura near the ruins of Roman temples and an Armenian church.",
    )
    assert [m for m in mentions if m.status == "unresolved"] == []


def test_the_sides_names_and_acronyms_are_not_unresolved_places(small_resolver: Resolver) -> None:
    """Written standalone in place contexts ("handed to HTS", "from the YPG"), they are sides, not
    places a gazetteer lacks; the place in the same sentence is still found."""
    mentions = _mentions(
        small_resolver,
        "The town was handed to HTS after the YPG withdrew from Kafr Zita, and Operation Olive Branch went on"
        " against the PYD, Islamist factions and Jaysh al-Izza.",
    )
    assert {m.surface for m in mentions if m.status == "unresolved"} == {"Kafr Zita"}


def test_calendar_words_neither_join_a_name_nor_enter_an_unknown_one(small_resolver: Resolver) -> None:
    found = _by_surface(
        small_resolver, "Rebels entered Saraqeb Thursday. Troops took the village of Tell Blahbi Monday."
    )
    assert found["Saraqeb"] == ("resolved", "T1")
    assert found["Tell Blahbi"][0] == "unresolved" and "Tell Blahbi Monday" not in found


def test_by_opening_a_paragraph_is_no_place(resolver: Resolver) -> None:
    """ "By" spells the village El By without its article; it opens sentences after a headline too."""
    found = _by_surface(resolver, "Rebels advance\n\nBy Monday evening rebels held Saraqeb.")
    assert "By" not in found and found["Saraqeb"][0] == "resolved"


def test_resolve_name_finds_spellings_and_suggests_for_unknown(small_resolver: Resolver) -> None:
    assert [c.place.id for c in small_resolver.resolve_name("Saraqib")] == ["T1"]
    assert small_resolver.resolve_name("Barack") == []
    assert small_resolver.resolve_name("Hamas") == []
    assert "T1" in [c.place.id for c in small_resolver.suggestions("Sarakeeb")]


def test_skeleton_match_needs_a_place_context(small_resolver: Resolver) -> None:
    assert _by_surface(small_resolver, "Rebels entered Saraqueb at dawn.")["Saraqueb"] == ("resolved", "T1")
    assert "Saraqueb" not in _by_surface(small_resolver, "Saraqueb Brothers issued a statement.")


def test_country_beats_a_small_village_of_the_same_name(small_gazetteer, tmp_path) -> None:
    from frontlines.gazetteer import NameIndex, load_gazetteer

    with (small_gazetteer / "places.csv").open("a", encoding="utf-8") as f:
        f.write("T12,populated_place,Us,,32.7,36.6,As-Sweida,,,SY13,0,ocha:T12,\n")
    gazetteer = load_gazetteer(small_gazetteer)
    resolver = Resolver(gazetteer, NameIndex(gazetteer))
    assert _by_surface(resolver, "Talks with the US went on.")["US"] == ("outside", "country:US")


def test_a_capitalised_sentence_opener_is_not_part_of_the_name(small_resolver: Resolver) -> None:
    assert _by_surface(small_resolver, "Near Afs the army shelled Saraqeb.")["Afs"] == ("resolved", "T6")
    # A capitalised first word that is not an opener joins the name: "Masaken Hanano" is not Hanano.
    assert "Hama" not in _by_surface(small_resolver, "Tell Hama was shelled.")


def test_generic_first_words_do_not_carry_a_skeleton_match(small_resolver: Resolver) -> None:
    from frontlines.gazetteer.patterns import skeleton_signature

    assert skeleton_signature("Sheikh Maqsoud") is not None  # m-k-s-d after Sheikh: long enough
    assert skeleton_signature("Sheikh Khodr") is None  # d-r after Sheikh(kh) would pair too many names


def test_a_homonym_without_context_is_the_seat_of_the_district_named_after_it(small_gazetteer) -> None:
    from frontlines.gazetteer import NameIndex, load_gazetteer

    with (small_gazetteer / "places.csv").open("a", encoding="utf-8") as f:
        f.write("T13,populated_place,Tal Ward,,35.28,37.07,Hama,Hama,Hamra,SY05,0,ocha:T13,\n")
        f.write("T14,populated_place,Tal Ward,,36.85,40.07,Al-Hasakeh,Ras Al Ain,Tal Ward,SY08,0,ocha:T14,\n")
    gazetteer = load_gazetteer(small_gazetteer)
    resolver = Resolver(gazetteer, NameIndex(gazetteer))
    assert _by_surface(resolver, "Fighters withdrew from Tal Ward.")["Tal Ward"] == ("resolved", "T14")


def test_kurdish_names_of_the_north_east_resolve_to_their_towns_alone(resolver: Resolver) -> None:
    # Kobane is Ain al-Arab only (not Afrin, which one source lists it for), Sere Kaniye is Ras al-Ain.
    found = _by_surface(
        resolver, "The SDF held Kobane, and Turkish-backed fighters took Sere Kaniye and Dirbesiye."
    )
    assert found["Kobane"] == ("resolved", "C1946")
    assert found["Sere Kaniye"] == ("resolved", "C4988")
    assert found["Dirbesiye"] == ("resolved", "C5054")


#: Pieces of text around a name that the mention filters' patterns turn on.
_PIECES = ("of", "the", "province", "city", "Idlib", "ofthe", "xof", "Al", "al-", "a-", " ", "  ", "\n", "\t", "-",
           ",", ".", "é", "_", "’", "of the", "Town")  # fmt: skip


def test_the_reversed_qualifier_pattern_finds_the_word_the_forward_search_finds() -> None:
    """The kind word before "of" or "of the" that ends the 40 characters before a name, matched on them
    reversed, is the word the search for ``(\\w+)\\s+of\\s+(?:the\\s+)?$`` finds (random texts)."""
    forward = re.compile(r"(\w+)\s+of\s+(?:the\s+)?$")
    rng = random.Random(12)
    found = 0
    for _ in range(20_000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(14)))
        text += rng.choice(("", " of ", " of the ", "of\n", " of  the\t", " of the the "))
        start = max(0, len(text) - 40)
        ahead = forward.search(text, start, len(text))
        behind = _QUALIFIER_BEFORE_REVERSED.match(text[start:][::-1])
        assert (ahead and ahead.group(1)) == (behind and behind.group(1)[::-1]), repr(text)
        found += ahead is not None
    assert found > 500


def test_a_name_without_a_space_or_hyphen_beside_it_has_no_word_beside_it() -> None:
    """The character tests that spare the neighbour patterns and the lowercase tail's reject only where
    they find nothing."""
    rng = random.Random(13)
    for _ in range(20_000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(10)))
        pos = rng.randrange(len(text) + 1)
        gap = text[pos - 2 : pos] if pos >= 2 else text[:pos]
        if gap[-1:] not in _GAPS and (gap[-1:] != "\n" or gap[:1] not in _GAPS):
            assert _WORD_BEFORE_REVERSED.match(text[max(0, pos - 40) : pos][::-1]) is None, (text, pos)
        if text[pos : pos + 1] not in _GAPS:
            assert _WORD_AFTER.match(text, pos, pos + 40) is None, (text, pos)
        if text[pos + 3 : pos + 4] != "-":  # the lowercase tail's article ends with its hyphen there
            assert _LOWERCASE_TAIL.match(text, pos) is None, (text, pos)
