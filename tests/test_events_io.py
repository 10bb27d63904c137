"""Events in and out of every command: extract's files read back, hand edits, ACLED out and in, stdout/stdin."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

import pytest
from browser_helpers import sample_events
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.events import write_events
from frontlines.events.acled import ACLED_COLUMNS, parse_table_date, write_acled
from frontlines.events.files import read_events
from frontlines.pipeline import extract, load_events
from frontlines.timeline import build_timeline


@pytest.fixture(scope="module")
def seed_events(seeds_dir: Path):
    return extract(seeds_dir).events


def _states(events, day: date) -> list[tuple]:
    return [
        (s.place.id, s.controller, s.since, s.certainty, s.other, s.last_event_id,
         None if s.place.lat is None else round(s.place.lat, 5))
        for s in build_timeline(events).state_on(day)
    ]  # fmt: skip


def _change_days(events) -> list[date]:
    days = build_timeline(events).change_dates()
    return sorted({d for c in days for d in (c, date.fromordinal(c.toordinal() - 1))})


@pytest.mark.parametrize("name", ["events.csv", "events.geojson", "events.gpkg"])
def test_extract_files_read_back_as_the_same_states(seed_events, tmp_path: Path, name: str) -> None:
    path = write_events(seed_events, tmp_path / name)
    read = read_events(path)
    assert not read.problems and len(read.events) == len(seed_events)
    for day in _change_days(seed_events):
        assert _states(read.events, day) == _states(seed_events, day), day


def test_acled_round_trip_through_the_cli_gives_the_corpus_states(runner: CliRunner, seeds_dir: Path,
                                                                  tmp_path: Path) -> None:  # fmt: skip
    acled = tmp_path / "acled.csv"
    assert (
        runner.invoke(app, ["extract", str(seeds_dir), "--format", "acled", "--out", str(acled)]).exit_code
        == 0
    )
    with acled.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert tuple(rows[0]) == ACLED_COLUMNS
    assert {r["sub_event_type"] for r in rows} >= {
        "Government regains territory",
        "Non-state actor overtakes territory",
    }
    for day in ("2020-02-05", "2020-02-20", "2020-02-26", "2020-02-27"):
        from_corpus = runner.invoke(app, ["state", str(seeds_dir), "--date", day, "--format", "csv"])
        from_acled = runner.invoke(app, ["state", "--events", str(acled), "--date", day, "--format", "csv"])
        assert from_acled.exit_code == 0, from_acled.output
        assert from_acled.stdout == from_corpus.stdout and from_corpus.stdout.count("\n") > 2


def test_map_of_a_hand_edited_csv_draws_the_edit(runner: CliRunner, tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    write_events(sample_events(), events)
    text = events.read_text(encoding="utf-8")
    # e5 (a recapture of Saraqib by the opposition) now says HTS took it.
    edited = [line.replace(",opposition,government,recapture,", ",hts,government,recapture,")
              if line.startswith("e5,") else line for line in text.splitlines()]  # fmt: skip
    assert edited != text.splitlines()
    events.write_text("\n".join(edited) + "\n", encoding="utf-8")
    out = tmp_path / "map.html"
    result = runner.invoke(app, ["map", "--events", str(events), "--date", "2020-02-14", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    payload = json.loads(
        re.search(r'<script type="application/json" id="fl-data-[\w-]+">(.*?)</script>', html, re.DOTALL)[1]
    )
    keys = [c[0] for c in payload["controllers"]]
    saraqib = next(p for p in payload["places"] if p[0] == "saraqib")
    assert keys[saraqib[7][2]] == "hts"  # the snapshot's controller of Saraqib
    assert "hts" not in {e.gainer for e in sample_events() if e.place.id == "saraqib"}


def test_a_bad_row_names_its_line_and_the_others_are_drawn(runner: CliRunner, tmp_path: Path) -> None:
    events = tmp_path / "events.csv"
    events.write_text(
        "event_id,place_id,place,lat,lon,gainer,loser,kind,date\n"
        "a,,Kafr Nabl,35.6147,36.5603,government,opposition,capture,2020-02-20\n"
        "b,,Saraqib,35.8611,36.8061,opposition,government,conquest,2020-02-27\n"
        "c,,Hazano,not-a-number,36.7,opposition,government,capture,2020-02-27\n",
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["state", "--events", str(events), "--date", "2020-03-01", "--format", "json"]
    )
    assert result.exit_code == 2
    assert (
        f"{events}:3: kind must be one of" in result.stderr
        and f"{events}:4: lat is not a number" in result.stderr
    )
    assert [r["place"] for r in json.loads(result.stdout)] == ["Kafr Nabl"]


def test_events_and_states_chain_through_stdout_and_stdin(runner: CliRunner, seeds_dir: Path) -> None:
    extracted = runner.invoke(app, ["extract", str(seeds_dir), "--out", "-"])
    assert extracted.exit_code == 0 and extracted.stdout.startswith("event_id,place_id,")
    chained = runner.invoke(
        app, ["state", "--events", "-", "--date", "2020-02-27", "-f", "csv"], input=extracted.stdout
    )
    direct = runner.invoke(app, ["state", str(seeds_dir), "--date", "2020-02-27", "-f", "csv"])
    assert chained.exit_code == 0 and chained.stdout == direct.stdout
    page = runner.invoke(
        app, ["map", "--events", "-", "--date", "2020-02-27", "--out", "-"], input=extracted.stdout
    )
    assert (
        page.exit_code == 0
        and page.stdout.lstrip().startswith("<!DOCTYPE html>")
        and "wrote" not in page.stdout
    )


def test_state_writes_gpkg_and_infers_the_format_from_out(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    import geopandas as gpd

    for name in ("states.gpkg", "states.geojson", "states.csv"):
        result = runner.invoke(
            app, ["state", str(seeds_dir), "--date", "2020-02-27", "--out", str(tmp_path / name)]
        )
        assert result.exit_code == 0, result.output
    frame = gpd.read_file(tmp_path / "states.gpkg")
    assert "C3916" in set(frame["place_id"]) and len(frame) == len(gpd.read_file(tmp_path / "states.geojson"))
    assert (tmp_path / "states.csv").read_text(encoding="utf-8").startswith("place_id,place,")


# ---- ACLED exports (a file written for the test: invented rows at real places) ----

ACLED_HEADER = ",".join(ACLED_COLUMNS)


def _acled_row(**values: str) -> str:
    row = dict.fromkeys(ACLED_COLUMNS, "") | {"iso": "760", "country": "Syria"} | values
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([row[c] for c in ACLED_COLUMNS])
    return buffer.getvalue()


def _acled_file(tmp_path: Path) -> Path:
    rows = [
        # A government gain, ISO date, exact day.
        _acled_row(event_id_cnty="SYR1", event_date="2020-02-06", time_precision="1", event_type="Battles",
                   sub_event_type="Government regains territory", actor1="Military Forces of Syria (2000-2024)",
                   actor2="Opposition Rebels (Syria)", location="Saraqib", latitude="35.8620", longitude="36.8050",
                   source="Wire One", notes="Government forces entered the town."),
        # An opposition gain written with the actors the other way round, "16 May 2025" style, a week.
        _acled_row(event_id_cnty="SYR2", event_date="27 February 2020", time_precision="2", event_type="Battles",
                   sub_event_type="Non-state actor overtakes territory", actor1="Military Forces of Syria (2000-2024)",
                   actor2="SNA: Syrian National Army", location="Saraqib", latitude="35.8620", longitude="36.8050",
                   source="Wire Two"),
        # A handover, dd-mm-yyyy, the month; at a place the gazetteer lacks near these coordinates.
        _acled_row(event_id_cnty="SYR3", event_date="15-03-2020", time_precision="3",
                   event_type="Strategic developments", sub_event_type="Non-violent transfer of territory",
                   actor1="Some Local Brigade", actor2="Opposition Rebels (Syria)", location="Tall Invented",
                   latitude="35.5000", longitude="36.9000", geo_precision="2"),
        # Rows that are not territory changes are skipped and counted.
        _acled_row(event_id_cnty="SYR4", event_date="2020-02-07", event_type="Battles", sub_event_type="Armed clash",
                   actor1="Military Forces of Syria (2000-2024)", location="Saraqib", latitude="35.862",
                   longitude="36.805"),
        _acled_row(event_id_cnty="SYR5", event_date="2020-02-08", event_type="Explosions/Remote violence",
                   sub_event_type="Shelling/artillery/missile attack", location="Saraqib", latitude="35.862",
                   longitude="36.805"),
        _acled_row(event_id_cnty="SYR6", event_date="2020-02-09", event_type="Battles", sub_event_type="Armed clash",
                   location="Saraqib", latitude="35.862", longitude="36.805"),
    ]  # fmt: skip
    path = tmp_path / "acled-export.csv"
    path.write_text(ACLED_HEADER + "\n" + "".join(rows), encoding="utf-8")
    return path


def test_an_acled_export_reads_its_territory_changes_and_counts_the_rest(tmp_path: Path) -> None:
    with pytest.warns(UserWarning, match="'Some Local Brigade'"):
        read = read_events(_acled_file(tmp_path))
    assert read.format == "acled" and not read.problems
    assert dict(read.skipped) == {
        "Battles / Armed clash": 2,
        "Explosions/Remote violence / Shelling/artillery/missile attack": 1,
    }
    by_id = {e.id: e for e in read.events}
    assert (by_id["SYR1"].gainer, by_id["SYR1"].loser, by_id["SYR1"].kind) == (
        "government",
        "opposition",
        "capture",
    )
    # actor1 and actor2 carry no direction: a non-state gain goes to the non-state side.
    assert (by_id["SYR2"].gainer, by_id["SYR2"].loser) == ("opposition", "government")
    assert (by_id["SYR2"].dates.earliest, by_id["SYR2"].dates.latest) == (date(2020, 2, 24), date(2020, 3, 1))
    assert (by_id["SYR3"].kind, by_id["SYR3"].gainer, by_id["SYR3"].dates.precision) == (
        "withdrawal",
        "unknown",
        "month",
    )
    assert (by_id["SYR3"].dates.earliest, by_id["SYR3"].dates.latest) == (date(2020, 3, 1), date(2020, 3, 31))
    # A location the gazetteer has near the coordinates is that place; one it lacks keeps the row's point.
    assert by_id["SYR1"].place.id == by_id["SYR2"].place.id == "C3916"
    assert by_id["SYR3"].place.id.startswith("acled:Tall Invented@") and by_id["SYR3"].place.approximate
    assert by_id["SYR1"].sources[0].outlet == "Wire One" and by_id["SYR1"].sources[0].article_id == "SYR1"


def test_acled_and_extracted_rows_combine_in_one_timeline(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    extracted = tmp_path / "events.csv"
    runner.invoke(app, ["extract", str(seeds_dir), "--out", str(extracted)])
    with pytest.warns(UserWarning):
        combined = load_events(seeds_dir, [extracted, _acled_file(tmp_path)])
    saraqib = build_timeline(combined.events).history("C3916")
    assert {"SYR1", "SYR2"} <= {e.id for e in saraqib} and any(e.id.startswith("ev-") for e in saraqib)
    assert {s.outlet for e in saraqib for s in e.sources} >= {"Wire One", "Reuters"}
    result = runner.invoke(app, ["state", "--events", str(_acled_file(tmp_path)), "--date", "2020-02-10"])
    assert "skipped 3 ACLED rows that are not territory changes (Battles / Armed clash: 2" in result.stderr


@pytest.mark.parametrize(
    "text", ["2025-05-16", "16 May 2025", "16-05-2025", "16/05/2025", "2025-05-16T00:00:00"]
)
def test_acled_date_formats(text: str) -> None:
    assert parse_table_date(text) == date(2025, 5, 16)


def test_the_sides_table_can_be_the_users_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    table = tmp_path / "sides.csv"
    table.write_text("side,actor,inter,territory\ngovernment,Our Army,State forces,regains\n"
                     "opposition,Their Rebels,Rebel group,overtakes\n", encoding="utf-8")  # fmt: skip
    monkeypatch.setenv("FRONTLINES_ACLED_ACTORS", str(table))
    out = tmp_path / "acled.csv"
    write_acled(sample_events()[:1], out)
    row = next(csv.DictReader(out.open(encoding="utf-8")))
    assert (row["actor1"], row["actor2"], row["sub_event_type"]) == (
        "Our Army",
        "Their Rebels",
        "Government regains territory",
    )
    assert [e.gainer for e in read_events(out).events] == ["government"]
