"""`frontlines build` and `state` on the seeds: the files, the acceptance states, byte-identical rebuilds."""

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.cli import app


def _state(runner: CliRunner, seeds: Path, on: str) -> dict[str, str]:
    result = runner.invoke(app, ["state", str(seeds), "--date", on, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "place_id",
        "place",
        "lat",
        "lon",
        "controller",
        "since",
        "certainty",
        "last_event_id",
    ]
    return {row["place_id"]: row["controller"] for row in rows}


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2020-02-26", {"C3916": "government"}),  # Saraqeb
        (
            "2020-02-27",
            {"C3916": "opposition", "C4309": "opposition", "C3867": "opposition"},
        ),  # + Kansafra, Nayrab
        ("2020-02-10", {"C3867": "government"}),  # Nayrab
    ],
)
def test_state_of_the_seeds(runner: CliRunner, seeds_dir: Path, on: str, expected: dict[str, str]) -> None:
    states = _state(runner, seeds_dir, on)
    assert {place: states.get(place) for place in expected} == expected


def test_state_rejects_a_bad_date_in_one_line(runner: CliRunner, seeds_dir: Path) -> None:
    result = runner.invoke(app, ["state", str(seeds_dir), "--date", "2020-02-30"])
    assert result.exit_code == 2
    assert "not a valid date" in result.output and "Traceback" not in result.output


def test_build_writes_every_file_and_twice_gives_the_same_bytes(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    outputs = []
    for name in ("a", "b"):
        result = runner.invoke(
            app, ["build", str(seeds_dir), "--out", str(tmp_path / name), "--tiles", "none"]
        )
        assert result.exit_code == 0, result.output
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())})
    first, second = outputs
    assert {
        "index.html",
        "timeline.html",
        "events.csv",
        "events.geojson",
        "2020-02-26.html",
        "2020-02-27.html",
    } <= set(first)
    assert first == second
    index = first["index.html"].decode()
    assert 'href="timeline.html"' in index and 'href="2020-02-27.html"' in index and "Saraqib" in index


def test_extract_writes_the_documented_csv_columns(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["extract", str(seeds_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        "event_id,place_id,place,lat,lon,admin1,admin2,admin3,geo_precision,gainer,loser,kind,date,"
        "date_earliest,date_latest,precision,time_precision,n_sources,outlets,n_reports,sources,evidence,"
        "flags"
    )


def _rows(runner: CliRunner, seeds: Path, on: str) -> tuple[list[dict[str, str]], str]:
    result = runner.invoke(app, ["state", str(seeds), "--date", on, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout))), result.stderr


def test_m5_by_segment_on_the_seeds(runner: CliRunner, seeds_dir: Path) -> None:
    rows, _ = _rows(runner, seeds_dir, "2020-02-28")
    m5 = [r for r in rows if r["place_id"].startswith("hwy:M5@")]  # lat, lon: the segment's middle
    near_saraqib = [
        r for r in m5 if abs(float(r["lat"]) - 35.864) < 0.05 and abs(float(r["lon"]) - 36.806) < 0.05
    ]
    assert near_saraqib and all(
        r["controller"] == "opposition" or r["certainty"] == "contested" for r in near_saraqib
    )
    towards_aleppo = [r for r in m5 if float(r["lat"]) > 35.95]
    south_of_maarat = [r for r in m5 if float(r["lat"]) < 35.6]
    assert towards_aleppo and all(r["controller"] == "government" for r in towards_aleppo)
    assert south_of_maarat and all(r["controller"] == "government" for r in south_of_maarat)
    assert "hwy:M5" not in {r["place_id"] for r in rows}  # never one colour for the whole road
    rows, _ = _rows(runner, seeds_dir, "2020-02-20")
    assert not [r for r in rows if r["place_id"].startswith("hwy:M5") and r["controller"] == "opposition"]


def test_a_date_outside_the_reports_has_no_state_and_a_warning(runner: CliRunner, seeds_dir: Path) -> None:
    result = runner.invoke(app, ["state", str(seeds_dir), "--date", "2019-01-01", "--format", "csv"])
    assert result.exit_code == 0
    assert result.stdout.strip().splitlines() == [
        "place_id,place,lat,lon,controller,since,certainty,last_event_id"
    ]
    assert (
        result.stderr.count("\n") == 1
        and "warning:" in result.stderr
        and "before the first date the reports give (2020-01-28)" in result.stderr
    )


def test_the_junction_and_saraqeb_never_disagree(runner: CliRunner, seeds_dir: Path) -> None:
    from datetime import date, timedelta

    from frontlines.pipeline import extract, map_inputs

    timeline = map_inputs(extract(seeds_dir).events).timeline
    day = date(2019, 12, 1)
    while day <= date(2020, 3, 15):
        a, b = timeline.state_of("C3916", day), timeline.state_of("jct:M4-M5", day)
        assert (a and a.controller) == (b and b.controller), day
        day += timedelta(days=1)


def test_state_geojson_is_json(runner: CliRunner, seeds_dir: Path) -> None:
    import json

    result = runner.invoke(app, ["state", str(seeds_dir), "--date", "2020-02-27", "--format", "geojson"])
    assert result.exit_code == 0, result.output
    features = json.loads(result.stdout)["features"]
    saraqib = next(f for f in features if f["properties"]["place_id"] == "C3916")
    assert saraqib["properties"]["since"] == "2020-02-27"


@pytest.mark.parametrize("command", [["map", "--date", "2020-02-27"], ["timeline"], ["build"]])
def test_unknown_tiles_are_one_line_listing_the_choices(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path, command
) -> None:
    result = runner.invoke(app, [command[0], str(seeds_dir), *command[1:], "--tiles", "NoSuchTiles",
                                 "--out", str(tmp_path / "x")])  # fmt: skip
    assert result.exit_code == 2
    assert (
        result.stderr.count("\n") == 1 and "NoSuchTiles" in result.stderr and "OpenStreetMap" in result.stderr
    )
    assert "Traceback" not in result.output and not (tmp_path / "x").exists()


def test_the_index_counts_articles_and_vague_changes_make_no_extra_snapshots(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(tmp_path), "--tiles", "none"])
    assert result.exit_code == 0, result.output
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<p>5 articles," in index
    assert "between 28 January and 27 February 2020" in index  # Maarat al-Numan, "recently captured"
    assert not (tmp_path / "2020-02-19.html").exists() and not (tmp_path / "2020-02-20.html").exists()


def test_a_map_of_a_date_before_the_reports_says_so_on_the_page(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "early.html"
    result = runner.invoke(
        app, ["map", str(seeds_dir), "--date", "2019-01-01", "--tiles", "none", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (
        result.stderr.startswith("warning: 2019-01-01 is before the first date")
        and result.stderr.count("\n") == 1
    )
    page = out.read_text(encoding="utf-8")
    assert '<div class="fl-title-note" role="status">2019-01-01 is before the first date' in page
