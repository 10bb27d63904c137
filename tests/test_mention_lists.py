"""Place mentions found from their context: every name of a list, and group acronyms that are not places."""

from __future__ import annotations

from frontlines.corpus import split_sentences
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.mentions.context import _NAME_TYPE
from frontlines.models import Article, Mention


def _mentions(resolver: Resolver, text: str) -> dict[str, Mention]:
    article = Article(id="a", path="a.txt", text=text, sentences=split_sentences(text))
    return {m.surface: m for m in find_mentions(article, resolver)}


def test_every_name_of_a_list_is_a_mention_past_an_unknown_one(resolver: Resolver) -> None:
    # "Qweirat Ghadir" is not in the gazetteer; the names after it still belong to the list.
    found = _mentions(resolver, "Militants left Khan Sheikhoun, Qweirat Ghadir, Tarmala and Hbeit overnight.")
    assert found["Qweirat Ghadir"].status == "unresolved"
    tarmala = found["Tarmala"]
    assert tarmala.status == "resolved" and tarmala.place is not None and tarmala.place.admin1 == "Idleb"


def test_the_islamic_state_acronym_is_not_a_village(resolver: Resolver) -> None:
    found = _mentions(resolver, "IS fighters withdrew from Raqqa on Monday, and IS later shelled the city.")
    assert "IS" not in found
    assert found["Raqqa"].status == "resolved"


def test_names_before_kind_words_are_found_whole() -> None:
    """ "X province", "X town": the whole name before the kind word, articles, bin and ibn included."""
    text = "Jisr al-Shughur district, Kafr Nabl town and Tell Abyad  city; the downtown of Maarat province"
    assert [m.group(1) for m in _NAME_TYPE.finditer(text)] == [
        "Jisr al-Shughur",
        "Kafr Nabl",
        "Tell Abyad",
        "Maarat",
    ]
    longest = "Rebels in Tell al Abyad bin Kafr ibn Nabl town"  # a name of seven words, the most there is
    assert [m.group(1) for m in _NAME_TYPE.finditer(longest)] == ["Tell al Abyad bin Kafr ibn Nabl"]


def test_a_name_after_a_possessive_is_a_mention(resolver: Resolver) -> None:
    # the owner ("Syria's", "Idlib's") is no part of the name after it; a short "Ra's" (a name's "head") is
    text = "Rebels advanced in Syria's Idlib province and took Idlib's Saraqeb on Monday."
    article = Article(id="a", path="a.txt", text=text, sentences=split_sentences(text))
    found = [(m.surface, m.place.kind if m.place else "") for m in find_mentions(article, resolver)]
    assert found == [
        ("Syria", "country"), ("Idlib", "governorate"), ("Idlib", "populated_place"), ("Saraqeb", "populated_place"),
    ]  # fmt: skip
