"""The fault suite: each test states, in its docstring, the promise of README "What frontlines promises"
that it checks. Faults are real (a killed process, a file-size limit, a held lock), never timing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.atomic import atomic_open, lock_directory, write_text
from frontlines.cli import app
from frontlines.errors import OutputError
from frontlines.events import write_events
from frontlines.models import DateRange, Event, EventSource, Place

# -- outputs --------------------------------------------------------------------------------------


def _events(n: int) -> list[Event]:
    place = Place(id="C1", name="Testville", kind="populated_place", lat=35.0, lon=36.0)
    day = date(2020, 1, 1)
    return [
        Event(id=f"e{i:03d}", place=place, gainer="government", loser="opposition", kind="capture",
              dates=DateRange(day, day, day, "day"), sources=(EventSource(f"a{i}", "outlet", f"text {i}"),))
        for i in range(n)
    ]  # fmt: skip


_KILLED_WRITER = textwrap.dedent(
    """
    import sys
    from datetime import date
    import frontlines.events.export as export
    sys.path.insert(0, sys.argv[2])
    from test_faults import _events

    real = export.event_record
    calls = []

    def record(event):
        calls.append(event)
        if len(calls) == 50:  # half-way: tell the test, then wait to be killed
            print("half-way", flush=True)
            sys.stdin.readline()
        return real(event)

    export.event_record = record
    export.write_events(_events(100), sys.argv[1])
    """
)


@pytest.mark.parametrize("name", ["events.csv", "events.geojson"])
def test_a_writer_killed_half_way_leaves_the_previous_file_intact(tmp_path: Path, name: str) -> None:
    """Promise: an output is replaced atomically; a writer killed at any moment leaves the old bytes."""
    target = tmp_path / name
    write_events(_events(3), target)
    before = target.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-c", _KILLED_WRITER, str(target), str(Path(__file__).parent)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "half-way"
    process.kill()
    process.wait()
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == [name]


def test_a_failed_write_leaves_the_previous_file_and_no_temporary(tmp_path: Path) -> None:
    """Promise: a write that fails part-way leaves the previous file as it was and no litter."""
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("new, half")
        raise RuntimeError("boom")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_symlinked_output_keeps_its_link(tmp_path: Path) -> None:
    """Promise: writing through a symlink replaces the file it points to, not the link."""
    real = tmp_path / "real.txt"
    real.write_text("old", encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(real)
    write_text(tmp_path / "link.txt", "new")
    assert (tmp_path / "link.txt").is_symlink() and real.read_text(encoding="utf-8") == "new"


_FULL_DISK = textwrap.dedent(
    """
    import resource, signal, sys
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails with EFBIG instead
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
    from frontlines.cli import main
    sys.argv = ["frontlines", *sys.argv[1:]]
    main()
    """
)


def test_a_full_disk_ends_in_one_line_and_keeps_the_previous_output(tmp_path: Path, seeds_dir: Path) -> None:
    """Promise: a disk that fills up during a write gives one error line, a non-zero exit, and the
    previous output intact (the limit on file size stands in for a full disk)."""
    target = tmp_path / "events.csv"
    target.write_text("previous\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _FULL_DISK, "extract", str(seeds_dir), "--out", str(target)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert [line for line in done.stderr.splitlines() if line.strip()] == [
        f"error: {target}: cannot write events: File too large"
    ]
    assert target.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_a_read_only_place_ends_in_one_line(runner: CliRunner, seeds_dir: Path, tmp_path: Path) -> None:
    """Promise: an output that cannot be created (a read-only filesystem, a file where a directory should
    be) gives one error line and exit 2, and the file in the way is untouched."""
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("keep", encoding="utf-8")
    for out in ("/proc/frontlines-test.csv", str(blocker / "events.csv")):
        result = runner.invoke(app, ["extract", str(seeds_dir), "--out", out])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and "cannot write events" in result.output
    assert blocker.read_text(encoding="utf-8") == "keep"


def test_build_into_a_locked_directory_fails_at_once(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    """Promise: a second build into an --out that another build holds fails at once with one line."""
    out = tmp_path / "maps"
    with lock_directory(out):
        result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(out), "--tiles", "none"])
    assert result.exit_code == 2
    assert "another frontlines run is writing to this directory" in result.output
    assert list(out.iterdir()) == []


_HOLD_LOCK = """
import sys
from frontlines.atomic import lock_directory
with lock_directory(sys.argv[1]):
    print("locked", flush=True)
    sys.stdin.readline()
