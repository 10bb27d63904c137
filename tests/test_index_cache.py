"""The name-index cache is data, not code: nothing in it runs, and a bad or stale one is rebuilt."""

from __future__ import annotations

import io
import os
import pickle
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest

from frontlines.cli import app
from frontlines.errors import FrontlinesWarning
from frontlines.gazetteer import NameIndex, load_gazetteer
from frontlines.gazetteer.normalise import article_split, loose_signature, name_key

TEXT = "Rebels took al-Nairab and Maarat an-Numan; سراقب fell, then Afs."


class Planted:
    """A pickle payload that makes a directory when it is unpickled."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (os.mkdir, (str(self.marker),))


def _cache_file(small_gazetteer: Path, cache: Path) -> Path:
    NameIndex.cached(load_gazetteer(small_gazetteer), cache)
    (path,) = cache.glob("index-*.npz")
    return path


def _cached_quietly(small_gazetteer: Path, cache: Path) -> NameIndex:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return NameIndex.cached(load_gazetteer(small_gazetteer), cache)


def _reference(small_gazetteer: Path) -> list:
    return NameIndex(load_gazetteer(small_gazetteer)).scan(TEXT)


@pytest.mark.parametrize("planted", ["bare pickle", "pickle inside the archive"])
def test_a_planted_pickle_runs_nothing_and_is_replaced(
    small_gazetteer: Path, tmp_path: Path, planted: str
) -> None:
    path = _cache_file(small_gazetteer, tmp_path / "cache")
    marker = tmp_path / "ran"
    if planted == "bare pickle":
        path.write_bytes(pickle.dumps(Planted(marker)))
    else:  # a valid archive whose arrays hold objects, which only pickle could read
        buffer = io.BytesIO()
        np.savez(buffer, meta=np.array([Planted(marker)], dtype=object))
        path.write_bytes(buffer.getvalue())
    with pytest.warns(FrontlinesWarning, match="unusable name-index cache"):
        index = NameIndex.cached(load_gazetteer(small_gazetteer), tmp_path / "cache")
    assert not marker.exists()
    assert index.scan(TEXT) == _reference(small_gazetteer)
    assert zipfile.is_zipfile(path)  # rebuilt in place: the next run reads it without a warning
    assert _cached_quietly(small_gazetteer, tmp_path / "cache").scan(TEXT) == _reference(small_gazetteer)


@pytest.mark.parametrize("damage", ["truncated", "zeroed", "empty", "arrays swapped", "a name's forms cut"])
def test_a_damaged_cache_is_rebuilt_with_one_warning(
    small_gazetteer: Path, tmp_path: Path, damage: str
) -> None:
    path = _cache_file(small_gazetteer, tmp_path / "cache")
    data = path.read_bytes()
    if damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "zeroed":
        path.write_bytes(data[:200] + bytes(len(data) - 400) + data[-200:])
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "a name's forms cut":  # one name fewer than the gazetteer has
        with np.load(path) as archive:
            arrays = {name: archive[name] for name in archive.files}
        forms = arrays["name_forms"].tobytes()
        arrays["name_forms"] = np.frombuffer(forms[: forms.rindex(b"\0", 0, len(forms) - 1) + 1], np.uint8)
        np.savez(path, **arrays)
    else:  # well-formed arrays that do not fit together
        with np.load(path) as archive:
            arrays = {name: archive[name] for name in archive.files}
        arrays["fold_values"], arrays["key_values"] = arrays["key_values"], arrays["fold_values"]
        arrays["pattern_offsets"] = arrays["pattern_offsets"][::-1].copy()
        np.savez(path, **arrays)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        index = NameIndex.cached(load_gazetteer(small_gazetteer), tmp_path / "cache")
    assert [w.category for w in caught] == [FrontlinesWarning]
    assert index.scan(TEXT) == _reference(small_gazetteer)
    assert _cached_quietly(small_gazetteer, tmp_path / "cache").scan(TEXT) == _reference(small_gazetteer)


def test_a_stale_cache_is_never_used(small_gazetteer: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    old = _cache_file(small_gazetteer, cache)
    names = small_gazetteer / "names.csv"
    names.write_text(names.read_text(encoding="utf-8") + "T6,Afesville,en,test\n", encoding="utf-8")
    # A new name is a new key: the old file is not read ...
    index = _cached_quietly(small_gazetteer, cache)
    assert [h.place_ids for h in index.scan("near Afesville")] == [("T6",)]
    # ... and an old file put where the new key points is recognised as stale and rebuilt.
    (new,) = set(cache.glob("index-*.npz")) - {old}
    new.write_bytes(old.read_bytes())
    with pytest.warns(FrontlinesWarning, match="other names or by another version"):
        index = NameIndex.cached(load_gazetteer(small_gazetteer), cache)
    assert [h.place_ids for h in index.scan("near Afesville")] == [("T6",)]


def test_the_cache_answers_like_a_fresh_index(small_gazetteer: Path, tmp_path: Path) -> None:
    gazetteer = load_gazetteer(small_gazetteer)
    fresh = NameIndex(gazetteer)
    NameIndex.cached(gazetteer, tmp_path)
    loaded = _cached_quietly(small_gazetteer, tmp_path)
    for name in ("Saraqeb", "Nairab", "Idlib", "سراقب", "Srqb", "Maarat Numan", "unknown"):
        assert loaded.lookup(name) == fresh.lookup(name)
        assert loaded.skeleton_places(name) == fresh.skeleton_places(name)
    assert loaded.keys() == fresh.keys() and loaded.name_count == fresh.name_count
    splits = [article_split(entry.name) for entry in gazetteer.names]
    forms = [
        (name_key(entry.name), name_key(split) if split else "", loose_signature(entry.name))
        for entry, split in zip(gazetteer.names, splits)
    ]
    assert loaded.name_forms() == fresh.name_forms() == forms
    assert any(form[2] is None for form in forms) and any(form[2] and form[2][3] for form in forms)
    assert any(form[1] for form in forms)
    assert loaded.scan(TEXT) == fresh.scan(TEXT) == fresh.scan_by_regex(TEXT)


def test_the_cli_warns_on_one_line_and_goes_on(
    runner, small_gazetteer: Path, tmp_path: Path, monkeypatch
) -> None:
    cache = tmp_path / "cache"
    path = _cache_file(small_gazetteer, cache)
    path.write_bytes(b"\x93NUMPY garbage")
    monkeypatch.setenv("FRONTLINES_CACHE", str(cache))
    result = runner.invoke(app, ["resolve", "Saraqeb", "--gazetteer", str(small_gazetteer), "--json"])
    assert result.exit_code == 0, result.output
    assert "T1" in result.stdout
    assert "Traceback" not in result.output
    assert [line for line in result.stderr.splitlines() if line] == [
        line
        for line in result.stderr.splitlines()
        if line.startswith("warning:") and "unusable name-index" in line
    ]
    assert len(result.stderr.splitlines()) == 1


def test_a_fifo_at_the_cache_path_neither_blocks_nor_is_written(
    small_gazetteer: Path, tmp_path: Path
) -> None:
    path = _cache_file(small_gazetteer, tmp_path / "cache")
    path.unlink()
    os.mkfifo(path)
    with pytest.warns(FrontlinesWarning, match="not a regular file"):
        index = NameIndex.cached(load_gazetteer(small_gazetteer), tmp_path / "cache")
    assert index.scan(TEXT) == _reference(small_gazetteer)
