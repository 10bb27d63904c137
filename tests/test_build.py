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
    assert list(rows[0]) == ["place_id", "place", "lat", "lon", "controller", "since", "certainty", "last_event_id"]
    return {row["place_id"]: row["controller"] for row in rows}


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        ("2020-02-26", {"C3916": "government"}),  # Saraqeb
        ("2020-02-27", {"C3916": "opposition", "C4309": "opposition", "C3867": "opposition"}),  # + Kansafra, Nayrab
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


def test_build_writes_every_file_and_twice_gives_the_same_bytes(runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(tmp_path / name), "--tiles", "none"])
        assert result.exit_code == 0, result.output
        outputs.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())})
    first, second = outputs
    assert {"index.html", "timeline.html", "events.csv", "events.geojson", "2020-02-26.html", "2020-02-27.html"} <= set(first)
    assert first == second
    index = first["index.html"].decode()
    assert 'href="timeline.html"' in index and 'href="2020-02-27.html"' in index and "Saraqib" in index


def test_extract_writes_the_documented_csv_columns(runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["extract", str(seeds_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header == ("event_id,place_id,place,lat,lon,gainer,loser,kind,date,date_earliest,date_latest,"
                      "precision,n_sources,outlets,n_reports,sources,evidence,flags")
