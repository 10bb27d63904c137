"""The Folium page both maps share: tiles or a plain background, title, legend, layers, data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any, TypedDict, Unpack

import folium
import geopandas as gpd
import shapely
import shapely.geometry
from branca.element import MacroElement
from folium.map import Layer
from jinja2 import Template

from frontlines.atomic import write_text
from frontlines.errors import RenderError
from frontlines.render.assets import Raw, page_of, stable_ids, use_assets
from frontlines.render.data import INTERVAL_FIELDS, script_blobs, to_script_json
from frontlines.render.style import UNKNOWN, controller_styles, esc, style_of

NO_TILES = "none"
#: The tile sets a map may use (Folium names), and "none" for the offline background alone.
TILES = ("OpenStreetMap", "CartoDB positron", "CartoDB voyager", "CartoDB dark_matter", NO_TILES)
_SYRIA_CENTRE = (35.0, 38.5)
_HERE = files("frontlines.render")
#: Land outside the mapped country: there is no coastline data, so it is one tint, unlike the sea.
OUTSIDE_TINT = "#e3ded2"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip


class PageOptions(TypedDict, total=False):
    """The page options both maps take (see ``render_page``)."""

    tiles: str
    self_contained: bool
    embed: bool
    background: gpd.GeoDataFrame | None
    title: str
    cities: Sequence[tuple[str, float, float]]


def long_date(d: date) -> str:
    """A date as "6 February 2020", whatever the locale."""
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def subtitle(payload: dict[str, Any]) -> str:
    """The line under the title: how many places, how many are not drawn, and a caveat."""
    parts = [f"{len(payload['places'])} places from news reports"]
    if payload["unmapped"]:
        parts.append(f"{payload['unmapped']} without coordinates not shown")
    parts.append("approximate, not authoritative")
    return " · ".join(parts)


def check_tiles(tiles: str) -> str:
    """The tile set's name as Folium spells it; a RenderError listing the choices when unknown."""
    for name in TILES:
        if tiles.casefold() == name.casefold():
            return name
    raise RenderError(f"unknown tiles {tiles!r}; choose one of: " + ", ".join(TILES))


class _Group(Layer):
    """An empty Leaflet feature group the control script fills (listed in the layer control)."""

    _template = Template(
        "{% macro script(this, kwargs) %}var {{ this.get_name() }} = L.featureGroup();{% endmacro %}"
    )

    def __init__(self, name: str, show: bool = True):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "FeatureGroup"


class _Blobs(MacroElement):
    """A macro element whose JSON blobs go into the page's body, before the script that reads them."""

    def __init__(self, name: str, data_id: str, blobs: str):
        super().__init__()  # type: ignore[no-untyped-call]  # branca's MacroElement.__init__ is not annotated
        self._name = name
        self.data_id = data_id
        self.blobs = blobs

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement.render: None, not str
        page_of(self).html.add_child(Raw(self.blobs), name=self.get_name())
        super().render(**kwargs)  # type: ignore[no-untyped-call]  # branca's MacroElement.render is not annotated


class _Control(_Blobs):
    """The data blobs (see ``render.data``) and the call that draws them."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        'frontlinesLoad({{ this.map.get_name() }}, "{{ this.data_id }}",'
        " {places: {{ this.places.get_name() }}, lines: {{ this.lines.get_name() }}},"
        ' "{{ this.data_id }}-strings");'
        "{% endmacro %}"
    )

    def __init__(self, m: folium.Map, payload: dict[str, Any], places: _Group, lines: _Group):
        data_id = f"fl-data-{m.get_name()}"
        (main_type, main), (strings_type, strings) = script_blobs(payload)
        blobs = (
            f'<script type="{main_type}" id="{data_id}">{main}</script>'
            f'<script type="{strings_type}" id="{data_id}-strings">{strings}</script>'
        )
        super().__init__("FrontlinesControl", data_id, blobs)
        self.map, self.places, self.lines = m, places, lines


def _swatch(
    fill: str,
    *,
    ring: str = "#202020",
    width: float = 1,
    dash: str = "",
    opacity: float = 0.92,
    r: float = 5.5,
    halo: bool = False,
) -> str:
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    halo_svg = (
        f'<circle cx="11" cy="11" r="10" fill="{fill}" fill-opacity="0.22" stroke="{fill}"/>' if halo else ""
    )
    return (
        f'<svg width="20" height="20" viewBox="0 0 22 22" aria-hidden="true">{halo_svg}<circle cx="11" cy="11" r="{r}" fill="{fill}"'
        f' fill-opacity="{opacity}" stroke="{ring}" stroke-width="{width}"{dash_attr}/></svg>'
    )


def sides_present(payload: dict[str, Any]) -> list[str]:
    """The controllers any interval of the map names (holder or other side), in the legend's order."""
    used: set[int] = set()
    for p in payload["places"]:
        iv = p[7]
        for k in range(0, len(iv), INTERVAL_FIELDS):
            used.add(iv[k + 2])
            if iv[k + 4] is not None and iv[k + 4] >= 0:
                used.add(iv[k + 4])
    return [row[0] for i, row in enumerate(payload["controllers"]) if i in used]


