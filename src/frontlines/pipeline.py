"""End-to-end operations the CLI exposes, as plain functions returning plain data."""

from __future__ import annotations

import gc
import multiprocessing
import re
import sys
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontlines.atomic import lock_directory, replace_directory, write_text
from frontlines.corpus import ArticleSource, iter_articles, plan_corpus
from frontlines.errors import FrontlinesError, FrontlinesWarning, GazetteerInvalid, OutputError
from frontlines.events import extract_events, merge_events
from frontlines.events.highways import HighwayRoute, highway_routes
from frontlines.gazetteer import Resolver, default_directory, load_gazetteer
from frontlines.gazetteer.validate import validate_gazetteer
from frontlines.mentions import find_mentions
from frontlines.models import Candidate, Event, Mention, Place
from frontlines.schema import MAX_ARTICLE_BYTES, MentionStatus
from frontlines.timeline import INFER_DAYS, Timeline, build_timeline, is_change, is_vague

if TYPE_CHECKING:  # maps, frames and the geocoder are imported where they are used: start-up stays fast
    import geopandas as gpd

    from frontlines.gazetteer.online import Geocoder

#: Statuses that count as covered by the gazetteer.
COVERED = frozenset({"resolved", "outside"})


def make_resolver(gazetteer_dir: Path | None = None, *, check: bool = True) -> Resolver:
    """A resolver over the shipped gazetteer, or over a user's gazetteer directory (checked first)."""
    if check:
        check_gazetteer(gazetteer_dir)
    gazetteer = load_gazetteer(gazetteer_dir)
    if check and gazetteer.problems:
        raise GazetteerInvalid(f"{len(gazetteer.problems)} problems; fix them first", gazetteer_dir,
                               errors=tuple(gazetteer.problems))  # fmt: skip
    return Resolver(gazetteer)


_checked: set[str] = set()


def check_gazetteer(gazetteer_dir: Path | None) -> None:
    """Run the validator's fast checks on a user's gazetteer once per process.

    Errors raise ``GazetteerInvalid`` (every one, file:line); notes become one warning each. The
    shipped gazetteer is checked by the test suite instead, so it costs nothing at run time.
    """
    if gazetteer_dir is None or str(gazetteer_dir) in _checked:
        return
    report = validate_gazetteer(Path(gazetteer_dir), fast=True)
    if report.errors:
        raise GazetteerInvalid(f"{len(report.errors)} errors; fix them first (frontlines gazetteer validate)",
                               gazetteer_dir, errors=report.errors)  # fmt: skip
    _checked.add(str(gazetteer_dir))
    for note in report.notes:
        warnings.warn(str(note), FrontlinesWarning, stacklevel=2)


@dataclass
class CoverageReport:
    """Every place-like mention of a corpus and whether the gazetteer covers it."""

    corpus: str
    gazetteer: str
    articles: int = 0
    mentions: list[Mention] = field(default_factory=list)
    problems: list[FrontlinesError] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # each mention's kind (see ``mention_kind``)

    @property
    def counts(self) -> dict[str, int]:
        """Mentions per status."""
        counted = Counter(m.status for m in self.mentions)
        return {s: counted.get(s, 0) for s in ("resolved", "outside", "ambiguous", "unresolved")}

    @property
    def counts_by_kind(self) -> dict[str, dict[str, int]]:
        """Mentions per kind of place and status, kinds sorted."""
        counted = Counter(zip(self.kinds, (m.status for m in self.mentions), strict=True))
        statuses: tuple[MentionStatus, ...] = ("resolved", "outside", "ambiguous", "unresolved")
        return {k: {s: counted.get((k, s), 0) for s in statuses} for k in sorted(set(self.kinds))}

    @property
    def coverage_pct(self) -> float:
        """Share of mentions that resolve to one place (inside or outside the region), 0–100."""
        if not self.mentions:
            return 100.0
        return round(100.0 * sum(m.status in COVERED for m in self.mentions) / len(self.mentions), 1)


