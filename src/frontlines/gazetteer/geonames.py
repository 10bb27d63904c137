"""Import an official GeoNames dump (``SY.txt``, ``allCountries.txt``) into a gazetteer directory.

Kept: populated places (class P), admin units ADM1–ADM3 (class A) and named areas and highlands
(``L.RGN``, ``L.AREA``, ``T.MT``/``MTS``/``HLL``/``HLLS``/``PLAT``/``UPLD``, as regions). Each entry
merges into the place already holding its GeoNames id, else into the nearest place of the same kind
that shares a name (the builder's rule), else becomes a ``gn:<geonameid>`` place.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import shapely

from frontlines.errors import GazetteerError
from frontlines.gazetteer.build import read_places, write_names, write_places
from frontlines.gazetteer.rows import AdminLookup, MatchIndex, NameTable
from frontlines.gazetteer.sources import GeoNamesCity, merge_geonames_place

DUMP_COLUMNS = (
    19  # geonameid, name, asciiname, alternatenames, latitude, longitude, class, code, country, ...
)
_ADMIN_CODES = {"ADM1": "governorate", "ADM2": "district", "ADM3": "subdistrict"}
_REGION_CODES = frozenset({"L.RGN", "L.AREA", "T.MT", "T.MTS", "T.HLL", "T.HLLS", "T.PLAT", "T.UPLD"})

BBox = tuple[float, float, float, float]  # west, south, east, north (lon, lat, lon, lat)


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import read, kept, merged and added, and the dump lines it could not read."""

    lines: int
    kept: int
    merged: int
    added: int
    names_added: int
    errors: tuple[GazetteerError, ...]

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.lines} lines, {self.kept} kept, {self.merged} merged, {self.added} added, "
            f"{self.names_added} new names, {len(self.errors)} bad lines"
        )


def place_kind(feature_class: str, feature_code: str) -> str | None:
    """The gazetteer kind for a GeoNames feature, or None when it is not imported."""
    if feature_class == "P":
        return "populated_place"
    if feature_class == "A":
        return _ADMIN_CODES.get(feature_code)
    return "region" if f"{feature_class}.{feature_code}" in _REGION_CODES else None


@dataclass(frozen=True, slots=True)
class _DumpEntry:
    city: GeoNamesCity
    kind: str
    country: str


def _parse_line(text: str, path: Path, line: int) -> _DumpEntry | None:
    """One dump line, or None for a feature of a kind that is not imported; bad lines raise."""
    fields = text.rstrip("\r\n").split("\t")
    if len(fields) != DUMP_COLUMNS:
        raise GazetteerError(f"{len(fields)} tab-separated fields, expected {DUMP_COLUMNS}", path, line)
    geonameid, name, asciiname, alternates, lat, lon, feature_class, feature_code, country = fields[:9]
    if not geonameid.isdigit():
        raise GazetteerError(f"geonameid {geonameid!r} is not a number", path, line)
    try:
        lat_value, lon_value = float(lat), float(lon)
    except ValueError:
        raise GazetteerError(f"latitude/longitude {lat!r},{lon!r} is not a number", path, line) from None
    if not (-90 <= lat_value <= 90 and -180 <= lon_value <= 180):
        raise GazetteerError(f"latitude/longitude {lat},{lon} out of range", path, line)
    population = fields[14]
    if population and not population.lstrip("-").isdigit():
        raise GazetteerError(f"population {population!r} is not a number", path, line)
    kind = place_kind(feature_class, feature_code)
    if kind is None:
        return None
    spellings = tuple(
        dict.fromkeys(a for a in (asciiname, *alternates.split(",")) if a.strip() and a != name)
    )
    city = GeoNamesCity(
        geonameid=geonameid, name=name, lat=lat, lon=lon, population=max(int(population or 0), 0),
        alternate_names=spellings,
    )  # fmt: skip
    return _DumpEntry(city=city, kind=kind, country=country)


def _inside(point: tuple[float, float], bbox: BBox | None) -> bool:
    if bbox is None:
        return True
    west, south, east, north = bbox
    return west <= point[1] <= east and south <= point[0] <= north


def _admin_lookup(gazetteer_dir: Path) -> AdminLookup:
    """Admin names from the directory's ADM2 polygons (empty when it has none)."""
    adm1_path, adm2_path = (gazetteer_dir / "boundaries" / f"adm{n}.geojson" for n in (1, 2))
    if not (adm1_path.is_file() and adm2_path.is_file()):
        return AdminLookup([])
    adm1_names = {
        f["properties"]["pcode"]: f["properties"]["name"]
        for f in json.loads(adm1_path.read_text(encoding="utf-8"))["features"]
    }
    units = []
    for feature in json.loads(adm2_path.read_text(encoding="utf-8"))["features"]:
        props = feature["properties"]
        names = (adm1_names.get(props["adm1_pcode"], ""), props["name"], "", props["adm1_pcode"])
        units.append((names, shapely.from_geojson(json.dumps(feature["geometry"]))))
    return AdminLookup(units)


def import_geonames(
    dump: Path, gazetteer_dir: Path, country: str | None = "SY", bbox: BBox | None = None
) -> ImportReport:
    """Merge a GeoNames dump into ``places.csv``/``names.csv`` of ``gazetteer_dir`` and rewrite them sorted.

    ``country`` (ISO code, None for all) and ``bbox`` (west, south, east, north) filter the dump.
    Bad lines are reported in the result with file:line; the others are still imported.
    """
    dump, gazetteer_dir = Path(dump), Path(gazetteer_dir)
    if not dump.is_file():
        raise GazetteerError("GeoNames dump not found", dump)
    places = read_places(gazetteer_dir / "places.csv")
    names = NameTable.read(gazetteer_dir / "names.csv")
    names_before = len(names)

    errors: list[GazetteerError] = []
    entries: list[_DumpEntry] = []
    line_count = 0
    with dump.open("rb") as handle:
        for line_count, raw in enumerate(handle, start=1):
            try:
                entry = _parse_line(raw.decode("utf-8"), dump, line_count)
            except UnicodeDecodeError:
                errors.append(GazetteerError("not UTF-8", dump, line_count))
                continue
            except GazetteerError as error:
                errors.append(error)
                continue
            if entry and (country is None or entry.country == country) and _inside(entry.city.point, bbox):
                entries.append(entry)

    indexes: dict[str, MatchIndex] = defaultdict(MatchIndex)
    for place in places.values():
        indexes[place.kind].add(place, names.names_of(place.id))
    by_source_id = {sid: place for place in places.values() for sid in place.source_ids}
    admin = _admin_lookup(gazetteer_dir)
    merged = added = 0
    for entry in sorted(entries, key=lambda e: int(e.city.geonameid)):
        known = by_source_id.get(f"geonames:{entry.city.geonameid}")
        if merge_geonames_place(entry.city, entry.kind, places, indexes[entry.kind], names, admin, known):
            added += 1
        else:
            merged += 1

    write_places(gazetteer_dir / "places.csv", places.values())
    write_names(gazetteer_dir / "names.csv", names)
    return ImportReport(
        lines=line_count,
        kept=len(entries),
        merged=merged,
        added=added,
        names_added=len(names) - names_before,
        errors=tuple(errors),
    )
