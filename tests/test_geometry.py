"""One geometry rule for a place, used by the events files and the state frames alike."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from frontlines.events.export import events_frame, write_events
from frontlines.models import ControlState, DateRange, Event, EventSource, Place
from frontlines.timeline import states_frame

AREA = "POLYGON ((36.3 33.5, 36.5 33.5, 36.5 33.6, 36.3 33.6, 36.3 33.5))"
GHOUTA = Place("region:test", "Test area", "region", 33.55, 36.4, geometry_wkt=AREA)
TOWN = Place("T1", "Test town", "populated_place", 35.86, 36.8)
ROAD = Place("hwy:T", "Test road", "highway", None, None, geometry_wkt="LINESTRING (36.6 35.9, 36.8 35.86)")
NOWHERE = Place("out:x", "Elsewhere", "foreign_place", None, None)


def test_a_place_is_drawn_by_its_own_shape_before_its_point() -> None:
    assert GHOUTA.shape().geom_type == "Polygon"
    assert TOWN.shape().coords[0] == (36.8, 35.86)
    assert ROAD.shape().geom_type == "LineString"
    assert NOWHERE.shape() is None


def _event(place: Place) -> Event:
    day = date(2018, 4, 14)
    source = EventSource("a1", "Test outlet", "The army took the area.", published=day)
    return Event(f"e-{place.id}", place, "government", "opposition", "capture", DateRange(day, day, day, "day"),
                 (source,))  # fmt: skip


def test_events_and_states_use_the_same_geometry(tmp_path: Path) -> None:
    events = [_event(GHOUTA), _event(TOWN), _event(ROAD)]
    frame = events_frame(events).set_index("place_id")
    path = write_events(events, tmp_path / "events.geojson")
    features = {
        f["properties"]["place_id"]: f["geometry"]["type"] for f in json.loads(path.read_text())["features"]
    }
    states = states_frame(
        ControlState(p, date(2018, 4, 15), "government", date(2018, 4, 14), "reported")
        for p in (GHOUTA, TOWN, ROAD)
    ).set_index("place_id")
    for place, kind in ((GHOUTA, "Polygon"), (TOWN, "Point"), (ROAD, "LineString")):
        assert (
            frame.geometry[place.id].geom_type
            == states.geometry[place.id].geom_type
            == features[place.id]
            == kind
        )
