"""What every command shares: options, consoles, and turning errors into one line and an exit code."""

from __future__ import annotations

import csv
import io
import shutil
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from frontlines.atomic import atomic_path, write_bytes, write_text
from frontlines.errors import FrontlinesError, FrontlinesWarning

#: Exit codes: 1 = a check failed (e.g. --fail-under), 2 = bad input or usage.
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2

# Off a terminal (pipes, files, tests) tables get a fixed width rather than Rich's 80 columns.
_WIDTH = None if sys.stdout.isatty() else 160
# Markup off: paths, names and article text are printed as they are ("[" in a path is not a style).
console = Console(highlight=False, soft_wrap=True, width=_WIDTH, markup=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True, markup=False)

CorpusArg = Annotated[
    Path,
    typer.Argument(
        help="A directory of articles (.txt, .html or .md; with an optional manifest.csv) or one article file."
    ),
]
GazetteerOpt = Annotated[
    Path | None,
    typer.Option("--gazetteer", "-g", help="A gazetteer directory to use instead of the shipped one."),
]
#: --json where a command also has --format: short for --format json.
JsonAliasOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
MaxArticleBytesOpt = Annotated[
    int,
    typer.Option(
        "--max-article-bytes", min=1, help="Skip (and report) articles larger than this many bytes."
    ),
]
JobsOpt = Annotated[
    int,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help="Worker processes for extraction; 0: one per core, for a corpus large enough to repay them"
        " (results are identical).",
    ),
]
TilesOpt = Annotated[
    str,
    typer.Option(
        help='Web tiles: OpenStreetMap, "CartoDB positron", "CartoDB voyager", "CartoDB dark_matter", or "none"'
        " for the offline background of the admin boundaries alone (always drawn under the tiles)."
    ),
]
SelfContainedOpt = Annotated[
    bool,
    typer.Option(
        "--self-contained/--cdn",
        help="Inline Leaflet and the page's assets so the file works with no network (the default), or load"
        " Leaflet from a CDN for a smaller file.",
    ),
]
InferDaysOpt = Annotated[
    int,
    typer.Option(
        "--infer-days", min=0,
        help="How many days before its first reported change a place is drawn as held by the loser (inferred).",
    ),
]  # fmt: skip
EventsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--events", "-e",
        help="Read events from this file instead of extracting the corpus: extract's CSV, GeoJSON or GeoPackage "
        "(hand-edited or not) or an ACLED export; - reads CSV or GeoJSON from stdin. Repeat to combine files.",
    ),
]  # fmt: skip
SizeOpt = Annotated[
    str, typer.Option("--size", help="A PNG or PDF figure's size in CSS pixels, WIDTHxHEIGHT.")
]
ScaleOpt = Annotated[
    float, typer.Option("--scale", help="Device pixels per CSS pixel of a PNG figure (2 for print).")
]
#: A required --date (typer needs ``= ...`` as the default when it follows a defaulted parameter).
DateOpt = Annotated[str, typer.Option("--date", "-d", help="The date, YYYY-MM-DD.")]
EmbedOpt = Annotated[
    bool, typer.Option("--embed", help="A page for an <iframe>: its own small title, no margins.")
]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="The file to write; - for stdout.")]
#: The path that means stdout (or stdin for --events).
STDIO = "-"


def to_stdout(out: Path | str) -> bool:
    """True when an --out value means stdout."""
    return str(out) == STDIO


def choose_format(given: str | None, out: Path | str, choices: tuple[str, ...], default: str) -> str:
    """--format when given, else the --out file's extension when it is one of ``choices``, else ``default``."""
    if given is not None:
        if given not in choices:
            raise FrontlinesError(f"unknown --format {given!r}; use one of {', '.join(choices)}")
        return given
    suffix = Path(str(out)).suffix.lower().lstrip(".")
    return suffix if not to_stdout(out) and suffix in choices else default


def format_or_json(given: str | None, as_json: bool) -> str | None:
    """--format, with --json standing for ``json``; the two must not disagree."""
    if as_json and given not in (None, "json"):
        raise FrontlinesError(f"--json and --format {given} disagree; give one of them")
    return "json" if as_json else given