def _legend_html(*, open_: bool, sides: list[str], areas: bool = False) -> str:
    styles = controller_styles()
    rows = [
        f'<div class="fl-legend-row">{_swatch(style_of(s).colour)}<span>{esc(style_of(s).label)}</span></div>'
        for s in sides
    ]
    colours = [style_of(s).colour for s in sides if s != UNKNOWN] + [
        s.colour for k, s in styles.items() if k in ("government", "opposition") and k not in sides
    ]
    a, b = (colours + ["#d7191c", "#2e9e44"])[:2]
    line = '<svg width="20" height="20" viewBox="0 0 22 22" aria-hidden="true"><path d="M2 15 L20 7" stroke="#555" stroke-width="4"/></svg>'
    extra = [
        (_swatch(a, ring=b, width=3, dash="4 2.5", r=6.5), "Changing hands (fill: holder, dashed ring: side taking it)"),
        (_swatch(a, ring=b, width=3, dash="1.2 2.4", r=6.5), "Contested, or claimed by an unverified or doubtful report (fill: holder by the reports, dotted ring: other side)"),
        (_swatch(a, opacity=0.45), "Inferred: held before the first reported change"),
        (_swatch(a, r=7.5, halo=True), "Changed hands in the last 7 days"),
        (line, "Highway, coloured by controller (approximate route)"),
    ]  # fmt: skip
    if areas:
        area = (
            '<svg width="20" height="20" viewBox="0 0 22 22" aria-hidden="true"><path d="M3 6 L12 2 L19 8 L17 19'
            f' L5 17 Z" fill="{a}" fill-opacity="0.35" stroke="{a}" stroke-width="1.5"/></svg>'
        )
        extra.append(
            (area, "Neighbourhood or region: its outline, filled like a marker (hatched when changing hands)")
        )
    rows.append('<div class="fl-legend-sep"></div>')
    rows += [f'<div class="fl-legend-row">{svg}<span>{esc(text)}</span></div>' for svg, text in extra]
    rows.append(
        '<div class="fl-legend-note">Places are drawn where news reports put them; control between'
        " places is not known. Dates and control are approximate.</div>"
    )
    return (
        f'<div class="fl-legend-box"><details class="fl-legend"{" open" if open_ else ""}>'
        f"<summary>Legend</summary>{''.join(rows)}</details></div>"
        # a small screen starts with the legend folded
        '<script>if (window.matchMedia("(max-width: 600px), (max-height: 450px)").matches)'
        ' { document.querySelector(".fl-legend").open = false; }</script>'
    )


def _bounds(payload: dict[str, Any]) -> list[list[float]] | None:
    """The box of the point places and areas; lines count only when there is no point (a country-long highway
    would otherwise zoom the map out to the whole country)."""
    points = [(p[3], p[4]) for p in payload["places"] if not p[6] and p[3] is not None]
    points += [(c[0], c[1]) for p in payload["places"] if p[5] == "a" for ring in p[10] for c in ring]
    if not points:
        points = [(c[0], c[1]) for p in payload["places"] if p[6] for c in p[6]]
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    if not lats:
        return None
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


