"""Read a gazetteer directory (see ``gazetteer/FORMAT.md``): generated files, then hand-made patches.

A malformed row is skipped and recorded in ``Gazetteer.problems`` (file and line), so one bad row never
hides the rest of the gazetteer.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path
from typing import Any, cast

import pycountry

from frontlines.errors import GazetteerError
from frontlines.models import Place, PlaceName
from frontlines.schema import (
    HIGHWAY_WAYPOINT_COLUMNS,
    MAPPED_COUNTRY,
    NAME_COLUMNS,
    OUTSIDE_COLUMNS,
    PATCH_NAME_COLUMNS,
    PLACE_COLUMNS,
    PLACE_KINDS,
    PlaceKind,
)

GazetteerPath = Path | Traversable


@dataclass
class Gazetteer:
    """Places by id and every name they go by, as loaded from one directory."""

    places: dict[str, Place]
    names: list[PlaceName]
    source: str = ""
    problems: list[GazetteerError] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.places)

    def names_of(self, place_id: str) -> list[str]:
        """Every spelling of a place, canonical name first."""
        return [n.name for n in self.names if n.place_id == place_id]


def default_directory() -> Traversable:
    """The gazetteer that ships with the package."""
    return resources.files("frontlines") / "data" / "gazetteer"


def read_rows(
    path: GazetteerPath, required: tuple[str, ...], problems: list[GazetteerError]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) for a CSV file; a missing file or header raises GazetteerError.

    A bad row (wrong width, malformed CSV) is recorded in ``problems`` and the reading goes on, so
    every bad row is reported and none after it is lost.
    """
    try:
        # Traversable.open forwards its keywords to the file's opener; typeshed lists only encoding/errors.
        handle = path.open("r", encoding="utf-8", newline="")  # type: ignore[call-overload]
    except FileNotFoundError as exc:
        raise GazetteerError("file not found", path=str(path)) from exc
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except (csv.Error, UnicodeDecodeError) as exc:
            raise GazetteerError(f"unreadable header: {exc}", path=str(path), line=1) from None
        if header is None:
            raise GazetteerError("empty file, expected a header row", path=str(path), line=1)
        missing = [c for c in required if c not in header]
        if missing:
            raise GazetteerError(f"missing columns: {', '.join(missing)}", path=str(path), line=1)
        while True:
            try:
                values = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                problems.append(GazetteerError(f"malformed CSV: {exc}", path=str(path), line=reader.line_num))
                continue
            except UnicodeDecodeError:
                problems.append(GazetteerError(f"not UTF-8 after line {reader.line_num}", path=str(path)))
                return
            line = reader.line_num
            if not values or values == [""]:
                continue
            if len(values) != len(header):
                problems.append(GazetteerError(
                    f"expected {len(header)} fields, found {len(values)}", path=str(path), line=line
                ))  # fmt: skip
                continue
            yield line, dict(zip(header, values, strict=True))


def _rows(
    path: GazetteerPath, required: tuple[str, ...], problems: list[GazetteerError]
) -> Iterator[tuple[int, dict[str, str]]]:
    """Like ``read_rows`` but records bad rows in ``problems`` and goes on."""
    if not path.is_file():
        return
    try:
        yield from read_rows(path, required, problems)
    except GazetteerError as exc:
        problems.append(exc)


