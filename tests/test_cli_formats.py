"""coverage and resolve share the other commands' output options: --format, --out FILE|-, and --json as an alias."""

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.cli import app


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """One article whose file name a spreadsheet would run as a formula, with a resolved, a
    suggested, an unknown and a foreign place."""
    directory = tmp_path / "corpus"
    directory.mkdir()
    (directory / "=1+2.txt").write_text(
        "Rebels seized Saraqeb, Nayrabiyeh and the village of Kafr Zita on Thursday, and met in Ankara.\n",
        encoding="utf-8",
    )
    return directory


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_coverage_csv_has_a_row_per_mention_with_the_json_fields(
    runner: CliRunner, small_gazetteer: Path, corpus: Path
) -> None:
    gaz = ["-g", str(small_gazetteer)]
    as_json = json.loads(runner.invoke(app, ["coverage", str(corpus), "--json", *gaz]).stdout)
    result = runner.invoke(app, ["coverage", str(corpus), "--format", "csv", "--out", "-", *gaz])
    assert result.exit_code == 0, result.output
    header = result.stdout.splitlines()[0].split(",")
    assert header == list(as_json["mentions"][0])
    rows = _rows(result.stdout)
    assert [(r["surface"], r["status"]) for r in rows] == [
        (m["surface"], m["status"]) for m in as_json["mentions"]
    ]
    by_surface = {r["surface"]: r for r in rows}
    assert by_surface["Saraqeb"]["place_id"] == "T1" and by_surface["Saraqeb"]["lat"] == "35.864"
    assert set(by_surface["Nayrabiyeh"]["suggestions"].split(";")) == {"T2", "T7"}
    assert by_surface["Kafr Zita"]["place_id"] == "" and by_surface["Kafr Zita"]["suggestions"] == ""
    assert {r["article"] for r in rows} == {"'=1+2"}  # csv_safe: shown as text, never run


def test_coverage_geojson_is_the_mentions_with_a_point(
    runner: CliRunner, small_gazetteer: Path, corpus: Path
) -> None:
    result = runner.invoke(app, ["coverage", str(corpus), "-f", "geojson", "-g", str(small_gazetteer)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["type"] == "FeatureCollection"
    [feature] = doc["features"]  # Ankara has no coordinates in the test gazetteer; the others no place
    assert feature["geometry"] == {"type": "Point", "coordinates": [36.806, 35.864]}
    assert feature["properties"]["place_id"] == "T1" and feature["properties"]["status"] == "resolved"
    assert "lat" not in feature["properties"]


def test_coverage_out_file_takes_its_format_from_the_extension(
    runner: CliRunner, small_gazetteer: Path, corpus: Path, tmp_path: Path
) -> None:
    gaz = ["-g", str(small_gazetteer)]
    stdout_json = runner.invoke(app, ["coverage", str(corpus), "--json", *gaz]).stdout
    out = tmp_path / "out" / "mentions.json"
    result = runner.invoke(app, ["coverage", str(corpus), "--out", str(out), *gaz])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == stdout_json
    assert result.stdout == f"wrote {out}\n"
    table = tmp_path / "mentions.txt"
    assert runner.invoke(app, ["coverage", str(corpus), "-o", str(table), *gaz]).exit_code == 0
    text = table.read_text(encoding="utf-8")
    assert "Place mentions in" in text and "Saraqab (T1)" in text and "coverage: 50.0%" in text
    assert "\x1b[" not in text


def test_resolve_csv_has_a_row_per_candidate_or_suggestion(runner: CliRunner, small_gazetteer: Path) -> None:
    result = runner.invoke(
        app, ["resolve", "al-Nairab", "Nayrib", "Zzzqqq", "-f", "csv", "-o", "-", "-g", str(small_gazetteer)]
    )
    assert result.exit_code == 1  # some name has no candidate
    rows = _rows(result.stdout)
    assert list(rows[0]) == ["query", "result", "id", "name", "kind", "lat", "lon", "admin1", "match"]
    assert {(r["query"], r["result"], r["id"]) for r in rows} == {
        ("al-Nairab", "candidate", "T2"),
        ("al-Nairab", "candidate", "T7"),
        ("Nayrib", "suggestion", "T2"),
        ("Nayrib", "suggestion", "T7"),
        ("Zzzqqq", "none", ""),
    }


def test_resolve_format_json_is_the_json_flag(
    runner: CliRunner, small_gazetteer: Path, tmp_path: Path
) -> None:
    gaz = ["-g", str(small_gazetteer)]
    flag = runner.invoke(app, ["resolve", "Saraqib", "--json", *gaz])
    option = runner.invoke(app, ["resolve", "Saraqib", "--format", "json", "--out", "-", *gaz])
    assert flag.exit_code == option.exit_code == 0
    assert option.stdout == flag.stdout and json.loads(flag.stdout)[0]["candidates"][0]["id"] == "T1"
    out = tmp_path / "saraqib.csv"
    assert runner.invoke(app, ["resolve", "Saraqib", "-o", str(out), *gaz]).exit_code == 0
    assert _rows(out.read_text(encoding="utf-8"))[0]["id"] == "T1"


@pytest.mark.parametrize("command", [["resolve", "Saraqib"], ["coverage"]])
def test_json_and_another_format_is_one_error_line(
    runner: CliRunner, small_gazetteer: Path, corpus: Path, command: list[str]
) -> None:
    args = [*command, *([str(corpus)] if command == ["coverage"] else []), "--json", "-f", "csv"]
    result = runner.invoke(app, [*args, "-g", str(small_gazetteer)])
    assert result.exit_code == 2
    assert result.stderr == "error: --json and --format csv disagree; give one of them\n"
    bad = runner.invoke(app, [*command[:2], "-f", "xml", "-g", str(small_gazetteer)])
    assert bad.exit_code == 2 and "unknown --format 'xml'" in bad.stderr
