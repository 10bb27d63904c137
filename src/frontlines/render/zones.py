"""Approximate control zones: Voronoi cells around places, clipped near them, dissolved by controller."""

from __future__ import annotations

from collections.abc import Iterable

import geopandas as gpd
import shapely
from shapely.geometry import MultiPoint, Point

from frontlines.models import ControlState
from frontlines.render.data import drawable
from frontlines.render.style import style_of


def control_zones(
    states: Iterable[ControlState], *, reach_km: float = 12.0, clip: gpd.GeoDataFrame | None = None
) -> gpd.GeoDataFrame:
    """One (multi)polygon per controller: the Voronoi cells of its places within ``reach_km`` of them.

    Cells are computed in an azimuthal equidistant projection centred on the places (so the reach
    is in kilometres), clipped to ``clip`` when given, and returned in WGS84 with columns
    ``controller, label, colour, geometry`` sorted by controller. Highways are left out.
    """
    seen: dict[tuple[float, float], ControlState] = {}
    for s in sorted(states, key=lambda s: s.place.id):
        p = s.place
        if p.kind != "highway" and drawable(p) and p.lat is not None and p.lon is not None:
            seen.setdefault((round(p.lon, 6), round(p.lat, 6)), s)
    columns = ["controller", "label", "colour", "geometry"]
    if not seen:
        return gpd.GeoDataFrame(columns=columns, geometry="geometry", crs="EPSG:4326")
    lon0 = sum(x for x, _ in seen) / len(seen)
    lat0 = sum(y for _, y in seen) / len(seen)
    crs = f"+proj=aeqd +lat_0={lat0:.4f} +lon_0={lon0:.4f} +datum=WGS84 +units=m +no_defs"
    points = gpd.GeoSeries([Point(xy) for xy in seen], crs="EPSG:4326").to_crs(crs)
    reach = points.buffer(reach_km * 1000, quad_segs=8).union_all()
    if clip is not None and len(clip):
        reach = reach.intersection(clip.geometry.segmentize(0.01).to_crs(crs).union_all())
    if len(points) > 1:
        cells = shapely.voronoi_polygons(MultiPoint(list(points)), extend_to=reach, ordered=True)
        geoms = [cell.intersection(reach) for cell in cells.geoms]
    else:
        geoms = [reach]
    frame = gpd.GeoDataFrame({"controller": [s.controller for s in seen.values()]}, geometry=geoms, crs=crs)
    frame = frame[~frame.geometry.is_empty].dissolve(by="controller", as_index=False, sort=True)
    frame = frame.to_crs("EPSG:4326")
    frame["geometry"] = shapely.set_precision(frame.geometry.values, 1e-5)
    frame["label"] = [style_of(c).label for c in frame["controller"]]
    frame["colour"] = [style_of(c).colour for c in frame["controller"]]
    return frame[columns].reset_index(drop=True)
