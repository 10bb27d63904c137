"""Controller labels and colours (``data/controllers.csv``) and the text escaping every map uses."""

from __future__ import annotations

import csv
import html
import importlib.resources
import io
from dataclasses import dataclass
from functools import cache

from frontlines.errors import RenderError

UNKNOWN = "unknown"
UNKNOWN_COLOUR = "#bdbdbd"


@dataclass(frozen=True, slots=True)
class ControllerStyle:
    """How one controller is named and coloured on the maps."""

    controller: str
    label: str
    colour: str


@cache
def controller_styles() -> dict[str, ControllerStyle]:
    """The controllers of ``data/controllers.csv`` in file order (the legend's order)."""
    resource = importlib.resources.files("frontlines") / "data" / "controllers.csv"
    text = resource.read_text(encoding="utf-8")
    styles: dict[str, ControllerStyle] = {}
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        key, label, colour = (row.get(k, "").strip() for k in ("controller", "label", "colour"))
        if not key or not colour.startswith("#"):
            raise RenderError(
                "expected controller,label,colour with a #rrggbb colour", "controllers.csv", line
            )
        styles[key] = ControllerStyle(key, label or key, colour)
    if UNKNOWN not in styles:
        styles[UNKNOWN] = ControllerStyle(UNKNOWN, "Unknown", UNKNOWN_COLOUR)
    return styles


def style_of(controller: str) -> ControllerStyle:
    """The style of a controller; one not in the table is drawn like ``unknown`` under its own name."""
    styles = controller_styles()
    if controller in styles:
        return styles[controller]
    return ControllerStyle(controller or UNKNOWN, controller or styles[UNKNOWN].label, styles[UNKNOWN].colour)


def esc(text: object) -> str:
    """HTML-escape text, also ``$``, backtick and backslash so it is inert inside JS template strings."""
    return (
        html.escape(str(text), quote=True).replace("$", "&#36;").replace("`", "&#96;").replace("\\", "&#92;")
    )
