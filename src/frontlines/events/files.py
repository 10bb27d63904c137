"""Events in: the files ``extract`` writes (CSV, GeoJSON, GeoPackage), hand-edited or not, and ACLED exports.

A row draws exactly what it says: its place, coordinates, sides, kind and dates are taken as written.
The gazetteer only fills in what a row leaves out (a highway's line when the row has no coordinates,
the kind of a known place id). A bad row is reported with its line and skipped; the others are read.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, cast

from frontlines.errors import ExtractionError, FrontlinesError
from frontlines.events.acled import ACLED_MARKER, parse_table_date, read_acled
from frontlines.events.export import csv_unsafe
from frontlines.gazetteer import Gazetteer, Resolver, load_gazetteer
from frontlines.models import DateRange, Event, EventKind, EventSource, Place, Precision
from frontlines.schema import EVENT_KINDS, LINE_KINDS, PRECISIONS

#: Columns an events table must have (the rest of the extract columns are optional).
REQUIRED = ("place", "gainer", "kind", "date")
KINDS: frozenset[str] = frozenset(EVENT_KINDS)
_SOURCE = re.compile(r"^(?P<id>.*?)(?: \((?P<outlet>[^()]*)\))?$")


@dataclass
class EventsFile:
    """The events read from one file, the rows that could not be read, and ACLED rows skipped by type."""

    path: str
    format: str
    events: list[Event] = field(default_factory=list)
    problems: list[FrontlinesError] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    resolver: Resolver | None = None  # the gazetteer's, when reading needed it (to reuse for the next file)


class _Places:
    """The gazetteer and its resolver, each loaded on first use (most files name every coordinate)."""

    def __init__(self, directory: Path | None, resolver: Resolver | None):
        self._directory = directory
        self.loaded = resolver
        self._gazetteer = resolver.gazetteer if resolver else None

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self._directory)
        return self._gazetteer

    @property
    def resolver(self) -> Resolver:
        if self.loaded is None:
            self.loaded = Resolver(self.gazetteer)
        return self.loaded


def read_events(
    path: Path | str, gazetteer_dir: Path | None = None, *, resolver: Resolver | None = None
) -> EventsFile:
    """Read events from an extract CSV/GeoJSON/GeoPackage or an ACLED CSV export (``-`` reads stdin)."""
    places = _Places(gazetteer_dir, resolver)
    result = _read(str(path), places)
    result.resolver = places.loaded
    return result


def _read(name: str, places: _Places) -> EventsFile:
    suffix = Path(name).suffix.lower()
    if suffix == ".gpkg":
        return _from_features(name, _gpkg_features(name), places)
    text = _read_text(name)
    if suffix in (".geojson", ".json") or text.lstrip().startswith("{"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ExtractionError(f"not GeoJSON: {exc.msg}", path=name, line=exc.lineno) from None
        features = document.get("features") if isinstance(document, dict) else None
        if not isinstance(features, list):
            raise ExtractionError("not a GeoJSON FeatureCollection", path=name)
        return _from_features(name, features, places)
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip() for h in reader.fieldnames or ()]
    reader.fieldnames = header
    rows = ({k: csv_unsafe(v) if isinstance(v, str) else v for k, v in row.items()} for row in reader)
    if ACLED_MARKER in header:
        result = EventsFile(name, "acled")
        read_acled(rows, name, lambda: places.resolver, result.events, result.problems, result.skipped)
        return result
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ExtractionError(
            f"not an events table: missing column(s) {', '.join(missing)} (expected extract's CSV or an ACLED export)",
            path=name, line=1,
        )  # fmt: skip
    result = EventsFile(name, "csv")
    for line, row in enumerate(rows, start=2):
        _add(result, row, None, line, places)
    return result


def _read_text(name: str) -> str:
    try:
        if name == "-":
            return sys.stdin.read()
        return Path(name).read_text(encoding="utf-8-sig")  # a spreadsheet's BOM is not part of the header
    except UnicodeDecodeError:
        raise ExtractionError("not UTF-8 text", path=name) from None
    except OSError as exc:
        raise ExtractionError(f"cannot read events: {exc.strerror or exc}", path=name) from None


def _gpkg_features(name: str) -> list[dict[str, Any]]:
    import pyogrio  # type: ignore[import-untyped]
    from pyogrio.errors import DataLayerError, DataSourceError  # type: ignore[import-untyped]

    try:
        frame = pyogrio.read_dataframe(name)
    except (DataSourceError, DataLayerError, OSError) as exc:
        raise ExtractionError(f"cannot read GeoPackage: {exc}", path=name) from None
    features: list[dict[str, Any]] = json.loads(frame.to_json(drop_id=True))["features"]
    return features


def _from_features(name: str, features: list[Any], places: _Places) -> EventsFile:
    result = EventsFile(name, "geojson")
    for number, feature in enumerate(features, start=1):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(properties, dict):
            result.problems.append(ExtractionError("a feature without properties", path=name, line=number))
            continue
        _add(result, {k: _text(v) for k, v in properties.items()}, feature.get("geometry"), number, places,
             notes=properties.get("notes"))  # fmt: skip
    return result


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _add(
    result: EventsFile,
    row: dict[str, str],
    geometry: dict[str, Any] | None,
    line: int,
    places: _Places,
    notes: object = None,
) -> None:
    try:
        result.events.append(event_from_row(row, geometry, places, result.path, line, notes))
    except FrontlinesError as exc:
        result.problems.append(exc)


def event_from_row(
    row: dict[str, str],
    geometry: dict[str, Any] | None,
    places: _Places,
    path: str,
    line: int,
    notes: object = None,
) -> Event:
    """One event from a row of extract's columns (and a GeoJSON geometry, which wins over lat/lon)."""
    cell = {k: (v or "").strip() for k, v in row.items() if k is not None}
    kind = cell.get("kind", "")
    if kind not in KINDS:
        raise ExtractionError(f"kind must be one of {', '.join(sorted(KINDS))}, not {kind!r}", path, line)
    gainer = cell.get("gainer", "")
    if not gainer:
        raise ExtractionError("gainer is empty", path, line)
    place = _place(cell, geometry, places, path, line)
    dates = _dates(cell, path, line)
    sources = _sources(cell, dates, path, line)
    flags = tuple(f for f in cell.get("flags", "").split(";") if f.strip())
    event_id = (
        cell.get("event_id")
        or "ev-"
        + hashlib.sha1("\x1f".join(f"{k}={cell[k]}" for k in sorted(cell)).encode("utf-8")).hexdigest()[:12]
    )
    kept = tuple(str(n) for n in notes) if isinstance(notes, list) else ()
    return Event(
        event_id, place, gainer, cell.get("loser", ""), cast(EventKind, kind), dates, sources, flags, kept
    )