def coverage(
    corpus: Path,
    resolver: Resolver,
    progress: Callable[[], None] | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> CoverageReport:
    """Find and resolve every place mention of a corpus; bad articles are reported, not fatal."""
    report = CoverageReport(corpus=str(corpus), gazetteer=resolver.gazetteer.source)
    report.problems.extend(resolver.gazetteer.problems)
    for item in iter_articles(corpus, max_article_bytes):
        if isinstance(item, FrontlinesError):
            report.problems.append(item)
            continue
        report.articles += 1
        found = find_mentions(item, resolver)
        report.mentions.extend(found)
        report.kinds.extend(mention_kind(item.text, m) for m in found)
        if progress is not None:
            progress()
    return report


def explain_extraction(
    corpus: Path, resolver: Resolver, max_article_bytes: int = MAX_ARTICLE_BYTES
) -> list[str]:
    """Why each trigger of a corpus, in a sentence that names a place, did or did not become an event
    (``extract --debug``): one line each, in corpus order (see :mod:`frontlines.events.explain`)."""
    lines: list[str] = []
    for item in iter_articles(corpus, max_article_bytes):
        if not isinstance(item, FrontlinesError):
            mentions = find_mentions(item, resolver, unresolved=False)
            extract_events(item, mentions, highways=_routes_of(resolver), trace=lines)
    return lines


#: Words next to a name that say what kind of place the text calls it ("the X camp", "the town of X").
_KIND_WORDS = {
    **dict.fromkeys(("town", "village", "city"), "populated_place"),
    **dict.fromkeys(("province", "governorate", "countryside"), "governorate"),
    **dict.fromkeys(("district", "neighbourhood", "neighborhood", "quarter", "suburb"), "neighbourhood"),
    **dict.fromkeys(("camp",), "camp"), **dict.fromkeys(("crossing", "border"), "crossing"),
    **dict.fromkeys(("airport", "airbase", "base", "airfield"), "airbase"), **dict.fromkeys(("dam",), "dam"),
    **dict.fromkeys(("hill", "hills", "mount", "mountain"), "hill"), **dict.fromkeys(("road", "street"), "road"),
    **dict.fromkeys(("highway", "motorway"), "highway"),
    **dict.fromkeys(("region", "plain", "plains", "valley", "area", "basin"), "region"),
}  # fmt: skip
_WORD_AFTER = re.compile(r"[\s-]+(\w+)")
_WORD_OF_BEFORE = re.compile(r"(\w+)\s+of\s+(?:the\s+)?$")


def mention_kind(text: str, mention: Mention) -> str:
    """The kind of place a mention is: its place's, its best candidate's, or the one its words name.

    An unresolved mention is of the kind a word beside it names ("the X camp", "the town of X"), or
    ``unknown``.
    """
    if mention.place is not None:
        return mention.place.kind
    if mention.candidates:
        return mention.candidates[0].place.kind
    after = _WORD_AFTER.match(text, mention.end)
    before = _WORD_OF_BEFORE.search(text[max(0, mention.start - 40) : mention.start])
    for match in (after, before):
        if match and match.group(1).lower() in _KIND_WORDS:
            return _KIND_WORDS[match.group(1).lower()]
    return "unknown"


def homonym_decisions(mentions: Iterable[Mention]) -> list[str]:
    """One line per mention whose homonym geography decided: the choice, its distance and the runner-up's.

    The distance is the candidate's mean distance to the article's other places (see
    ``Resolver.choose_in_article``), the figure that ranked it; for a spelling read by proximity
    (match ``fuzzy``, ``Resolver.nearby_spelling``), its distance to the nearest settled place.
    """
    lines = []
    for m in mentions:
        ranked = [c for c in m.candidates if c.distance_km is not None]
        if m.place is None or m.match not in ("context", "fuzzy") or not ranked:
            continue
        best, *rest = ranked
        how = " (spelling near a settled place)" if m.match == "fuzzy" else ""
        line = f"{m.article_id}: {m.surface!r} at {m.start} -> {_where(best)} at {best.distance_km} km{how}"
        if rest:
            line += f"; next {_where(rest[0])} at {rest[0].distance_km} km"
        lines.append(line)
    return lines


def _where(candidate: Candidate) -> str:
    place = candidate.place
    return f"{place.name} ({place.id}, {place.admin1 or place.kind})"


def place_record(place: Place) -> dict[str, object]:
    """The JSON form of a place."""
    return {
        "id": place.id, "name": place.name, "kind": place.kind, "lat": place.lat, "lon": place.lon,
        "admin1": place.admin1,
    }  # fmt: skip


def candidate_record(candidate: Candidate) -> dict[str, object]:
    """The JSON form of a candidate: the place and how it matched."""
    record = place_record(candidate.place) | {"match": candidate.match}
    if candidate.distance_km is not None:
        record["distance_km"] = candidate.distance_km
    return record


def mention_record(mention: Mention, resolver: Resolver) -> dict[str, object]:
    """The JSON form of a mention (see the README for the schema)."""
    place = mention.place
    places = resolver.gazetteer.places
    return {
        "article": mention.article_id,
        "surface": mention.surface,
        "start": mention.start,
        "end": mention.end,
        "sentence": mention.sentence_index,
        "status": mention.status,
        "place_id": place.id if place else None,
        "name": place.name if place else None,
        "kind": place.kind if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "match": mention.match or None,
        "candidates": [candidate_record(c) for c in mention.candidates]
        if mention.status == "ambiguous"
        else [],
        "suggestions": [place_record(places[p]) for p in mention.suggestions if p in places],
    }


def coverage_record(report: CoverageReport, resolver: Resolver) -> dict[str, object]:
    """The JSON document `frontlines coverage --json` prints."""
    return {
        "corpus": report.corpus,
        "gazetteer": report.gazetteer,
        "articles": report.articles,
        "coverage_pct": report.coverage_pct,
        "counts": report.counts,
        "counts_by_kind": report.counts_by_kind,
        "mentions": [mention_record(m, resolver) for m in report.mentions],
        "problems": [str(p) for p in report.problems],
    }


def resolve_record(query: str, resolver: Resolver, geocoder: Geocoder | bool = False) -> dict[str, object]:
    """The JSON form of `frontlines resolve NAME`: candidates best first, or fuzzy suggestions.

    With ``geocoder`` (True for Nominatim, or a geopy geocoder), a name the gazetteer lacks is also
    looked up online; those candidates are labelled ``geocoded``.
    """
    candidates = resolver.resolve_name(query)
    if not candidates and geocoder:
        from frontlines.gazetteer.online import geocoded_candidates

        candidates = geocoded_candidates(query, None if geocoder is True else geocoder)
    return {
        "query": query,
        "candidates": [candidate_record(c) for c in candidates],
        "suggestions": [] if candidates else [candidate_record(c) for c in resolver.suggestions(query)],
    }


# -- extraction ----------------------------------------------------------------------------------


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
    mentions = find_mentions(item, resolver, unresolved=False)
    return extract_events(item, mentions, highways=_routes_of(resolver)), None


#: The highway routes of each resolver's gazetteer, by resolver id (the resolver is kept alive with them).
_routes: dict[int, tuple[Resolver, tuple[HighwayRoute, ...]]] = {}


def _routes_of(resolver: Resolver) -> tuple[HighwayRoute, ...]:
    """The highways of the gazetteer in use: a user's gazetteer is the whole gazetteer, highways included."""
    cached = _routes.get(id(resolver))
    if cached is None or cached[0] is not resolver:
        cached = _routes[id(resolver)] = (resolver, highway_routes(resolver.gazetteer.places.values()))
    return cached[1]


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
    ``resolver``, or the one this process loads); with ``engine="dask"`` the same work runs on a Dask
    cluster (``scheduler`` address, or a local cluster of ``jobs`` workers). Either way the result is
    the same as with one job: reports are merged in corpus order on the client.
    """
    if engine not in ENGINES:
        raise FrontlinesError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if resolver is None:
        check_gazetteer(gazetteer_dir)
    reports: list[Event] = []
    with _frozen_heap():  # from the listing on: a full collection there walked the previous run's heap
        sources, problems = plan_corpus(corpus, max_article_bytes)
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


# -- state and maps -----------------------------------------------------------------------------


def background(gazetteer_dir: Path | None = None, level: int = 1) -> gpd.GeoDataFrame | None:
    """The gazetteer's admin boundaries (ADM0–2) as a plain map background, if it has them."""
    import geopandas as gpd

    root = Path(str(default_directory())) if gazetteer_dir is None else Path(gazetteer_dir)
    path = root / "boundaries" / f"adm{level}.geojson"
    return gpd.read_file(path) if path.is_file() else None


