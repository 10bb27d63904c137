"""The Folium page both maps share: tiles or a plain background, title, legend, layers, data."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
from branca.element import Element, MacroElement
from folium.map import Layer
from jinja2 import Template

from frontlines.atomic import write_text
from frontlines.errors import RenderError
from frontlines.render.assets import Raw, deterministic_ids, use_assets
from frontlines.render.data import script_blobs
from frontlines.render.style import controller_styles, esc

NO_TILES = "none"
_SYRIA_CENTRE = (35.0, 38.5)
_HERE = files("frontlines.render")


class _Group(Layer):
    """An empty Leaflet feature group the control script fills (listed in the layer control)."""

    _template = Template(
        "{% macro script(this, kwargs) %}var {{ this.get_name() }} = L.featureGroup();{% endmacro %}"
    )

    def __init__(self, name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "FeatureGroup"


class _Control(MacroElement):
    """The data blobs (see ``render.data``) and the call that draws them."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        'frontlinesLoad({{ this.map.get_name() }}, "{{ this.data_id }}",'
        " {places: {{ this.places.get_name() }}, lines: {{ this.lines.get_name() }}},"
        ' "{{ this.data_id }}-strings");'
        "{% endmacro %}"
    )

    def __init__(self, m: folium.Map, payload: dict[str, Any], places: _Group, lines: _Group):
        super().__init__()
        self._name = "FrontlinesControl"
        self.map, self.places, self.lines = m, places, lines
        self.data_id = f"fl-data-{m.get_name()}"
        self.blobs = script_blobs(payload)

    def render(self, **kwargs: Any) -> None:
        (main_type, main), (strings_type, strings) = self.blobs
        blobs = (
            f'<script type="{main_type}" id="{self.data_id}">{main}</script>'
            f'<script type="{strings_type}" id="{self.data_id}-strings">{strings}</script>'
        )
        self.get_root().html.add_child(Raw(blobs), name=self.get_name())
        super().render(**kwargs)


def _swatch(fill: str, *, ring: str = "#202020", width: float = 1, dash: str = "", opacity: float = 0.92,
            r: float = 5.5, halo: bool = False) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    halo_svg = f'<circle cx="11" cy="11" r="10" fill="{fill}" fill-opacity="0.22" stroke="{fill}"/>' if halo else ""
    return (
        f'<svg width="20" height="20" viewBox="0 0 22 22" aria-hidden="true">{halo_svg}<circle cx="11" cy="11" r="{r}" fill="{fill}"'
        f' fill-opacity="{opacity}" stroke="{ring}" stroke-width="{width}"{dash_attr}/></svg>'
    )


def _legend_html(*, open_: bool) -> str:
    styles = controller_styles()
    rows = [
        f'<div class="fl-legend-row">{_swatch(s.colour)}<span>{esc(s.label)}</span></div>'
        for s in styles.values()
    ]
    gov, opp = styles.get("government"), styles.get("opposition")
    a = gov.colour if gov else "#d7191c"
    b = opp.colour if opp else "#2e9e44"
    line = '<svg width="20" height="20" viewBox="0 0 22 22" aria-hidden="true"><path d="M2 15 L20 7" stroke="#555" stroke-width="4"/></svg>'
    extra = [
        (_swatch(a, ring=b, width=3, dash="4 2.5", r=6.5), "Changing hands (fill: holder, dashed ring: side taking it)"),
        (_swatch(a, ring=b, width=3, dash="1.2 2.4", r=6.5), "Contested (fill: holder by the changes, dotted ring: other claim)"),
        (_swatch(a, opacity=0.45), "Inferred: held before the first reported change"),
        (_swatch(a, r=7.5, halo=True), "Changed hands in the last 7 days"),
        (line, "Highway, coloured by controller (approximate route)"),
    ]  # fmt: skip
    rows.append('<div class="fl-legend-sep"></div>')
    rows += [f'<div class="fl-legend-row">{svg}<span>{esc(text)}</span></div>' for svg, text in extra]
    rows.append(
        '<div class="fl-legend-note">Places are drawn where news reports put them; control between'
        " places is not known. Dates and control are approximate.</div>"
    )
    return (
        f'<div class="fl-legend-box"><details class="fl-legend"{" open" if open_ else ""}>'
        f"<summary>Legend</summary>{''.join(rows)}</details></div>"
    )


