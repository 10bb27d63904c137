"""One map of who held what on one date."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Unpack

from shapely.geometry import LineString

from frontlines.render.data import build_payload
from frontlines.render.page import PageOptions, render_page
from frontlines.render.zones import control_zones
from frontlines.timeline import Timeline


def render_snapshot(
    timeline: Timeline,
    on: date,
    out: Path | str | None = None,
    *,
    zones: bool = False,
    lines: dict[str, LineString] | None = None,
    note: str = "",
    **options: Unpack[PageOptions],
) -> str:
    """Render the control map of ``on``; write it to ``out`` when given and return the HTML.

    ``tiles`` is one of ``page.TILES`` (default ``"OpenStreetMap"``; ``"none"``: the ``background``
    polygons alone, which are otherwise drawn under the tiles). ``self_contained`` (the default)
    inlines Leaflet so the page needs no network (web tiles, if any, still do; without them the
    background shows). ``cities`` (name, lat, lon) are named on the reference layer; ``note`` is a
    warning shown under the title. ``embed`` makes a page for an ``<iframe>``: no margins, no title
    banner, legend and layer list folded. ``zones`` adds approximate Voronoi control zones as a layer
    that is off at first. ``lines`` gives highways (by place id) a route when their ``geometry_wkt``
    is empty. ``title`` is plain text; ``{date}`` stands for the date (default ``"Control on {date}"``).
    """
    payload = build_payload(timeline, first=on, last=on, snapshot=True, lines=lines)
    background = options.get("background")
    zone_frame = control_zones(timeline.state_on(on), clip=background) if zones else None
    return render_page(payload, out, on, zones=zone_frame, note=note, **options)
