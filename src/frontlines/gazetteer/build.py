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
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import shapely
from rapidfuzz import fuzz
from shapely.geometry import mapping, shape
from shapely.strtree import STRtree

from frontlines.atomic import atomic_open, write_text
from frontlines.errors import GazetteerError
from frontlines.schema import HIGHWAY_COLUMNS, NAME_COLUMNS, PLACE_COLUMNS

MATCH_RADIUS_KM = 5.0
FUZZY_RADIUS_KM = 1.0
FUZZY_MIN_RATIO = 85
_CELL_DEG = 0.02  # grid cells bigger than FUZZY_RADIUS_KM, so a 3x3 block covers the radius
# Boundary simplification: ~100 m tolerance, coordinates on a ~1 m grid.
SIMPLIFY_TOLERANCE_DEG = 0.001
COORDINATE_GRID_DEG = 1e-5
ADMIN_LEVELS = {
    1: ("governorates", "governorate"),
    2: ("districts", "district"),
    3: ("subdistricts", "subdistrict"),
}

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
# Letters of Persian, Urdu and other non-Arabic languages written in Arabic script.
_NON_ARABIC_LETTERS = frozenset("پچژگکیےٹڈڑںہۀھۃ")
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_APOSTROPHES = re.compile("['‘’ʿʾʼ`´\u02bb]")
_LATIN_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "at", "ad", "az", "ath", "adh"})


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

    def summary(self) -> str:
        """A few lines for the terminal."""
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.places_by_kind.items()))
        lines = [
            f"places: {sum(self.places_by_kind.values())} ({kinds})",
            f"names: {self.names}",
            f"geonames: {self.geonames_matched} merged into OCHA communities, {self.geonames_added} added",
            "reference places: " + ", ".join(f"{k}={v}" for k, v in sorted(self.reference_matches.items())),
            "reference places matching nothing: " + (", ".join(self.reference_unmatched) or "none"),
        ]
        lines += [f"{path}: {size:,} bytes" for path, size in sorted(self.file_sizes.items())]
        return "\n".join(lines)


@dataclass(slots=True)
class PlaceRow:
    """A place while it is being built (mutable; written as one ``places.csv`` row)."""

    id: str
    kind: str
    name: str
    lat: str
    lon: str
    name_ar: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    admin1_pcode: str = ""
    population: int = 0
    source_ids: list[str] = field(default_factory=list)
    approximate: bool = False

    @property
    def point(self) -> tuple[float, float] | None:
        """(lat, lon) as floats, or None for a place without coordinates."""
        return (float(self.lat), float(self.lon)) if self.lat and self.lon else None

    def add_source_id(self, source_id: str) -> None:
        """Record another source's id for this place once."""
        if source_id not in self.source_ids:
            self.source_ids.append(source_id)

    def as_row(self) -> list[str]:
        """The ``places.csv`` fields."""
        return [
            self.id, self.kind, self.name, self.name_ar, self.lat, self.lon, self.admin1, self.admin2,
            self.admin3, self.admin1_pcode, str(self.population or ""), ";".join(self.source_ids),
            "1" if self.approximate else "",
        ]  # fmt: skip

    @classmethod
    def from_row(cls, row: dict[str, str]) -> PlaceRow:
        """Read a ``places.csv`` row (raises ValueError on a bad population)."""
        return cls(
            id=row["id"], kind=row["kind"], name=row["name"], lat=row["lat"], lon=row["lon"],
            name_ar=row["name_ar"], admin1=row["admin1"], admin2=row["admin2"], admin3=row["admin3"],
            admin1_pcode=row["admin1_pcode"], population=int(row["population"] or 0),
            source_ids=[s for s in row["source_ids"].split(";") if s], approximate=row["approximate"] == "1",
        )  # fmt: skip


