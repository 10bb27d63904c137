"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, for the browser tests."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("FRONTLINES_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_available() -> bool:
    """True when Playwright for Python and the Chromium binary are both installed."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@contextmanager
def browser() -> Iterator[Any]:
    """A Chromium browser for the block (never downloads one: uses the system binary)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


class PageWatch:
    """A page that records console errors, page errors, dialogs and requests."""

    def __init__(self, browser: Any, *, offline: bool = False, size: tuple[int, int] = (1280, 860)):
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        if offline:
            self.page.route("**/*", self._offline)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _offline(self, route: Any) -> None:
        if route.request.url.startswith(("file:", "data:", "about:")):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: Path) -> Any:
        """Open a local file and wait until the map script has run."""
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function("() => window.frontlines !== undefined", timeout=10_000)
        return self.page

    def close(self) -> None:
        self.context.close()


# ---- synthetic control data shared by the render and browser tests (real places, invented events) ----

EVIL_SCRIPT = "<script>alert(1)</script>"
EVIL_IMG = "<img src=x onerror=alert(1)>"


def sample_events(span_days: int = 30) -> list[Any]:
    """Events at six Idlib places, a highway and a place without coordinates, over ``span_days``."""
    from datetime import date, timedelta

    from frontlines.models import DateRange, Event, EventSource, Place

    def place(pid: str, name: str, lat: float | None, lon: float | None, ar: str = "", **kw: Any) -> Place:
        return Place(pid, name, kw.pop("kind", "populated_place"), lat, lon, name_ar=ar, admin1="Idlib", **kw)

    saraqib = place("saraqib", "Saraqib", 35.86447, 36.80591, "سراقب")
    nayrab = place("nayrab", "Nayrab", 35.86972, 36.72028, "النيرب")
    maarat = place("maarat", "Maarat al-Numan", 35.6431, 36.6725, "معرة النعمان")
    kafr = place("kafrnabl", "Kafr Nabl", 35.6133, 36.5611)
    idlib = place("idlib", "Idlib", 35.9306, 36.6339, "إدلب")
    junction = place("m4m5", "M4/M5 junction", 35.853, 36.802, kind="junction")
    m4 = place("m4", "M4 highway", None, None, kind="highway",
               geometry_wkt="LINESTRING (36.30 35.80, 36.63 35.83, 36.80 35.86, 37.10 35.95)")  # fmt: skip
    nowhere = place("nowhere", "Tall Nowhere", None, None)
    start = date(2020, 1, 20)

    def day(fraction: float) -> date:
        return start + timedelta(days=round(fraction * span_days))

    def ev(eid: str, p: Place, gainer: str, loser: str, a: float, b: float, kind: str = "capture",
           evidence: str = "", url: str = "https://example.org/news/1", flags: tuple[str, ...] = ()) -> Event:  # fmt: skip
        text = evidence or f"Reports said {gainer} forces entered {p.name} after heavy fighting."
        src = EventSource("art-1", "Example Wire", text, url, day(b))
        dates = DateRange(day(a), day(b), day(b), "day" if a == b else "week", "last week")
        return Event(eid, p, gainer, loser, kind, dates, (src,), flags)

    return [
        ev("e1", maarat, "government", "opposition", 0.1, 0.1),
        ev("e2", kafr, "government", "opposition", 0.2, 0.25),
        ev("e3", saraqib, "government", "opposition", 0.3, 0.35, evidence=f"{EVIL_SCRIPT} then {EVIL_IMG}"),
        ev("e4", nayrab, "government", "opposition", 0.6, 0.62, url="javascript:alert(1)"),
        ev("e5", saraqib, "opposition", "government", 0.8, 0.8, kind="recapture"),
        ev("e6", saraqib, "government", "opposition", 0.95, 1.0, kind="recapture", flags=("contested_date",)),
        ev("e7", idlib, "hts", "", 0.0, 0.0, kind="observation"),
        ev("e8", m4, "government", "opposition", 0.4, 0.45),
        ev("e9", junction, "government", "opposition", 0.4, 0.45),
        ev("e10", nowhere, "sdf", "isis", 0.5, 0.5),
    ]


def aleppo_events() -> list[Any]:
    """A week-long change at Aleppo's Sheikh Maqsoud (its OCHA polygon from the shipped gazetteer), sdf
    to government, ending 3 February 2020, and an observation of the city of Aleppo itself."""
    import json
    from datetime import date

    import shapely.geometry

    from frontlines.models import DateRange, Event, EventSource, Place

    areas = Path(__file__).resolve().parent.parent / "gazetteer" / "boundaries" / "areas.geojson"
    feature = next(
        f
        for f in json.loads(areas.read_text(encoding="utf-8"))["features"]
        if f["properties"]["id"] == "N0123"
    )
    maqsoud = Place("N0123", "Ash-Sheikh Maqsoud", "neighbourhood", 36.2366063, 37.1528471, name_ar="الشيخ مقصود",
                    admin1="Aleppo", geometry_wkt=shapely.geometry.shape(feature["geometry"]).wkt)  # fmt: skip
    city = Place("C1007", "Aleppo", "populated_place", 36.206013, 37.15242, name_ar="حلب", admin1="Aleppo")
    week = DateRange(date(2020, 1, 28), date(2020, 2, 3), date(2020, 2, 3), "week", "this week")
    day = DateRange(date(2020, 1, 28), date(2020, 1, 28), date(2020, 1, 28), "day")
    return [
        Event("a1", maqsoud, "government", "sdf", "capture", week,
              (EventSource("art-2", "Example Wire", f"Troops entered the district. {EVIL_SCRIPT}"),)),
        Event("a2", city, "government", "", "observation", day,
              (EventSource("art-2", "Example Wire", "The city itself was held by the army."),)),
    ]  # fmt: skip
