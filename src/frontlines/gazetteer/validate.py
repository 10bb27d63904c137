"""Check a gazetteer directory: columns, ids, kinds, coordinates, admin polygons, names and patches.

``validate_gazetteer`` returns a ``ValidationReport``: ``errors`` are things to fix, ``notes`` are
worth a look but legitimate (one spelling naming several places). Each names its file and 1-based line.
"""

from __future__ import annotations

import csv
import json
import math
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pycountry
import shapely

from frontlines.errors import GazetteerError
from frontlines.schema import (
    HIGHWAY_COLUMNS,
    LINE_KINDS,
    NAME_COLUMNS,
    NAME_LANGS,
    OUTSIDE_COLUMNS,
    OUTSIDE_KINDS,
    PATCH_NAME_COLUMNS,
    PATCH_PLACE_COLUMNS,
    PLACE_COLUMNS,
    PLACE_KINDS,
)

ADMIN1_TOLERANCE_KM = 2.0
_KM_PER_DEGREE = 111.32

Row = tuple[int, dict[str, str]]


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """The outcome of a check: errors to fix and notes (e.g. shared names) that may be legitimate."""

    errors: tuple[GazetteerError, ...]
    notes: tuple[GazetteerError, ...]

    @property
    def ok(self) -> bool:
        """True when there is no error (notes do not count)."""
        return not self.errors


