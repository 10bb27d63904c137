"""The maps in headless Chromium: markers, slider, popups, offline use, hostile text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import geopandas as gpd
import pytest
from browser_helpers import (
    EVIL_IMG,
    EVIL_SCRIPT,
    PageWatch,
    aleppo_events,
    browser,
    chromium_available,
    sample_events,
)  # fmt: skip
from shapely.geometry import Polygon

from frontlines.render import render_snapshot, render_timeline
from frontlines.timeline import build_timeline

pytestmark = pytest.mark.skipif(not chromium_available(), reason="needs playwright and /usr/bin/chromium")

MAPS = Path(__file__).resolve().parent.parent / "maps"
ON = date(2020, 2, 1)
# A rough outline of the Idlib area, as a plain background instead of web tiles.
IDLIB = Polygon([(36.17, 35.58), (36.35, 36.25), (36.62, 36.22), (36.95, 36.03), (37.05, 35.75),
                 (36.88, 35.43), (36.55, 35.37), (36.27, 35.42)])  # fmt: skip
GOVERNMENT, OPPOSITION = "#d7191c", "#2e9e44"


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


@pytest.fixture(scope="module")
def maps(tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    timeline = build_timeline(sample_events())
    background = gpd.GeoDataFrame(geometry=[IDLIB], crs="EPSG:4326")
    kw = {"tiles": "none", "self_contained": True, "background": background}
    render_snapshot(timeline, ON, folder / "snapshot.html", zones=True, **kw)
    render_timeline(timeline, folder / "timeline.html", **kw)
    return folder, timeline


def settle(page) -> None:
    """Wait until the map has finished panning a popup into view (a condition, not a sleep)."""
    page.wait_for_function("() => !(frontlines.map._panAnim && frontlines.map._panAnim._inProgress)")


def click_place(page, place_id: str) -> None:
    """Click a marker where the map draws it, as a person would."""
    x, y = page.evaluate(
        """id => { const f = window.frontlines, p = f.data.places.find(q => q[0] === id);
                   const pt = f.map.latLngToContainerPoint([p[3], p[4]]);
                   const r = f.map.getContainer().getBoundingClientRect();
                   return [pt.x + r.left, pt.y + r.top]; }""",
        place_id,
    )
    page.mouse.click(x, y)
    name = page.evaluate("id => frontlines.data.places.find(q => q[0] === id)[1]", place_id)
    page.wait_for_function(
        "name => (document.querySelector('.leaflet-popup-content .fl-name') || {}).firstChild?.textContent === name",
        arg=name,
        timeout=5_000,
    )


def test_snapshot_shows_markers_and_popups(chromium, maps):
    folder, _ = maps
    watch = PageWatch(chromium, offline=True)
    page = watch.open(folder / "snapshot.html")
    assert page.evaluate("frontlines.markerCount()") == 6
    assert page.evaluate("frontlines.styleOf('saraqib').fillColor") == GOVERNMENT
    click_place(page, "saraqib")
    text = page.inner_text(".leaflet-popup-content")
    assert "Saraqib" in text and "سراقب" in text and "History" in text and "Example Wire" in text
    assert page.locator(".leaflet-popup-content a.fl-link").first.get_attribute("href").startswith("https://")
    assert watch.errors == [] and watch.blocked == []
    watch.close()


def test_timeline_slider_changes_a_place(chromium, maps):
    folder, timeline = maps
    watch = PageWatch(chromium, offline=True)
    page = watch.open(folder / "timeline.html")
    assert page.evaluate("frontlines.markerCount()") == 6
    slider = page.locator(".fl-range")
    base = date.fromisoformat(page.evaluate("frontlines.data.base"))
    before = (timeline.history("saraqib")[0].dates.earliest - base).days - 1
    slider.fill(str(before))
    assert page.evaluate("frontlines.getDay()") == before
    assert page.evaluate("frontlines.styleOf('saraqib').fillColor") == OPPOSITION
    assert page.inner_text(".fl-player-date") == page.evaluate(f"frontlines.isoDay({before})")
    slider.fill(str(int(slider.get_attribute("max"))))
    assert page.evaluate("frontlines.styleOf('saraqib').fillColor") == GOVERNMENT
    page.locator(".fl-play").click()
    page.wait_for_function("frontlines.getDay() > 3", timeout=5_000)
    page.locator(".fl-play").click()
    slider.fill(str(int(slider.get_attribute("max")) - 3))
    click_place(page, "saraqib")
    assert watch.errors == []
    watch.close()


def test_self_contained_map_works_with_the_network_blocked(chromium, maps):
    folder, _ = maps
    watch = PageWatch(chromium, offline=True)
    page = watch.open(folder / "timeline.html")
    assert page.evaluate("frontlines.markerCount()") == 6
    assert page.evaluate("document.querySelectorAll('.leaflet-tile').length") == 0
    assert watch.blocked == [] and watch.errors == []
    watch.close()


def test_hostile_evidence_shows_as_text(chromium, maps):
    folder, _ = maps
    watch = PageWatch(chromium, offline=True)
    page = watch.open(folder / "snapshot.html")
    click_place(page, "saraqib")
    settle(page)
    text = page.inner_text(".leaflet-popup-content")
    assert EVIL_SCRIPT in text and EVIL_IMG in text
    assert (
        page.evaluate(
            "document.querySelectorAll('.leaflet-popup-content img, .leaflet-popup-content script').length"
        )
        == 0
    )
    assert watch.dialogs == [] and watch.errors == []
    watch.close()
    watch = PageWatch(chromium, offline=True)
    page = watch.open(folder / "timeline.html")
    click_place(page, "nayrab")  # its source url is javascript: and must not become a link
    assert "Example Wire" in page.inner_text(".leaflet-popup-content")
    assert page.locator(".leaflet-popup-content a").count() == 0
    assert watch.dialogs == [] and watch.errors == []
    watch.close()


@pytest.fixture(scope="module")
def seed_maps(tmp_path_factory, seeds_dir):
    """The maps `make maps` builds from the seeds, offline-ready (plain background, inlined Leaflet)."""
    from frontlines.pipeline import build

    folder = tmp_path_factory.mktemp("seed-maps")
    build(seeds_dir, folder, tiles="none", self_contained=True)
    return folder


def _day(page, iso: str) -> int:
    return (date.fromisoformat(iso) - date.fromisoformat(page.evaluate("frontlines.data.base"))).days


def test_seed_timeline_shows_saraqeb_change_hands_on_27_february(chromium, seed_maps):
    watch = PageWatch(chromium, offline=True)
    page = watch.open(seed_maps / "timeline.html")
    located = page.evaluate("frontlines.data.places.filter(p => p[3] !== null && !p[6]).length")
    assert page.evaluate("frontlines.markerCount()") == located >= 7
    page.locator(".fl-range").fill(str(_day(page, "2020-02-26")))
    assert page.evaluate("frontlines.styleOf('C3916').fillColor") == GOVERNMENT
    page.locator(".fl-range").fill(str(_day(page, "2020-02-27")))
    assert page.evaluate("frontlines.styleOf('C3916').fillColor") == OPPOSITION
    # The M4/M5 junction lies 400 m from Saraqeb: zoom in so the click lands on the town.
    page.evaluate(
        "() => { const p = frontlines.data.places.find(q => q[0] === 'C3916'); frontlines.map.setView([p[3], p[4]], 14, {animate: false}); }"
    )
    click_place(page, "C3916")
    popup = page.inner_text(".leaflet-popup-content")
    assert "Saraqib" in popup and "History" in popup
    settle(page)
    MAPS.mkdir(exist_ok=True)
    page.screenshot(path=str(MAPS / "screenshot-timeline.png"))
    assert watch.errors == [] and watch.blocked == []
    watch.close()


def test_seed_snapshot_opens_with_markers_and_a_popup(chromium, seed_maps):
    watch = PageWatch(chromium, offline=True)
    page = watch.open(seed_maps / "2020-02-27.html")
    located = page.evaluate("frontlines.data.places.filter(p => p[3] !== null && !p[6]).length")
    assert page.evaluate("frontlines.markerCount()") == located >= 7
    assert page.evaluate("frontlines.styleOf('C4309').fillColor") == OPPOSITION  # Kansafra
    click_place(page, "C3867")  # Nayrab
    assert "Nayrab" in page.inner_text(".leaflet-popup-content")
    settle(page)
    MAPS.mkdir(exist_ok=True)
    page.screenshot(path=str(MAPS / "screenshot-snapshot.png"))
    assert watch.errors == [] and watch.blocked == []
    watch.close()


def test_a_large_map_embedded_compressed_still_draws(chromium, tmp_path, monkeypatch):
    """Blobs over COMPRESS_ABOVE are deflated and base64-encoded; the page inflates them itself."""
    from frontlines.render import data

    monkeypatch.setattr(data, "COMPRESS_ABOVE", 100)
    timeline = build_timeline(sample_events())
    html = render_timeline(timeline, tmp_path / "compressed.html", tiles="none", self_contained=True)
    assert "application/x-frontlines-deflate" in html
    watch = PageWatch(chromium, offline=True)
    page = watch.open(tmp_path / "compressed.html")
    assert page.evaluate("frontlines.markerCount()") == 6
    click_place(page, "saraqib")
    assert EVIL_SCRIPT in page.inner_text(".leaflet-popup-content")
    assert watch.errors == [] and watch.dialogs == []
    watch.close()


def test_names_on_the_map_do_not_overlap(chromium, seed_maps):
    """Saraqib and the M4/M5 junction lie 400 m apart: their names go on different sides."""
    watch = PageWatch(chromium, offline=True)
    page = watch.open(seed_maps / "timeline.html")
    labels = page.evaluate("frontlines.labels()")
    names = {x["id"] for x in labels}
    assert {"C3916", "jct:M4-M5"} <= names
    boxes = [x["box"] for x in labels]
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            assert min(a[2], b[2]) <= max(a[0], b[0]) or min(a[3], b[3]) <= max(a[1], b[1]), (a, b)
    assert watch.errors == []
    watch.close()


def _point(page, place_id: str) -> list[float]:
    return page.evaluate(
        """id => { const f = window.frontlines, p = f.data.places.find(q => q[0] === id);
                   const c = p[6] ? [(p[6][0][0] + p[6][1][0]) / 2, (p[6][0][1] + p[6][1][1]) / 2] : [p[3], p[4]];
                   const pt = f.map.latLngToContainerPoint(c); return [pt.x, pt.y]; }""",
        place_id,
    )


def test_the_canvas_finds_places_under_the_pointer(chromium, maps):
    folder, _ = maps
    watch = PageWatch(chromium, offline=True)
    page = watch.open(folder / "timeline.html")
    x, y = _point(page, "kafrnabl")
    assert page.evaluate(f"frontlines.placeAt({x}, {y})") == "kafrnabl"
    assert page.evaluate(f"frontlines.placeAt({x + 4}, {y + 3})") == "kafrnabl"  # within the marker
    assert page.evaluate(f"frontlines.placeAt({x + 40}, {y + 40})") is None
    segment, name = page.evaluate(
        "(() => { const p = frontlines.data.places.find(q => q[6]); return [p[0], p[1]]; })()"
    )
    assert segment.startswith("m4@")  # the M4 is drawn by segment
    hx, hy = _point(page, segment)
    assert page.evaluate(f"frontlines.placeAt({hx}, {hy})") == segment
    page.mouse.move(hx, hy)  # a highway is named on hover
    page.wait_for_selector(".leaflet-tooltip", timeout=5_000)
    assert page.inner_text(".leaflet-tooltip") == f"{name} (approximate route)"
    page.hover(".leaflet-control-layers")  # the layer list is folded until hovered
    page.locator(".leaflet-control-layers-overlays label", has_text="Places").locator("input").uncheck()
    assert page.evaluate(f"frontlines.placeAt({x}, {y})") is None  # hidden places are not hit
    assert watch.errors == []
    watch.close()


def test_an_open_popup_follows_the_slider(chromium, maps):
    folder, timeline = maps
    watch = PageWatch(chromium, offline=True)
    page = watch.open(folder / "timeline.html")
    click_place(page, "saraqib")
    base = date.fromisoformat(page.evaluate("frontlines.data.base"))
    before = (timeline.history("saraqib")[0].dates.earliest - base).days - 1
    page.locator(".fl-range").fill(str(before))
    state = page.inner_text(".leaflet-popup-content .fl-state")
    assert state.startswith(page.evaluate(f"frontlines.isoDay({before})")) and "opposition" in state
    page.evaluate("frontlines.setDay(frontlines.data.days[1])")  # the slider follows the API too
    assert page.locator(".fl-range").input_value() == str(page.evaluate("frontlines.data.days[1]"))
    assert watch.errors == []
    watch.close()


# ---- maps that never open blank, embedding, the legend, vague dates ----


@pytest.fixture(scope="module")
def default_maps(tmp_path_factory, seeds_dir):
    """What `make maps` writes: the default options (web tiles, self-contained)."""
    from frontlines.pipeline import build

    folder = tmp_path_factory.mktemp("default-maps")
    build(seeds_dir, folder)
    return folder


def _box(page, selector: str) -> dict:
    return page.locator(selector).first.bounding_box()


def _overlap(a: dict, b: dict) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and (b["y"] < a["y"] + a["height"])
    )


@pytest.mark.parametrize("name", ["2020-02-27.html", "timeline.html"])
def test_a_default_map_offline_still_draws_syria_and_every_marker(chromium, default_maps, name):
    watch = PageWatch(chromium, offline=True)
    page = watch.open(default_maps / name)
    assert watch.blocked and all("tile" in url for url in watch.blocked)  # only the web tiles were wanted
    located = page.evaluate("frontlines.data.places.filter(p => p[3] !== null && !p[6]).length")
    assert page.evaluate("frontlines.markerCount()") == located >= 7
    # the boundary background lies under the tiles: the outline and governorates are drawn
    assert page.locator(".leaflet-fl-base-pane path").count() >= 2
    page.wait_for_selector(".fl-ref-g", timeout=5_000)  # the names appear when tiles fail
    assert "IDLEB" in page.inner_text(".leaflet-fl-ref-pane").upper()
    assert [e for e in watch.errors if "net::ERR_FAILED" not in e] == []
    watch.close()


@pytest.mark.parametrize("size", [(640, 400), (390, 640)])
def test_an_embedded_map_shows_its_title_and_date(chromium, tmp_path, size):
    from frontlines.pipeline import map_inputs

    inputs = map_inputs(sample_events())
    render_snapshot(inputs.timeline, ON, tmp_path / "embed.html", tiles="none", embed=True,
                    background=inputs.background, cities=inputs.cities, title="Control around Idlib on {date}")  # fmt: skip
    watch = PageWatch(chromium, offline=True, size=size)
    page = watch.open(tmp_path / "embed.html")
    title = page.locator(".fl-title")
    assert title.is_visible() and title.inner_text() == "Control around Idlib on 1 February 2020"
    box, width, height = _box(page, ".fl-title"), size[0], size[1]
    assert (
        box["x"] >= 0
        and box["x"] + box["width"] <= width
        and box["y"] >= 0
        and box["y"] + box["height"] < height / 4
    )
    assert not _overlap(box, _box(page, ".leaflet-control-layers"))
    assert not _overlap(box, _box(page, ".leaflet-control-zoom"))
    assert page.evaluate("document.querySelector('.fl-legend').open") is False  # folded in a report column
    assert watch.errors == []
    watch.close()


def test_on_a_phone_the_legend_starts_folded_and_the_controls_clear_the_title(chromium, maps):
    folder, _ = maps
    watch = PageWatch(chromium, offline=True, size=(390, 760))
    page = watch.open(folder / "timeline.html")
    assert page.evaluate("document.querySelector('.fl-legend').open") is False
    title = _box(page, ".fl-title")
    assert title["x"] >= 0 and title["x"] + title["width"] <= 390
    assert not _overlap(title, _box(page, ".leaflet-control-layers"))
    assert _box(page, ".fl-legend")["height"] < 60
    watch.close()


def test_the_legend_lists_only_the_sides_on_the_map(chromium, tmp_path):
    from frontlines.models import DateRange, Event, EventSource, Place

    town = Place("t", "Saraqib", "populated_place", 35.86447, 36.80591)
    other = Place("n", "Nayrab", "populated_place", 35.86972, 36.72028)
    src = (EventSource("a", "Wire", "Government forces took the town."),)
    day = DateRange(ON, ON, ON, "day")
    timeline = build_timeline([Event("e1", town, "government", "opposition", "capture", day, src),
                               Event("e2", other, "hts", "", "observation", day, src)])  # fmt: skip
    render_snapshot(timeline, ON, tmp_path / "legend.html", tiles="none")
    watch = PageWatch(chromium, offline=True)
    page = watch.open(tmp_path / "legend.html")
    rows = page.locator(".fl-legend-row").all_inner_texts()
    sides = rows[: rows.index(next(r for r in rows if r.startswith("Changing")))]
    # the opposition lost the town that day (a one-day change), so it is not on the map
    assert [s.strip() for s in sides] == ["Syrian government and allies", "Hay'at Tahrir al-Sham (HTS)"]
    watch.close()


def test_a_month_precision_change_has_no_halo(chromium, tmp_path):
    from frontlines.models import DateRange, Event, EventSource, Place

    vague_place = Place("v", "Kafr Nabl", "populated_place", 35.6133, 36.5611)
    exact_place = Place("x", "Saraqib", "populated_place", 35.86447, 36.80591)
    src = (EventSource("a", "Wire", "The town was recently captured."),)
    vague = Event("e1", vague_place, "government", "opposition", "capture",
                  DateRange(date(2020, 1, 3), date(2020, 2, 1), date(2020, 1, 18), "month", "recently"), src)  # fmt: skip
    exact = Event("e2", exact_place, "government", "opposition", "capture", DateRange(ON, ON, ON, "day"), src)
    timeline = build_timeline([vague, exact])
    render_timeline(timeline, tmp_path / "halo.html", tiles="none")
    watch = PageWatch(chromium, offline=True)
    page = watch.open(tmp_path / "halo.html")
    for iso in ("2020-01-18", "2020-02-01"):  # its best and latest day
        page.evaluate(f"frontlines.setDay({_day(page, iso)})")
        assert page.evaluate("frontlines.styleOf('v').rank") < 4  # not drawn as "changed in the last 7 days"
    page.evaluate(f"frontlines.setDay({_day(page, '2020-02-01')})")
    assert page.evaluate("frontlines.styleOf('x').rank") >= 4
    click_place(page, "v")  # the popup gives the range, not one day
    popup = page.inner_text(".leaflet-popup-content")
    assert "changed between 3 January and 1 February 2020" in popup
    assert "between 3 January and 1 February 2020 (month)" in popup
    assert watch.errors == []
    watch.close()


# ---- areas: a neighbourhood drawn as its outline ----

SDF = "#f2c80f"
# The colour of the map canvas at a container point: [r, g, b, a] (0..255).
_PIXEL = """([x, y]) => {
  const c = document.querySelector('.leaflet-fl-places-pane canvas'), r = c.getBoundingClientRect();
  const m = frontlines.map.getContainer().getBoundingClientRect();
  const px = Math.round((x + m.left - r.left) * c.width / r.width), py = Math.round((y + m.top - r.top) * c.height / r.height);
  return Array.from(c.getContext('2d').getImageData(px, py, 1, 1).data); }"""


# A container point inside Sheikh Maqsoud's outline, away from its point and from the city's marker.
_INSIDE = """() => { const p = frontlines.data.places.find(q => q[0] === 'N0123');
  const a = frontlines.map.latLngToContainerPoint(p[10][0][0]), c = frontlines.map.latLngToContainerPoint([p[3], p[4]]);
  return [(a.x + 3 * c.x) / 4, (a.y + 3 * c.y) / 4]; }"""


def _hex(colour: str) -> list[int]:
    return [int(colour[k : k + 2], 16) for k in (1, 3, 5)]


def test_a_neighbourhood_is_drawn_as_its_polygon_in_its_controllers_colour(chromium, tmp_path):
    timeline = build_timeline(aleppo_events())
    render_snapshot(timeline, ON, tmp_path / "snapshot.html", tiles="none")
    render_timeline(timeline, tmp_path / "timeline.html", tiles="none", start=date(2020, 1, 20))
    watch = PageWatch(chromium, offline=True)
    page = watch.open(tmp_path / "timeline.html")
    assert (
        page.evaluate("frontlines.areaIds()") == ["N0123"] and page.evaluate("frontlines.markerCount()") == 1
    )
    inside = page.evaluate(_INSIDE)
    far = [inside[0] - 300, inside[1] - 300]
    page.evaluate(
        "frontlines.setDay(frontlines.data.days[1]); frontlines.redraw()"
    )  # after the change: reported
    style = page.evaluate("frontlines.styleOf('N0123')")
    assert style["fillColor"] == GOVERNMENT and style["hatch"] is None and style["dashArray"] is None
    r, g, b, a = page.evaluate(_PIXEL, inside)
    assert 60 <= a <= 120 and all(
        abs(x - y) <= 6 for x, y in zip((r, g, b), _hex(GOVERNMENT))
    )  # filled, not opaque
    assert page.evaluate(_PIXEL, far)[3] == 0
    assert page.evaluate(f"frontlines.placeAt({inside[0]}, {inside[1]})") == "N0123"
    assert page.evaluate(f"frontlines.placeAt({far[0]}, {far[1]})") is None
    page.evaluate(
        f"frontlines.setDay({_day(page, '2020-02-01')}); frontlines.redraw()"
    )  # within the week: changing
    style = page.evaluate("frontlines.styleOf('N0123')")
    assert style["fillColor"] == SDF and style["hatch"] == GOVERNMENT and style["dashArray"] == "5 3"
    assert page.evaluate(_PIXEL, inside)[3] > 0
    page.evaluate(
        f"frontlines.setDay({_day(page, '2020-01-20')}); frontlines.redraw()"
    )  # before: inferred, faint
    style = page.evaluate("frontlines.styleOf('N0123')")
    assert style["fillColor"] == SDF and style["fillOpacity"] < 0.2 and style["dashArray"]
    assert watch.errors == []
    watch.close()
    watch = PageWatch(chromium, offline=True)
    page = watch.open(tmp_path / "snapshot.html")
    assert page.evaluate("frontlines.areaIds()") == ["N0123"]
    inside = page.evaluate(_INSIDE)
    box = page.evaluate(
        "(() => { const r = frontlines.map.getContainer().getBoundingClientRect(); return [r.left, r.top]; })()"
    )
    page.mouse.click(
        inside[0] + box[0], inside[1] + box[1]
    )  # the popup a marker has, opened from the outline
    page.wait_for_selector(".leaflet-popup-content .fl-name", timeout=5_000)
    text = page.inner_text(".leaflet-popup-content")
    assert "Ash-Sheikh Maqsoud" in text and "Changing hands" in text and EVIL_SCRIPT in text
    assert page.evaluate("document.querySelectorAll('.leaflet-popup-content script').length") == 0
    assert watch.errors == [] and watch.dialogs == []
    watch.close()
