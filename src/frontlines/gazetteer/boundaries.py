"""Admin boundaries for the gazetteer: ADM0–2 simplified once from OCHA's ADM2 coverage, and GeoJSON one feature a line."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from pathlib import Path

import shapely
from shapely.geometry import mapping

from frontlines.atomic import write_text
from frontlines.errors import GazetteerError
from frontlines.gazetteer.rows import read_features

# Boundary simplification: ~100 m tolerance, coordinates on a ~1 m grid.
SIMPLIFY_TOLERANCE_DEG = 0.001
COORDINATE_GRID_DEG = 1e-5


def simplified_boundaries(source_dir: Path) -> dict[int, list[tuple[dict[str, str], shapely.Geometry]]]:
    """ADM0–2 from the ADM2 coverage simplified once, so that the levels nest and neighbours share edges."""
    features = read_features(source_dir / "boundaries" / "syr_admbnda_adm2_uncs_unocha.geojson")
    features.sort(key=lambda f: f["properties"]["ADM2_PCODE"])
    geometries = shapely.make_valid(shapely.from_geojson([json.dumps(f["geometry"]) for f in features]))
    simplified = shapely.coverage_simplify(geometries, SIMPLIFY_TOLERANCE_DEG)
    simplified = shapely.set_precision(simplified, COORDINATE_GRID_DEG)
    by_level: dict[int, list[tuple[dict[str, str], shapely.Geometry]]] = {0: [], 1: [], 2: []}
    groups: dict[str, list[int]] = defaultdict(list)
    for position, feature in enumerate(features):
        props = feature["properties"]
        groups[props["ADM1_PCODE"]].append(position)
        by_level[2].append((
            {"pcode": props["ADM2_PCODE"], "name": props["ADM2_EN"], "name_ar": props["ADM2_AR"],
             "adm1_pcode": props["ADM1_PCODE"]},
            simplified[position],
        ))  # fmt: skip
    adm1_names = {
        f["properties"]["ADM1_PCODE"]: f["properties"]
        for f in read_features(source_dir / "boundaries" / "syr_admbnda_adm1_uncs_unocha.geojson")
    }
    for pcode, positions in sorted(groups.items()):
        props = adm1_names[pcode]
        union = shapely.set_precision(shapely.coverage_union_all(simplified[positions]), COORDINATE_GRID_DEG)
        by_level[1].append(({"pcode": pcode, "name": props["ADM1_EN"], "name_ar": props["ADM1_AR"]}, union))
    country = shapely.set_precision(shapely.coverage_union_all(simplified), COORDINATE_GRID_DEG)
    first = features[0]["properties"]
    by_level[0].append(
        ({"pcode": first["ADM0_PCODE"], "name": first["ADM0_EN"], "name_ar": first["ADM0_AR"]}, country)
    )
    for level, items in by_level.items():
        for props, geometry in items:
            if not geometry.is_valid or geometry.is_empty:
                raise GazetteerError(f"simplified ADM{level} {props['pcode']} is not a valid polygon")
    return by_level


def write_geojson(path: Path, items: list[tuple[dict[str, str], shapely.Geometry]]) -> None:
    """A FeatureCollection with one feature a line, coordinates rounded to the grid."""
    digits = round(-math.log10(COORDINATE_GRID_DEG))

    def rounded(value: object) -> object:
        if isinstance(value, float):
            return round(value, digits)
        if isinstance(value, list | tuple):
            return [rounded(v) for v in value]
        if isinstance(value, dict):
            return {k: rounded(v) for k, v in value.items()}
        return value

    lines = [
        json.dumps({"type": "Feature", "properties": props, "geometry": rounded(mapping(geometry))},
                   ensure_ascii=False, separators=(",", ":"))
        for props, geometry in items
    ]  # fmt: skip
    write_text(path, '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n")
