"""Figures for print: a map page rendered to PNG or PDF by headless Chromium (through Playwright).

The figure is the page as a browser shows it at ``size`` CSS pixels: the map's bounds, legend, title
and date. ``scale`` multiplies the PNG's pixels (2 for print); a PDF is one page of that size. The
browser is the system's Chromium (``FRONTLINES_CHROMIUM`` names another binary); none is ever
downloaded. Playwright is the optional extra ``frontlines[print]``.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from frontlines.errors import RenderError

FIGURE_FORMATS = ("png", "pdf")
DEFAULT_SIZE = (1600, 1000)
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
CHROMIUM_ARGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
)  # fmt: skip
INSTALL = (
    "PNG and PDF figures need Playwright and a Chromium: pip install 'frontlines[print]', then a browser, "
    "e.g. 'sudo apt-get install chromium' (Debian/Ubuntu) or 'python -m playwright install chromium'; "
    "FRONTLINES_CHROMIUM=/path/to/chrome names one elsewhere"
)
#: What a printed map leaves out: the buttons one clicks on a screen.
PRINT_CSS = ".leaflet-control-zoom, .leaflet-control-layers { display: none !important; }"
#: How long a page may take to load and draw (tiles included), in milliseconds.
TIMEOUT_MS = 30_000


def parse_size(text: str) -> tuple[int, int]:
    """``1600x1000`` → (1600, 1000), or RenderError."""
    match = re.fullmatch(r"\s*(\d{2,5})\s*[x×]\s*(\d{2,5})\s*", text)
    if not match or not all(16 <= int(v) <= 10_000 for v in match.groups()):
        raise RenderError(f"--size must be WIDTHxHEIGHT in pixels (e.g. 1600x1000), not {text!r}")
    return int(match[1]), int(match[2])


def find_chromium() -> str:
    """The Chromium binary to drive: ``$FRONTLINES_CHROMIUM``, else one on the PATH, else RenderError."""
    chosen = os.environ.get("FRONTLINES_CHROMIUM")
    if chosen:
        if Path(chosen).is_file() or shutil.which(chosen):
            return chosen
        raise RenderError(f"FRONTLINES_CHROMIUM={chosen} is not a browser binary. {INSTALL}")
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise RenderError(f"no Chromium found. {INSTALL}")


class Printer:
    """One headless browser that prints map pages to PNG or PDF (open it with :func:`printer`)."""

    def __init__(self, browser: Any, size: tuple[int, int], scale: float):
        self._browser = browser
        self.size = size
        self.scale = scale

    def print(self, page_path: Path, out: Path, fmt: str | None = None) -> Path:
        """Render the map page ``page_path`` to ``out`` (PNG or PDF by ``fmt``, else by extension)."""
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        kind = fmt or out.suffix.lower().lstrip(".")
        if kind not in FIGURE_FORMATS:
            raise RenderError(f"a figure is PNG or PDF, not {kind!r}", path=str(out))
        width, height = self.size
        context = self._browser.new_context(
            viewport={"width": width, "height": height}, device_scale_factor=self.scale
        )
        try:
            page = context.new_page()
            page.goto(page_path.resolve().as_uri(), timeout=TIMEOUT_MS)
            page.wait_for_function("() => window.frontlines !== undefined", timeout=TIMEOUT_MS)
            try:  # web tiles, if any: wait until they have come (or failed), never longer than the timeout
                page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
            except PlaywrightTimeout:
                pass  # print what has loaded
            page.add_style_tag(content=PRINT_CSS)
            page.evaluate("() => window.frontlines.redraw()")
            out.parent.mkdir(parents=True, exist_ok=True)
            if kind == "png":
                page.screenshot(path=str(out), full_page=False)
            else:
                page.emulate_media(media="screen")
                page.pdf(path=str(out), width=f"{width}px", height=f"{height}px", print_background=True,
                         page_ranges="1")  # fmt: skip
        finally:
            context.close()
        return out


def check_printing() -> str:
    """The Chromium binary figures will use, once Playwright is known to be there; else RenderError."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise RenderError(f"Playwright is not installed. {INSTALL}") from None
    return find_chromium()


@contextmanager
def printer(size: tuple[int, int] = DEFAULT_SIZE, scale: float = 1.0) -> Iterator[Printer]:
    """A :class:`Printer` over the system's headless Chromium; RenderError saying how to install one."""
    if not 0.5 <= scale <= 4:
        raise RenderError(f"--scale must be between 0.5 and 4, not {scale:g}")
    binary = check_printing()
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        try:
            browser = pw.chromium.launch(executable_path=binary, args=list(CHROMIUM_ARGS), headless=True)
        except PlaywrightError as exc:
            raise RenderError(f"cannot start {binary}: {str(exc).splitlines()[0]}. {INSTALL}") from None
        try:
            yield Printer(browser, size, scale)
        finally:
            browser.close()