def parse_place(row: dict[str, str], path: str, line: int) -> Place:
    """One places.csv row as a Place; raises GazetteerError naming file and line."""
    place_id = row.get("id", "").strip()
    if not place_id:
        raise GazetteerError("empty id", path=path, line=line)
    kind = row.get("kind", "").strip()
    if kind not in PLACE_KINDS:
        raise GazetteerError(f"unknown kind {kind!r} for {place_id}", path=path, line=line)
    try:
        lat = float(row["lat"]) if row.get("lat") else None
        lon = float(row["lon"]) if row.get("lon") else None
        population = int(float(row["population"])) if row.get("population") else 0
    except ValueError as exc:
        raise GazetteerError(f"bad number for {place_id}: {exc}", path=path, line=line) from exc
    if (lat is None) != (lon is None) or (
        lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180)
    ):
        raise GazetteerError(
            f"bad coordinates for {place_id}: {row.get('lat')!r}, {row.get('lon')!r}", path, line
        )
    return Place(
        id=place_id,
        name=row.get("name", "").strip() or place_id,
        kind=cast(PlaceKind, kind),
        lat=lat,
        lon=lon,
        name_ar=row.get("name_ar", "").strip(),
        admin1=row.get("admin1", "").strip(),
        admin2=row.get("admin2", "").strip(),
        admin3=row.get("admin3", "").strip(),
        admin1_pcode=row.get("admin1_pcode", "").strip(),
        population=population,
        source_ids=tuple(s for s in row.get("source_ids", "").split(";") if s),
        approximate=row.get("approximate", "").strip() in ("1", "true", "yes"),
    )


def _patch_place(old: Place | None, new: Place, row: dict[str, str]) -> Place:
    if old is None:
        return new
    changes = {
        f: getattr(new, f) for f in ("name", "kind", "name_ar", "admin1", "admin2", "admin3") if row.get(f)
    }
    if row.get("lat"):
        changes.update(lat=new.lat, lon=new.lon)
    if row.get("approximate"):
        changes["approximate"] = new.approximate
    if row.get("source_ids"):
        changes["source_ids"] = tuple(dict.fromkeys(old.source_ids + new.source_ids))
    return replace(old, **changes)


def load_gazetteer(directory: GazetteerPath | str | None = None) -> Gazetteer:
    """Load places, names, highways, patches and outside places from a gazetteer directory."""
    root: GazetteerPath = (
        default_directory()
        if directory is None
        else (Path(directory) if isinstance(directory, str) else directory)
    )
    if isinstance(root, Path) and not root.is_dir():
        raise GazetteerError("not a gazetteer directory", path=str(root))
    problems: list[GazetteerError] = []
    places: dict[str, Place] = {}
    for file in (root / "places.csv", root / "patches" / "places.csv"):
        for line, row in _rows(file, PLACE_COLUMNS, problems):
            try:
                place = parse_place(row, str(file), line)
            except GazetteerError as exc:
                problems.append(exc)
                continue
            places[place.id] = _patch_place(places.get(place.id), place, row)

    _attach_highways(root / "highways.csv", places, problems)
    _attach_areas(root / "boundaries" / "areas.geojson", places, problems)
    names = _load_names(root, places, problems)
    _add_outside(root / "outside.csv", places, names, problems)
    return Gazetteer(places=places, names=names, source=str(root), problems=problems)


def _attach_highways(path: GazetteerPath, places: dict[str, Place], problems: list[GazetteerError]) -> None:
    routes: dict[str, list[tuple[int, float, float]]] = {}
    for line, row in _rows(path, HIGHWAY_WAYPOINT_COLUMNS, problems):
        try:
            routes.setdefault(row["highway"], []).append(
                (int(row["seq"]), float(row["lon"]), float(row["lat"]))
            )
        except ValueError as exc:
            problems.append(GazetteerError(f"bad waypoint: {exc}", path=str(path), line=line))
    for highway, points in routes.items():
        place_id = highway if highway.startswith("hwy:") else f"hwy:{highway}"
        if place_id not in places:
            problems.append(GazetteerError(f"waypoints for unknown highway {place_id}", path=str(path)))
            continue
        coords = ", ".join(f"{lon} {lat}" for _, lon, lat in sorted(points))
        places[place_id] = replace(places[place_id], geometry_wkt=f"LINESTRING ({coords})", approximate=True)