class NameTable:
    """Every spelling of every place, one entry per (place, name), with its language and sources."""

    def __init__(self) -> None:
        self._by_place: dict[str, dict[str, tuple[str, set[str]]]] = defaultdict(dict)

    @classmethod
    def read(cls, path: Path) -> NameTable:
        """Load a ``names.csv`` written by the builder."""
        table = cls()
        for row in _read_csv(path):
            for source in row["source"].split(";"):
                table.add(row["place_id"], row["name"], row["lang"], source)
        return table

    def add(self, place_id: str, name: str, lang: str, source: str) -> bool:
        """Add a spelling (whitespace tidied); returns True when it is new for the place."""
        name = " ".join(_BIDI_CONTROLS.sub("", name).split())
        if not name:
            return False
        spellings = self._by_place[place_id]
        if name in spellings:
            known_lang, sources = spellings[name]
            sources.add(source)
            spellings[name] = (known_lang or lang, sources)
            return False
        spellings[name] = (lang, {source})
        return True

    def names_of(self, place_id: str) -> list[str]:
        """The spellings recorded for a place."""
        return list(self._by_place.get(place_id, ()))

    def rows(self) -> list[list[str]]:
        """``names.csv`` rows, sorted."""
        return sorted(
            [place_id, name, lang, ";".join(sorted(sources))]
            for place_id, spellings in self._by_place.items()
            for name, (lang, sources) in spellings.items()
        )

    def __len__(self) -> int:
        return sum(len(spellings) for spellings in self._by_place.values())


# --- matching -------------------------------------------------------------------------------------


def is_arabic(text: str) -> bool:
    """True when the text's letters are Arabic script."""
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


def script_of(name: str) -> str:
    """``ar`` for Arabic (not Persian/Urdu) letters, ``latin`` for Latin letters, ``other`` otherwise."""
    letters = [ch for ch in name if ch.isalpha()]
    if not letters:
        return "other"
    if all("\u0600" <= ch <= "\u06ff" for ch in letters):
        return "other" if _NON_ARABIC_LETTERS.intersection(letters) else "ar"
    if all(unicodedata.name(ch, "").startswith("LATIN") for ch in letters):
        return "latin"
    return "other"


def match_key(name: str) -> str:
    """A loose key two spellings of one place usually share (the builder's matching rule only).

    Arabic: diacritics and tatweel dropped, alef/ta marbuta/alef maqsura folded, the article ال and
    spaces removed. Latin: accents, apostrophes, hyphens, articles (al-, el-, an ...) and doubled
    letters removed, lowercased. Arabic keys start with ``ar:`` and Latin ones with ``en:``.
    """
    if is_arabic(name):
        text = _ARABIC_DIACRITICS.sub("", name).translate(_ARABIC_FOLD)
        words = [w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split()]
        return "ar:" + "".join(words)
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _APOSTROPHES.sub("", text).lower()
    words = [w for w in re.split(r"[^a-z0-9]+", text) if w]
    if len(words) > 1:
        words = [w for w in words if w not in _LATIN_ARTICLES] or words
    joined = "".join(words)
    return "en:" + re.sub(r"(.)\1+", r"\1", joined) if joined else ""


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


class MatchIndex:
    """Places by match key and by grid cell, to find the place a named point stands for.

    A place matches when one of its keys equals one of the name's keys and it lies within
    ``MATCH_RADIUS_KM`` (the nearest wins); failing that, when a key is a near spelling
    (``FUZZY_MIN_RATIO``) and it lies within ``FUZZY_RADIUS_KM``.
    """

    def __init__(self) -> None:
        self._by_key: dict[str, list[PlaceRow]] = defaultdict(list)
        self._keys: dict[str, set[str]] = defaultdict(set)
        self._by_cell: dict[tuple[int, int], list[PlaceRow]] = defaultdict(list)

    @staticmethod
    def _cell(point: tuple[float, float]) -> tuple[int, int]:
        return math.floor(point[0] / _CELL_DEG), math.floor(point[1] / _CELL_DEG)

    def add(self, place: PlaceRow, names: Iterable[str]) -> None:
        """Index a place under the keys of its names (places without coordinates are not indexed)."""
        where = place.point
        if where is None:
            return
        new_keys = {match_key(n) for n in names} - {""} - self._keys[place.id]
        if not self._keys[place.id]:
            self._by_cell[self._cell(where)].append(place)
        self._keys[place.id].update(new_keys)
        for key in new_keys:
            self._by_key[key].append(place)

    def _near(self, point: tuple[float, float]) -> Iterator[tuple[float, PlaceRow]]:
        row, column = self._cell(point)
        for cell in ((row + dr, column + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)):
            for place in self._by_cell.get(cell, ()):
                yield distance_km(point, place.point), place  # type: ignore[arg-type]

    def nearest(self, names: Iterable[str], point: tuple[float, float]) -> PlaceRow | None:
        """The place the names and point stand for, or None."""
        keys = {match_key(n) for n in names} - {""}
        exact = [
            (d, place.id, place)
            for key in keys
            for place in self._by_key.get(key, ())
            if (d := distance_km(point, place.point)) <= MATCH_RADIUS_KM  # type: ignore[arg-type]
        ]
        if exact:
            return min(exact)[2]
        similar = [
            (d, place.id, place)
            for d, place in self._near(point)
            if d <= FUZZY_RADIUS_KM and _similar(keys, self._keys[place.id])
        ]
        return min(similar)[2] if similar else None


