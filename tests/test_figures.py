"""Figures for print: `build --png` and `map --out x.pdf` through real headless Chromium."""

from __future__ import annotations

import base64
import re
import struct
from pathlib import Path

import pytest
from browser_helpers import browser, chromium_available, sample_events
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.events import write_events
from frontlines.render.style import style_of

pytestmark = pytest.mark.skipif(not chromium_available(), reason="needs playwright and /usr/bin/chromium")
WIDTH, HEIGHT = 720, 450


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("figures")
    events = write_events(sample_events(), folder / "events.csv")
    out = folder / "maps"
    result = CliRunner().invoke(app, ["build", "--events", str(events), "--out", str(out), "--tiles", "none", "--png",
                                      "--size", f"{WIDTH}x{HEIGHT}", "--scale", "2"])  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def test_build_png_is_the_size_asked_for_and_shows_the_markers(built: Path) -> None:
    snapshots = sorted(built.glob("????-??-??.html"))
    assert snapshots and [p.with_suffix(".png").exists() for p in snapshots] == [True] * len(snapshots)
    page_path = snapshots[-1]
    png = page_path.with_suffix(".png").read_bytes()
    assert _png_size(png) == (2 * WIDTH, 2 * HEIGHT)
    with browser() as chromium:
        context = chromium.new_context(viewport={"width": WIDTH, "height": HEIGHT})
        page = context.new_page()
        # Where the page draws each town held as reported, and in which colour (the figure's viewport).
        page.goto(page_path.resolve().as_uri())
        page.wait_for_function("() => window.frontlines !== undefined")
        markers = page.evaluate(
            """() => { const f = window.frontlines;
                       return f.data.places.filter(p => p[5] === 'p' && p[7].length && f.data.certainties[p[7][3]] === 'reported').map(p => {
                         const pt = f.map.latLngToContainerPoint([p[3], p[4]]);
                         return {id: p[0], x: pt.x, y: pt.y, controller: f.data.controllers[p[7][2]][0]}; }); }"""
        )
        assert len(markers) >= 4
        # The figure's pixel at each marker's centre, read back by the browser from the PNG.
        page.set_content(
            f'<canvas id="c"></canvas><img id="i" src="data:image/png;base64,{base64.b64encode(png).decode()}">'
        )
        page.wait_for_function("() => document.getElementById('i').complete")
        pixels = page.evaluate(
            """points => { const img = document.getElementById('i'), c = document.getElementById('c');
                           c.width = img.naturalWidth; c.height = img.naturalHeight;
                           const g = c.getContext('2d'); g.drawImage(img, 0, 0);
                           return points.map(p => Array.from(g.getImageData(Math.round(2 * p.x), Math.round(2 * p.y), 1, 1).data)); }""",
            markers,
        )
        context.close()
    seen = 0
    for marker, rgba in zip(markers, pixels):
        if not (0 < marker["x"] < WIDTH and 0 < marker["y"] < HEIGHT):
            continue
        colour = style_of(marker["controller"]).colour
        expected = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
        assert max(abs(a - b) for a, b in zip(rgba[:3], expected)) <= 40, (marker, rgba, colour)
        seen += 1
    assert seen >= 4


def test_map_writes_a_pdf(runner: CliRunner, tmp_path: Path) -> None:
    events = write_events(sample_events(), tmp_path / "events.csv")
    out = tmp_path / "figure.pdf"
    result = runner.invoke(app, ["map", "--events", str(events), "--date", "2020-02-10", "--tiles", "none",
                                 "--out", str(out), "--size", "800x500"])  # fmt: skip
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    # One page of 800x500 CSS pixels: 600x375 points.
    assert data.startswith(b"%PDF-") and re.findall(rb"/MediaBox \[0 0 (\d+) (\d+)", data) == [
        (b"600", b"375")
    ]
    assert b"Control on 10 February 2020" in data


def test_no_browser_is_one_line_saying_how_to_install_one(runner: CliRunner, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("FRONTLINES_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = runner.invoke(app, ["map", "--events", str(tmp_path / "x.csv"), "--date", "2020-02-10",
                                 "--out", str(tmp_path / "figure.png")])  # fmt: skip
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "apt-get install chromium" in result.stderr and "frontlines[print]" in result.stderr
    assert not (tmp_path / "figure.png").exists()
