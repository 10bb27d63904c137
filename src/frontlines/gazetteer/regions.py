"""Regions as areas: each the set of communities a cited source lists for it (``gazetteer/regions.csv``).

``regions.csv`` is hand-made and reviewed: ``region,name,member,source``, one row a member. A member is
an OCHA community P-code (``C6317``) or a subdistrict P-code (``SY030100``) standing for all of its
communities. The build makes each region a ``region`` place whose point is the mean of its members'
points and whose area is their convex hull (buffered about 1 km), so a region is never a made-up
coordinate: both are derived from the OCHA points of the communities the source names.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import shapely

from frontlines.errors import GazetteerError
from frontlines.gazetteer.rows import AdminLookup, PlaceRow, read_csv

REGION_COLUMNS = ("region", "name", "member", "source")
#: The hull is widened by this much, so that a region of one or two communities is still an area.
HULL_BUFFER_DEG = 0.01
_GRID_DEG = 1e-5


def build_regions(
    path: Path,
    places: dict[str, PlaceRow],
    subdistrict_of: dict[str, str],
    admin: AdminLookup,
) -> list[tuple[dict[str, str], shapely.Geometry]]:
    """Add the regions of ``path`` to ``places``; return their areas. No file, no regions.

    A region's spellings other than its name are hand-made rows of ``patches/names.csv``.

    ``subdistrict_of`` gives each community's subdistrict P-code.
    """
    if not path.is_file():
        return []
    by_subdistrict: dict[str, list[PlaceRow]] = defaultdict(list)
    for community, subdistrict in sorted(subdistrict_of.items()):
        if community in places:
            by_subdistrict[subdistrict].append(places[community])
    members: dict[str, dict[str, PlaceRow]] = defaultdict(dict)
    titles: dict[str, str] = {}
    for line, row in enumerate(read_csv(path), start=2):
        if not all(row.get(c, "").strip() for c in REGION_COLUMNS):
            raise GazetteerError("a region row needs region, name, member and source", path, line)
        region, member = row["region"].strip(), row["member"].strip()
        titles.setdefault(region, row["name"].strip())
        found = (
            by_subdistrict.get(member)
            if member.startswith("SY")
            else [places[member]]
            if member in places
            else None
        )
        if not found:
            raise GazetteerError(f"{region}: member {member} is no community or subdistrict", path, line)
        members[region].update((p.id, p) for p in found)
    areas = []
    for region, communities in sorted(members.items()):
        points = [p.point for p in communities.values() if p.point is not None]
        lat = sum(p[0] for p in points) / len(points)
        lon = sum(p[1] for p in points) / len(points)
        place = PlaceRow(
            id=region, kind="region", name=titles[region], lat=f"{lat:.6f}", lon=f"{lon:.6f}", approximate=True,
            source_ids=[f"regions:{region.removeprefix('region:')}"],
        )  # fmt: skip
        admin.fill(place)
        places[region] = place
        hull = shapely.MultiPoint([(p[1], p[0]) for p in points]).convex_hull.buffer(
            HULL_BUFFER_DEG, quad_segs=4
        )
        areas.append(
            ({"id": region, "name": place.name, "name_ar": ""}, shapely.set_precision(hull, _GRID_DEG))
        )
    return areas
