"""Feature sources of the gazetteer build (``PROVENANCE.md`` sections 9 and 10).

* OCHA's Aleppo city neighbourhoods, with their polygons (``features/ocha_aleppo_neighbourhoods.json``);
* Open-Syria's border crossings and airports (``features/opensyria_transport_locations.json``);
* OurAirports' Syrian airfields and airbases (``features/ourairports_sy.csv``);
* Who's On First's Syrian places (``wof/wof_admin_sy_places.tsv``): spellings and Arabic names merged
  into the places the gazetteer already has (by GeoNames id, else by name and distance), its
  neighbourhoods, and its camps.

A place whose source name says it is a camp (``Mokhayam Handarat``, ``مخيم اليرموك``) is of kind
``camp``. A feature (crossing, airbase, camp) goes by its base name with the words of its kind
("Nasib crossing", "Nasib border crossing", "Taftanaz airbase", "Handarat camp"). A crossing or an
airbase also goes by its bare base ("Bab al-Hawa", "Kuweires", "Taftanaz"), a crossing only by the base
of its own name (its other aliases, "Cizre", "Ras Al Ain", are towns), and never by a foreign place's
name. When a town shares that bare name the resolver decides which one it means (a feature named after
a town nearby is the town's name: ``ranking.NAMESAKE_KM``); a camp never goes by its bare base.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any, cast

import shapely

from frontlines.errors import GazetteerError
from frontlines.gazetteer.normalise import is_arabic, name_key
from frontlines.gazetteer.rows import (
    AdminLookup,
    MatchIndex,
    NameTable,
    PlaceRow,
    read_csv,
    read_json,
    script_of,
)

NEIGHBOURHOODS = Path("features") / "ocha_aleppo_neighbourhoods.json"
TRANSPORT = Path("features") / "opensyria_transport_locations.json"
AIRPORTS = Path("features") / "ourairports_sy.csv"
WOF = Path("wof") / "wof_admin_sy_places.tsv"
#: Neighbourhood polygons: ~10 m tolerance, coordinates on a ~1 m grid.
AREA_TOLERANCE_DEG = 0.0001
AREA_GRID_DEG = 1e-5

_CAMP = re.compile(r"^(?:mokhayam|mukhayyam|mukhayam|mokhayyam)\s+(.+)$|^مخيم\s+(.+)$", re.IGNORECASE)
_CAMP_SUFFIX = re.compile(r"\s+camp$", re.IGNORECASE)
_CROSSING_SUFFIX = re.compile(
    r"\s+(?:customs\s+)?border\s+crossing$|\s+RR\s+Yard\s+border\s+crossing$", re.IGNORECASE
)
_CROSSING_ARABIC = re.compile(r"^معبر\s+(.+?)(?:\s+الحدودي)?$")
_AIRPORT_SUFFIX = re.compile(
    r"\s+(?:international\s+|agricultural\s+|military\s+)?(?:air\s*base|airbase|airport|heliport)"
    r"(?:\s+\((?:north|south)\))?$",
    re.IGNORECASE,
)
#: OurAirports rows that are a place news reports name: not closed fields, not rooftop helipads.
_AIRPORT_TYPES = frozenset({"large_airport", "medium_airport", "small_airport", "heliport"})
#: A Latin spelling shorter than this, or with a digit or bracket, is a code or a fragment, not a name.
_MIN_LATIN_LETTERS = 4
_NOT_A_NAME = re.compile(r"[0-9()\[\],;|/]|\bi Syria\b")


#: The words that name a feature after its base name, by kind.
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "crossing": ("crossing", "border crossing", "border gate"),
    "airbase": ("airbase", "air base", "airport", "military airport", "airfield"),
    "camp": ("camp", "refugee camp"),
}


class FeatureNames:
    """Base names of features, written with their kind words once every community is known."""

    def __init__(self) -> None:
        self._bases: dict[tuple[str, str], str] = {}
        self._own: set[tuple[str, str]] = set()

    def add(self, place_id: str, base: str, source: str, own: bool = False) -> None:
        """Record a Latin base name (``Nasib``) of a feature; ``own`` when it is the base of its own name."""
        base = base.strip()
        if base and not is_arabic(base) and _latin_or_arabic(base):
            self._bases.setdefault((place_id, base), source)
            if own:
                self._own.add((place_id, base))

    def write(self, places: dict[str, PlaceRow], names: NameTable, foreign: set[str]) -> int:
        """Add each base with its kind words, and the bare bases of crossings (their own names') and
        airbases unless ``foreign`` holds its ``name_key``; return how many bare bases were added."""
        bare = 0
        for (place_id, base), source in sorted(self._bases.items()):
            kind = places[place_id].kind
            for word in KIND_WORDS.get(kind, ()):
                names.add(place_id, f"{base} {word}", "en", source)
            own = kind == "airbase" or (kind == "crossing" and (place_id, base) in self._own)
            if own and name_key(base) not in foreign:
                bare += names.add(place_id, base, "en", source)
        return bare


def camp_base(name: str) -> str:
    """The camp's own name when ``name`` says it is a camp (``Mokhayam Handarat`` → ``Handarat``), else ''."""
    match = _CAMP.match(name.strip())
    return _CAMP_SUFFIX.sub("", match.group(1) or match.group(2)).strip() if match else ""


def aleppo_neighbourhoods(
    source_dir: Path, places: dict[str, PlaceRow], names: NameTable, bases: FeatureNames
) -> list[tuple[dict[str, str], shapely.Geometry]]:
    """Add OCHA's Aleppo neighbourhoods (id = their N P-code); return their simplified polygons."""
    data = cast(
        dict[str, Any], read_json(source_dir / NEIGHBOURHOODS)
    )  # a JSON object: its items are read below
    city = places.get(data["communityExternalPCode"])
    if city is None:
        raise GazetteerError("the neighbourhoods' city is not an OCHA community", source_dir / NEIGHBOURHOODS)
    areas = []
    for item in sorted(data["items"], key=lambda i: i["pCode"]):
        pcode, name, name_ar = item["pCode"], item["nameEnglish"].strip(), item["nameArabic"].strip()
        base = camp_base(name)
        place = PlaceRow(
            id=pcode, kind="camp" if base else "neighbourhood", name=f"{base} camp" if base else name,
            name_ar=name_ar, lat=item["centerLatitude"], lon=item["centerLongitude"], admin1=city.admin1,
            admin2=city.admin2, admin3=city.admin3, admin1_pcode=city.admin1_pcode, source_ids=[f"ocha:{pcode}"],
        )  # fmt: skip
        places[pcode] = place
        for spelling in (name, *_split(name)):
            names.add(pcode, spelling, "en", "ocha")
        bases.add(pcode, base, "ocha")
        for spelling in (name_ar, *_split(name_ar), camp_base(name_ar)):
            names.add(pcode, spelling, "ar", "ocha")
        polygon = shapely.set_precision(
            shapely.simplify(shapely.make_valid(shapely.from_wkt(item["boundaryWkt"])), AREA_TOLERANCE_DEG),
            AREA_GRID_DEG,
        )
        if polygon.is_empty or not polygon.is_valid:
            raise GazetteerError(f"neighbourhood {pcode} has no valid polygon", source_dir / NEIGHBOURHOODS)
        areas.append(({"id": pcode, "name": place.name, "name_ar": name_ar}, polygon))
    return areas


def _split(name: str) -> list[str]:
    """The parts of a name that joins two (``Beit Meheb / Jdeydeh``)."""
    parts = [p.strip() for p in name.split("/")]
    return [p for p in parts if p] if len(parts) > 1 else []


def _latin_or_arabic(name: str) -> bool:
    """A spelling worth indexing: Latin or Arabic script, long enough, not a code or a qualified label."""
    script = script_of(name)
    if script == "ar":
        return True
    return (
        script == "latin"
        and not _NOT_A_NAME.search(name)
        and sum(c.isalpha() for c in name) >= _MIN_LATIN_LETTERS
    )


def transport(
    source_dir: Path, places: dict[str, PlaceRow], names: NameTable, admin: AdminLookup, bases: FeatureNames
) -> Counter[str]:
    """Open-Syria's border crossings (id ``os:<slug>``); its airports join the OurAirports rows by ICAO code."""
    added: Counter[str] = Counter()
    by_icao = {sid.removeprefix("ourairports:"): p for p in places.values() for sid in p.source_ids
               if sid.startswith("ourairports:")}  # fmt: skip
    records = cast(list[dict[str, Any]], read_json(source_dir / TRANSPORT))  # a JSON array of objects
    for record in sorted(records, key=lambda r: r["id"]):
        types, ids = record["locationTypes"], record.get("externalIds") or {}
        if "airport" in types and ids.get("ourairportsIdent") in by_icao:
            place = by_icao[ids["ourairportsIdent"]]
            place.add_source_id(f"opensyria:{record['id']}")
            for key in ("wikidata", "geonames"):
                if ids.get(key):
                    place.add_source_id(f"{key}:{ids[key]}")
            _add_spellings(place.id, record, names, bases, _AIRPORT_SUFFIX)
            added["airport merged"] += 1
            continue
        if "border_crossing" not in types:
            continue
        coordinates = record["coordinates"]
        place = PlaceRow(
            id="os:" + record["id"].removeprefix("sy-"), kind="crossing", name=record["name"]["en"],
            name_ar=record["name"].get("ar", ""), lat=coordinates["latitude"], lon=coordinates["longitude"],
            source_ids=[f"opensyria:{record['id']}"] + [f"{k}:{ids[k]}" for k in ("geonames", "wikidata") if ids.get(k)],
        )  # fmt: skip
        admin.fill(place)
        places[place.id] = place
        _add_spellings(place.id, record, names, bases, _CROSSING_SUFFIX)
        added["crossing"] += 1
    return added


def _add_spellings(
    place_id: str, record: dict[str, Any], names: NameTable, bases: FeatureNames, suffix: re.Pattern[str]
) -> None:
    """A transport record's names and aliases; their bases (``Nasib``) go to ``bases``."""
    own = record["name"]["en"]
    spellings = [own, record["name"].get("ar", "")] + [a["value"] for a in record.get("aliases", [])]
    for spelling in spellings:
        spelling = spelling.strip()
        if not spelling or "(" in spelling:
            continue
        if is_arabic(spelling):
            names.add(place_id, spelling, "ar", "opensyria")
            base = _CROSSING_ARABIC.sub(r"\1", spelling).strip()
            if base != spelling:
                names.add(place_id, "معبر " + base, "ar", "opensyria")
        elif suffix.search(spelling):
            names.add(place_id, spelling, "en", "opensyria")
            bases.add(place_id, suffix.sub("", spelling), "opensyria", own=spelling == own)
        else:  # an alias without its kind ("Ras Al Ain") is the town's name: only "Ras Al Ain crossing"
            bases.add(place_id, spelling, "opensyria")


def airports(
    source_dir: Path, places: dict[str, PlaceRow], names: NameTable, admin: AdminLookup, bases: FeatureNames
) -> int:
    """OurAirports' Syrian airfields and airbases as ``airbase`` places (id ``oa:<ident>``)."""
    count = 0
    for row in read_csv(source_dir / AIRPORTS):
        if (
            row["iso_country"] != "SY"
            or row["type"] not in _AIRPORT_TYPES
            or "helipad" in row["name"].lower()
        ):
            continue
        place = PlaceRow(
            id=f"oa:{row['ident']}", kind="airbase", name=row["name"], lat=row["latitude_deg"],
            lon=row["longitude_deg"], source_ids=[f"ourairports:{row['ident']}"],
        )  # fmt: skip
        admin.fill(place)
        places[place.id] = place
        spellings = [row["name"], *(k.strip() for k in row["keywords"].split(","))]
        for spelling in spellings:
            if not (spelling and _latin_or_arabic(spelling)):
                continue
            if is_arabic(spelling) or _AIRPORT_SUFFIX.search(spelling):
                names.add(place.id, spelling, "ar" if is_arabic(spelling) else "en", "ourairports")
            # a keyword without its kind ("Kuweires") is a bare base: see FeatureNames.write
            bases.add(place.id, _AIRPORT_SUFFIX.sub("", spelling), "ourairports")
        count += 1
    return count


def whos_on_first(
    source_dir: Path,
    places: dict[str, PlaceRow],
    names: NameTable,
    index: MatchIndex,
    admin: AdminLookup,
    bases: FeatureNames,
) -> Counter[str]:
    """Who's On First: spellings for the places the gazetteer has, its neighbourhoods, and its camps.

    A locality joins the place that lists its GeoNames id, else the place that ``index`` finds by name
    and distance; one matching nothing is left out (a GeoNames hamlet OCHA does not list is more often
    a duplicate spelled apart than a new place). Its Latin and Arabic spellings then join that place,
    and a name saying "camp" makes the place a camp.
    """
    by_geonames = {sid.removeprefix("geonames:"): p for p in places.values() for sid in p.source_ids
                   if sid.startswith("geonames:")}  # fmt: skip
    outcome: Counter[str] = Counter()
    for row in sorted(read_csv(source_dir / WOF, delimiter="\t"), key=lambda r: int(r["wof_id"])):
        if row["mz_is_current"] == "0" or row["edtf_deprecated"]:
            continue
        spellings = [row["name"], *row["names_ar"].split("|"), *row["names_other"].split("|")]
        spellings = [s.strip() for s in spellings if s.strip() and _latin_or_arabic(s.strip())]
        if row["placetype"] == "neighbourhood":
            place = PlaceRow(
                id=f"wof:{row['wof_id']}", kind="neighbourhood", name=row["name"], lat=row["lat"], lon=row["lon"],
                source_ids=[f"wof:{row['wof_id']}"] + ([f"geonames:{row['geonames_id']}"] if row["geonames_id"] else []),
            )  # fmt: skip
            admin.fill(place)
            places[place.id] = place
            outcome["neighbourhood"] += 1
        elif row["placetype"] == "locality":
            point = (float(row["lat"]), float(row["lon"]))
            found = by_geonames.get(row["geonames_id"]) or index.nearest(spellings, point)
            if found is None:
                outcome["locality matching nothing"] += 1
                continue
            place = found
            outcome["locality merged"] += 1
        else:
            continue
        place.add_source_id(f"wof:{row['wof_id']}")
        if any(camp_base(s) for s in spellings) and place.kind == "populated_place":
            place.kind = "camp"
            outcome["camp"] += 1
        for spelling in spellings:
            names.add(place.id, spelling, "ar" if is_arabic(spelling) else "", "wof")
            if place.kind == "camp":
                bases.add(place.id, camp_base(spelling), "wof")
    return outcome