def _similar(keys: set[str], other_keys: set[str]) -> bool:
    """True when a key of one set is a near spelling of a key in the same script of the other."""
    return any(
        a[:3] == b[:3] and fuzz.ratio(a[3:], b[3:]) >= FUZZY_MIN_RATIO for a in keys for b in other_keys
    )


# --- reading sources ------------------------------------------------------------------------------


def _read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    if not path.is_file():
        raise GazetteerError("source file missing", path)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def _read_json(path: Path) -> object:
    """JSON with numbers kept as their source text, so coordinates are written as the source gives them."""
    if not path.is_file():
        raise GazetteerError("source file missing", path)
    return json.loads(path.read_text(encoding="utf-8"), parse_float=str, parse_int=str)


def _read_features(path: Path) -> list[dict]:
    if not path.is_file():
        raise GazetteerError("source file missing", path)
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def _base_name(qualified: str) -> str:
    """``Rayan (Saraqab)`` → ``Rayan``; ``اليرموك - دمشق`` → ``اليرموك``."""
    return re.split(r"\s+\(|\s+-\s+", qualified, maxsplit=1)[0].strip()


def _parts(combined: str) -> list[str]:
    """The localities an OCHA community joins: ``Maskana - Onaiza``, ``مسكنة_عنيزة`` → both names."""
    parts = [part.strip() for part in re.split(r"_|\s+-\s+|\s+/\s+", combined)]
    return [part for part in parts if part] if len(parts) > 1 else []


def _ocha_communities(source_dir: Path, names: NameTable) -> dict[str, PlaceRow]:
    places: dict[str, PlaceRow] = {}
    for row in _read_csv(source_dir / "ocha" / "syr_pplp_adm4.csv"):
        place = PlaceRow(
            id=row["pcode"], kind="populated_place", name=row["name_en"], name_ar=row["name_ar"],
            lat=row["lat"], lon=row["lon"], admin1=row["admin1"], admin2=row["admin2"], admin3=row["admin3"],
            admin1_pcode=row["admin1_pcode"], source_ids=[f"ocha:{row['pcode']}"],
        )  # fmt: skip
        places[place.id] = place
        for column, lang in (("name_en", "en"), ("name_ar", "ar")):
            for name in (row[column], *_parts(row[column])):
                names.add(place.id, name, lang, "ocha")
        for column, lang in (("name_en_qualified", "en"), ("name_ar_qualified", "ar")):
            names.add(place.id, _base_name(row[column]), lang, "ocha")
    return places


