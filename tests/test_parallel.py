"""Parallel and distributed extraction give byte-identical events files to one job."""

from pathlib import Path

import pytest

from frontlines.events import write_events
from frontlines.pipeline import extract


def _events_bytes(tmp_path: Path, name: str, corpus: Path, **options) -> bytes:
    result = extract(corpus, **options)
    out = tmp_path / f"{name}.csv"
    write_events(result.events, out)
    assert result.articles == 5
    return out.read_bytes()


def test_two_jobs_equal_one_job(tmp_path: Path, seeds_dir: Path) -> None:
    one = _events_bytes(tmp_path, "one", seeds_dir)
    assert one.count(b"\n") > 5
    assert _events_bytes(tmp_path, "two", seeds_dir, jobs=2) == one


def test_dask_local_cluster_equals_one_job(tmp_path: Path, seeds_dir: Path) -> None:
    pytest.importorskip("distributed")
    one = _events_bytes(tmp_path, "one", seeds_dir)
    assert _events_bytes(tmp_path, "dask", seeds_dir, engine="dask", jobs=2) == one


def test_errors_keep_file_and_line_across_processes(tmp_path: Path, seeds_dir: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for src in sorted(seeds_dir.glob("*.txt"))[:2]:
        (corpus / src.name).write_bytes(src.read_bytes())
    (corpus / "broken.txt").write_bytes(b"\x00\x00binary\x00")
    result = extract(corpus, jobs=2)
    assert [str(p) for p in result.problems] == [
        f"{corpus / 'broken.txt'}: not a text file (contains NUL bytes)"
    ]
    assert result.articles == 2
