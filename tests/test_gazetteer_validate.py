"""The gazetteer validator on small directories written here."""

from __future__ import annotations

import json
from pathlib import Path

from frontlines.gazetteer.validate import validate_gazetteer

PLACES_HEADER = (
    "id,kind,name,name_ar,lat,lon,admin1,admin2,admin3,admin1_pcode,population,source_ids,approximate"
)


def _box(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def write_gazetteer(root: Path, places: list[str], names: list[str] | None = None) -> Path:
    """Two governorates side by side: SY07 west of lon 37, SY02 east of it."""
    (root / "boundaries").mkdir(parents=True)
    features = [
        {
            "type": "Feature",
            "properties": {"pcode": "SY07", "name": "Idleb"},
            "geometry": _box(36.0, 35.0, 37.0, 36.5),
        },
        {
            "type": "Feature",
            "properties": {"pcode": "SY02", "name": "Aleppo"},
            "geometry": _box(37.0, 35.0, 38.5, 36.5),
        },
    ]
    (root / "boundaries" / "adm1.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    (root / "places.csv").write_text("\n".join([PLACES_HEADER, *places]) + "\n", encoding="utf-8")
    name_rows = (
        names if names is not None else [f"{row.split(',')[0]},{row.split(',')[2]},en,test" for row in places]
    )
    (root / "names.csv").write_text(
        "\n".join(["place_id,name,lang,source", *name_rows]) + "\n", encoding="utf-8"
    )
    return root


SARAQIB = "C3916,populated_place,Saraqib,سراقب,35.861105,36.80611,Idleb,Idleb,Saraqab,SY07,,ocha:C3916,"
ALEPPO = (
    "C1007,populated_place,Aleppo,حلب,36.206013,37.15242,Aleppo,Jebel Saman,Jebel Saman,SY02,,ocha:C1007,"
)


def _where(errors: object) -> list[tuple[str, int | None]]:
    return [(Path(e.path).name, e.line) for e in errors]  # type: ignore[attr-defined]


def test_clean_directory_passes(tmp_path: Path) -> None:
    report = validate_gazetteer(write_gazetteer(tmp_path, [SARAQIB, ALEPPO]))
    assert report.ok, [str(e) for e in report.errors]


def test_a_new_row_with_no_source_is_reported(tmp_path: Path) -> None:
    camp = "N0227,camp,Handarat camp,مخيم حندرات,36.27,37.17,Aleppo,Jebel Saman,Jebel Saman,SY02,,,"
    report = validate_gazetteer(write_gazetteer(tmp_path, [SARAQIB, ALEPPO, camp]))
    assert _where(report.errors) == [("places.csv", 4)]
    assert "N0227 has no source" in str(report.errors[0])


def test_every_new_kind_is_a_valid_kind(tmp_path: Path) -> None:
    rows = [
        f"X{n},{kind},Place {n},,36.2,37.1,Aleppo,,,SY02,,test:{n},"
        for n, kind in enumerate(
            ("neighbourhood", "camp", "crossing", "airbase", "dam", "hill", "road", "region")
        )
    ]
    report = validate_gazetteer(write_gazetteer(tmp_path, [ALEPPO, *rows]))
    assert report.ok, [str(e) for e in report.errors]


def test_malformed_rows_are_reported_with_file_and_line(tmp_path: Path) -> None:
    places = [
        SARAQIB,
        "C1,populated_place,Short row,,35.9,36.8",
        "C2,populated_place,Bad float,,35.9x,36.8,Idleb,,,SY07,,ocha:C2,",
        "C3,populated_place,Out of range,,95.0,36.8,Idleb,,,SY07,,ocha:C3,",
        ALEPPO,
    ]
    report = validate_gazetteer(write_gazetteer(tmp_path, places, ["C3916,Saraqib,en,ocha"]))
    assert _where(report.errors) == [("places.csv", 3), ("places.csv", 4), ("places.csv", 5)]
    assert "fields" in str(report.errors[0]) and str(report.errors[0]).startswith(
        str(tmp_path / "places.csv") + ":3:"
    )
    assert "not a number" in report.errors[1].message
    assert "out of range" in report.errors[2].message


def test_point_outside_its_governorate_is_flagged(tmp_path: Path) -> None:
    misplaced = (
        "C9,populated_place,Misplaced,,36.2,37.5,Idleb,,,SY07,,ocha:C9,"  # inside SY02, 45 km from SY07
    )
    near_border = "C8,populated_place,Border,,35.87,36.998,Idleb,,,SY07,,ocha:C8,"  # just inside SY07
    report = validate_gazetteer(write_gazetteer(tmp_path, [SARAQIB, misplaced, near_border]))
    assert _where(report.errors) == [("places.csv", 3)]
    assert "lies in governorate SY02" in report.errors[0].message


def test_point_beyond_the_border_is_a_note(tmp_path: Path) -> None:
    abroad = "C7,populated_place,Abroad,,35.5,35.95,Idleb,,,SY07,,ocha:C7,"  # ~4.5 km west of the mapped area
    report = validate_gazetteer(write_gazetteer(tmp_path, [SARAQIB, abroad]))
    assert report.ok
    assert any("outside the mapped boundary" in n.message for n in report.notes)


def test_ids_kinds_and_names_are_checked(tmp_path: Path) -> None:
    places = [SARAQIB, SARAQIB, "C5,village,Odd kind,,35.9,36.8,Idleb,,,SY07,,ocha:C5,"]
    names = [
        "C3916,Saraqib,en,ocha",
        "C3916,Saraqib,en,geonames",
        "C404,Nowhere,en,ocha",
        "C3916,Saraqeb,xx,ocha",
    ]
    report = validate_gazetteer(write_gazetteer(tmp_path, places, names))
    messages = [(Path(e.path).name, e.line, e.message) for e in report.errors]
    assert ("places.csv", 3, "duplicate id C3916") in messages
    assert ("places.csv", 4, "unknown kind 'village' for C5") in messages
    assert ("names.csv", 3, "duplicate name 'Saraqib' for C3916") in messages
    assert ("names.csv", 4, "name 'Nowhere' for unknown place 'C404'") in messages
    assert ("names.csv", 5, "unknown lang 'xx'") in messages


def test_patches_highways_and_outside_are_checked(tmp_path: Path) -> None:
    root = write_gazetteer(tmp_path, [SARAQIB, ALEPPO])
    (root / "patches").mkdir()
    (root / "patches" / "places.csv").write_text(
        PLACES_HEADER + ",reason,source\n"
        "hwy:M4,highway,M4,,,,,,,,,,1,a line,Wikipedia\n"
        "jct:X,junction,Junction,,35.86,36.80,Idleb,,,SY07,,,1,,\n",
        encoding="utf-8",
    )
    (root / "patches" / "names.csv").write_text(
        "action,place_id,name,lang,reason,source\n"
        "add,hwy:M4,M-4,en,spelling,Wikipedia\n"
        "drop,C3916,Not there,en,typo,me\n"
        "add,hwy:M9,M9,en,spelling,Wikipedia\n",
        encoding="utf-8",
    )
    (root / "highways.csv").write_text(
        "highway,seq,place_id,name,lat,lon,coord_source,route_source\n"
        "hwy:M4,1,C3916,Saraqib,35.86447,36.80591,geonames:164816,wiki\n"
        "C1007,2,C404,Aleppo,36.2,37.1,geonames:170063,wiki\n",
        encoding="utf-8",
    )
    (root / "outside.csv").write_text(
        "id,name,kind,country,source\nout:ankara,Ankara,foreign_place,TR,wiki\nout:x,Atlantis,foreign_place,ZZ,myth\n",
        encoding="utf-8",
    )
    report = validate_gazetteer(root)
    assert _where(report.errors) == [
        ("places.csv", 3),  # patch row without reason/source
        ("names.csv", 3),  # drops a name the place lacks
        ("names.csv", 4),  # unknown place
        ("highways.csv", 3),  # C1007 is not a highway
        ("highways.csv", 3),  # C404 is unknown
        ("outside.csv", 3),  # ZZ is no country
    ]


def test_name_collisions_are_notes_not_errors(tmp_path: Path) -> None:
    other = "C4192,populated_place,Salihiyah,,35.9,36.4,Idleb,,,SY07,,ocha:C4192,"
    names = ["C3916,Saraqib,en,ocha", "C3916,Salihiyah,en,x", "C4192,salihiyah,en,ocha"]
    report = validate_gazetteer(write_gazetteer(tmp_path, [SARAQIB, other], names))
    assert report.ok
    assert [n.message for n in report.notes] == ["'salihiyah' names 2 populated_place places: C3916, C4192"]


def test_unreadable_files_are_errors_not_exceptions(tmp_path: Path) -> None:
    root = write_gazetteer(tmp_path, [SARAQIB])
    (root / "names.csv").write_bytes(b"place_id,name,lang,source\nC3916,Sar\xe2qib,en,x\n")
    (root / "boundaries" / "adm1.geojson").write_text("{not json", encoding="utf-8")
    report = validate_gazetteer(root)
    assert sorted(Path(e.path).name for e in report.errors) == ["adm1.geojson", "names.csv"]
