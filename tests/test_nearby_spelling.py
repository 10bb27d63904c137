"""Spellings no source lists, read as the one place of their loose signature beside the article's places
(shipped gazetteer, sentences written here)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz
from rapidfuzz.distance import Indel

from frontlines.cli import app
from frontlines.corpus import split_sentences
from frontlines.gazetteer import Resolver
from frontlines.gazetteer.nearby import (
    NEARBY_KM,
    NEARBY_RATIO,
    Grid,
    NearbySpellings,
    _lengths_within_ratio,
    coordinates,
    haversine_km,
    key_counts,
    letter_counts,
    nearest_km,
)
from frontlines.gazetteer.normalise import loose_signature, name_key
from frontlines.mentions import find_mentions
from frontlines.models import Article, Mention
from frontlines.schema import EARTH_RADIUS_KM

JBINE = "C3466"  # Jbine, Hama (Muhradah district); another Jbine lies 100 km away


def _mentions(resolver: Resolver, text: str) -> dict[str, Mention]:
    article = Article(id="a", path="a.txt", text=text, sentences=split_sentences(text))
    return {m.surface: m for m in find_mentions(article, resolver)}


@pytest.mark.parametrize(
    ("a", "b"), [("Jibeen", "Jbine"), ("Nazhah", "Nuzha"), ("Ramussa", "الراموسة"), ("al-Hobeit", "Hbit")]
)
def test_vowel_variants_share_a_loose_signature(a: str, b: str) -> None:
    assert loose_signature(a) is not None and loose_signature(a) == loose_signature(b)


@pytest.mark.parametrize(
    ("a", "b"), [("Husn", "Hseiniyeh"), ("al-Husn", "الحسينية"), ("Jibeen", "Jabal Bin")]
)
def test_the_nisba_suffix_and_the_word_count_keep_signatures_apart(a: str, b: str) -> None:
    assert loose_signature(a) != loose_signature(b)


def test_a_name_too_short_has_no_loose_signature() -> None:
    assert loose_signature("Afra") is None


def test_an_unlisted_spelling_beside_the_article_places_resolves_flagged_fuzzy(resolver: Resolver) -> None:
    found = _mentions(resolver, "Government troops captured Tal Milh and Jibeen, north of Mhardeh.")
    jibeen = found["Jibeen"]
    assert jibeen.status == "resolved" and jibeen.place is not None and jibeen.place.id == JBINE
    assert jibeen.match == "fuzzy"
    distance = jibeen.candidates[0].distance_km
    assert distance is not None and distance <= NEARBY_KM


@pytest.mark.parametrize(
    "text", ["Shelling was reported in Jibeen.", "Rebels entered Jibeen, east of Daraa."]
)
def test_an_unlisted_spelling_far_from_or_without_settled_places_stays_unresolved(
    resolver: Resolver, text: str
) -> None:
    jibeen = _mentions(resolver, text)["Jibeen"]
    assert jibeen.status == "unresolved" and jibeen.place is None


def test_a_name_without_the_nisba_suffix_is_not_the_nisba_village_beside_it(resolver: Resolver) -> None:
    found = _mentions(resolver, "Troops took Hseiniyeh, near Qusair, and pushed towards al-Husn.")
    assert found["Hseiniyeh"].place is not None
    assert found["al-Husn"].place is None


def test_a_one_letter_slip_is_the_place_the_article_names(resolver: Resolver) -> None:
    found = _mentions(
        resolver, "The army entered Kafr Nabuda on Sunday, four days after it had withdrawn from Kaft Nabuda."
    )
    town = found["Kafr Nabuda"].place
    assert town is not None and found["Kaft Nabuda"].place == town
    assert found["Kaft Nabuda"].match == "fuzzy"


def test_a_name_after_a_generic_head_is_tried_without_it(resolver: Resolver) -> None:
    found = _mentions(resolver, "Kurdish fighters took Mazraat Hettin, north of Raqqa, on Tuesday.")
    farm = found["Mazraat Hettin"]
    assert farm.place is not None and farm.place.name == "Hettin" and farm.match == "fuzzy"


def test_coverage_debug_prints_the_distance_of_a_spelling_read_by_proximity(runner, tmp_path: Path) -> None:
    (tmp_path / "near.txt").write_text(
        "Government troops captured Tal Milh and Jibeen, north of Mhardeh.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["coverage", str(tmp_path), "--debug"])
    assert result.exit_code == 0, result.output
    [line] = [line for line in result.output.splitlines() if line.startswith("near: 'Jibeen'")]
    assert f"({JBINE}, Hama)" in line and "spelling near a settled place" in line


def test_an_anchor_neighbourhood_holds_every_name_within_nearby_km(resolver: Resolver) -> None:
    """The one-letter-slip look-up only reads the name keys of each anchor's neighbourhood (grid cells,
    then distances): every name of a place within NEARBY_KM of a sampled anchor is in it, and
    nothing beyond NEARBY_KM and its slack."""
    gazetteer = resolver.gazetteer
    nearby = NearbySpellings.from_forms(gazetteer, resolver.index.name_forms())
    located = sorted(
        (
            p
            for p in gazetteer.places.values()
            if p.lat is not None and p.kind == "populated_place" and not p.outside
        ),
        key=lambda p: p.id,
    )
    lat, lon = coordinates(located)
    rng = random.Random(4)
    for anchor in rng.sample(located, 60):
        entries = nearby.neighbourhood(anchor).tolist()
        assert entries == sorted(set(entries))
        keys, places = [nearby._keys[i] for i in entries], [nearby._places[i] for i in entries]
        held = set(zip(keys, (p.id for p in places), strict=True))
        distances = haversine_km(lat, lon, np.array(anchor.lat), np.array(anchor.lon))
        for k in np.flatnonzero(distances <= NEARBY_KM):
            place = located[k]
            assert {(name_key(e.name), place.id) for e in gazetteer.names if e.place_id == place.id} <= held
        assert all(nearest_km([p], coordinates([anchor]))[0] <= NEARBY_KM + 1.0 for p in places)
        assert anchor.id in {p.id for p in places}


def test_a_grid_cut_holds_every_point_within_its_cell_size() -> None:
    """The cells read for a point hold every point within the cell size (as an arc) of it, at any
    latitude (the longitude span widens towards the poles) and across the antimeridian."""
    rng = random.Random(7)
    size = 0.1
    for centre_lat, centre_lon in [(35.9, 36.6), (0.0, 10.0), (70.0, -20.0), (89.95, 0.0), (-60.0, 179.97)]:
        lat = np.array([centre_lat + rng.uniform(-0.3, 0.3) for _ in range(3000)]).clip(-90, 90)
        lon = np.array([(centre_lon + rng.uniform(-3, 3) + 180) % 360 - 180 for _ in range(3000)])
        grid = Grid(lat, lon, size)
        for k in rng.sample(range(len(lat)), 40):
            cut = grid.around(float(lat[k]), float(lon[k]))
            assert cut.tolist() == sorted(set(cut.tolist()))  # ascending, each once
            distances = haversine_km(lat, lon, lat[k], lon[k])
            within = set(np.flatnonzero(distances <= np.radians(size) * EARTH_RADIUS_KM).tolist())
            assert within <= set(cut.tolist())
            assert k in within


def test_the_length_window_keeps_every_key_that_may_reach_nearby_ratio() -> None:
    """Keys are scored only within a window of lengths: no key outside it can reach NEARBY_RATIO (the
    Indel ratio is at most 200 * shorter / sum), and the keys that do are inside it."""
    for length in range(60):
        shortest, longest = _lengths_within_ratio(length)
        for other in range(80):
            key, candidate = "a" * length, "a" * other
            if fuzz.ratio(key, candidate) >= NEARBY_RATIO:
                assert shortest <= other <= longest, (length, other)
        assert shortest <= length <= longest


def test_letter_counts_never_part_keys_further_than_their_indel_distance(resolver: Resolver) -> None:
    """The letter-count filter of the one-letter-slip look-up keeps every key that may reach NEARBY_RATIO:
    the distance between two keys' counts is at most their Indel distance (shipped names, one-letter
    slips of them, and keys in Arabic script)."""
    rng = random.Random(5)
    names = sorted({name_key(e.name) for e in resolver.gazetteer.names})
    keys = rng.sample(names, 300)
    slipped = []
    for key in keys[:100]:
        k = rng.randrange(len(key) + 1)
        slipped += [key[:k] + "q" + key[k:], key[:k] + key[k + 1 :], key[:k] + "ب" + key[k + 2 :]]
    keys += slipped + ["", "حلب", "kafr nabuda", "kaft nabuda"]
    counts = letter_counts(keys)
    assert counts.shape == (len(keys), 28) and counts.sum(axis=1).tolist() == [len(k) for k in keys]
    assert (letter_counts(["kafr nabuda"]) == counts[keys.index("kafr nabuda")]).all()
    assert all((key_counts(key) == row).all() for key, row in zip(keys, counts))
    assert letter_counts(["a" * 300]).max() == key_counts("a" * 300).max() == 127  # capped, never wrapped
    pairs = [(i, 300 + 3 * i + s) for i in range(100) for s in range(3)]  # each key and its slips
    pairs += [(i, j) for i in range(len(keys)) for j in rng.sample(range(len(keys)), 40)]
    for i, j in pairs:
        assert np.abs(counts[i] - counts[j]).sum() <= Indel.distance(keys[i], keys[j]), (keys[i], keys[j])