def _bounds(payload: dict[str, Any]) -> list[list[float]] | None:
    """The box of the point places; lines count only when there is no point (a country-long highway
    would otherwise zoom the map out to the whole country)."""
    points = [(p[3], p[4]) for p in payload["places"] if not p[6] and p[3] is not None]
    if not points:
        points = [(c[0], c[1]) for p in payload["places"] if p[6] for c in p[6]]
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def build_page(
    payload: dict[str, Any],
    *,
    title: str,
    date_text: str,
    subtitle: str,
    tiles: str,
    self_contained: bool,
    embed: bool,
    background: gpd.GeoDataFrame | None,
    zones: gpd.GeoDataFrame | None = None,
) -> str:
    """Render the map page for a payload (see ``render.data``) and return its HTML.

    ``title`` is plain text in which ``{date}`` stands for the date shown (``date_text`` at first,
    then kept up to date by the page's script).
    """
    with deterministic_ids():
        plain = tiles == NO_TILES
        m = folium.Map(
            location=_SYRIA_CENTRE, zoom_start=7, tiles=None if plain else tiles,
            control_scale=True, zoom_snap=0.5,
        )  # fmt: skip
        use_assets(m, self_contained=self_contained)
        root = m.get_root()
        root.header.add_child(Raw(f"<title>{esc(title.replace('{date}', date_text))}</title>"), name="fl_title")
        css = (_HERE / "control.css").read_text(encoding="utf-8")
        js = (_HERE / "control.js").read_text(encoding="utf-8")
        root.header.add_child(Raw(f"<style>{css}</style>"), name="fl_css")
        root.header.add_child(Raw(f"<script>{js}</script>"), name="fl_js")
        if plain:
            root.script.add_child(
                Element(f'document.getElementById("{m.get_name()}").classList.add("fl-plain");'),
                name="fl_plain",
            )
        if background is not None and len(background):
            folium.GeoJson(
                background[["geometry"]].to_crs("EPSG:4326"),
                name="Background",
                style_function=lambda _: {"color": "#9aa4ad", "weight": 1, "fillColor": "#f7f5f0", "fillOpacity": 1},
                control=False,
                interactive=False,
            ).add_to(m)
        if zones is not None and len(zones):
            folium.GeoJson(
                zones,
                name="Approximate control zones (Voronoi around places)",
                style_function=lambda f: {
                    "color": f["properties"]["colour"], "weight": 1, "opacity": 0.6,
                    "fillColor": f["properties"]["colour"], "fillOpacity": 0.28,
                },
                tooltip=folium.GeoJsonTooltip(fields=["label"], labels=False),
                show=False,
            ).add_to(m)  # fmt: skip
        lines = _Group("Highways (approximate routes)")
        places = _Group("Places")
        lines.add_to(m)
        places.add_to(m)
        payload = dict(payload, title_id=f"fl-date-{m.get_name()}", bounds=_bounds(payload))
        _Control(m, payload, places, lines).add_to(m)
        folium.LayerControl(collapsed=embed).add_to(m)
        if not embed:
            title_html = esc(title).replace("{date}", f'<span id="{payload["title_id"]}">{esc(date_text)}</span>')
            root.html.add_child(
                Raw(
                    f'<div class="fl-title"><div class="fl-title-main">{title_html}</div>'
                    f'<div class="fl-title-sub">{esc(subtitle)}</div></div>'
                ),
                name="fl_title",
            )
        root.html.add_child(Raw(_legend_html(open_=not embed)), name="fl_legend")
        return root.render()


def write_html(html: str, out: Path | str | None) -> str:
    """Write the page when ``out`` is given; return it either way."""
    if out is not None:
        path = Path(out)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text(path, html)
        except OSError as exc:
            raise RenderError(f"cannot write the map: {exc.strerror}", path) from exc
    return html
