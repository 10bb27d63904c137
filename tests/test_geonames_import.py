"""Importing an official GeoNames dump (19 tab-separated columns) into a small gazetteer."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from frontlines.errors import GazetteerError
from frontlines.gazetteer.geonames import import_geonames, place_kind

PLACES_HEADER = (
    "id,kind,name,name_ar,lat,lon,admin1,admin2,admin3,admin1_pcode,population,source_ids,approximate"
)


def _dump_line(
    gid: str, name: str, alternates: str, lat: str, lon: str, fclass: str, fcode: str, cc: str
) -> str:
    ascii_name = name.encode("ascii", "ignore").decode()
    admin_codes = ["", "12", "", "", ""]  # cc2, admin1..admin4
    tail = ["5000", "", "300", "Asia/Damascus", "2020-01-01"]  # population, elevation, dem, timezone, date
    fields = [gid, name, ascii_name, alternates, lat, lon, fclass, fcode, cc, *admin_codes, *tail]
    return "\t".join(fields)


DUMP = "\n".join([
    _dump_line("164816", "Saraqib", "Saraqeb,Сараків,سراقب", "35.86447", "36.80591", "P", "PPL", "SY"),
    _dump_line("555001", "Tall Nabi", "Tell Nebi,تل النبي", "35.80000", "36.70000", "P", "PPL", "SY"),
    _dump_line("555002", "Kafr Owaid", "كفر عويد", "35.62800", "36.45700", "P", "PPL", "SY"),
    _dump_line("555003", "Far Away", "", "33.50000", "36.30000", "P", "PPL", "SY"),  # outside the bbox
    _dump_line("555004", "Reyhanli", "", "36.26000", "36.57000", "P", "PPL", "TR"),  # another country
    _dump_line("555005", "Wadi X", "", "35.70000", "36.60000", "H", "WAD", "SY"),  # a feature not imported
    "555006\tBroken\tBroken\t\tnot-a-lat\t36.1\tP\tPPL\tSY\t\t12\t\t\t\t0\t\t0\tAsia/Damascus\t2020-01-01",
    "555007\ttoo few columns",
]) + "\n"  # fmt: skip


def _gazetteer(root: Path) -> Path:
    root.mkdir()
    (root / "places.csv").write_text(
        PLACES_HEADER + "\n"
        "C3916,populated_place,Saraqib,سراقب,35.861105,36.80611,Idleb,Idleb,Saraqab,SY07,,ocha:C3916,\n"
        "C4062,populated_place,Kafr Oweid,كفر عويد,35.628166,36.457455,Idleb,,,SY07,,ocha:C4062,\n",
        encoding="utf-8",
    )
    (root / "names.csv").write_text(
        "place_id,name,lang,source\nC3916,Saraqab,en,ocha\nC3916,سراقب,ar,ocha\nC4062,كفر عويد,ar,ocha\n",
        encoding="utf-8",
    )
    return root


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_place_kind_keeps_populated_places_admin_units_and_regions() -> None:
    assert place_kind("P", "PPLA") == "populated_place"
    assert place_kind("A", "ADM1") == "governorate"
    assert place_kind("T", "MTS") == "region"
    assert place_kind("H", "WAD") is None and place_kind("A", "PCLI") is None


def test_import_filters_merges_and_appends(tmp_path: Path) -> None:
    gazetteer = _gazetteer(tmp_path / "gaz")
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP, encoding="utf-8")
    report = import_geonames(dump, gazetteer, country="SY", bbox=(36.0, 35.0, 37.5, 36.5))

    assert (report.lines, report.kept, report.merged, report.added) == (8, 3, 2, 1)
    assert [(Path(e.path).name, e.line) for e in report.errors] == [("SY.txt", 7), ("SY.txt", 8)]
    places = {row["id"]: row for row in _rows(gazetteer / "places.csv")}
    assert list(places) == ["C3916", "C4062", "gn:555001"]  # sorted, the new place appended in order
    assert places["C3916"]["source_ids"] == "ocha:C3916;geonames:164816"
    assert places["C3916"]["lat"] == "35.861105"  # the existing coordinate stays
    assert places["C4062"]["source_ids"] == "ocha:C4062;geonames:555002"  # by Arabic name + distance
    assert places["gn:555001"]["population"] == "5000"
    names = {(row["place_id"], row["name"]) for row in _rows(gazetteer / "names.csv")}
    assert {("C3916", "Saraqeb"), ("C4062", "Kafr Owaid"), ("gn:555001", "تل النبي")} <= names
    assert ("C3916", "Сараків") not in names
    assert report.names_added == len(names) - 3


def test_import_twice_changes_nothing(tmp_path: Path) -> None:
    gazetteer = _gazetteer(tmp_path / "gaz")
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP, encoding="utf-8")
    import_geonames(dump, gazetteer, bbox=(36.0, 35.0, 37.5, 36.5))
    before = [(gazetteer / n).read_bytes() for n in ("places.csv", "names.csv")]
    second = import_geonames(dump, gazetteer, bbox=(36.0, 35.0, 37.5, 36.5))
    assert (second.merged, second.added, second.names_added) == (3, 0, 0)
    assert [(gazetteer / n).read_bytes() for n in ("places.csv", "names.csv")] == before


def test_no_country_filter_keeps_other_countries(tmp_path: Path) -> None:
    gazetteer = _gazetteer(tmp_path / "gaz")
    dump = tmp_path / "all.txt"
    dump.write_text(DUMP, encoding="utf-8")
    report = import_geonames(dump, gazetteer, country=None)
    assert report.kept == 5


def test_missing_dump_is_a_gazetteer_error(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError):
        import_geonames(tmp_path / "absent.txt", _gazetteer(tmp_path / "gaz"))
