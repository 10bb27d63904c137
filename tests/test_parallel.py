"""Parallel and distributed extraction give byte-identical events files to one job."""

import os
from pathlib import Path

import pytest

from frontlines.errors import FrontlinesError
from frontlines.events import write_events
from frontlines.pipeline import extract, extraction
from frontlines.pipeline.extraction import ARTICLES_PER_SPAWNED_WORKER, POOL_MIN_ARTICLES, worker_count


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


def test_jobs_zero_is_one_per_core_for_a_corpus_large_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert worker_count(0, POOL_MIN_ARTICLES) == 3
    assert worker_count(0, POOL_MIN_ARTICLES - 1) == 1  # a pool would cost more than it saves
    assert worker_count(2, 1) == 2  # an explicit count is kept whatever the corpus
    with pytest.raises(FrontlinesError, match="jobs must be 0"):
        worker_count(-1, 100)


def test_jobs_zero_spawns_workers_only_for_what_repays_their_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where workers cannot fork, each loads the gazetteer itself: one per ARTICLES_PER_SPAWNED_WORKER."""
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)
    monkeypatch.setattr(extraction, "_fork_context", lambda: None)
    assert worker_count(0, POOL_MIN_ARTICLES) == 1
    assert worker_count(0, 3 * ARTICLES_PER_SPAWNED_WORKER) == 3
    assert worker_count(0, 100 * ARTICLES_PER_SPAWNED_WORKER) == 8


def test_jobs_by_core_count_equal_one_job(tmp_path: Path, seeds_dir: Path) -> None:
    """The default of the CLI (``--jobs 0``) on a corpus large enough for a pool gives the same file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(seeds_dir.glob("*.txt"))
    for copy in range(-(-POOL_MIN_ARTICLES // len(seeds))):
        for src in seeds:
            (corpus / f"{copy:02d}_{src.name}").write_bytes(src.read_bytes())
    one, auto = extract(corpus, jobs=1), extract(corpus, jobs=0)
    assert one.articles == auto.articles >= POOL_MIN_ARTICLES and one.events
    write_events(one.events, tmp_path / "one.csv")
    write_events(auto.events, tmp_path / "auto.csv")
    assert (tmp_path / "auto.csv").read_bytes() == (tmp_path / "one.csv").read_bytes()
