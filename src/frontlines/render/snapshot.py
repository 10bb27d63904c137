"""One map of who held what on one date."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import LineString

from frontlines.render.data import build_payload
from frontlines.render.page import build_page, write_html
from frontlines.render.zones import control_zones
from frontlines.timeline import Timeline

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")  # fmt: skip


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


def render_snapshot(
    timeline: Timeline,
    on: date,
    out: Path | str | None = None,
    *,
    tiles: str = "OpenStreetMap",
    self_contained: bool = True,
    embed: bool = False,
    zones: bool = False,
    background: gpd.GeoDataFrame | None = None,
    lines: dict[str, LineString] | None = None,
    title: str = "Control on {date}",
    cities: Sequence[tuple[str, float, float]] = (),
    note: str = "",
) -> str:
    """Render the control map of ``on``; write it to ``out`` when given and return the HTML.

    ``tiles`` is one of ``page.TILES`` (``"none"``: the ``background`` polygons alone, which are
    otherwise drawn under the tiles). ``self_contained`` (the default) inlines Leaflet so the page
    needs no network (web tiles, if any, still do; without them the background shows). ``cities``
    (name, lat, lon) are named on the reference layer; ``note`` is a warning shown under the title. ``embed`` makes a page for an ``<iframe>``: no margins, no title banner, legend and
    layer list folded. ``zones`` adds approximate Voronoi control zones as a layer that is off at
    first. ``lines`` gives highways (by place id) a route when their ``geometry_wkt`` is empty.
    ``title`` is plain text; ``{date}`` stands for the date.
    """
    payload = build_payload(timeline, first=on, last=on, snapshot=True, lines=lines)
    zone_frame = control_zones(timeline.state_on(on), clip=background) if zones else None
    html = build_page(
        payload,
        title=title,
        date_text=long_date(on),
        subtitle=subtitle(payload),
        tiles=tiles,
        self_contained=self_contained,
        embed=embed,
        background=background,
        zones=zone_frame,
        cities=cities,
        note=note,
    )
    return write_html(html, out)
