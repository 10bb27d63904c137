"""`frontlines compare`: agreement with a reference timeline written for the test."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from frontlines.cli import app

# Invented changes at real places (gazetteer ids): the government takes Saraqib, Nayrab and Kafr Nabl.
EVENTS = """\
event_id,place_id,place,lat,lon,gainer,loser,kind,date,date_earliest,date_latest,precision
t1,C3916,Saraqib,35.861105,36.80611,government,opposition,capture,2020-02-06,2020-02-06,2020-02-06,day
t2,C3916,Saraqib,35.861105,36.80611,opposition,government,recapture,2020-02-27,2020-02-27,2020-02-27,day
t3,C3867,Nayrab,35.869156,36.718303,government,opposition,capture,2020-02-05,2020-02-05,2020-02-05,day
t4,C4068,Kafr Nabl,35.614655,36.560266,government,opposition,capture,2020-02-20,2020-02-20,2020-02-20,day
"""
REFERENCE = """\
place,date,controller,source
Saraqeb,2020-02-28,opposition,field notes
Saraqib,2020-02-10,opposition,field notes
Nayrab,2020-02-10,government,a wiki table
Kafr Nabl,2019-01-01,government,
Kafr Nabl,2020-02-21,Syrian army,
"""


def _files(tmp_path: Path, reference: str = REFERENCE) -> tuple[Path, Path]:
    events, ref = tmp_path / "events.csv", tmp_path / "reference.csv"
    events.write_text(EVENTS, encoding="utf-8")
    ref.write_text(reference, encoding="utf-8")
    return events, ref


def test_compare_reports_each_row_and_the_rates(runner: CliRunner, tmp_path: Path) -> None:
    events, ref = _files(tmp_path)
    result = runner.invoke(app, ["compare", str(ref), "--events", str(events), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [c["outcome"] for c in report["comparisons"]] == [
        "agree",
        "disagree",
        "agree",
        "no state",
        "agree",
    ]
    assert report["counts"] == {"agree": 3, "disagree": 1, "no state": 1}
    assert (report["agreement_pct"], report["coverage_pct"]) == (75.0, 80.0)
    assert report["by_side"]["opposition"] == {
        "rows": 2,
        "agree": 1,
        "disagree": 1,
        "no state": 0,
        "agreement_pct": 50.0,
    }
    assert report["by_side"]["government"]["agreement_pct"] == 100.0  # "Syrian army" is the government
    first = report["comparisons"][0]
    assert (first["place_id"], first["frontlines"], first["source"]) == ("C3916", "opposition", "field notes")


def test_compare_csv_and_fail_under(runner: CliRunner, tmp_path: Path) -> None:
    events, ref = _files(tmp_path)
    out = tmp_path / "comparison.csv"
    passed = runner.invoke(
        app, ["compare", str(ref), "--events", str(events), "--out", str(out), "--fail-under", "75"]
    )
    assert passed.exit_code == 0, passed.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["outcome"] for r in rows][:2] == ["agree", "disagree"] and rows[1]["frontlines"] == "government"
    failed = runner.invoke(app, ["compare", str(ref), "--events", str(events), "--fail-under", "80"])
    assert failed.exit_code == 1 and "below --fail-under 80%" in failed.stderr
    assert "agreement 75.0% of 4 rows with a state; coverage 80.0% of 5 rows" in failed.stdout


def test_bad_reference_rows_name_their_line(runner: CliRunner, tmp_path: Path) -> None:
    events, ref = _files(tmp_path, REFERENCE + "Saraqib,2020-02-28,martians,\nSaraqib,someday,government,\n")
    result = runner.invoke(app, ["compare", str(ref), "--events", str(events), "--format", "csv"])
    assert result.exit_code == 2
    assert (
        f"{ref}:7: unknown controller 'martians'" in result.stderr
        and f"{ref}:8: needs a place" in result.stderr
    )
    assert result.stdout.count("\n") == 6  # the header and the five good rows
    missing = tmp_path / "bad.csv"
    missing.write_text("town,day,who\n", encoding="utf-8")
    result = runner.invoke(app, ["compare", str(missing), "--events", str(events)])
    assert result.exit_code == 2 and "missing column(s) place, date, controller" in result.stderr
