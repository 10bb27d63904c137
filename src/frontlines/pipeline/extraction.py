"""Extraction of a corpus: articles read and extracted in one process, a forked pool or a Dask
cluster, their reports merged into events; and events loaded back from files."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path

from frontlines.corpus import ArticleSource, plan_corpus
from frontlines.errors import FrontlinesError, FrontlinesWarning
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Event
from frontlines.pipeline.resolving import check_gazetteer, make_resolver, routes_of
from frontlines.schema import MAX_ARTICLE_BYTES


@dataclass
class Extraction:
    """The merged events of a corpus and the inputs that could not be read."""

    corpus: str
    articles: int = 0
    reports: int = 0
    events: list[Event] = field(default_factory=list)
    problems: list[FrontlinesError] = field(default_factory=list)
    skipped: dict[str, int] = field(
        default_factory=dict
    )  # rows of an ACLED file that are not territory changes


#: Engines that can run an extraction.
ENGINES = ("local", "dask")
#: With ``jobs=0`` a corpus of fewer articles is read in this process: a pool would cost more than it saves
#: (on 50 benchmark articles two forked workers took 0.12-0.13 s, one process 0.14).
POOL_MIN_ARTICLES = 48
#: ... and where workers cannot fork (macOS, Windows) each imports, loads the gazetteer and warms up
#: itself (about 1 s, some 300 articles' work): one worker per this many articles, one per core at most.
ARTICLES_PER_SPAWNED_WORKER = 400


def worker_count(jobs: int, articles: int) -> int:
    """The processes that read ``articles`` articles: ``jobs``, or for 0 one per core this process may
    run on (one for a corpus of fewer than POOL_MIN_ARTICLES; fewer where workers cannot fork)."""
    if jobs < 0:
        raise FrontlinesError(f"jobs must be 0 (one per core) or more, not {jobs}")
    if jobs:
        return jobs
    if articles < POOL_MIN_ARTICLES:
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if _fork_context() is None:
        return max(1, min(cores, articles // ARTICLES_PER_SPAWNED_WORKER))
    return max(1, cores)


_worker_resolvers: dict[str | None, Resolver] = {}


def _resolver_for(gazetteer_dir: Path | str | None) -> Resolver:
    """One resolver per worker process and gazetteer (the index comes from the on-disk cache)."""
    key = str(gazetteer_dir) if gazetteer_dir is not None else None
    if key not in _worker_resolvers:
        _worker_resolvers[key] = make_resolver(Path(key) if key else None, check=False)
    return _worker_resolvers[key]


def _extract_partition(
    sources: list[ArticleSource], gazetteer_dir: str | None
) -> list[tuple[list[Event], FrontlinesError | None]]:
    """A Dask partition: the outcomes of its articles, in order."""
    return [_read_and_extract(source, gazetteer_dir) for source in sources]


def _extract_with_dask(
    sources: list[ArticleSource], gazetteer_dir: Path | None, scheduler: str | None, jobs: int
) -> list[tuple[list[Event], FrontlinesError | None]]:
    """Run the per-article work on a Dask cluster (a local one when no scheduler address is given)."""
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise FrontlinesError("the dask engine needs 'pip install frontlines[dask]'") from exc
    partitions = max(1, min(len(sources), jobs * 8))
    bag = db.from_sequence(sources, npartitions=partitions)  # type: ignore[no-untyped-call]  # dask is not annotated
    directory = str(gazetteer_dir) if gazetteer_dir is not None else None
    outcomes: list[tuple[list[Event], FrontlinesError | None]]
    if scheduler:
        with Client(scheduler) as client:  # type: ignore[no-untyped-call]  # distributed is not annotated
            outcomes = client.compute(bag.map_partitions(_extract_partition, directory)).result()
            return outcomes
    with (
        LocalCluster(n_workers=jobs, threads_per_worker=1, dashboard_address=None) as cluster,  # type: ignore[no-untyped-call]  # distributed is not annotated
        Client(cluster) as client,  # type: ignore[no-untyped-call]  # distributed is not annotated
    ):
        outcomes = client.compute(bag.map_partitions(_extract_partition, directory)).result()
        return outcomes


def _read_and_extract(
    source: ArticleSource, gazetteer: Resolver | Path | str | None
) -> tuple[list[Event], FrontlinesError | None]:
    """One article's reported events (one source each), or the error that reading it raised.

    ``gazetteer`` is a resolver, or (in worker processes) the gazetteer directory to build one from.
    """
    item = source.read()
    if isinstance(item, FrontlinesError):
        return [], item
    resolver = gazetteer if isinstance(gazetteer, Resolver) else _resolver_for(gazetteer)
    mentions = find_mentions(item, resolver, suggest=False)
    return extract_events(item, mentions, highways=routes_of(resolver)), None


#: The resolver that forked workers inherit from the process that started them (set while a pool runs).
_inherited: Resolver | None = None


def _fork_context() -> BaseContext | None:
    """The ``fork`` start method where it is safe (POSIX but macOS), else None (workers load their own)."""
    if sys.platform == "darwin" or "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _extract_inherited(source: ArticleSource) -> tuple[list[Event], FrontlinesError | None]:
    """One article in a forked worker, with the resolver it inherited."""
    assert _inherited is not None, "set before the pool forks"
    return _read_and_extract(source, _inherited)


def _extract_in_pool(
    sources: list[ArticleSource], gazetteer_dir: Path | None, resolver: Resolver | None, jobs: int
) -> Iterator[tuple[list[Event], FrontlinesError | None]]:
    """The outcomes of ``sources`` in order, read by ``jobs`` worker processes.

    Where processes fork, this process loads the resolver once and reads the first article itself,
    which also builds what the rules load on first use (the automaton, the lexicons); the workers
    inherit all of it instead of each loading the gazetteer and warming up again. Elsewhere each
    worker builds its own resolver from the on-disk index cache.
    """
    chunk = max(1, min(32, len(sources) // (jobs * 16)))
    context = _fork_context()
    if context is None:
        directory = [str(gazetteer_dir) if gazetteer_dir is not None else None] * len(sources)
        with ProcessPoolExecutor(jobs) as pool:
            yield from pool.map(_read_and_extract, sources, directory, chunksize=chunk)
        return
    global _inherited
    resolver = resolver if resolver is not None else make_resolver(gazetteer_dir)
    yield _read_and_extract(sources[0], resolver)
    _inherited = resolver
    gc.freeze()  # what the first article warmed up too (see ``_frozen_heap``, which thaws it all after)
    try:
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            yield from pool.map(_extract_inherited, sources[1:], chunksize=chunk)
    finally:
        _inherited = None


def extract(
    corpus: Path,
    gazetteer_dir: Path | None = None,
    *,
    resolver: Resolver | None = None,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    progress: Callable[[], None] | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> Extraction:
    """Extract and merge the control events of a corpus, streaming one article at a time.

    With ``jobs > 1`` worker processes read and process their own articles (forked ones inherit
    ``resolver``, or the one this process loads), and ``jobs=0`` runs one per core for a corpus large
    enough (``worker_count``); with ``engine="dask"`` the same work runs on a Dask cluster
    (``scheduler`` address, or a local cluster of ``jobs`` workers). Either way the result is
    the same as with one job: reports are merged in corpus order on the client.
    """
    if engine not in ENGINES:
        raise FrontlinesError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if resolver is None:
        check_gazetteer(gazetteer_dir)
    reports: list[Event] = []
    with _frozen_heap():  # from the listing on: a full collection there walked the previous run's heap
        sources, problems = plan_corpus(corpus, max_article_bytes)
        jobs = worker_count(jobs, len(sources))
        result = Extraction(corpus=str(corpus), problems=list(problems))
        outcomes: Iterable[tuple[list[Event], FrontlinesError | None]]
        if engine == "dask" and sources:
            outcomes = _extract_with_dask(sources, gazetteer_dir, scheduler, jobs)
        elif jobs > 1 and len(sources) > 1:
            outcomes = _extract_in_pool(sources, gazetteer_dir, resolver, jobs)
        else:
            resolver = resolver if resolver is not None else make_resolver(gazetteer_dir)
            gc.freeze()  # the gazetteer just loaded too
            outcomes = (_read_and_extract(s, resolver) for s in sources)
        _collect(outcomes, result, reports, progress)
        result.reports = len(reports)
        result.events = merge_events(reports)
    return result


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Leave the objects alive now (the gazetteer, its index, the warmed caches) out of the cyclic garbage
    collector's full collections until the block ends: they live as long as the run, and a full
    collection, which the reports piling up set off every few hundred articles, walked them each time
    for 0.15-1 s (in each worker too, where they are forked). The reports and memos that pile up join
    them as they come (``FREEZE_EVERY``); objects freed by their reference count are freed all the same."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def load_events(
    corpus: Path,
    events_files: Sequence[Path | str] | None = None,
    gazetteer_dir: Path | None = None,
    *,
    jobs: int = 1,
    progress: Callable[[], None] | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> Extraction:
    """The events of the events files (extract's CSV/GeoJSON/GeoPackage or ACLED exports, combined) when
    any are given, else those extracted from the corpus."""
    if not events_files:
        return extract(
            corpus, gazetteer_dir, jobs=jobs, progress=progress, max_article_bytes=max_article_bytes
        )
    from frontlines.events.files import read_events  # reads geometry files: imported only when needed

    result = Extraction(corpus=", ".join(str(f) for f in events_files))
    skipped: Counter[str] = Counter()
    resolver: Resolver | None = None
    for events_file in events_files:
        read = read_events(events_file, gazetteer_dir, resolver=resolver)
        resolver = read.resolver or resolver
        result.events.extend(read.events)
        result.problems.extend(read.problems)
        skipped.update(read.skipped)
    result.skipped = dict(skipped)
    return result


#: Articles after which what piled up (the reports, the resolver's memos) joins the frozen heap.
FREEZE_EVERY = 200


def _collect(
    outcomes: Iterable[tuple[list[Event], FrontlinesError | None]],
    result: Extraction,
    reports: list[Event],
    progress: Callable[[], object] | None,
) -> None:
    for events, problem in outcomes:
        if problem is not None:
            result.problems.append(problem)
        else:
            result.articles += 1
            reports.extend(events)
            _warn_if_after_article(events)
            if result.articles % FREEZE_EVERY == 0:
                gc.freeze()  # the reports and the resolver's memos so far: see ``_frozen_heap``
        if progress is not None:
            progress()


def _warn_if_after_article(reports: list[Event]) -> None:
    """One warning per report dated after the article it comes from (the dating rules forbid it)."""
    for report in reports:
        earliest = report.dates.earliest or report.dates.best
        for source in report.sources:
            if source.published is not None and earliest is not None and earliest > source.published:
                warnings.warn(f"{source.article_id}: {report.place.name} is dated {earliest}, after the article "
                              f"({source.published})", FrontlinesWarning, stacklevel=2)  # fmt: skip
