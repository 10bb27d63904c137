"""Build the gazetteer (places, names, highways, boundaries) from the shared source data.

Run as ``python -m frontlines.gazetteer.build SRC OUT``. The sources and the merge rule are described
in ``gazetteer/SOURCES.md``; the output format in ``gazetteer/FORMAT.md``.
"""

from __future__ import annotations

import csv
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import shapely
from shapely.geometry import mapping

from frontlines.atomic import atomic_open, write_text
from frontlines.errors import GazetteerError
from frontlines.gazetteer import features
from frontlines.gazetteer.normalise import is_arabic, name_key
from frontlines.gazetteer.regions import build_regions
from frontlines.gazetteer.rows import (
    AdminLookup,
    MatchIndex,
    NameTable,
    PlaceRow,
    read_csv,
    read_features,
    read_json,
    script_of,
)
from frontlines.schema import HIGHWAY_COLUMNS, NAME_COLUMNS, PLACE_COLUMNS

# Boundary simplification: ~100 m tolerance, coordinates on a ~1 m grid.
SIMPLIFY_TOLERANCE_DEG = 0.001
COORDINATE_GRID_DEG = 1e-5
OCHA_COMMUNITIES = Path("ocha") / "syr_pplp_adm4.csv"
#: Neighbourhood and region polygons (``boundaries/areas.geojson``), property ``id`` the place's id.
AREAS = "boundaries/areas.geojson"
ADMIN_LEVELS = {
    1: ("governorates", "governorate"),
    2: ("districts", "district"),
    3: ("subdistricts", "subdistrict"),
}


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote and what it could not match."""

    places_by_kind: dict[str, int]
    names: int
    geonames_matched: int
    geonames_added: int
    reference_matches: dict[str, str]
    reference_unmatched: tuple[str, ...]
    file_sizes: dict[str, int]
    features: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """A few lines for the terminal."""
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.places_by_kind.items()))
        lines = [
            f"places: {sum(self.places_by_kind.values())} ({kinds})",
            f"names: {self.names}",
            f"geonames: {self.geonames_matched} merged into OCHA communities, {self.geonames_added} added",
            "reference places: " + ", ".join(f"{k}={v}" for k, v in sorted(self.reference_matches.items())),
            "reference places matching nothing: " + (", ".join(self.reference_unmatched) or "none"),
            "features: " + (", ".join(f"{k} {v}" for k, v in sorted(self.features.items())) or "none"),
        ]
        lines += [f"{path}: {size:,} bytes" for path, size in sorted(self.file_sizes.items())]
        return "\n".join(lines)


def _base_name(qualified: str) -> str:
    """``Rayan (Saraqab)`` → ``Rayan``; ``اليرموك - دمشق`` → ``اليرموك``."""
    return re.split(r"\s+\(|\s+-\s+", qualified, maxsplit=1)[0].strip()


def _parts(combined: str) -> list[str]:
    """The localities an OCHA community joins: ``Maskana - Onaiza``, ``مسكنة_عنيزة`` → both names."""
    parts = [part.strip() for part in re.split(r"_|\s+-\s+|\s+/\s+", combined)]
    return [part for part in parts if part] if len(parts) > 1 else []


def _ocha_communities(source_dir: Path, names: NameTable) -> dict[str, PlaceRow]:
    places: dict[str, PlaceRow] = {}
    for row in read_csv(source_dir / OCHA_COMMUNITIES):
        place = PlaceRow(
            id=row["pcode"],
            kind="populated_place",
            name=row["name_en"],
            name_ar=row["name_ar"],
            lat=row["lat"],
            lon=row["lon"],
            admin1=row["admin1"],
            admin2=row["admin2"],
            admin3=row["admin3"],
            admin1_pcode=row["admin1_pcode"],
            source_ids=[f"ocha:{row['pcode']}"],
        )
        places[place.id] = place
        for column, lang in (("name_en", "en"), ("name_ar", "ar")):
            for name in (row[column], *_parts(row[column])):
                names.add(place.id, name, lang, "ocha")
        for column, lang in (("name_en_qualified", "en"), ("name_ar_qualified", "ar")):
            names.add(place.id, _base_name(row[column]), lang, "ocha")
    return places


def _admin_units(source_dir: Path, names: NameTable) -> dict[str, PlaceRow]:
    """Governorates, districts and subdistricts: OCHA P-codes and names, Open-Syria centroids and aliases."""
    ocha_names: dict[str, dict[str, Any]] = {}
    for level in ADMIN_LEVELS:
        path = source_dir / "boundaries" / f"syr_admbnda_adm{level}_uncs_unocha.geojson"
        for feature in read_features(path):
            props = feature["properties"]
            ocha_names[props[f"ADM{level}_PCODE"]] = props
    places: dict[str, PlaceRow] = {}
    for level, (file_stem, kind) in ADMIN_LEVELS.items():
        units = cast(list[dict[str, Any]], read_json(source_dir / "admin" / f"opensyria_{file_stem}.json"))
        for unit in units:
            ids = unit["externalIds"]
            pcode = ids["ochaPcode"]
            props = ocha_names.get(pcode)
            if props is None:
                raise GazetteerError(f"Open-Syria {unit['id']} has P-code {pcode} with no OCHA boundary")
            centroid = unit["centroid"]
            place = PlaceRow(
                id=pcode,
                kind=kind,
                name=unit["name"]["en"],
                name_ar=unit["name"].get("ar", ""),
                lat=centroid["latitude"],
                lon=centroid["longitude"],
                admin1=props["ADM1_EN"],
                admin2=props.get("ADM2_EN") or "",
                admin3=props.get("ADM3_EN") or "",
                admin1_pcode=props["ADM1_PCODE"],
                population=int((unit.get("population") or {}).get("value") or 0),
                source_ids=[f"ocha:{pcode}", f"opensyria:{unit['id']}"]
                + [f"{name}:{ids[name]}" for name in ("geonames", "wikidata") if ids.get(name)],
            )
            places[pcode] = place
            names.add(pcode, unit["name"]["en"], "en", "opensyria")
            names.add(pcode, unit["name"].get("ar", ""), "ar", "opensyria")
            for alias in unit.get("aliases", []):
                names.add(pcode, alias["value"], "ar" if alias["language"] == "ar" else "en", "opensyria")
            for suffix in ("EN", "REF", "ALT1EN", "ALT2EN", "AR", "ALT1AR", "ALT2AR"):
                value = props.get(f"ADM{level}_{suffix}") or ""
                names.add(pcode, value, "ar" if suffix.endswith("AR") else "en", "ocha")
    return places


@dataclass(frozen=True, slots=True)
class GeoNamesCity:
    """One GeoNames row, reduced to what the builder uses."""

    geonameid: str
    name: str
    lat: str
    lon: str
    population: int
    alternate_names: tuple[str, ...]

    @property
    def point(self) -> tuple[float, float]:
        """(lat, lon) as floats."""
        return float(self.lat), float(self.lon)

    def spellings(self) -> list[tuple[str, str]]:
        """(name, lang) for the primary name and the Latin- and Arabic-script alternate names."""
        result = [(self.name, "")]
        for alternate in self.alternate_names:
            script = script_of(alternate)
            if script != "other":
                result.append((alternate, "ar" if script == "ar" else ""))
        return result


def _geonames_cities(source_dir: Path) -> list[GeoNamesCity]:
    rows = read_csv(source_dir / "geonames" / "SY_cities500.tsv", delimiter="\t")
    return [
        GeoNamesCity(
            geonameid=row["geonameid"],
            name=row["name"],
            lat=row["latitude"],
            lon=row["longitude"],
            population=int(row["population"] or 0),
            alternate_names=tuple(a for a in row["alternatenames"].split(",") if a.strip()),
        )
        for row in rows
        if row["country_code"] == "SY"
    ]


def merge_geonames_place(
    city: GeoNamesCity,
    kind: str,
    places: dict[str, PlaceRow],
    index: MatchIndex,
    names: NameTable,
    admin: AdminLookup,
    known: PlaceRow | None = None,
) -> bool:
    """Merge a GeoNames entry into the place it names, or add it as a ``gn:`` place (then return True).

    ``known`` is the place already holding the GeoNames id; otherwise ``index`` finds it by name and
    distance. The matched place keeps its id and coordinates and gains the GeoNames id and spellings.
    """
    spellings = city.spellings()
    match = known or index.nearest([name for name, _ in spellings], city.point)
    created = match is None
    if match is None:
        match = PlaceRow(id=f"gn:{city.geonameid}", kind=kind, name=city.name, lat=city.lat, lon=city.lon)
        admin.fill(match)
        places[match.id] = match
        index.add(match, [name for name, _ in spellings])
    match.add_source_id(f"geonames:{city.geonameid}")
    match.population = max(match.population, city.population)
    for name, lang in spellings:
        names.add(match.id, name, lang, "geonames")
    return created


def _attach_reference_places(
    source_dir: Path, places: dict[str, PlaceRow], index: MatchIndex, names: NameTable
) -> tuple[dict[str, str], list[str]]:
    """Give each verified seed place its common name and spellings; return matches and misses."""
    by_source_id = {sid: place for place in places.values() for sid in place.source_ids}
    matches: dict[str, str] = {}
    unmatched: list[str] = []
    for row in read_csv(source_dir / "reference_places.csv"):
        source_id = row["source_id"].split(" ")[0]
        spellings = [row["name"], *(a for a in row["alt_names"].split(";") if a.strip())]
        place = by_source_id.get(source_id)
        if place is None and source_id.startswith("ocha_pcode:"):
            place = places.get(source_id.removeprefix("ocha_pcode:"))
        if place is None and row["feature"].startswith("populated place"):
            place = index.nearest(spellings, (float(row["lat"]), float(row["lon"])))
        if place is None:
            unmatched.append(row["key"])
            continue
        matches[row["key"]] = place.id
        place.name = row["name"]
        if not source_id.startswith(("geonames:", "ocha_pcode:")):
            place.add_source_id(source_id)
        for spelling in spellings:
            names.add(place.id, spelling, "ar" if is_arabic(spelling) else "en", "reference_places")
    return matches, unmatched


def _highway_rows(
    source_dir: Path, places: dict[str, PlaceRow], references: dict[str, str]
) -> list[list[str]]:
    by_source_id = {sid: place.id for place in places.values() for sid in place.source_ids}
    rows = []
    for row in read_csv(source_dir / "highways" / "m4_m5_waypoints.csv"):
        coord_source = row["coord_source"]
        if coord_source.startswith("geonames:"):
            place_id = by_source_id.get(coord_source)
        else:
            key = re.search(r"key=(\w+)", coord_source)
            place_id = references.get(key.group(1)) if key else None
        if place_id is None:
            raise GazetteerError(f"highway waypoint {row['place']!r} matches no place", "m4_m5_waypoints.csv")
        rows.append([
            f"hwy:{row['highway']}", row["seq"], place_id, row["place"], row["lat"], row["lon"], coord_source,
            row["route_membership_source"],
        ])  # fmt: skip
    return sorted(rows, key=lambda r: (r[0], int(r[1])))


# --- boundaries -----------------------------------------------------------------------------------


def _simplified_boundaries(source_dir: Path) -> dict[int, list[tuple[dict[str, str], shapely.Geometry]]]:
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


def _write_geojson(path: Path, items: list[tuple[dict[str, str], shapely.Geometry]]) -> None:
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


# --- writing --------------------------------------------------------------------------------------


def _write_csv(path: Path, header: Iterable[str], rows: Iterable[Iterable[str]]) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_places(path: Path, places: Iterable[PlaceRow]) -> None:
    """Write ``places.csv`` sorted by id."""
    _write_csv(path, PLACE_COLUMNS, (p.as_row() for p in sorted(places, key=lambda p: p.id)))


def write_names(path: Path, names: NameTable) -> None:
    """Write ``names.csv`` sorted by place id and name."""
    _write_csv(path, NAME_COLUMNS, names.rows())


def build_gazetteer(source_dir: Path, out_dir: Path) -> BuildReport:
    """Read the shared source data and write the generated gazetteer files into ``out_dir``."""
    source_dir, out_dir = Path(source_dir), Path(out_dir)
    names = NameTable()
    places = _admin_units(source_dir, names)
    communities = _ocha_communities(source_dir, names)
    places.update(communities)

    index = MatchIndex()
    for place in communities.values():
        index.add(place, names.names_of(place.id))
    admin = AdminLookup.from_ocha_adm3(
        read_features(source_dir / "boundaries" / "syr_admbnda_adm3_uncs_unocha.geojson")
    )
    created = Counter(
        merge_geonames_place(city, "populated_place", places, index, names, admin)
        for city in sorted(_geonames_cities(source_dir), key=lambda c: int(c.geonameid))
    )
    references, unmatched = _attach_reference_places(source_dir, places, index, names)
    highways = _highway_rows(source_dir, places, references)
    merged: Counter[str] = Counter()
    areas: list[tuple[dict[str, str], shapely.Geometry]] = []
    if (source_dir / features.AIRPORTS).is_file():  # sources of PROVENANCE.md sections 9 and 10
        bases = features.FeatureNames()
        merged["airbase"] = features.airports(source_dir, places, names, admin, bases)
        merged.update(features.transport(source_dir, places, names, admin, bases))
        areas += features.aleppo_neighbourhoods(source_dir, places, names, bases)
        merged.update(features.whos_on_first(source_dir, places, names, index, admin, bases))
        foreign = {name_key(row["name"]) for row in _outside_rows(out_dir)}
        merged["feature bare names"] = bases.write(places, names, foreign)
    subdistrict_of = {row["pcode"]: row["admin3_pcode"] for row in read_csv(source_dir / OCHA_COMMUNITIES)}
    areas += build_regions(out_dir / "regions.csv", places, subdistrict_of, admin)

    (out_dir / "boundaries").mkdir(parents=True, exist_ok=True)
    write_places(out_dir / "places.csv", places.values())
    write_names(out_dir / "names.csv", names)
    _write_csv(out_dir / "highways.csv", HIGHWAY_COLUMNS, highways)
    for level, items in _simplified_boundaries(source_dir).items():
        _write_geojson(out_dir / "boundaries" / f"adm{level}.geojson", items)
    written = ["places.csv", "names.csv", "highways.csv", *(f"boundaries/adm{n}.geojson" for n in range(3))]
    if areas:
        _write_geojson(out_dir / AREAS, sorted(areas, key=lambda item: item[0]["id"]))
        written.append(AREAS)

    return BuildReport(
        places_by_kind=dict(Counter(p.kind for p in places.values())),
        names=len(names),
        geonames_matched=created[False],
        geonames_added=created[True],
        reference_matches=references,
        reference_unmatched=tuple(unmatched),
        file_sizes={name: (out_dir / name).stat().st_size for name in written},
        features=dict(merged),
    )


def _outside_rows(out_dir: Path) -> list[dict[str, str]]:
    """The hand-made foreign places of the gazetteer being built (none before it has them)."""
    path = out_dir / "outside.csv"
    return read_csv(path) if path.is_file() else []


def read_places(path: Path) -> dict[str, PlaceRow]:
    """Load a ``places.csv`` written by the builder, by id."""
    return {row["id"]: PlaceRow.from_row(row) for row in read_csv(path)}


def main(argv: list[str]) -> int:
    """``python -m frontlines.gazetteer.build SRC OUT``."""
    if len(argv) != 2:
        print("usage: python -m frontlines.gazetteer.build SOURCE_DIR OUT_DIR", file=sys.stderr)
        return 2
    try:
        report = build_gazetteer(Path(argv[0]), Path(argv[1]))
    except GazetteerError as error:
        print(error, file=sys.stderr)
        return 2
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
