"""The look-ups of unknown spellings come back from their cache as they were built; a cache that is
damaged, planted or built from other places is never trusted."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import numpy as np
import pytest
from test_index_cache import Planted

from frontlines.errors import FrontlinesWarning
from frontlines.gazetteer import NameIndex, Resolver, load_gazetteer
from frontlines.gazetteer.lookups import cached_lookups
from frontlines.gazetteer.nearby import NearbySpellings
from frontlines.gazetteer.parts import PartNames


def _tables(lookups: tuple[NearbySpellings, PartNames]) -> tuple[object, ...]:
    nearby, parts = lookups
    place_ids, keys, signatures, counts = nearby.tables()
    return place_ids, keys, signatures, counts.tolist(), parts.tables()


def _lookups(small_gazetteer: Path, cache: Path) -> tuple[NearbySpellings, PartNames]:
    gazetteer = load_gazetteer(small_gazetteer)
    index = NameIndex.cached(gazetteer, cache)
    return cached_lookups(gazetteer, index.name_forms, index.cache_key, cache)


def _quietly(small_gazetteer: Path, cache: Path) -> tuple[NearbySpellings, PartNames]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return _lookups(small_gazetteer, cache)


def test_the_cached_look_ups_equal_the_built_ones(resolver: Resolver, tmp_path: Path) -> None:
    """Over the shipped gazetteer: the same entries, signatures, letter counts and endings, and the
    same answers for spellings no source lists."""
    gazetteer, forms = resolver.gazetteer, resolver.index.name_forms
    built = cached_lookups(gazetteer, forms, "a key", tmp_path)
    assert len(list(tmp_path.glob("lookups-*.npz"))) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        read = cached_lookups(gazetteer, forms, "a key", tmp_path)
    assert (
        _tables(read)
        == _tables(built)
        == _tables((NearbySpellings.from_forms(gazetteer, forms()), PartNames(gazetteer, forms)))
    )
    assert len(_tables(read)[0]) > 20_000 and len(_tables(read)[4][1]) > 5_000
    fresh = NearbySpellings.from_forms(gazetteer, forms())
    anchors, _, _ = read[0].neighbourhoods()
    assert (
        len(anchors) > 5_000 and read[0]._rows and not read[0]._neighbourhoods
    )  # cut when the cache was written
    for place_id in anchors:
        place = gazetteer.places[place_id]
        assert read[0].neighbourhood(place).tolist() == fresh.neighbourhood(place).tolist(), place_id
    saraqib, maarrat = gazetteer.places["C3916"], gazetteer.places["C3985"]
    for name in ("Kaft Nabuda", "Jibeen", "Mazraat Hettin", "Al-Othman", "Tell Mardikh", "Nothing Here"):
        for anchors in ([saraqib], [maarrat], [saraqib, maarrat]):
            assert read[0].lookup(name, anchors) == built[0].lookup(name, anchors)
            assert read[1].ending_with(name, anchors, 60.0) == built[1].ending_with(name, anchors, 60.0)


def test_without_a_cache_the_look_ups_are_built(small_gazetteer: Path, tmp_path: Path) -> None:
    gazetteer = load_gazetteer(small_gazetteer)
    index = NameIndex(gazetteer)  # not read from a cache: no key to cache the look-ups by
    assert index.cache_key is None
    built = cached_lookups(gazetteer, index.name_forms, index.cache_key, tmp_path / "cache")
    assert not (tmp_path / "cache").exists()
    assert _tables(built) == _tables(_quietly(small_gazetteer, tmp_path / "cache"))


@pytest.mark.parametrize(
    "damage", ["truncated", "empty", "planted pickle", "arrays swapped", "numbers out of range"]
)
def test_a_damaged_cache_is_rebuilt_with_one_warning(
    small_gazetteer: Path, tmp_path: Path, damage: str
) -> None:
    cache = tmp_path / "cache"
    reference = _tables(_lookups(small_gazetteer, cache))
    (path,) = cache.glob("lookups-*.npz")
    marker = tmp_path / "ran"
    if damage == "truncated":
        path.write_bytes(path.read_bytes()[:300])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "planted pickle":  # arrays of objects, which only pickle could read
        buffer = io.BytesIO()
        np.savez(buffer, meta=np.array([Planted(marker)], dtype=object))
        path.write_bytes(buffer.getvalue())
    else:
        with np.load(path) as archive:
            arrays = {name: archive[name] for name in archive.files}
        if damage == "arrays swapped":
            arrays["skeletons"], arrays["initials"] = arrays["initials"], arrays["skeletons"]
        else:
            arrays["entries"] = arrays["entries"] + len(arrays["ids"])
        np.savez(path, **arrays)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert _tables(_lookups(small_gazetteer, cache)) == reference
    assert [w.category for w in caught] == [FrontlinesWarning]
    assert "unusable look-up cache" in str(caught[0].message)
    assert not marker.exists()
    assert _tables(_quietly(small_gazetteer, cache)) == reference  # rebuilt in place


def test_a_cache_built_from_other_places_is_never_used(small_gazetteer: Path, tmp_path: Path) -> None:
    """Moving a place changes no name, and so not the name index's key: the look-ups' key changes."""
    cache = tmp_path / "cache"
    before = _tables(_lookups(small_gazetteer, cache))
    (old,) = cache.glob("lookups-*.npz")
    places = small_gazetteer / "places.csv"
    places.write_text(
        places.read_text(encoding="utf-8").replace("35.907,36.804", "36.907,37.804"), encoding="utf-8"
    )
    moved = _tables(_quietly(small_gazetteer, cache))
    assert moved != before
    (new,) = set(cache.glob("lookups-*.npz")) - {old}
    new.write_bytes(old.read_bytes())  # an old file where the new key points is recognised and rebuilt
    with pytest.warns(FrontlinesWarning, match="other names or places"):
        assert _tables(_lookups(small_gazetteer, cache)) == moved
