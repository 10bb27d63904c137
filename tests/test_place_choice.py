"""Which place a name means alone or beside the article's places: admin units and features named after
a town, far variants, one-letter articles (shipped gazetteer, sentences written here)."""

from __future__ import annotations

from frontlines.corpus import split_sentences
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article, Mention


def _mentions(resolver: Resolver, text: str) -> dict[str, Mention]:
    article = Article(id="a", path="a.txt", text=text, sentences=split_sentences(text))
    return {m.surface: m for m in find_mentions(article, resolver)}


def test_a_bare_city_name_is_the_city_not_the_units_or_airport_spelled_like_it(resolver: Resolver) -> None:
    # The district, subdistrict and airport list "Qamishli"; the city only "Al-Qamishli" and variants.
    place = _mentions(resolver, "Kurdish police said the attack on Qamishli killed four people.")[
        "Qamishli"
    ].place
    assert place is not None and place.kind == "populated_place" and place.admin1 == "Al-Hasakeh"


def test_a_name_only_admin_units_share_is_the_largest_unit(resolver: Resolver) -> None:
    place = _mentions(resolver, "The shelling of Rural Damascus went on for a week.")["Rural Damascus"].place
    assert place is not None and place.kind == "governorate"


def test_a_group_name_with_a_one_vowel_article_is_not_a_place(resolver: Resolver) -> None:
    found = _mentions(
        resolver,
        "On Monday, fighters of the Islamist group Ahrar a-Sham and its ally Nour e-Din al-Zenki clashed "
        "near Atareb.",
    )
    assert set(found) == {"Atareb"}


def test_a_variant_of_far_homonyms_is_the_place_of_that_spelling_beside_the_article(
    resolver: Resolver,
) -> None:
    found = _mentions(
        resolver,
        "Rebels withdrew from Kafr Zeit and Latamneh, north of Hama, after clashes with the army near Morek.",
    )
    kafr_zeit, morek = found["Kafr Zeit"], found["Morek"].place
    assert kafr_zeit.status == "resolved" and kafr_zeit.match == "fuzzy"
    assert kafr_zeit.place is not None and morek is not None and kafr_zeit.place.admin1 == "Hama"
    distance = kafr_zeit.candidates[0].distance_km
    assert distance is not None and distance <= 10


def test_a_variant_alone_keeps_its_far_homonyms(resolver: Resolver) -> None:
    assert _mentions(resolver, "Shelling was reported in Kafr Zeit.")["Kafr Zeit"].status == "ambiguous"