"""


def test_a_concurrent_build_process_is_refused(tmp_path: Path) -> None:
    """Promise: the lock on --out holds across processes, not only within one."""
    out = tmp_path / "maps"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_LOCK, str(out)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(OutputError, match="another frontlines run"), lock_directory(out):
            pass
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait()
    with lock_directory(out):  # released when the holder ends
        pass


def test_a_rebuild_removes_stale_pages_and_keeps_other_files(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    """Promise: build swaps in a complete new directory: pages of an earlier build that this one does not
    write are gone (two corpora are never mixed), files that build never writes are kept."""
    out = tmp_path / "maps"
    out.mkdir()
    (out / "1999-01-01.html").write_text("stale snapshot", encoding="utf-8")
    (out / "README.md").write_text("mine", encoding="utf-8")
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(out), "--tiles", "none"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in out.iterdir()}
    assert "1999-01-01.html" not in names and "index.html" in names
    assert (out / "README.md").read_text(encoding="utf-8") == "mine"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_build_out_on_an_existing_file_is_one_line(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path
) -> None:
    """Promise: build --out naming an existing file ends in one line, exit 2, and the file untouched."""
    out = tmp_path / "maps"
    out.write_text("a file", encoding="utf-8")
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(out)])
    assert result.exit_code == 2
    assert "exists and is not a directory" in result.output and "Traceback" not in result.output
    assert out.read_text(encoding="utf-8") == "a file"


def test_a_failed_build_leaves_the_previous_build(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Promise: a build that fails while writing leaves the previous build's directory exactly as it was."""
    out = tmp_path / "maps"
    assert runner.invoke(app, ["build", str(seeds_dir), "--out", str(out), "--tiles", "none"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def fail(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("frontlines.render.render_timeline", fail)  # pipeline imports it when it builds
    result = runner.invoke(app, ["build", str(seeds_dir), "--out", str(out), "--tiles", "none"])
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_special_files_are_written_in_place(tmp_path: Path) -> None:
    """Promise: an output that is a device or pipe (``-o /dev/stdout``) is written to, never replaced."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    write_text(fifo, "through the pipe\n")
    out, _ = reader.communicate()
    assert out == b"through the pipe\n"
    assert fifo.is_fifo()


# -- gazetteer ------------------------------------------------------------------------------------


def test_every_bad_gazetteer_row_is_reported_and_none_after_it_lost(small_gazetteer: Path) -> None:
    """Promise: the gazetteer reader never stops part-way: each bad row is reported with file:line and
    the rows after it are still read."""
    from frontlines.gazetteer import load_gazetteer

    lines = (small_gazetteer / "places.csv").read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 2)[0]  # T1 loses two columns
    lines[5] = lines[5] + ",extra"  # T4 gains one
    (small_gazetteer / "places.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    gazetteer = load_gazetteer(small_gazetteer)
    assert sorted((Path(p.path).name, p.line) for p in gazetteer.problems) == [
        ("names.csv", 2),
        ("places.csv", 3),
        ("places.csv", 6),  # names.csv:2 names the lost T1
    ]
    assert {"T2", "T3", "T5", "T11"} <= set(gazetteer.places) and "T1" not in gazetteer.places


@pytest.mark.parametrize("command", ["extract", "state", "map", "timeline", "coverage", "resolve"])
def test_every_command_stops_on_a_bad_gazetteer_with_file_and_line(
    runner: CliRunner, seeds_dir: Path, small_gazetteer: Path, tmp_path: Path, command: str
) -> None:
    """Promise: every command that loads a gazetteer checks it first; errors stop the run, each with
    file:line, before any output is written."""
    places = small_gazetteer / "places.csv"
    lines = places.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rsplit(",", 2)[0]
    lines.append(lines[3])  # T2 twice: a duplicate id
    places.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = {
        "extract": ["extract", str(seeds_dir), "--out", str(tmp_path / "e.csv")],
        "state": ["state", str(seeds_dir), "--date", "2020-02-27"],
        "map": ["map", str(seeds_dir), "--date", "2020-02-27", "--out", str(tmp_path / "m.html")],
        "timeline": ["timeline", str(seeds_dir), "--out", str(tmp_path / "t.html")],
        "coverage": ["coverage", str(seeds_dir)],
        "resolve": ["resolve", "Saraqib"],
    }[command]
    result = runner.invoke(app, [*args, "--gazetteer", str(small_gazetteer)])
    assert result.exit_code == 2, result.output
    assert f"{places}:3: 11 fields where the header has 13" in result.output
    assert f"{places}:14: duplicate id T2" in result.output
    assert "Traceback" not in result.output
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".csv", ".html")]


@pytest.mark.parametrize("command", ["extract", "coverage"])
def test_an_empty_gazetteer_is_an_error(
    runner: CliRunner, seeds_dir: Path, tmp_path: Path, command: str
) -> None:
    """Promise: an empty gazetteer directory, or one whose places.csv has no rows, is an error (in
    coverage too), never 0 events or a coverage figure."""
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, [command, str(seeds_dir), "--gazetteer", str(empty)])
    assert result.exit_code == 2 and f"{empty / 'places.csv'}: file missing" in result.output
    headers_only = tmp_path / "headers"
    headers_only.mkdir()
    (headers_only / "places.csv").write_text(
        "id,kind,name,name_ar,lat,lon,admin1,admin2,admin3,admin1_pcode,population,source_ids,approximate\n",
        encoding="utf-8",
    )
    (headers_only / "names.csv").write_text("place_id,name,lang,source\n", encoding="utf-8")
    result = runner.invoke(app, [command, str(seeds_dir), "--gazetteer", str(headers_only)])
    assert result.exit_code == 2 and "no places: the gazetteer is empty" in result.output
    assert "coverage:" not in result.output


def test_a_gazetteer_without_names_csv_is_an_error(
    runner: CliRunner, seeds_dir: Path, small_gazetteer: Path
) -> None:
    """Promise: a gazetteer that lacks a required file is an error naming the file."""
    (small_gazetteer / "names.csv").unlink()
    result = runner.invoke(app, ["coverage", str(seeds_dir), "--gazetteer", str(small_gazetteer)])
    assert result.exit_code == 2 and f"{small_gazetteer / 'names.csv'}: file missing" in result.output


# -- dates ----------------------------------------------------------------------------------------

_ARTICLE = "Rebels captured Saraqeb on Thursday, residents said.\n"


@pytest.mark.parametrize(
    "dateline", ["Published: 0001-01-05", "Published: 9999-12-31", "Published: 1899-12-31"]
)
def test_an_impossible_publication_year_skips_that_article_only(
    runner: CliRunner, tmp_path: Path, dateline: str
) -> None:
    """Promise: a publication year outside 1900..next year is an error on that article (file:line),
    which is skipped; the rest of the corpus goes on, and nothing crashes."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.txt").write_text(f"Headline of the bad one\n{dateline}\n\n{_ARTICLE}", encoding="utf-8")
    (corpus / "good.txt").write_text(
        f"Headline of the good one\nPublished: 2020-02-28\n\n{_ARTICLE}", encoding="utf-8"
    )
    for command in (["extract", "--out", str(tmp_path / "e.csv")], ["build", "--out", str(tmp_path / "maps"),
                                                                     "--tiles", "none"]):  # fmt: skip
        result = runner.invoke(app, [command[0], str(corpus), *command[1:]])
        assert result.exit_code == 2, result.output
        assert (
            f"{corpus / 'bad.txt'}:2: publication date" in result.output
            and "outside the years" in result.output
        )
        assert "Traceback" not in result.output
    assert "Saraqib" in (tmp_path / "e.csv").read_text(encoding="utf-8")  # the good article still counts


def test_an_impossible_manifest_year_is_reported_with_its_line(runner: CliRunner, tmp_path: Path) -> None:
    """Promise: a manifest ``published`` outside 1900..next year is an error naming manifest.csv and its
    line; the run goes on."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(f"A headline for the test\n\n{_ARTICLE}", encoding="utf-8")
    (corpus / "manifest.csv").write_text(
        "file,outlet,headline,published,url\na.txt,X,,0001-01-01,\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["state", str(corpus), "--date", "2020-01-01"])
    assert (
        result.exit_code == 2 and f"{corpus / 'manifest.csv'}:2: publication date 0001-01-01" in result.output
    )
    assert "Traceback" not in result.output


def test_a_publication_date_after_today_is_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    """Promise: a publication date after today is accepted with one warning, not silently."""
    from frontlines.dates import MAX_YEAR

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        f"A headline for the test\nPublished: {MAX_YEAR}-12-30\n\n{_ARTICLE}", encoding="utf-8"
    )
    result = runner.invoke(app, ["extract", str(corpus), "--out", str(tmp_path / "e.csv")])
    assert result.exit_code == 0, result.output
    assert (
        result.output.count(f"warning: {corpus / 'a.txt'}:2: published {MAX_YEAR}-12-30 is after today") == 1
    )


def test_date_arithmetic_at_the_ends_of_the_calendar_never_raises() -> None:
    """Promise: date arithmetic never raises out of dates.py (OverflowError included); what cannot be
    dated inside 1900..next year is left undated."""
    from frontlines.dates import resolve_expressions, resolve_relative
    from frontlines.models import Relative

    texts = ["three weeks ago", "on Thursday", "99999999999 days ago", "9999999 years ago", "last month",
             "two months later", "less than 999999999 hours after", "on 5 March 2099", "in winter 9999",
             "in late December", "last year", "on February 29", "in 1516"]  # fmt: skip
    for published in (date.min, date.max, date(1, 1, 5), date(9999, 12, 31), date(2020, 2, 27), None):
        for text in texts:
            for span in resolve_expressions(text, published):
                assert all(1900 <= d.year for d in (span.dates.earliest, span.dates.best) if d is not None)
    assert resolve_relative(Relative("ago", 99999999999, "day"), date(2020, 1, 1)).best is None
    assert resolve_relative(Relative("ago", 5, "year"), date(1, 6, 1)).best is None


def test_undated_reports_of_one_place_give_a_valid_timeline(runner: CliRunner, tmp_path: Path) -> None:
    """Promise: undated reports of one place give a valid timeline: state, map, timeline and build work."""
    from frontlines.timeline import build_timeline

    place = Place(id="C1", name="Testville", kind="populated_place", lat=35.0, lon=36.0)
    undated = DateRange(None, None, None, "unknown")
    events = [
        Event(id=f"e{i}", place=place, gainer=gainer, loser=loser, kind="capture", dates=undated,
              sources=(EventSource(f"a{i}", "outlet", "text"),))
        for i, (gainer, loser) in enumerate([("government", "opposition"), ("opposition", "government")])
    ]  # fmt: skip
    timeline = build_timeline(events)
    assert [s.certainty for s in timeline.spans("C1")] == ["changing"]
    assert timeline.state_on(date(2020, 1, 1))[0].controller == "opposition"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a", "b"):  # no dateline, no manifest: both undated
        (corpus / f"{name}.txt").write_text(f"A headline for article {name}\n\n{_ARTICLE}", encoding="utf-8")
    for args in (["state", "--date", "2020-01-01", "--format", "geojson"],
                 ["map", "--date", "2020-01-01", "--out", str(tmp_path / "m.html"), "--tiles", "none"],
                 ["build", "--out", str(tmp_path / "maps"), "--tiles", "none"]):  # fmt: skip
        result = runner.invoke(app, [args[0], str(corpus), *args[1:]])
        assert result.exit_code == 0, (args, result.output)
    # a slider needs at least one dated change: one line, not a traceback
    result = runner.invoke(
        app, ["timeline", str(corpus), "--out", str(tmp_path / "t.html"), "--tiles", "none"]
    )
    assert result.exit_code == 2 and result.output.startswith(
        "error: the timeline has no dated control change"
    )


# -- safe text out --------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcell", "\rcell", "'quoted",
                                  "''", "-3.5", "+7", "plain", ""])  # fmt: skip
def test_csv_cells_are_escaped_and_restored_exactly(text: str) -> None:
    """Promise: a CSV cell starting with =, +, -, @, tab or CR is written with a leading apostrophe (OWASP)
    and read back exactly; numbers stay numbers."""
    from frontlines.events.export import csv_safe, csv_unsafe

    safe = csv_safe(text)
    assert csv_unsafe(safe) == text
    assert safe[:1] not in ("=", "+", "-", "@", "\t", "\r") or safe in ("-3.5", "+7")


def test_a_formula_in_an_article_cannot_run_from_events_csv(tmp_path: Path) -> None:
    """Promise: events.csv never holds a cell a spreadsheet would run, and reading it back gives the text."""
    from frontlines.events.files import read_events

    place = Place(id="C1", name="=cmd|'/C calc'!A0", kind="populated_place", lat=35.0, lon=36.0)
    day = DateRange(date(2020, 1, 1), date(2020, 1, 1), date(2020, 1, 1), "day")
    event = Event(id="e1", place=place, gainer="government", loser="opposition", kind="capture", dates=day,
                  sources=(EventSource("a1", "@outlet", "-rebels withdrew"),))  # fmt: skip
    target = tmp_path / "events.csv"
    write_events([event], target)
    cells = [cell for line in target.read_text(encoding="utf-8").splitlines()[1:] for cell in line.split(",")]
    assert not any(cell.lstrip('"')[:1] in ("=", "+", "@") for cell in cells)
    back = read_events(target).events[0]
    assert back.place.name == place.name
    assert back.sources[0].outlet == "@outlet" and back.sources[0].evidence == "-rebels withdrew"


def test_a_path_with_brackets_is_printed_as_it_is(runner: CliRunner, tmp_path: Path) -> None:
    """Promise: messages carrying user paths or text are printed with markup off: a "[" in a path
    neither crashes nor disappears."""
    corpus = tmp_path / "[red]x[bold] [link=y"
    corpus.mkdir()
    (corpus / "a.txt").write_bytes(b"\x00\x01 binary")
    result = runner.invoke(app, ["extract", str(corpus), "--out", str(tmp_path / "e.csv")])
    assert result.exit_code == 2, result.output
    assert f"error: {corpus / 'a.txt'}: not a text file" in result.output
    missing = tmp_path / "[bold]gone[/bold]"
    result = runner.invoke(app, ["state", str(missing), "--date", "2020-01-01"])
    assert result.exit_code == 2 and result.output == f"error: {missing}: no such file or directory\n"


_MAIN = "import sys; from frontlines.cli import main; sys.argv = ['frontlines', *sys.argv[1:]]; main()"


def test_a_full_stdout_ends_in_one_line(seeds_dir: Path) -> None:
    """Promise: writing to a full device (stdout on /dev/full) ends in one line and a non-zero exit."""
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-c", _MAIN, "state", str(seeds_dir), "--date", "2020-02-27",
                               "--format", "csv"], stdout=full, stderr=subprocess.PIPE, text=True, check=False)  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["error: cannot write: No space left on device"]


def test_a_broken_pipe_ends_in_one_line(seeds_dir: Path) -> None:
    """Promise: a reader that goes away (a broken pipe) ends the run with one line and a non-zero exit."""
    process = subprocess.Popen([sys.executable, "-c", _MAIN, "coverage", str(seeds_dir), "--json"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before it writes: every write of the run meets a closed pipe
    assert process.wait() != 0
    assert process.stderr.read().strip().splitlines() == [
        "error: cannot write: the output was closed early (broken pipe)"
    ]


# -- corpus and bounded work ----------------------------------------------------------------------


def test_an_article_above_the_size_limit_is_reported_and_skipped(runner: CliRunner, tmp_path: Path) -> None:
    """Promise: an article larger than --max-article-bytes (2 MB by default) is reported with its size
    and skipped; the others are read."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "big.txt").write_text("A headline for the big one\n\n" + "Saraqeb " * 300_000, encoding="utf-8")
    (corpus / "small.txt").write_text(
        f"A headline for the small one\nPublished: 2020-02-28\n\n{_ARTICLE}", encoding="utf-8"
    )
    result = runner.invoke(app, ["extract", str(corpus), "--out", str(tmp_path / "e.csv")])
    assert result.exit_code == 2
    assert f"error: {corpus / 'big.txt'}: 2,400,028 bytes, above the limit of 2,000,000" in result.output
    assert "Saraqib" in (tmp_path / "e.csv").read_text(encoding="utf-8")
    result = runner.invoke(app, ["coverage", str(corpus), "--max-article-bytes", "100", "--json"])
    assert (
        result.exit_code == 2
        and f"{corpus / 'small.txt'}: 105 bytes, above the limit of 100" in result.output
    )


def _seconds_to_extract(corpus: Path, text: str) -> float:
    import time

    from frontlines.pipeline import extract

    (corpus / "a.txt").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = extract(corpus, max_article_bytes=10_000_000)
    assert result.articles == 1 and not result.problems
    return time.perf_counter() - started


def test_an_8_mb_article_takes_time_linear_in_its_length(tmp_path: Path) -> None:
    """Promise: time per article grows linearly with its length. An 8 MB article of one name repeated (a
    mention every 8 bytes: about 4 minutes before) takes at most 8 times as long as 1 MB, with room for
    noise but far from the 64 times of quadratic work; so do many sentences (the events stages)."""
    from frontlines.pipeline import extract

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    extract(corpus)  # lexicons and gazetteer loaded before anything is timed
    head = "A headline for a long one\nPublished: 2020-02-27\n\n"
    small = _seconds_to_extract(corpus, head + "Saraqeb " * 125_000)
    large = _seconds_to_extract(corpus, head + "Saraqeb " * 1_000_000)
    assert large < 8 * small * 2.5, (small, large)
    sentence = "Government forces captured Saraqeb on Thursday after heavy fighting, residents said. "
    small = _seconds_to_extract(corpus, head + sentence * 1_200)
    large = _seconds_to_extract(corpus, head + sentence * 9_600)
    assert large < 8 * small * 2.5, (small, large)


def test_the_shipped_gazetteer_passes_the_checks_every_run_skips() -> None:
    """Promise: the shipped gazetteer passes the validator's fast checks; runs without --gazetteer skip
    them (they cost 0.15 s), so this test is where they run."""
    from frontlines.gazetteer import default_directory
    from frontlines.gazetteer.validate import validate_gazetteer

    report = validate_gazetteer(Path(str(default_directory())), fast=True)
    assert report.ok, [str(e) for e in report.errors[:5]]
