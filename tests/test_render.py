"""Snapshot and timeline maps: data, escaping, determinism, size, offline assets."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, timedelta

import geopandas as gpd
import pytest
from browser_helpers import EVIL_IMG, EVIL_SCRIPT, aleppo_events, sample_events
from shapely.geometry import LineString, box

from frontlines.models import DateRange, Event, EventSource, Place
from frontlines.render import control_zones, controller_styles, render_snapshot, render_timeline
from frontlines.timeline import build_timeline

ON = date(2020, 2, 1)


@pytest.fixture(scope="module")
def timeline():
    return build_timeline(sample_events())


def blob(html: str) -> dict:
    """The payload of a page: its data blob, with ``strings`` from the blob that follows it."""
    match = re.search(
        r'<script type="application/json" id="(fl-data-[\w-]+)">(.*?)</script>', html, re.DOTALL
    )
    assert match, "no data blob"
    strings = re.search(
        rf'<script type="application/json" id="{match.group(1)}-strings">(.*?)</script>', html, re.DOTALL
    )
    assert strings, "no strings blob"
    return dict(json.loads(match.group(2)), strings=json.loads(strings.group(1)))


def test_controllers_table_has_every_side():
    styles = controller_styles()
    assert list(styles)[:8] == [
        "government",
        "opposition",
        "hts",
        "sdf",
        "isis",
        "turkey",
        "russia",
        "unknown",
    ]
    assert all(re.fullmatch(r"#[0-9a-f]{6}", s.colour) for s in styles.values())
    assert len({s.colour for s in styles.values()}) == len(styles)


def test_snapshot_holds_one_marker_per_mapped_place(timeline, tmp_path):
    out = tmp_path / "snap.html"
    html = render_snapshot(timeline, ON, out, tiles="none")
    assert out.read_text(encoding="utf-8") == html
    data = blob(html)
    points = [p for p in data["places"] if not p[6]]
    lines = [p for p in data["places"] if p[6]]
    assert len(points) == 6 and lines and all(p[0].startswith("m4@") for p in lines)  # the M4 by segment
    assert data["unmapped"] == 1  # Tall Nowhere has no coordinates
    assert "1 without coordinates not shown" in html and "Control on 1 February 2020" in html
    saraqib = next(p for p in data["places"] if p[0] == "saraqib")
    controller = data["controllers"][saraqib[7][2]][0]
    assert controller == "government"


def test_article_text_is_never_markup(timeline):
    for html in (render_snapshot(timeline, ON, None), render_timeline(timeline, None)):
        assert EVIL_SCRIPT not in html and EVIL_IMG not in html
        assert "<img" not in html and "javascript:alert" not in html
        assert html.count("</script>") == html.count("<script")  # nothing closes a script early
        data = blob(html)
        assert any(EVIL_SCRIPT in s and EVIL_IMG in s for s in data["strings"])  # kept, as text


def test_template_syntax_in_article_text_stays_text():
    """Jinja never reads the page's text: braces in evidence are neither evaluated nor an error."""
    events = sample_events()
    source = replace(events[0].sources[0], evidence="Braces {{ 7*7 }} and {% raw %} {# c #} in a report")
    events[0] = replace(events[0], sources=(source,))
    tl = build_timeline(events)
    for html in (render_snapshot(tl, ON, None), render_timeline(tl, None)):
        assert "Braces {{ 7*7 }} and {% raw %} {# c #} in a report" in blob(html)["strings"]


def test_renders_are_byte_identical(timeline):
    bg = gpd.GeoDataFrame(geometry=[box(36.2, 35.4, 37.3, 36.2)], crs="EPSG:4326")
    kw = {"tiles": "none", "zones": True, "background": bg, "self_contained": True}
    assert render_snapshot(timeline, ON, None, **kw) == render_snapshot(
        build_timeline(sample_events()), ON, None, **kw
    )
    assert render_timeline(timeline, None) == render_timeline(timeline, None)
    assert re.search(r"[0-9a-f]{32}", render_timeline(timeline, None)) is None  # no uuid-style ids


def test_timeline_size_grows_with_events_not_days():
    short = render_timeline(build_timeline(sample_events(60)), None)
    long = render_timeline(build_timeline(sample_events(600)), None)
    assert blob(long)["days"][1] > 9 * blob(short)["days"][1]
    assert abs(len(long) - len(short)) / len(short) < 0.05


def test_timeline_covers_the_day_before_the_first_change_to_the_day_after_the_last(timeline):
    data = blob(render_timeline(timeline, None))
    first, last = timeline.change_dates()[0], timeline.change_dates()[-1]
    assert data["base"] == (first - timedelta(days=1)).isoformat()
    assert data["days"] == [0, (last - first).days + 2]
    assert len(data["events"]) == sum(p[8][1] for p in data["places"])  # a highway segment repeats its towns'
    assert set(data["kinds"]) == {"capture", "recapture", "observation"}


ASSET = re.compile(r"<(?:script|link)\b[^>]*(?:src|href)=[\"']?(https?:)?//", re.IGNORECASE)


def test_self_contained_needs_no_network(timeline):
    html = render_snapshot(timeline, ON, None, tiles="none", self_contained=True)
    assert ASSET.search(html) is None
    assert "* Leaflet 1." in html and "url(images/" not in html  # Leaflet and its images are inline
    assert ASSET.search(render_timeline(timeline, None, tiles="none", self_contained=True)) is None


def test_only_leaflet_is_loaded(timeline):
    html = render_snapshot(timeline, ON, None, self_contained=False).lower()
    assert ASSET.search(html)  # the CDN build loads Leaflet...
    for name in ("jquery", "bootstrap", "font-awesome", "fontawesome", "awesome-markers"):
        assert name not in html  # ...and nothing else


