"""The notebook API: ``frontlines.extract``, ``state_on``, ``snapshot`` and ``timeline``.

Every function takes events as a list of events, the result of :func:`extract`, an events file
(extract's CSV/GeoJSON/GeoPackage or an ACLED export) or a corpus directory. Maps come back as
:class:`MapView` objects, which show themselves in Jupyter and save as HTML, PNG or PDF.
"""

from __future__ import annotations

import html
import tempfile
import warnings
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import geopandas as gpd

from frontlines.atomic import write_text
from frontlines.dates import parse_iso
from frontlines.errors import FrontlinesWarning
from frontlines.events.acled import write_acled
from frontlines.events.export import events_frame, write_events
from frontlines.events.files import read_events
from frontlines.models import ControlState, Event
from frontlines.pipeline import Extraction, map_inputs
from frontlines.pipeline import extract as run_extract
from frontlines.render import render_snapshot, render_timeline
from frontlines.render.figure import DEFAULT_SIZE, FIGURE_FORMATS, printer
from frontlines.timeline import INFER_DAYS, states_frame

EventsLike = Iterable[Event] | Extraction | str | Path
#: Columns an events table shows in a notebook (the full set is in ``Events.frame()``).
SHOWN = ("date", "place", "gainer", "loser", "kind", "precision", "n_sources", "flags")


class Events(list[Event]):
    """The events of a corpus (a list), with the inputs that could not be read, a table and ``save``."""

    def __init__(self, events: Iterable[Event] = (), problems: Iterable[object] = ()):
        super().__init__(events)
        self.problems = list(problems)

    def frame(self) -> gpd.GeoDataFrame:
        """One row per event, extract's columns and a point (or line) geometry, EPSG:4326."""
        return events_frame(self)

    def save(self, path: Path | str, format: str | None = None) -> Path:
        """Write the events as CSV, GeoJSON or GeoPackage (by extension), or ``format="acled"``."""
        target = Path(path)
        if format == "acled":
            write_acled(self, target)
            return target
        return write_events(self, target)

    def _repr_html_(self) -> str:
        table = self.frame()[list(SHOWN)].to_html(index=False, escape=True, max_rows=60)
        problems = f"<p>{len(self.problems)} inputs could not be read.</p>" if self.problems else ""
        return f"<p>{len(self)} events</p>{problems}{table}"


class MapView:
    """A map page: shows itself in Jupyter (in an iframe) and saves as HTML, PNG or PDF."""

    def __init__(self, page: str, height: int = 560):
        self.html = page
        self.height = height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" style="width:100%;height:{self.height}px;'
                'border:0" sandbox="allow-scripts allow-popups"></iframe>')  # fmt: skip

    def save(self, path: Path | str, *, size: tuple[int, int] = DEFAULT_SIZE, scale: float = 1.0) -> Path:
        """Write the page (``.html``), or print it through headless Chromium (``.png``, ``.pdf``)."""
        target = Path(path)
        kind = target.suffix.lower().lstrip(".")
        if kind not in FIGURE_FORMATS:
            return write_text(target, self.html)
        with tempfile.TemporaryDirectory(prefix="frontlines-") as scratch, printer(size, scale) as browser:
            page = Path(scratch) / "map.html"
            page.write_text(self.html, encoding="utf-8")
            return browser.print(page, target, kind)


def extract(corpus: Path | str, gazetteer: Path | str | None = None, *, jobs: int = 1) -> Events:
    """The merged events of a corpus (a directory of .txt, HTML or Markdown articles, or one article file)."""
    result = run_extract(Path(corpus), Path(gazetteer) if gazetteer else None, jobs=jobs)
    return Events(result.events, result.problems)


def _events(events: EventsLike, gazetteer: Path | None) -> list[Event]:
    if isinstance(events, Extraction):
        return events.events
    if isinstance(events, str | Path):
        path = Path(events)
        if path.is_dir() or path.suffix.lower() == ".txt":
            return extract(path, gazetteer)
        read = read_events(path, gazetteer)
        for problem in read.problems:
            warnings.warn(FrontlinesWarning(str(problem)), stacklevel=3)
        return read.events
    return list(events)


def _day(on: date | str) -> date:
    return on if isinstance(on, date) else parse_iso(on)


def _since(state: ControlState) -> str | None:
    if state.since_latest is None:
        return state.since.isoformat() if state.since else None
    return f"{state.since.isoformat() if state.since else '..'}/{state.since_latest.isoformat()}"


def state_on(
    events: EventsLike,
    on: date | str,
    *,
    gazetteer: Path | str | None = None,
    infer_days: int | None = INFER_DAYS,
) -> gpd.GeoDataFrame:
    """Who held each place on a date, as a GeoDataFrame (``.explore()`` draws it); ``since`` is ISO text."""
    directory = Path(gazetteer) if gazetteer else None
    timeline = map_inputs(_events(events, directory), directory, infer_days=infer_days).timeline
    states = sorted(timeline.state_on(_day(on)), key=lambda s: s.place.id)
    frame = states_frame(states)
    frame["since"] = [_since(s) for s in states]
    return frame


def snapshot(
    events: EventsLike,
    on: date | str,
    *,
    gazetteer: Path | str | None = None,
    tiles: str = "OpenStreetMap",
    zones: bool = False,
    infer_days: int | None = INFER_DAYS,
) -> MapView:
    """The control map of one date (what ``frontlines map`` writes)."""
    directory = Path(gazetteer) if gazetteer else None
    inputs = map_inputs(_events(events, directory), directory, infer_days=infer_days)
    page = render_snapshot(inputs.timeline, _day(on), tiles=tiles, zones=zones, background=inputs.background,
                           cities=inputs.cities)  # fmt: skip
    return MapView(page)


def timeline(
    events: EventsLike,
    *,
    gazetteer: Path | str | None = None,
    tiles: str = "OpenStreetMap",
    infer_days: int | None = INFER_DAYS,
) -> MapView:
    """The map with a date slider across the events' dates (what ``frontlines timeline`` writes)."""
    directory = Path(gazetteer) if gazetteer else None
    inputs = map_inputs(_events(events, directory), directory, infer_days=infer_days)
    page = render_timeline(inputs.timeline, tiles=tiles, background=inputs.background, cities=inputs.cities)
    return MapView(page)
