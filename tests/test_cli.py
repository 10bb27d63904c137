"""The CLI: every command has help; resolve and coverage behave on real and bad input."""

import importlib
import json
from pathlib import Path

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from frontlines.cli import app


def _commands(group, prefix: tuple[str, ...] = ()):
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,), command
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + (name,))


@pytest.mark.parametrize(
    ("path", "command"),
    list(_commands(get_command(app))),
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else "",
)
def test_every_command_has_help(path: tuple[str, ...], command, runner: CliRunner) -> None:
    assert (command.help or "").strip(), f"{' '.join(path)} has no help text"
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_resolve_json_finds_unseen_spellings(runner: CliRunner, small_gazetteer: Path) -> None:
    result = runner.invoke(app, ["resolve", "Saraqib", "al-Nairab", "--json", "-g", str(small_gazetteer)])
    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [r["query"] for r in records] == ["Saraqib", "al-Nairab"]
    assert records[0]["candidates"][0]["id"] == "T1"
    assert set(records[0]["candidates"][0]) >= {"id", "name", "kind", "lat", "lon", "admin1", "match"}
    assert {c["id"] for c in records[1]["candidates"]} == {"T2", "T7"}


def test_resolve_unknown_name_gives_labelled_suggestions_and_exit_1(
    runner: CliRunner, small_gazetteer: Path
) -> None:
    result = runner.invoke(app, ["resolve", "Nayrib", "-g", str(small_gazetteer)])
    assert result.exit_code == 1
    assert "suggestions" in result.output and "Nayrab" in result.output


def test_bad_gazetteer_directory_is_one_line_and_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["resolve", "Saraqib", "-g", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "not a gazetteer directory" in result.output
    assert "Traceback" not in result.output


def test_coverage_json_and_fail_under(runner: CliRunner, small_gazetteer: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Rebels seize Saraqeb\n\nRebels seized Saraqeb and the village of Kafr Zita on Thursday.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["coverage", str(corpus), "--json", "-g", str(small_gazetteer)])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    assert doc["corpus"] == str(corpus)
    statuses = {(m["surface"], m["status"]) for m in doc["mentions"]}
    assert ("Saraqeb", "resolved") in statuses and ("Kafr Zita", "unresolved") in statuses
    assert 0 < doc["coverage_pct"] < 100
    failing = runner.invoke(app, ["coverage", str(corpus), "--fail-under", "99", "-g", str(small_gazetteer)])
    assert failing.exit_code == 1
    assert "coverage" in failing.output


def test_coverage_reports_a_bad_article_and_still_covers_the_others(
    runner: CliRunner, small_gazetteer: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Shelling hit Saraqeb on Monday.\n", encoding="utf-8")
    (corpus / "b.txt").write_bytes(b"\x00\x01\x02binary\x00")
    (corpus / "c.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["coverage", str(corpus), "--json", "-g", str(small_gazetteer)])
    assert result.exit_code == 2
    doc = json.loads(result.stdout)
    assert [m["surface"] for m in doc["mentions"]] == ["Saraqeb"]
    assert any("b.txt" in p for p in doc["problems"]) and any("c.txt" in p for p in doc["problems"])


def test_legacy_encoding_is_one_warning_line_and_still_read(
    runner: CliRunner, small_gazetteer: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(
        "Rebels took the town of Saraqeb, caf\u00e9 owners said.\n".encode("cp1252")
    )
    result = runner.invoke(app, ["coverage", str(corpus), "--json", "-g", str(small_gazetteer)])
    assert result.exit_code == 0
    assert f"warning: {corpus / 'a.txt'}: not UTF-8, decoded as cp1252" in result.stderr
    assert [m["surface"] for m in json.loads(result.stdout)["mentions"]] == ["Saraqeb"]


def test_extract_summary_shows_the_first_events_and_counts_the_rest(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importlib.import_module("frontlines.cli.extract"), "SUMMARY_ROWS", 3)
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["extract", str(seeds_dir), "--out", str(out)])
    assert result.exit_code == 0, result.output
    events = len(out.read_text(encoding="utf-8").splitlines()) - 1
    assert events > 3
    assert f"{events} events from 5 articles" in result.output
    assert f"… and {events - 3} more in {out}" in result.output
    assert sum(line.startswith("│ 20") for line in result.output.splitlines()) == 3
