"""What every command shares: options, consoles, and turning errors into one line and an exit code."""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from frontlines.errors import FrontlinesError, FrontlinesWarning

#: Exit codes: 1 = a check failed (e.g. --fail-under), 2 = bad input or usage.
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2

# Off a terminal (pipes, files, tests) tables get a fixed width rather than Rich's 80 columns.
_WIDTH = None if sys.stdout.isatty() else 160
console = Console(highlight=False, soft_wrap=True, width=_WIDTH)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

CorpusArg = Annotated[
    Path,
    typer.Argument(help="A directory of .txt articles (with an optional manifest.csv) or one .txt file."),
]
GazetteerOpt = Annotated[
    Path | None,
    typer.Option("--gazetteer", "-g", help="A gazetteer directory to use instead of the shipped one."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
JobsOpt = Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction (results are identical).")]
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


def show_warnings_on_one_line() -> None:
    """Print frontlines' own warnings (e.g. a legacy encoding) as one ``warning:`` line each."""
    default = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):
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


def print_json(document: object) -> None:
    """Print a JSON document on stdout, stable key order, UTF-8."""
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")

@contextmanager
def article_progress(enabled: bool = True) -> Iterator[Callable[[], None]]:
    """A progress bar with articles/s on stderr (only on a terminal); yields a tick function."""
    columns = (TextColumn("{task.completed} articles"), BarColumn(), TextColumn("{task.speed} /s"), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True, disable=not enabled or not err_console.is_terminal) as bar:
        task = bar.add_task("extract", total=None)
        yield lambda: bar.advance(task)
