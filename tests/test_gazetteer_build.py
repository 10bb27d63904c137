"""The gazetteer builder on a tiny source tree written here (and, when present, on the real data)."""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from frontlines.gazetteer.build import build_gazetteer
from frontlines.gazetteer.rows import match_key, script_of

OCHA_HEADER = (
    "pcode,name_en,name_ar,admin1,admin2,admin3,lat,lon,name_en_qualified,name_ar_qualified,admin1_ar,"
    "admin2_ar,admin3_ar,admin1_pcode,admin2_pcode,admin3_pcode,location_type,last_update"
)


def _real_data() -> Path:
    """``../shared/data`` beside this checkout, else beside the local repository it was cloned from
    (a clone made in a temporary folder still finds the reference data of its origin)."""
    root = Path(__file__).resolve().parents[1]
    beside = root.parent / "shared" / "data"
    if beside.is_dir():
        return beside
    origin = subprocess.run(
        ["git", "-C", str(root), "config", "--get", "remote.origin.url"],
        check=False,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return Path(origin).resolve().parent / "shared" / "data" if origin and Path(origin).is_dir() else beside


REAL_DATA = _real_data()


def _box(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def _write_features(path: Path, features: list[tuple[dict, dict]]) -> None:
    collection = {
        "type": "FeatureCollection",
        "features": [{"type": "Feature", "properties": p, "geometry": g} for p, g in features],
    }
    path.write_text(json.dumps(collection, ensure_ascii=False), encoding="utf-8")


def write_sources(root: Path) -> Path:
    """A one-governorate Syria: Idleb with two communities, three GeoNames cities and two highways."""
    for folder in ("ocha", "geonames", "admin", "boundaries", "highways"):
        (root / folder).mkdir(parents=True)
    admin = "Idleb,Idleb,Idleb"
    ar = "إدلب,إدلب,مركز إدلب,SY07,SY0700,SY070000,Community,19/12/2018"
    (root / "ocha" / "syr_pplp_adm4.csv").write_text(
        "\n".join([
            OCHA_HEADER,
            f"C3867,Nayrab,النيرب,{admin},35.869156,36.718303,Nayrab,النيرب,{ar}",
            f"C3916,Saraqab,سراقب,{admin},35.861105,36.80611,Saraqab,سراقب,{ar}",
            (
                f"C1933,Maskana - Onaiza,مسكنة_عنيزة,{admin},35.96426,36.043306,"
                f"Maskana - Onaiza (Idleb),مسكنة_عنيزة,{ar}"
            ),
        ]) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    (root / "geonames" / "SY_cities500.tsv").write_text(
        "geonameid\tname\tlatitude\tlongitude\tcountry_code\tadmin1_code\tpopulation\ttimezone\talternatenames\n"
        "164816\tSaraqib\t35.86447\t36.80591\tSY\t12\t34231\tAsia/Damascus\tSaraqeb,Сараків,سراقب,سراقب‎\n"
        "167080\tMaskanah\t35.96577\t36.04165\tSY\t12\t0\tAsia/Damascus\tMeskene,مسكنة\n"
        "169389\tIdlib\t35.93062\t36.63393\tSY\t12\t128840\tAsia/Damascus\tIdleb,إدلب,ادلب,Идлиб\n"
        "999999\tElsewhere\t35.9\t36.9\tTR\t00\t0\tEurope/Istanbul\t\n",
        encoding="utf-8",
    )
    for stem, unit in (
        ("governorates", {"en": "Idlib", "ar": "إدلب", "pcode": "SY07", "gn": "169387"}),
        ("districts", {"en": "Idlib", "ar": "إدلب", "pcode": "SY0700", "gn": "169388"}),
        ("subdistricts", {"en": "Idleb", "ar": "مركز إدلب", "pcode": "SY070000", "gn": ""}),
    ):
        record = {
            "id": f"sy-{stem}",
            "name": {"en": unit["en"], "ar": unit["ar"]},
            "aliases": [{"value": f"{unit['en']} {stem[:-1].title()}", "language": "en", "type": "formal"}],
            "centroid": {"latitude": 35.76667, "longitude": 36.66667},
            "population": {"value": 1445000},
            "externalIds": {"ochaPcode": unit["pcode"], "geonames": unit["gn"], "wikidata": "Q233218"},
        }
        (root / "admin" / f"opensyria_{stem}.json").write_text(json.dumps([record]), encoding="utf-8")
    area = _box(35.9, 35.5, 37.0, 36.3)
    names = {"ADM0_EN": "Syrian Arab Republic", "ADM0_AR": "سوريا", "ADM0_PCODE": "SY",
             "ADM1_EN": "Idleb", "ADM1_AR": "إدلب", "ADM1_PCODE": "SY07",
             "ADM2_EN": "Idleb", "ADM2_AR": "إدلب", "ADM2_PCODE": "SY0700",
             "ADM3_EN": "Idleb", "ADM3_AR": "مركز إدلب", "ADM3_PCODE": "SY070000"}  # fmt: skip
    for level in range(4):
        _write_features(root / "boundaries" / f"syr_admbnda_adm{level}_uncs_unocha.geojson", [(names, area)])
    (root / "reference_places.csv").write_text(
        "key,name,alt_names,lat,lon,feature,source,source_id,source_url,ocha_adm2,notes\n"
        "saraqib,Saraqib,Saraqeb;سراقب,35.86447,36.80591,populated place,GN,geonames:164816,u,,\n"
        "nayrab_idlib,Nayrab,Nairab;Neirab,35.86972,36.72028,populated place,m,ocha_pcode:C3867 (x),u,,\n"
        "zawiya,Jabal al-Zawiya,Jabal Zawiya,35.733,36.700,region (highland),W,wikipedia_en:Zawiya,u,,\n",
        encoding="utf-8",
    )
    (root / "highways" / "m4_m5_waypoints.csv").write_text(
        "highway,seq,place,lat,lon,coord_source,route_membership_source\n"
        "M4,2,Saraqib,35.86447,36.80591,geonames:164816,wiki\n"
        "M4,1,Nayrab,35.86972,36.72028,reference_places.csv key=nayrab_idlib (marefa),SOHR\n",
        encoding="utf-8",
    )
    return root


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture()
def built(tmp_path: Path) -> tuple[Path, object]:
    out = tmp_path / "out"
    return out, build_gazetteer(write_sources(tmp_path / "src"), out)


def test_match_key_folds_spellings() -> None:
    assert match_key("Ma'arrat al-Nu'man") == match_key("Maarat an Numan")
    assert match_key("كفر نبل") == match_key("كفرنبل")
    assert match_key("إدلب") == match_key("ادلب")
    assert script_of("Сараків") == "other" and script_of("سراقب") == "ar" and script_of("Sarāqib") == "latin"


def test_geonames_city_merges_into_ocha_community(built: tuple[Path, object]) -> None:
    out, report = built
    places = {row["id"]: row for row in _rows(out / "places.csv")}
    saraqib = places["C3916"]
    assert saraqib["source_ids"] == "ocha:C3916;geonames:164816"
    assert (saraqib["lat"], saraqib["lon"]) == ("35.861105", "36.80611")  # OCHA coordinates stay primary
    assert saraqib["name"] == "Saraqib"  # the reference name
    assert places["C1933"]["source_ids"] == "ocha:C1933;geonames:167080"  # via the part "مسكنة"
    assert places["gn:169389"]["admin1_pcode"] == "SY07"  # no OCHA Idlib in the fixture
    assert "gn:999999" not in places  # not Syria
    assert report.geonames_matched == 2 and report.geonames_added == 1


def test_admin_units_are_their_own_places(built: tuple[Path, object]) -> None:
    out, report = built
    places = {row["id"]: row for row in _rows(out / "places.csv")}
    governorate = places["SY07"]
    assert governorate["kind"] == "governorate"
    assert (governorate["lat"], governorate["lon"]) == ("35.76667", "36.66667")  # the Open-Syria centroid
    assert "opensyria:sy-governorates" in governorate["source_ids"]
    assert places["SY070000"]["kind"] == "subdistrict"
    assert report.places_by_kind == {"governorate": 1, "district": 1, "subdistrict": 1, "populated_place": 4}


def test_names_cover_sources_and_drop_other_scripts(built: tuple[Path, object]) -> None:
    out, _ = built
    names = {(row["place_id"], row["name"]): row for row in _rows(out / "names.csv")}
    assert names[("C3916", "سراقب")]["source"] == "geonames;ocha;reference_places"
    assert ("C3916", "Saraqeb") in names and ("C3867", "Neirab") in names
    assert not any(name == "Сараків" for _, name in names)
    assert [name for pid, name in names if pid == "C3916" and name.startswith("سراقب")] == ["سراقب"]  # no LRM
    assert ("C1933", "Onaiza") in names  # each part of a joined OCHA community
    assert ("SY07", "Idlib Governorate") in names  # Open-Syria alias


def test_reference_rows_match_or_are_reported(built: tuple[Path, object]) -> None:
    _, report = built
    assert report.reference_matches == {"saraqib": "C3916", "nayrab_idlib": "C3867"}
    assert report.reference_unmatched == ("zawiya",)


def test_highways_are_mapped_to_places_in_order(built: tuple[Path, object]) -> None:
    out, _ = built
    rows = _rows(out / "highways.csv")
    assert [(r["highway"], r["seq"], r["place_id"]) for r in rows] == [
        ("hwy:M4", "1", "C3867"),
        ("hwy:M4", "2", "C3916"),
    ]


def test_boundaries_are_written_and_valid(built: tuple[Path, object]) -> None:
    out, _ = built
    adm2 = json.loads((out / "boundaries" / "adm2.geojson").read_text(encoding="utf-8"))
    assert [f["properties"]["pcode"] for f in adm2["features"]] == ["SY0700"]
    assert adm2["features"][0]["properties"]["adm1_pcode"] == "SY07"


def test_build_is_deterministic(tmp_path: Path) -> None:
    source = write_sources(tmp_path / "src")
    build_gazetteer(source, tmp_path / "a")
    build_gazetteer(source, tmp_path / "b")
    for name in ("places.csv", "names.csv", "highways.csv", "boundaries/adm1.geojson"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


@pytest.mark.skipif(not (REAL_DATA / "ocha" / "syr_pplp_adm4.csv").is_file(), reason="shared data absent")
def test_real_build_covers_syria(tmp_path: Path) -> None:
    report = build_gazetteer(REAL_DATA, tmp_path)
    assert report.places_by_kind["governorate"] == 14
    assert report.places_by_kind["district"] == 62
    assert report.places_by_kind["subdistrict"] == 272
    assert report.places_by_kind["populated_place"] >= 7693
    assert report.reference_matches["nayrab_idlib"] == "C3867"
    assert sum(size for name, size in report.file_sizes.items() if name.startswith("boundaries")) < 1_500_000
