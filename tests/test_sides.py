"""Gainer and loser of a change, on sentences written for these tests: the classes of sentence
several outlets use (labels of named sides, subjects across quotes and dashes, holders, inferred losers)."""

from __future__ import annotations

from datetime import date

from frontlines.corpus import split_sentences
from frontlines.events import extract_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article

THURSDAY = date(2019, 5, 16)


def sides(text: str, resolver: Resolver) -> list[tuple[str, str, str]]:
    """(place, loser, gainer) of every change the text reports, in text order."""
    doc = Article(id="t", path="t.txt", text=text, headline="", outlet="Test Wire", published=THURSDAY,
                  sentences=split_sentences(text))  # fmt: skip
    return [(e.place.name, e.loser, e.gainer) for e in extract_events(doc, find_mentions(doc, resolver))
            if e.changes_control]  # fmt: skip


def test_a_named_side_with_a_label_is_one_adversary_not_two(resolver: Resolver) -> None:
    text = "Kurdish-led forces fought IS insurgents near Saraqeb on Sunday. The SDF also captured Kafr Nabl on Monday."
    assert sides(text, resolver) == [("Kafr Nabl", "isis", "sdf")]
    text = ("The army pressed on against the jihadist rebels of HTS and their allies. "
            "Government forces captured Kafr Nabl on Monday.")  # fmt: skip
    assert sides(text, resolver) == [("Kafr Nabl", "hts", "government")]
