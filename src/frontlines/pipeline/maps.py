"""What the maps are drawn from (events, timeline, background, cities), and ``build``: the maps
and event files of a corpus in one output directory."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from frontlines.atomic import lock_directory, replace_directory, write_text
from frontlines.errors import OutputError
from frontlines.gazetteer import default_directory, load_gazetteer
from frontlines.models import Event, Place
from frontlines.pipeline.extraction import Extraction, load_events
from frontlines.schema import MAX_ARTICLE_BYTES
from frontlines.timeline import INFER_DAYS, Timeline, build_timeline, is_change, is_vague

if TYPE_CHECKING:  # maps and frames are imported where they are used: start-up stays fast
    import geopandas as gpd


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
