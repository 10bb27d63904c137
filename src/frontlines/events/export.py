"""Events out: a GeoDataFrame, and files chosen by extension (CSV by default, GeoJSON, GeoPackage).

CSV and GeoJSON bytes depend only on the events (sorted, no timestamps). A GeoPackage is an SQLite
database: its content is deterministic but SQLite does not promise identical bytes across runs.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from frontlines.atomic import atomic_open, atomic_path, write_text
from frontlines.errors import ExtractionError
from frontlines.models import DateRange, Event, Place
from frontlines.schema import EVENT_COLUMNS

if TYPE_CHECKING:  # frames and geometries are imported where they are made: a CSV needs neither
    import geopandas as gpd

CRS = "EPSG:4326"

#: ACLED's geo_precision by place kind: 1 the town itself, 2 a part of a region or a point on a line,
#: 3 only a larger region (its centre).
_GEO_PRECISION = {"populated_place": 1, "junction": 1, "subdistrict": 2, "region": 2, "highway": 2}
#: ACLED's time_precision by date precision: 1 the day, 2 the week, 3 the month or longer.
_TIME_PRECISION = {"day": 1, "week": 2}


def geo_precision(place: Place) -> int:
    """ACLED's geo_precision of a place (1 exact town, 2 near a town or on a line, 3 a larger region)."""
    code = _GEO_PRECISION.get(place.kind, 3)
    return min(code + 1, 3) if place.approximate else code


def time_precision(dates: DateRange) -> int | None:
    """ACLED's time_precision of a date range (1 day, 2 week, 3 month or longer); None when undated."""
    if dates.best is None and dates.earliest is None and dates.latest is None:
        return None
    return _TIME_PRECISION.get(dates.precision, 3)


def event_record(event: Event) -> dict[str, object]:
    """One event as a flat row (the CSV columns, in order)."""
    d = event.dates
    place = event.place
    return {
        "event_id": event.id,
        "place_id": place.id,
        "place": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": place.admin3,
        "geo_precision": geo_precision(place),
        "gainer": event.gainer,
        "loser": event.loser,
        "kind": event.kind,
        "date": d.best.isoformat() if d.best else "",
        "date_earliest": d.earliest.isoformat() if d.earliest else "",
        "date_latest": d.latest.isoformat() if d.latest else "",
        "precision": d.precision,
        "time_precision": time_precision(d),
        "n_sources": len(event.article_ids),
        "outlets": len(event.outlets),
        "n_reports": len(event.sources),
        "sources": ";".join(
            dict.fromkeys(f"{s.article_id} ({s.outlet})" if s.outlet else s.article_id for s in event.sources)
        ),
        "evidence": " | ".join(s.evidence for s in event.sources),
        "flags": ";".join(event.flags),
    }


def _sorted(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: ((e.dates.best or e.dates.latest or e.dates.earliest or "9999").__str__(),
                                         e.place.id, e.id))  # fmt: skip


def events_frame(events: Iterable[Event]) -> gpd.GeoDataFrame:
    """Events as a GeoDataFrame in EPSG:4326: the CSV columns plus a point (or a highway's line)."""
    import geopandas as gpd

    ordered = _sorted(events)
    records = [event_record(e) for e in ordered]
    frame = gpd.GeoDataFrame(
        records or {c: [] for c in EVENT_COLUMNS}, columns=list(EVENT_COLUMNS),
        geometry=[e.place.shape() for e in ordered], crs=CRS,
    )  # fmt: skip
    return frame


#: File extensions write_events understands.
FORMATS = (".csv", ".geojson", ".gpkg")


def output_format(path: Path | str) -> str:
    """The format (extension) events will be written in, or ExtractionError for an unknown one."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ExtractionError(
            f"unknown output format {suffix or '(no extension)'!r}; use one of {', '.join(FORMATS)}",
            path=str(path),
        )
    return suffix


def write_events(events: Iterable[Event], path: Path | str) -> Path:
    """Write events as CSV (default), GeoJSON (``.geojson``) or GeoPackage (``.gpkg``) by extension."""
    target = Path(path)
    suffix = output_format(target)
    ordered = _sorted(events)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if suffix == ".geojson":
            _write_geojson(ordered, target)
        elif suffix == ".gpkg":
            frame = events_frame(ordered)
            with atomic_path(target) as temp:
                frame.to_file(temp, driver="GPKG", layer="events", engine="pyogrio")
        else:
            _write_csv(ordered, target)
    except OSError as exc:
        raise ExtractionError(f"cannot write events: {exc.strerror or exc}", path=str(target)) from None
    return target


#: First characters that make a spreadsheet read a cell as a formula (OWASP's list), and the apostrophe
#: that marks a cell escaped (so that a cell which really starts with one is escaped too).
_FORMULA_START = frozenset("=+-@\t\r'")
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def csv_safe(text: str) -> str:
    """A CSV cell a spreadsheet shows as text and never runs: one starting with =, +, -, @, a tab or a
    carriage return (or an apostrophe) gets a leading apostrophe, as OWASP advises; numbers stay
    numbers. ``csv_unsafe`` undoes it exactly."""
    if text[:1] in _FORMULA_START and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_unsafe(text: str) -> str:
    """The cell ``csv_safe`` was given: its leading apostrophe removed."""
    return text.removeprefix("'")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6f}".rstrip("0").rstrip(".")
    return str(value)


def _write_csv(events: list[Event], target: Path) -> None:
    with atomic_open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(EVENT_COLUMNS)
        for event in events:
            record = event_record(event)
            writer.writerow([csv_safe(_cell(record[c])) for c in EVENT_COLUMNS])


def _write_geojson(events: list[Event], target: Path) -> None:
    from shapely.geometry import mapping

    features = []
    for event in events:
        geometry = event.place.shape()
        features.append({
            "type": "Feature",
            "id": event.id,
            "properties": event_record(event) | {"notes": list(event.notes)},
            "geometry": mapping(geometry) if geometry is not None else None,
        })  # fmt: skip
    document = {"type": "FeatureCollection", "features": features}
    write_text(target, json.dumps(document, ensure_ascii=False, indent=1) + "\n")
