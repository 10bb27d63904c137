"""The builder's working rows: places and names while they are built, matching points to places, reading sources.

Shared by the source readers of ``sources`` (OCHA, GeoNames, Open-Syria), ``features`` (neighbourhoods,
crossings, airbases, Who's On First) and ``geonames`` (a full dump merged later).
"""

from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely
from rapidfuzz import fuzz
from shapely.geometry import shape
from shapely.strtree import STRtree

from frontlines.errors import GazetteerError
from frontlines.gazetteer.normalise import is_arabic
from frontlines.models import distance_km

MATCH_RADIUS_KM = 5.0
FUZZY_RADIUS_KM = 1.0
FUZZY_MIN_RATIO = 85
_CELL_DEG = 0.02  # grid cells bigger than FUZZY_RADIUS_KM, so a 3x3 block covers the radius

_ARABIC_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"})
# Letters of Persian, Urdu and other non-Arabic languages written in Arabic script.
_NON_ARABIC_LETTERS = frozenset("پچژگکیےٹڈڑںہۀھۃ")
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_APOSTROPHES = re.compile("['‘’ʿʾʼ`´\u02bb]")
_LATIN_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "at", "ad", "az", "ath", "adh"})


@dataclass(slots=True, kw_only=True)
class PlaceRow:
    """A place while it is being built (mutable; written as one ``places.csv`` row, whose columns its
    fields follow in order; built by keyword only, as thirteen fields are too many to place by position)."""

    id: str
    kind: str
    name: str
    name_ar: str = ""
    lat: str
    lon: str
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
        for row in read_csv(path):
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
                if (where := place.point) is not None:  # always: only located places are indexed
                    yield distance_km(*point, *where), place

    def nearest(self, names: Iterable[str], point: tuple[float, float]) -> PlaceRow | None:
        """The place the names and point stand for, or None."""
        keys = {match_key(n) for n in names} - {""}
        exact = [
            (d, place.id, place)
            for key in keys
            for place in self._by_key.get(key, ())
            if (where := place.point) is not None and (d := distance_km(*point, *where)) <= MATCH_RADIUS_KM
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


def read_csv(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    if not path.is_file():
        raise GazetteerError("source file missing", path)
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def read_json(path: Path) -> object:
    """JSON with numbers kept as their source text, so coordinates are written as the source gives them."""
    if not path.is_file():
        raise GazetteerError("source file missing", path)
    return json.loads(path.read_text(encoding="utf-8"), parse_float=str, parse_int=str)


def read_features(path: Path) -> list[dict[str, Any]]:
    """The features of a GeoJSON FeatureCollection."""
    if not path.is_file():
        raise GazetteerError("source file missing", path)
    features: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["features"]
    return features


AdminNames = tuple[str, str, str, str]  # admin1, admin2, admin3, admin1_pcode


class AdminLookup:
    """Which admin unit contains a point, to fill a new place's admin1..admin3 and admin1_pcode."""

    def __init__(self, units: list[tuple[AdminNames, shapely.Geometry]]):
        self._names = [names for names, _ in units]
        self._tree = STRtree([geometry for _, geometry in units])

    @classmethod
    def from_ocha_adm3(cls, features: list[dict[str, Any]]) -> AdminLookup:
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