def test_tiles_none_has_no_tile_url(timeline):
    bg = gpd.GeoDataFrame(geometry=[box(36.2, 35.4, 37.3, 36.2)], crs="EPSG:4326")
    html = render_snapshot(timeline, ON, None, tiles="none", background=bg)
    assert "{z}" not in html and "basemaps" not in html
    assert "fl-plain" in html
    assert "{z}" in render_snapshot(timeline, ON, None)
    assert "tileLayer" not in render_snapshot(timeline, ON, None, tiles="none", self_contained=False)


def test_zones_layer_is_off_and_approximate(timeline):
    html = render_snapshot(timeline, ON, None, tiles="none", zones=True)
    assert "Approximate control zones" in html
    zones = control_zones(timeline.state_on(ON))
    assert list(zones.columns) == ["controller", "label", "colour", "geometry"]
    assert set(zones.controller) == {"government", "hts", "opposition"}
    assert zones.crs.to_epsg() == 4326 and zones.geometry.is_valid.all()
    area = box(36.5, 35.5, 36.9, 36.0)
    clipped = control_zones(timeline.state_on(ON), clip=gpd.GeoDataFrame(geometry=[area], crs="EPSG:4326"))
    assert clipped.union_all().within(area.buffer(1e-3))


def test_embed_has_no_title_banner(timeline):
    html = render_snapshot(timeline, ON, None, embed=True)
    assert 'class="fl-title"' not in html and '<details class="fl-legend">' in html


def test_lines_argument_draws_a_highway_without_wkt():
    m5 = Place("m5", "M5 highway", "highway", None, None)
    event = Event("x", m5, "government", "opposition", "capture", DateRange(ON, ON, ON, "day"),
                  (EventSource("a", "Wire", "The M5 was taken."),), ("full_length",))  # fmt: skip
    tl = build_timeline([event])
    assert blob(render_snapshot(tl, ON, None))["places"] == []
    data = blob(render_snapshot(tl, ON, None, lines={"m5": LineString([(36.7, 35.5), (36.8, 36.0)])}))
    assert data["places"][0][6] == [[35.5, 36.7], [36.0, 36.8]]


def test_article_strings_have_a_blob_of_their_own(timeline):
    """The map draws from the first blob; the article text (most of the bytes) follows in a second."""
    html = render_timeline(timeline, None)
    main = re.search(r'<script type="application/json" id="fl-data-[\w-]+">(.*?)</script>', html, re.DOTALL)
    assert "strings" not in json.loads(main.group(1))
    assert html.index('-strings">') > main.end() - 10


def test_a_neighbourhood_change_is_drawn_as_its_polygon():
    """Its OCHA outline, simplified and rounded, in the page data; the city beside it stays a point."""
    import shapely
    from shapely.geometry import Point, Polygon

    events = aleppo_events()
    maqsoud = events[0].place
    original = shapely.from_wkt(maqsoud.geometry_wkt)
    timeline = build_timeline(events)
    for html in (render_snapshot(timeline, ON, None), render_timeline(timeline, None)):
        data = blob(html)
        area = next(p for p in data["places"] if p[0] == "N0123")
        assert area[5] == "a" and area[6] == 0 and len(area[10]) == 1
        ring = area[10][0]
        assert all(round(c, 5) == c for pair in ring for c in pair)
        drawn = Polygon([(lon, lat) for lat, lon in ring])
        assert drawn.is_valid and drawn.contains(Point(maqsoud.lon, maqsoud.lat))
        assert drawn.symmetric_difference(original).area < 0.02 * original.area
        assert len(ring) < len(original.exterior.coords)  # simplified
        city = next(p for p in data["places"] if p[0] == "C1007")
        assert city[5] == "p" and len(city) == 10  # a point, with no area field
        assert "Neighbourhood or region: its outline" in html
    snapshot = blob(render_snapshot(timeline, ON, None))
    area = next(p for p in snapshot["places"] if p[0] == "N0123")
    assert snapshot["certainties"][area[7][3]] == "changing"  # drawn as uncertain on 1 February
    assert (
        snapshot["controllers"][area[7][2]][0] == "sdf"
        and snapshot["controllers"][area[7][4]][0] == "government"
    )


def test_only_an_area_kind_with_a_polygon_is_an_area():
    square = "POLYGON ((37.15 36.23, 37.16 36.23, 37.16 36.24, 37.15 36.24, 37.15 36.23))"
    places = [
        Place("n1", "Quarter", "neighbourhood", 36.235, 37.155, geometry_wkt=square),
        Place("n2", "Quarter without outline", "neighbourhood", 36.21, 37.13),
        Place("t1", "Town with an outline", "populated_place", 36.3, 37.3, geometry_wkt=square),
        Place("r1", "Region without point", "region", None, None, geometry_wkt=square),
    ]
    src = (EventSource("a", "Wire", "The army took it."),)
    day = DateRange(ON, ON, ON, "day")
    timeline = build_timeline(
        [Event(f"e{i}", p, "government", "opposition", "capture", day, src) for i, p in enumerate(places)]
    )
    rows = {p[0]: p for p in blob(render_snapshot(timeline, ON, None))["places"]}
    assert {pid: row[5] for pid, row in rows.items()} == {"n1": "a", "n2": "p", "t1": "p", "r1": "a"}
    assert rows["r1"][3:5] == [36.235, 37.155]  # an area without a point opens its popup inside itself
    assert rows["n1"][10] == [[[36.23, 37.15], [36.23, 37.16], [36.24, 37.16], [36.24, 37.15]]]