class _Reference(_Blobs):
    """The offline background under the tiles (land outside the country, admin areas) and the
    reference names (governorates, main cities), drawn by ``frontlinesBase`` from a JSON blob."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        'frontlinesBase({{ this.map.get_name() }}, "{{ this.data_id }}", {{ this.names.get_name() }},'
        " {{ 'true' if this.tiled else 'false' }});"
        "{% endmacro %}"
    )

    def __init__(self, m: folium.Map, blob: str, names: _Group, tiled: bool):
        data_id = f"fl-ref-{m.get_name()}"
        super().__init__(
            "FrontlinesReference", data_id, f'<script type="application/json" id="{data_id}">{blob}</script>'
        )
        self.map, self.names, self.tiled = m, names, tiled


def reference_blob(
    background: gpd.GeoDataFrame | None, cities: Sequence[tuple[str, float, float]] = ()
) -> str:
    """The JSON of ``_Reference``: admin areas (simplified), land outside them, and labels
    ``[name, lat, lon, kind]`` (kind ``g`` for a governorate, ``c`` for a city)."""
    admin: dict[str, Any] = {"type": "FeatureCollection", "features": []}
    outside = None
    labels: list[list[Any]] = []
    if background is not None and len(background):
        frame = background.to_crs("EPSG:4326")
        shapes = [shapely.set_precision(g.simplify(0.003), 1e-4) for g in frame.geometry]
        admin["features"] = [
            {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(g)}
            for g in shapes
            if not g.is_empty
        ]
        world = shapely.box(-180, -85, 180, 85)
        outside = shapely.geometry.mapping(
            shapely.set_precision(world.difference(shapely.union_all(shapes)), 1e-4)
        )
        if "name" in frame.columns:
            for name, geom in sorted(zip(frame["name"], frame.geometry), key=lambda x: str(x[0])):
                if name and len(frame) <= 20:  # governorates, not districts
                    point = geom.representative_point()
                    labels.append([str(name), round(point.y, 4), round(point.x, 4), "g"])
    labels += [[name, round(lat, 4), round(lon, 4), "c"] for name, lat, lon in cities]
    return to_script_json(
        {"admin": admin, "outside": outside, "outside_tint": OUTSIDE_TINT, "labels": labels}
    )


def render_page(
    payload: dict[str, Any],
    out: Path | str | None,
    day: date,
    *,
    zones: gpd.GeoDataFrame | None = None,
    note: str = "",
    **options: Unpack[PageOptions],
) -> str:
    """Render the map page for a payload (see ``render.data``); write it to ``out`` when given and return it.

    ``title`` is plain text in which ``{date}`` stands for the date shown (``day`` at first, then kept
    up to date by the page's script). ``background`` (admin polygons, with a ``name`` column for
    governorates) is drawn under the tiles, so a page without network still shows the country;
    ``cities`` (name, lat, lon) are named on the reference layer; ``zones`` is a layer that is off at
    first; ``note`` is a warning shown under the title.
    """
    return _write_html(_build_page(payload, day, zones=zones, note=note, **options), out)


def _build_page(
    payload: dict[str, Any],
    day: date,
    *,
    zones: gpd.GeoDataFrame | None,
    note: str,
    tiles: str = "OpenStreetMap",
    self_contained: bool = True,
    embed: bool = False,
    background: gpd.GeoDataFrame | None = None,
    title: str = "Control on {date}",
    cities: Sequence[tuple[str, float, float]] = (),
) -> str:
    date_text = long_date(day)
    tiles = check_tiles(tiles)
    plain = tiles == NO_TILES
    m = folium.Map(
        location=_SYRIA_CENTRE, zoom_start=7, tiles=None if plain else tiles,
        control_scale=True, zoom_snap=0.5,
    )  # fmt: skip
    use_assets(m, self_contained=self_contained)
    root = page_of(m)
    root.header.add_child(Raw(f"<title>{esc(title.replace('{date}', date_text))}</title>"), name="fl_title")
    css = (_HERE / "control.css").read_text(encoding="utf-8")
    js = (_HERE / "control.js").read_text(encoding="utf-8")
    root.header.add_child(Raw(f"<style>{css}</style>"), name="fl_css")
    root.header.add_child(Raw(f"<script>{js}</script>"), name="fl_js")
    classes = '"fl-map", "fl-plain"' if plain else '"fl-map"'
    root.script.add_child(
        Raw(f'document.getElementById("{m.get_name()}").classList.add({classes});'), name="fl_plain"
    )
    names = _Group("Reference: governorates and main cities", show=plain)
    names.add_to(m)
    _Reference(m, reference_blob(background, cities), names, not plain).add_to(m)
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
    folium.LayerControl(collapsed=True).add_to(m)
    title_html = esc(title).replace("{date}", f'<span id="{payload["title_id"]}">{esc(date_text)}</span>')
    sub = "" if embed else f'<div class="fl-title-sub">{esc(subtitle(payload))}</div>'
    warning = f'<div class="fl-title-note" role="status">{esc(note)}</div>' if note else ""
    root.html.add_child(
        Raw(
            f'<div class="fl-title{" fl-embed" if embed else ""}"><div class="fl-title-main">{title_html}</div>'
            f"{sub}{warning}</div>"
        ),
        name="fl_title",
    )
    root.html.add_child(
        Raw(
            _legend_html(
                open_=not embed,
                sides=sides_present(payload),
                areas=any(p[5] == "a" for p in payload["places"]),
            )
        ),
        name="fl_legend",
    )
    return stable_ids(root.render())


def _write_html(html: str, out: Path | str | None) -> str:
    """Write the page when ``out`` is given; return it either way."""
    if out is not None:
        path = Path(out)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text(path, html)
        except OSError as exc:
            raise RenderError(f"cannot write the map: {exc.strerror}", path) from exc
    return html
