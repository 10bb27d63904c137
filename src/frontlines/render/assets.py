"""The JS and CSS a map loads (Leaflet only, inlined for self-contained maps) and stable element ids."""

from __future__ import annotations

import base64
import re
from functools import cache
from importlib.resources import files
from typing import Any, cast

import folium
from branca.element import Element, Figure

from frontlines.errors import RenderError

LEAFLET_VERSION = "1.9.3"
LEAFLET_JS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.js"
LEAFLET_CSS_URL = f"https://cdn.jsdelivr.net/npm/leaflet@{LEAFLET_VERSION}/dist/leaflet.css"


def page_of(element: Element) -> Figure:
    """The page an element is drawn on (branca types ``get_root`` as a bare ``Element``)."""
    return cast(Figure, element.get_root())


class Raw(Element):
    """Text put into the page as it is, never read as a Jinja template.

    A plain ``Element(text)`` compiles ``text`` as a template (and branca does the same with what a
    macro renders): ``{{``/``{%`` in article text would be evaluated or fail, and a blob of megabytes
    costs half a second to lex.
    """

    def __init__(self, text: str):
        super().__init__()
        self._name = "Raw"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


#: branca's element ids: 32 hex digits (``urandom(16)``) after the element's name and an underscore.
_ELEMENT_ID = re.compile(r"_[0-9a-f]{32}(?![0-9a-f])")  # a literal first character: scanned at memchr speed


def stable_ids(html: str) -> str:
    """The rendered page with branca's random element ids replaced by a counter, in order of first
    appearance: the same map gives the same bytes (post-processing, no patch of branca)."""
    ids: dict[str, str] = {}
    return _ELEMENT_ID.sub(lambda m: ids.setdefault(m.group(0), f"_{len(ids) + 1:04d}"), html)


def _leaflet_dir() -> Any:
    try:
        return files("xstatic.pkg.leaflet") / "data"
    except ModuleNotFoundError as exc:
        raise RenderError(
            "self-contained maps need the XStatic-Leaflet package (pip install XStatic-Leaflet)"
        ) from exc


@cache
def inline_leaflet() -> tuple[str, str]:
    """Leaflet's JS and CSS from the installed XStatic-Leaflet, the CSS images as data: URIs."""
    folder = _leaflet_dir()
    js = (folder / "leaflet.js").read_text(encoding="utf-8")
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match[str]) -> str:
        png = (folder / "images" / match.group(1)).read_bytes()
        return "url(data:image/png;base64," + base64.b64encode(png).decode("ascii") + ")"

    css = re.sub(r"url\(images/([\w.-]+\.png)\)", data_uri, css)
    js = js.replace("//# sourceMappingURL=leaflet.js.map", "")
    if "</script" in js.lower() or "</style" in css.lower():
        raise RenderError("the packaged Leaflet cannot be inlined (it contains a closing tag)")
    return js, css


def use_assets(m: folium.Map, *, self_contained: bool) -> None:
    """Load only Leaflet (no jQuery, Bootstrap or Font Awesome): from the CDN, or inlined."""
    if self_contained:
        js, css = inline_leaflet()
        m.default_js = []
        m.default_css = []
        header = page_of(m).header
        header.add_child(Raw(f"<style>{css}</style>"), name="leaflet_css")
        header.add_child(Raw(f"<script>{js}</script>"), name="leaflet_js")
    else:
        m.default_js = [("leaflet", LEAFLET_JS_URL)]
        m.default_css = [("leaflet_css", LEAFLET_CSS_URL)]