def _admin_units(source_dir: Path, names: NameTable) -> dict[str, PlaceRow]:
    """Governorates, districts and subdistricts: OCHA P-codes and names, Open-Syria centroids and aliases."""
    ocha_names: dict[str, dict] = {}
    for level in ADMIN_LEVELS:
        path = source_dir / "boundaries" / f"syr_admbnda_adm{level}_uncs_unocha.geojson"
        for feature in _read_features(path):
            props = feature["properties"]
            ocha_names[props[f"ADM{level}_PCODE"]] = props
    places: dict[str, PlaceRow] = {}
    for level, (file_stem, kind) in ADMIN_LEVELS.items():
        for unit in _read_json(source_dir / "admin" / f"opensyria_{file_stem}.json"):  # type: ignore[union-attr]
            ids = unit["externalIds"]
            pcode = ids["ochaPcode"]
            props = ocha_names.get(pcode)
            if props is None:
                raise GazetteerError(f"Open-Syria {unit['id']} has P-code {pcode} with no OCHA boundary")
            centroid = unit["centroid"]
            place = PlaceRow(
                id=pcode, kind=kind, name=unit["name"]["en"], name_ar=unit["name"].get("ar", ""),
                lat=centroid["latitude"], lon=centroid["longitude"], admin1=props["ADM1_EN"],
                admin2=props.get("ADM2_EN") or "", admin3=props.get("ADM3_EN") or "",
                admin1_pcode=props["ADM1_PCODE"],
                population=int((unit.get("population") or {}).get("value") or 0),
                source_ids=[f"ocha:{pcode}", f"opensyria:{unit['id']}"]
                + [f"{name}:{ids[name]}" for name in ("geonames", "wikidata") if ids.get(name)],
            )  # fmt: skip
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
    rows = _read_csv(source_dir / "geonames" / "SY_cities500.tsv", delimiter="\t")
    return [
        GeoNamesCity(
            geonameid=row["geonameid"],
            name=row["name"],
            lat=row["latitude"],
            lon=row["longitude"],
            population=int(row["population"] or 0),
            alternate_names=tuple(a for a in row["alternatenames"].split(",") if a.strip()),
        )  # fmt: skip
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


AdminNames = tuple[str, str, str, str]  # admin1, admin2, admin3, admin1_pcode


class AdminLookup:
    """Which admin unit contains a point, to fill a new place's admin1..admin3 and admin1_pcode."""

    def __init__(self, units: list[tuple[AdminNames, shapely.Geometry]]):
        self._names = [names for names, _ in units]
        self._tree = STRtree([geometry for _, geometry in units])

    @classmethod
    def from_ocha_adm3(cls, features: list[dict]) -> AdminLookup:
        """From OCHA ADM3 (subdistrict) features."""
        return cls([
            ((p["ADM1_EN"], p["ADM2_EN"], p["ADM3_EN"], p["ADM1_PCODE"]), shape(f["geometry"]))
            for f in features
            for p in (f["properties"],)
        ])  # fmt: skip

    def fill(self, place: PlaceRow) -> None:
        """Set the place's admin names from the unit containing it, or the nearest one."""
        where = place.point
        if where is None or not self._names:
            return
        point = shapely.Point(where[1], where[0])
        hits = self._tree.query(point, predicate="intersects")
        position = int(min(hits)) if len(hits) else int(self._tree.nearest(point))
        place.admin1, place.admin2, place.admin3, place.admin1_pcode = self._names[position]


def _attach_reference_places(
    source_dir: Path, places: dict[str, PlaceRow], index: MatchIndex, names: NameTable
) -> tuple[dict[str, str], list[str]]:
    """Give each verified seed place its common name and spellings; return matches and misses."""
    by_source_id = {sid: place for place in places.values() for sid in place.source_ids}
    matches: dict[str, str] = {}
    unmatched: list[str] = []
    for row in _read_csv(source_dir / "reference_places.csv"):
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
    for row in _read_csv(source_dir / "highways" / "m4_m5_waypoints.csv"):
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
    features = _read_features(source_dir / "boundaries" / "syr_admbnda_adm2_uncs_unocha.geojson")
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
        for f in _read_features(source_dir / "boundaries" / "syr_admbnda_adm1_uncs_unocha.geojson")
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
        _read_features(source_dir / "boundaries" / "syr_admbnda_adm3_uncs_unocha.geojson")
    )
    created = Counter(
        merge_geonames_place(city, "populated_place", places, index, names, admin)
        for city in sorted(_geonames_cities(source_dir), key=lambda c: int(c.geonameid))
    )
    references, unmatched = _attach_reference_places(source_dir, places, index, names)
    highways = _highway_rows(source_dir, places, references)

    (out_dir / "boundaries").mkdir(parents=True, exist_ok=True)
    write_places(out_dir / "places.csv", places.values())
    write_names(out_dir / "names.csv", names)
    _write_csv(out_dir / "highways.csv", HIGHWAY_COLUMNS, highways)
    for level, items in _simplified_boundaries(source_dir).items():
        _write_geojson(out_dir / "boundaries" / f"adm{level}.geojson", items)

    written = ["places.csv", "names.csv", "highways.csv", *(f"boundaries/adm{n}.geojson" for n in range(3))]
    return BuildReport(
        places_by_kind=dict(Counter(p.kind for p in places.values())),
        names=len(names),
        geonames_matched=created[False],
        geonames_added=created[True],
        reference_matches=references,
        reference_unmatched=tuple(unmatched),
        file_sizes={name: (out_dir / name).stat().st_size for name in written},
    )


def read_places(path: Path) -> dict[str, PlaceRow]:
    """Load a ``places.csv`` written by the builder, by id."""
    return {row["id"]: PlaceRow.from_row(row) for row in _read_csv(path)}


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
