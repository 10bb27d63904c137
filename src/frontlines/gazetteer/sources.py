"""The build's core source readers: OCHA communities and admin units, GeoNames cities, reference places, highway waypoints."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from frontlines.errors import GazetteerError
from frontlines.gazetteer.normalise import is_arabic
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

OCHA_COMMUNITIES = Path("ocha") / "syr_pplp_adm4.csv"
ADMIN_LEVELS = {
    1: ("governorates", "governorate"),
    2: ("districts", "district"),
    3: ("subdistricts", "subdistrict"),
}


def _base_name(qualified: str) -> str:
    """``Rayan (Saraqab)`` → ``Rayan``; ``اليرموك - دمشق`` → ``اليرموك``."""
    return re.split(r"\s+\(|\s+-\s+", qualified, maxsplit=1)[0].strip()


def _parts(combined: str) -> list[str]:
    """The localities an OCHA community joins: ``Maskana - Onaiza``, ``مسكنة_عنيزة`` → both names."""
    parts = [part.strip() for part in re.split(r"_|\s+-\s+|\s+/\s+", combined)]
    return [part for part in parts if part] if len(parts) > 1 else []


def ocha_communities(source_dir: Path, names: NameTable) -> dict[str, PlaceRow]:
    """OCHA's communities by P-code, their English and Arabic names (and the localities each joins) into ``names``."""
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


def admin_units(source_dir: Path, names: NameTable) -> dict[str, PlaceRow]:
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


def geonames_cities(source_dir: Path) -> list[GeoNamesCity]:
    """The Syrian rows of GeoNames' ``cities500`` extract."""
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


def attach_reference_places(
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


def highway_rows(
    source_dir: Path, places: dict[str, PlaceRow], references: dict[str, str]
) -> list[list[str]]:
    """The rows of ``highways.csv``: each M4/M5 waypoint with the id of the place it stands at, in order."""
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