def _float(cell: dict[str, str], column: str, path: str, line: int) -> float | None:
    text = cell.get(column, "")
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise ExtractionError(f"{column} is not a number: {text!r}", path, line) from None
    if not math.isfinite(value):
        raise ExtractionError(f"{column} is not a number: {text!r}", path, line)
    return value


def _place(
    cell: dict[str, str], geometry: dict[str, Any] | None, places: _Places, path: str, line: int
) -> Place:
    name = cell.get("place", "")
    if not name:
        raise ExtractionError("place is empty", path, line)
    lat, lon = _float(cell, "lat", path, line), _float(cell, "lon", path, line)
    wkt = ""
    if isinstance(geometry, dict) and geometry.get("type") == "Point":
        lon, lat = (float(c) for c in geometry["coordinates"][:2])
    elif isinstance(geometry, dict) and geometry.get("type"):
        import shapely.geometry

        wkt = shapely.geometry.shape(geometry).wkt
    if lat is not None and not -90 <= lat <= 90 or lon is not None and not -180 <= lon <= 180:
        raise ExtractionError(f"coordinates out of range: {lat}, {lon}", path, line)
    if (lat is None) != (lon is None):
        raise ExtractionError("give both lat and lon, or neither", path, line)
    place_id = cell.get("place_id") or f"file:{name}"
    known = places.gazetteer.places.get(place_id) if cell.get("place_id") else None
    kind = known.kind if known else "populated_place"
    if (
        lat is None and not wkt and known is not None
    ):  # no coordinates: the gazetteer's, else none (not drawn)
        lat, lon, wkt = known.lat, known.lon, known.geometry_wkt
    elif kind in LINE_KINDS and not wkt:
        kind = "populated_place"  # a line given a point in the file is drawn as that point
    base = known or Place(place_id, name, kind, lat, lon)
    return replace(
        base, id=place_id, name=name, kind=kind, lat=lat, lon=lon, geometry_wkt=wkt,
        admin1=cell.get("admin1", base.admin1), admin2=cell.get("admin2", base.admin2),
        admin3=cell.get("admin3", base.admin3),
    )  # fmt: skip


def _day(cell: dict[str, str], column: str, path: str, line: int) -> date | None:
    text = cell.get(column, "")
    if not text:
        return None
    day = parse_table_date(text)
    if day is None:
        raise ExtractionError(f"{column} is not a date: {text!r} (expected YYYY-MM-DD)", path, line)
    return day


def _dates(cell: dict[str, str], path: str, line: int) -> DateRange:
    best = _day(cell, "date", path, line)
    earliest, latest = _day(cell, "date_earliest", path, line), _day(cell, "date_latest", path, line)
    if "date_earliest" not in cell and "date_latest" not in cell:
        earliest = latest = best
    if earliest and latest and earliest > latest:
        raise ExtractionError(f"date_earliest {earliest} is after date_latest {latest}", path, line)
    precision = cell.get("precision", "")
    if not precision:
        precision = "day" if best and earliest == latest == best else "unknown"
    if precision not in PRECISIONS:
        raise ExtractionError(
            f"precision must be one of {', '.join(PRECISIONS)}, not {precision!r}", path, line
        )
    return DateRange(earliest, latest, best, cast(Precision, precision))


def _sources(cell: dict[str, str], dates: DateRange, path: str, line: int) -> tuple[EventSource, ...]:
    names = [s.strip() for s in cell.get("sources", "").split(";") if s.strip()]
    evidence = [e.strip() for e in cell.get("evidence", "").split(" | ")] if cell.get("evidence") else []
    if not names:
        names = [f"{Path(path).name}:{line}"]  # a row nobody sourced is sourced by the file itself
    if len(evidence) != len(names):
        evidence = [" | ".join(evidence)] + [""] * (len(names) - 1)
    sources = []
    for name, text in zip(names, evidence):
        match = _SOURCE.match(name)
        article, outlet = (match["id"], match["outlet"] or "") if match else (name, "")
        sources.append(EventSource(article, outlet, text, dates=dates))
    return tuple(sources)