def _attach_areas(path: GazetteerPath, places: dict[str, Place], problems: list[GazetteerError]) -> None:
    """Give neighbourhoods and regions their polygon (``boundaries/areas.geojson``) as WKT."""
    if not path.is_file():
        return
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        areas = {f["properties"]["id"]: _polygon_wkt(f["geometry"]) for f in features}
    except (ValueError, KeyError, TypeError) as exc:
        problems.append(GazetteerError(f"cannot read areas: {exc}", path=str(path)))
        return
    for place_id, wkt in areas.items():
        if place_id in places:
            places[place_id] = replace(places[place_id], geometry_wkt=wkt)
        else:
            problems.append(GazetteerError(f"area for unknown place {place_id}", path=str(path)))


def _polygon_wkt(geometry: dict[str, Any]) -> str:
    """A GeoJSON Polygon or MultiPolygon as WKT."""

    def rings(polygon: list[list[tuple[float, float]]]) -> str:
        return "(" + ", ".join("(" + ", ".join(f"{x} {y}" for x, y in ring) + ")" for ring in polygon) + ")"

    if geometry["type"] == "Polygon":
        return "POLYGON " + rings(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return "MULTIPOLYGON (" + ", ".join(rings(p) for p in geometry["coordinates"]) + ")"
    raise ValueError(f"not a polygon: {geometry['type']}")


def _load_names(
    root: GazetteerPath, places: dict[str, Place], problems: list[GazetteerError]
) -> list[PlaceName]:
    names: dict[tuple[str, str], PlaceName] = {}
    for place in places.values():
        names[(place.id, place.name)] = PlaceName(place.id, place.name, "en", "canonical")
        if place.name_ar:
            names[(place.id, place.name_ar)] = PlaceName(place.id, place.name_ar, "ar", "canonical")
    names_file = root / "names.csv"
    for line, row in _rows(names_file, NAME_COLUMNS, problems):
        if row["place_id"] not in places:
            problems.append(
                GazetteerError(f"name for unknown place {row['place_id']}", str(names_file), line)
            )
        elif row["name"].strip():
            key = (row["place_id"], row["name"].strip())
            names.setdefault(key, PlaceName(key[0], key[1], row["lang"], row["source"]))
    patch_file = root / "patches" / "names.csv"
    for line, row in _rows(patch_file, PATCH_NAME_COLUMNS, problems):
        key = (row["place_id"], row["name"].strip())
        if key[0] not in places:
            problems.append(GazetteerError(f"patch for unknown place {key[0]}", str(patch_file), line))
        elif row["action"] == "add":
            names[key] = PlaceName(key[0], key[1], row["lang"], row["source"] or "patch")
        elif row["action"] == "drop":
            names.pop(key, None)
        else:
            problems.append(GazetteerError(f"unknown action {row['action']!r}", str(patch_file), line))
    return list(names.values())


def _add_outside(
    path: GazetteerPath, places: dict[str, Place], names: list[PlaceName], problems: list[GazetteerError]
) -> None:
    """Countries (from pycountry) and the foreign places listed in outside.csv, with no coordinates."""
    for country in pycountry.countries:
        if country.alpha_2 == MAPPED_COUNTRY:
            continue
        place_id = f"country:{country.alpha_2}"
        spellings = {country.name, getattr(country, "common_name", ""), getattr(country, "official_name", "")}
        spellings |= {s.split(",")[0] for s in spellings if "," in s}
        places[place_id] = Place(
            place_id, getattr(country, "common_name", country.name), "foreign_country", None, None
        )
        names.extend(PlaceName(place_id, s, "en", "pycountry") for s in sorted(spellings) if s)
    for line, row in _rows(path, OUTSIDE_COLUMNS, problems):
        place_id = row["id"].strip()
        if not place_id or not row["name"].strip():
            problems.append(GazetteerError("empty id or name", path=str(path), line=line))
            continue
        kind: PlaceKind = (
            "foreign_country" if row["kind"] in ("country", "foreign_country") else "foreign_place"
        )
        if place_id not in places:
            places[place_id] = Place(place_id, row["name"].strip(), kind, None, None, admin1=row["country"])
        names.append(PlaceName(place_id, row["name"].strip(), "", row["source"]))