#: Cities named on a map's reference layer: the most populous, at least this far apart.
CITY_COUNT = 20
CITY_SPACING_KM = 25.0


def main_cities(places: Iterable[Place]) -> list[tuple[str, float, float]]:
    """(name, lat, lon) of the ``CITY_COUNT`` most populous towns, each ``CITY_SPACING_KM`` from a bigger one."""
    ranked = sorted(
        (
            p
            for p in places
            if p.kind == "populated_place" and p.population and p.lat is not None and p.lon is not None
        ),
        key=lambda p: (-p.population, p.id),
    )
    chosen: list[tuple[str, float, float]] = []
    for p in ranked:
        if len(chosen) == CITY_COUNT:
            break
        if all(_far(p.lat, p.lon, lat, lon) for _, lat, lon in chosen):  # type: ignore[arg-type]  # located, filtered above
            chosen.append((p.name, p.lat, p.lon))  # type: ignore[arg-type]  # located, filtered above
    return chosen


def _far(lat1: float, lon1: float, lat2: float, lon2: float) -> bool:
    km: float = 111.2 * ((lat1 - lat2) ** 2 + ((lon1 - lon2) * 0.82) ** 2) ** 0.5
    return km > CITY_SPACING_KM


@dataclass
class MapInputs:
    """What every map of a corpus needs besides its events: the timeline and the reference layer."""

    timeline: Timeline
    background: gpd.GeoDataFrame | None
    cities: list[tuple[str, float, float]]