class _Checker:
    """Collects errors and notes while the files are read."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.errors: list[GazetteerError] = []
        self.notes: list[GazetteerError] = []

    def error(self, message: str, path: Path, line: int | None = None) -> None:
        self.errors.append(GazetteerError(message, path, line))

    def note(self, message: str, path: Path, line: int | None = None) -> None:
        self.notes.append(GazetteerError(message, path, line))

    def read(self, name: str, columns: tuple[str, ...], required: bool = True) -> tuple[Path, list[Row]]:
        """The rows of a CSV with their line numbers; rows of the wrong width are reported and skipped."""
        path = self.directory / name
        if not path.is_file():
            if required:
                self.error("file missing", path)
            return path, []
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            self.error(f"not UTF-8 ({error.reason} at byte {error.start})", path)
            return path, []
        reader = csv.reader(text.splitlines(keepends=True))
        header = next(reader, None)
        if header is None:
            self.error("empty file (no header)", path, 1)
            return path, []
        missing = [column for column in columns if column not in header]
        if missing:
            self.error(f"missing column(s): {', '.join(missing)}", path, 1)
            return path, []
        rows: list[Row] = []
        while True:  # a malformed row is reported and the reading goes on
            try:
                fields = next(reader)
            except StopIteration:
                return path, rows
            except csv.Error as error:
                self.error(f"malformed CSV: {error}", path, reader.line_num)
                continue
            line = reader.line_num
            if not fields:
                continue
            if len(fields) != len(header):
                self.error(f"{len(fields)} fields where the header has {len(header)}", path, line)
                continue
            rows.append((line, dict(zip(header, fields, strict=True))))

    def coordinates(self, row: dict[str, str], path: Path, line: int) -> tuple[float, float] | None:
        """(lat, lon) when both parse and lie in range; report what is wrong otherwise."""
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except ValueError:
            self.error(f"lat/lon {row['lat']!r},{row['lon']!r} is not a number", path, line)
            return None
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
            self.error(f"lat/lon {lat},{lon} out of range", path, line)
            return None
        return lat, lon


@dataclass(slots=True)
class _PlaceEntry:
    kind: str
    admin1_pcode: str
    point: tuple[float, float] | None
    path: Path
    line: int


def _check_places(checker: _Checker, path: Path, rows: list[Row], places: dict[str, _PlaceEntry]) -> None:
    """Check place rows and add them to ``places`` (a patch row may replace an existing id)."""
    is_patch = path.parent.name == "patches"
    seen: set[str] = set()
    for line, row in rows:
        place_id, kind = row["id"].strip(), row["kind"]
        if not place_id:
            checker.error("empty id", path, line)
            continue
        if place_id in seen:
            checker.error(f"duplicate id {place_id}", path, line)
            continue
        seen.add(place_id)
        if kind not in PLACE_KINDS and not (is_patch and not kind and place_id in places):
            checker.error(f"unknown kind {kind!r} for {place_id}", path, line)
        if not row["name"].strip() and not is_patch:
            checker.error(f"{place_id} has no name", path, line)
        if row["approximate"] not in ("", "0", "1"):
            checker.error(f"approximate must be empty, 0 or 1, not {row['approximate']!r}", path, line)
        if row["population"] and not row["population"].isdigit():
            checker.error(f"population {row['population']!r} is not a whole number", path, line)
        if is_patch and not (row["reason"].strip() and row["source"].strip()):
            checker.error(f"patch row {place_id} needs a reason and a source", path, line)
        point = None
        if row["lat"] or row["lon"]:
            point = checker.coordinates(row, path, line)
        elif kind and kind not in LINE_KINDS and not is_patch:
            checker.error(f"{place_id} ({kind}) has no coordinates", path, line)
        previous = places.get(place_id)
        places[place_id] = _PlaceEntry(
            kind=kind or (previous.kind if previous else ""),
            admin1_pcode=row["admin1_pcode"] or (previous.admin1_pcode if previous else ""),
            point=point or (previous.point if previous else None),
            path=path,
            line=line,
        )


def _check_sources(checker: _Checker, path: Path, rows: list[Row]) -> None:
    """Every generated place names its source (a hand-made one names it in ``patches/``)."""
    for line, row in rows:
        if row["id"].strip() and not row["source_ids"].strip():
            checker.error(f"{row['id'].strip()} has no source (source_ids is empty)", path, line)


def _load_admin1(checker: _Checker) -> dict[str, shapely.Geometry]:
    path = checker.directory / "boundaries" / "adm1.geojson"
    if not path.is_file():
        checker.error("file missing", path)
        return {}
    try:
        features = json.loads(path.read_text(encoding="utf-8"))["features"]
        return {f["properties"]["pcode"]: shapely.from_geojson(json.dumps(f["geometry"])) for f in features}
    except (ValueError, KeyError, TypeError, shapely.errors.GEOSException) as error:
        checker.error(f"cannot read polygons: {error}", path)
        return {}


def _check_admin1(checker: _Checker, places: dict[str, _PlaceEntry]) -> None:
    """Each located place lies in (or within the tolerance of) the governorate it names.

    A point in another governorate is an error; a point beyond the country's border (OCHA has a few
    border and coast communities there) is a note.
    """
    polygons = _load_admin1(checker)
    if not polygons:
        return
    located = [
        (place_id, entry, where)
        for place_id, entry in sorted(places.items())
        if (where := entry.point) is not None and entry.kind not in LINE_KINDS
    ]
    for place_id, entry, _ in located:
        if entry.admin1_pcode not in polygons:
            checker.error(f"{place_id}: unknown admin1_pcode {entry.admin1_pcode!r}", entry.path, entry.line)
    checked = [item for item in located if item[1].admin1_pcode in polygons]
    if not checked:
        return
    points = shapely.points([(lon, lat) for _, _, (lat, lon) in checked])
    areas = [polygons[e.admin1_pcode] for _, e, _ in checked]
    inside = shapely.dwithin(areas, points, ADMIN1_TOLERANCE_KM / _KM_PER_DEGREE)
    for (place_id, entry, (lat, lon)), point, ok in zip(checked, points, inside, strict=True):
        if ok:
            continue
        holder = next((pcode for pcode, area in sorted(polygons.items()) if area.contains(point)), None)
        if holder is None:
            km = polygons[entry.admin1_pcode].distance(point) * _KM_PER_DEGREE
            checker.note(
                f"{place_id} at {lat},{lon} lies ~{km:.1f} km outside the mapped boundary "
                f"(its governorate {entry.admin1_pcode} is the nearest)",
                entry.path,
                entry.line,
            )
        else:
            checker.error(
                f"{place_id} at {lat},{lon} lies in governorate {holder}, more than "
                f"{ADMIN1_TOLERANCE_KM:g} km outside its own {entry.admin1_pcode}",
                entry.path,
                entry.line,
            )


def _check_names(checker: _Checker, places: dict[str, _PlaceEntry]) -> dict[str, set[str]]:
    """Check names.csv and the name patches; return each place's names after the patches."""
    names: dict[str, set[str]] = defaultdict(set)
    path, rows = checker.read("names.csv", NAME_COLUMNS)
    seen: set[tuple[str, str]] = set()
    for line, row in rows:
        place_id, name = row["place_id"], row["name"]
        if place_id not in places:
            checker.error(f"name {name!r} for unknown place {place_id!r}", path, line)
        if not name.strip():
            checker.error(f"empty name for {place_id}", path, line)
        if row["lang"] not in NAME_LANGS:
            checker.error(f"unknown lang {row['lang']!r}", path, line)
        if (place_id, name) in seen:
            checker.error(f"duplicate name {name!r} for {place_id}", path, line)
        seen.add((place_id, name))
        names[place_id].add(name)
    path, rows = checker.read("patches/names.csv", PATCH_NAME_COLUMNS, required=False)
    for line, row in rows:
        action, place_id, name = row["action"], row["place_id"], row["name"]
        if place_id not in places:
            checker.error(f"patch names unknown place {place_id!r}", path, line)
        if not (row["reason"].strip() and row["source"].strip()):
            checker.error("patch row needs a reason and a source", path, line)
        if row["lang"] not in NAME_LANGS:
            checker.error(f"unknown lang {row['lang']!r}", path, line)
        if action == "add":
            if name in names[place_id]:
                checker.error(f"adds {name!r} to {place_id}, which already has it", path, line)
            names[place_id].add(name)
        elif action == "drop":
            if name not in names[place_id]:
                checker.error(f"drops {name!r} from {place_id}, which does not have it", path, line)
            names[place_id].discard(name)
        else:
            checker.error(f"action must be add or drop, not {action!r}", path, line)
    return names