def write_output(data: str | bytes, out: Path | str) -> None:
    """Write text or bytes to the --out file, or to stdout for ``-``."""
    if to_stdout(out):
        if isinstance(data, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(data)
        return
    try:
        Path(out).parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            write_bytes(out, data)
        else:
            write_text(out, data)
    except OSError as exc:
        raise FrontlinesError(f"cannot write: {exc.strerror or exc}", path=str(out)) from None


@contextmanager
def output_file(out: Path | str, suffix: str) -> Iterator[Path]:
    """A path named ``*suffix`` for a writer that needs a file; what it writes replaces --out atomically when
    the block ends (or goes to stdout for ``-``), and goes nowhere if the block fails. When --out has that
    suffix already it is yielded as is: the writers write atomically themselves."""
    if not to_stdout(out) and Path(out).suffix.lower() == suffix:
        yield Path(out)
        return
    with tempfile.TemporaryDirectory(prefix="frontlines-") as scratch:
        path = Path(scratch) / f"out{suffix}"
        yield path
        if to_stdout(out):
            write_output(path.read_bytes(), STDIO)
            return
        try:
            Path(out).parent.mkdir(parents=True, exist_ok=True)
            with atomic_path(out) as final:
                shutil.move(path, final)
        except OSError as exc:
            raise FrontlinesError(f"cannot write: {exc.strerror or exc}", path=str(out)) from None


def csv_text(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """CSV text with a header row; text cells escaped by ``csv_safe`` so a spreadsheet never runs them."""
    from frontlines.events.export import csv_safe

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_safe(v) if isinstance(v, str) else v for k, v in row.items()} for row in rows)
    return buffer.getvalue()


@contextmanager
def table_console(out: Path | str) -> Iterator[Console]:
    """The console to print tables on: stdout's for ``-``, else one whose plain text goes to the --out file."""
    if to_stdout(out):
        yield console
        return
    buffer = io.StringIO()
    yield Console(file=buffer, width=160, highlight=False, soft_wrap=True, markup=False)
    write_output(buffer.getvalue(), out)


def say(message: str, out: Path | str) -> None:
    """A status line on stdout, left out when stdout carries the output itself."""
    if not to_stdout(out):
        console.print(message, markup=False)


def report_skipped(skipped: dict[str, int]) -> None:
    """One stderr line for the rows of an ACLED file that are not territory changes."""
    if skipped:
        counts = ", ".join(f"{kind}: {n}" for kind, n in sorted(skipped.items()))
        err_console.print(f"skipped {sum(skipped.values())} ACLED rows that are not territory changes ({counts})",
                          markup=False)  # fmt: skip


def show_warnings_on_one_line() -> None:
    """Print frontlines' own warnings (e.g. a legacy encoding) as one ``warning:`` line each."""
    default = warnings.showwarning

    def show(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: TextIO | None = None,
        line: str | None = None,
    ) -> None:
        if issubclass(category, FrontlinesWarning):
            err_console.print(f"warning: {message}", markup=False)
        else:
            default(message, category, filename, lineno, file, line)

    warnings.showwarning = show


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a FrontlinesError into one line on stderr and exit code 2, never a traceback."""
    try:
        yield
    except FrontlinesError as exc:
        for problem in getattr(exc, "errors", ()):
            err_console.print(f"error: {problem}", markup=False)
        err_console.print(f"error: {exc}", markup=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None


def report_problems(problems: Iterable[FrontlinesError]) -> int:
    """Print each problem on one line on stderr; return how many there were."""
    count = 0
    for problem in problems:
        err_console.print(f"error: {problem}", markup=False)
        count += 1
    return count


@contextmanager
def article_progress(enabled: bool = True) -> Iterator[Callable[[], None]]:
    """A progress bar with articles/s on stderr (only on a terminal); yields a tick function."""
    columns = (
        TextColumn("{task.completed} articles"),
        BarColumn(),
        TextColumn("{task.speed} /s"),
        TimeElapsedColumn(),
    )
    with Progress(
        *columns, console=err_console, transient=True, disable=not enabled or not err_console.is_terminal
    ) as bar:
        task = bar.add_task("extract", total=None)
        yield lambda: bar.advance(task)