def map_inputs(
    events: Iterable[Event], gazetteer_dir: Path | None = None, *, infer_days: int | None = INFER_DAYS
) -> MapInputs:
    """The timeline of ``events`` (the gazetteer's highways held by segment), its background and cities."""
    places = load_gazetteer(gazetteer_dir).places
    timeline = build_timeline(events, infer_days=infer_days, gazetteer=places)
    return MapInputs(timeline, background(gazetteer_dir), main_cities(places.values()))


def state_warning(timeline: Timeline, on: date) -> str:
    """Why a map or state of ``on`` shows little or nothing ("" when it shows some reported state)."""
    span = timeline.span_of_days()
    if span is None:
        return "the reports give no dated event: no state is known on any date"
    first, last = span
    if on < first:
        return f"{on.isoformat()} is before the first date the reports give ({first.isoformat()}): little or nothing is known"
    if on > last:
        return f"{on.isoformat()} is after the last date the reports give ({last.isoformat()}): states are carried forward"
    if not timeline.state_on(on):
        return f"no place has a reported or inferred state on {on.isoformat()}"
    return ""


def snapshot_dates(timeline: Timeline) -> list[date]:
    """The dates worth a snapshot: each date on which a change with a precise date happened and the
    day before it, and the last day of each change with a vague date (never every day of its range)."""
    exact = set(timeline.change_dates(vague=False))
    vague = {e.dates.latest for e in timeline.events if is_change(e) and is_vague(e) and e.dates.latest}
    return sorted(exact | {d - timedelta(days=1) for d in exact} | vague)


@dataclass
class BuildResult:
    """What ``build`` wrote."""

    extraction: Extraction
    files: list[Path] = field(default_factory=list)


