"""Export: column order, deterministic bytes, GeoJSON and GeoPackage."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import geopandas as gpd

from frontlines.events import EVENT_COLUMNS, events_frame, write_events
from frontlines.models import DateRange, Event, EventSource, Place

TOWN = Place("C4068", "Kafr Nabl", "populated_place", 35.61, 36.56)
ROAD = Place("hwy:M5", "M5", "highway", None, None, geometry_wkt="LINESTRING (36.2 33.5, 37.1 36.2)")


def sample() -> list[Event]:
    d = date(2019, 5, 14)
    sources = (
        EventSource("a", "Wire A", "The army captured Kafr Nabl."),
        EventSource("b", "", "Kafr Nabl fell."),
    )
    return [
        Event("ev-2", ROAD, "opposition", "government", "capture", DateRange(None, d, d), sources[:1]),
        Event("ev-1", TOWN, "government", "opposition", "capture", DateRange(d, d, d, "day"), sources,
              flags=("contested_date", "date_inferred")),
        Event("ev-3", TOWN, "government", "", "observation", DateRange(d, d, d, "day"), sources[1:]),
    ]  # fmt: skip


def test_csv_columns_values_and_determinism(tmp_path: Path) -> None:
    first = write_events(sample(), tmp_path / "events.csv")
    second = write_events(list(reversed(sample())), tmp_path / "again.csv")
    assert first.read_bytes() == second.read_bytes()
    with first.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == EVENT_COLUMNS == (
        "event_id", "place_id", "place", "lat", "lon", "admin1", "admin2", "admin3", "geo_precision", "gainer",
        "loser", "kind", "date", "date_earliest", "date_latest", "precision", "time_precision", "n_sources",
        "outlets", "n_reports", "sources", "evidence", "flags",
    )  # fmt: skip
    town = next(r for r in rows if r["event_id"] == "ev-1")
    assert (
        town["sources"] == "a (Wire A);b"
        and town["evidence"] == "The army captured Kafr Nabl. | Kafr Nabl fell."
    )
    assert (
        town["flags"] == "contested_date;date_inferred"
        and town["n_sources"] == "2"
        and town["lat"] == "35.61"
    )
    assert {r["kind"] for r in rows} == {"capture", "observation"}
    road = next(r for r in rows if r["event_id"] == "ev-2")
    # ACLED's codes: a town is exact (1), a point on a road is near (2); a day is 1, an open range 3.
    assert (town["geo_precision"], town["time_precision"]) == ("1", "1")
    assert (road["geo_precision"], road["time_precision"]) == ("2", "3")


def test_sources_count_articles_and_outlets_not_sentences(tmp_path: Path) -> None:
    d = date(2019, 5, 14)
    sources = (
        EventSource("a", "Wire A", "The army captured Kafr Nabl."), EventSource("a", "Wire A", "Kafr Nabl is now held."),
        EventSource("c", "Wire A", "Troops took Kafr Nabl."), EventSource("d", "", "Kafr Nabl fell."),
    )  # fmt: skip
    event = Event("ev-9", TOWN, "government", "opposition", "capture", DateRange(d, d, d, "day"), sources)
    with write_events([event], tmp_path / "events.csv").open(encoding="utf-8") as handle:
        (row,) = csv.DictReader(handle)
    assert (row["n_sources"], row["outlets"], row["n_reports"]) == ("3", "2", "4")
    assert row["sources"] == "a (Wire A);c (Wire A);d"


def test_frame_geojson_and_gpkg(tmp_path: Path) -> None:
    frame = events_frame(sample())
    assert list(frame.columns) == [*EVENT_COLUMNS, "geometry"] and frame.crs.to_epsg() == 4326
    assert set(frame.geometry.geom_type) == {"Point", "LineString"}
    path = write_events(sample(), tmp_path / "events.geojson")
    assert path.read_bytes() == write_events(sample(), tmp_path / "b.geojson").read_bytes()
    assert len(json.loads(path.read_text(encoding="utf-8"))["features"]) == 3
    gpkg = write_events(sample(), tmp_path / "events.gpkg")
    assert sorted(gpd.read_file(gpkg)["event_id"]) == ["ev-1", "ev-2", "ev-3"]


def test_an_unknown_extension_is_a_clear_error(tmp_path) -> None:
    import pytest

    from frontlines.errors import ExtractionError
    from frontlines.events import write_events

    with pytest.raises(ExtractionError, match="unknown output format '.xyz'"):
        write_events([], tmp_path / "events.xyz")
    assert not (tmp_path / "events.xyz").exists()