def _note_collisions(checker: _Checker, names: dict[str, set[str]], places: dict[str, _PlaceEntry]) -> None:
    """One note per spelling that names several places of the same kind (ambiguous for a reader)."""
    holders: dict[tuple[str, str], set[str]] = defaultdict(set)
    for place_id, spellings in names.items():
        if place_id in places:
            for spelling in spellings:
                holders[(spelling.casefold(), places[place_id].kind)].add(place_id)
    path = checker.directory / "names.csv"
    for (spelling, kind), ids in sorted(holders.items()):
        if len(ids) > 1:
            shown = ", ".join(sorted(ids)[:5]) + (f" (+{len(ids) - 5} more)" if len(ids) > 5 else "")
            checker.note(f"{spelling!r} names {len(ids)} {kind} places: {shown}", path)


def _check_highways(checker: _Checker, places: dict[str, _PlaceEntry]) -> None:
    path, rows = checker.read("highways.csv", HIGHWAY_COLUMNS, required=False)
    seen: set[tuple[str, str]] = set()
    for line, row in rows:
        highway = places.get(row["highway"])
        if highway is None or highway.kind not in LINE_KINDS:
            checker.error(f"{row['highway']!r} is not a highway of the gazetteer", path, line)
        if row["place_id"] not in places:
            checker.error(f"unknown place {row['place_id']!r}", path, line)
        if not row["seq"].isdigit():
            checker.error(f"seq {row['seq']!r} is not a whole number", path, line)
        elif (row["highway"], row["seq"]) in seen:
            checker.error(f"duplicate seq {row['seq']} on {row['highway']}", path, line)
        seen.add((row["highway"], row["seq"]))
        checker.coordinates(row, path, line)


def _check_outside(checker: _Checker, places: dict[str, _PlaceEntry]) -> None:
    path, rows = checker.read("outside.csv", OUTSIDE_COLUMNS, required=False)
    seen: set[tuple[str, str]] = set()
    for line, row in rows:
        place_id = row["id"]
        if (place_id, row["name"]) in seen or place_id in places:
            checker.error(f"duplicate row for {place_id} {row['name']!r}", path, line)
        seen.add((place_id, row["name"]))
        if row["kind"] not in OUTSIDE_KINDS:
            checker.error(f"kind must be one of {sorted(OUTSIDE_KINDS)}, not {row['kind']!r}", path, line)
        if not row["name"].strip():
            checker.error(f"{place_id} has no name", path, line)
        if pycountry.countries.get(alpha_2=row["country"]) is None:
            checker.error(f"unknown ISO 3166 country code {row['country']!r}", path, line)


def validate_gazetteer(directory: Path, *, fast: bool = False) -> ValidationReport:
    """Check every file of a gazetteer directory; malformed rows become errors, never exceptions.

    ``fast`` leaves out the checks that need the boundary polygons and the notes on shared names:
    what every command runs before it uses a gazetteer.
    """
    checker = _Checker(Path(directory))
    if not checker.directory.is_dir():
        checker.error("not a gazetteer directory", checker.directory)
        return ValidationReport(errors=tuple(checker.errors), notes=())
    places: dict[str, _PlaceEntry] = {}
    for name, columns in (("places.csv", PLACE_COLUMNS), ("patches/places.csv", PATCH_PLACE_COLUMNS)):
        path, rows = checker.read(name, columns, required=name == "places.csv")
        _check_places(checker, path, rows, places)
        if name == "places.csv" and path.is_file() and not rows:
            checker.error("no places: the gazetteer is empty", path)
        if name == "places.csv" and not fast:
            _check_sources(checker, path, rows)
    if not fast:
        _check_admin1(checker, places)
    names = _check_names(checker, places)
    if not fast:
        _note_collisions(checker, names, places)
    _check_highways(checker, places)
    _check_outside(checker, places)
    return ValidationReport(errors=tuple(checker.errors), notes=tuple(checker.notes))