def build(
    corpus: Path,
    out_dir: Path,
    gazetteer_dir: Path | None = None,
    *,
    jobs: int = 1,
    tiles: str = "OpenStreetMap",
    self_contained: bool = True,
    infer_days: int | None = INFER_DAYS,
    progress: Callable[[], None] | None = None,
    events_files: Sequence[Path | str] | None = None,
    figures: Sequence[str] = (),
    figure_size: tuple[int, int] = (1600, 1000),
    figure_scale: float = 1.0,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> BuildResult:
    """Extract once (or read ``events_files``) and write events.csv, events.geojson, snapshots,
    timeline.html and index.html.

    ``out_dir`` is locked for the whole run (a second build into it fails at once), the files are
    written into a staging directory, and that is swapped in whole: the previous build's pages are
    gone, files of others kept, and a failed or killed build leaves the previous one as it was.
    ``figures`` (``png``, ``pdf``) also prints each snapshot at ``figure_size`` through headless Chromium.
    """
    from frontlines.render.page import check_tiles

    check_tiles(tiles)
    with lock_directory(out_dir):
        extraction = load_events(
            corpus,
            events_files,
            gazetteer_dir,
            jobs=jobs,
            progress=progress,
            max_article_bytes=max_article_bytes,
        )
        result = BuildResult(extraction)
        try:
            with replace_directory(out_dir, lambda name: BUILD_FILES.fullmatch(name) is not None) as staging:
                names = _write_build(
                    extraction,
                    staging,
                    gazetteer_dir,
                    tiles=tiles,
                    self_contained=self_contained,
                    infer_days=infer_days,
                )
                if figures:
                    names += _print_snapshots(staging, names, figures, figure_size, figure_scale)
        except OSError as exc:
            raise OutputError(f"cannot write the build: {exc.strerror or exc}", path=str(out_dir)) from None
    result.files = [out_dir / name for name in names]
    return result


#: The files a build writes (and so may remove when the next build no longer writes them).
BUILD_FILES = re.compile(
    r"events\.csv|events\.geojson|timeline\.html|index\.html|\d{4}-\d{2}-\d{2}\.(html|png|pdf)"
)


def _print_snapshots(
    out_dir: Path, names: list[str], figures: Sequence[str], size: tuple[int, int], scale: float
) -> list[str]:
    """Print each snapshot page of a build to PNG and/or PDF beside it; the names written."""
    from frontlines.render.figure import printer

    printed = []
    with printer(size, scale) as browser:
        for name in names:
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}\.html", name):
                for fmt in figures:
                    browser.print(out_dir / name, out_dir / f"{name[:-5]}.{fmt}", fmt)
                    printed.append(f"{name[:-5]}.{fmt}")
    return printed


def _write_build(
    extraction: Extraction,
    out_dir: Path,
    gazetteer_dir: Path | None,
    *,
    tiles: str,
    self_contained: bool,
    infer_days: int | None,
) -> list[str]:
    from frontlines.events.export import write_events
    from frontlines.render import render_snapshot, render_timeline
    from frontlines.render.index_page import index_page

    names = ["events.csv", "events.geojson"]
    for name in names:
        write_events(extraction.events, out_dir / name)
    inputs = map_inputs(extraction.events, gazetteer_dir, infer_days=infer_days)
    timeline = inputs.timeline
    options: dict[str, Any] = {
        "tiles": tiles, "self_contained": self_contained, "background": inputs.background, "cities": inputs.cities,
    }  # fmt: skip
    snapshots = snapshot_dates(timeline)
    for day in snapshots:
        render_snapshot(timeline, day, out_dir / f"{day.isoformat()}.html", **options)
        names.append(f"{day.isoformat()}.html")
    if snapshots:  # a slider needs at least one dated change
        render_timeline(timeline, out_dir / "timeline.html", **options)
        names.append("timeline.html")
    page = index_page(
        extraction.corpus, extraction.articles, extraction.events, snapshots, timeline=bool(snapshots)
    )
    write_text(out_dir / "index.html", page)
    return [*names, "index.html"]
