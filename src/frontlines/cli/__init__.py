"""The `frontlines` command line: a thin Typer layer over `frontlines.pipeline`, one module a command."""

from __future__ import annotations

import os
import sys

import typer

from frontlines.cli.build import build
from frontlines.cli.common import EXIT_BAD_INPUT, show_warnings_on_one_line
from frontlines.cli.compare import compare_command
from frontlines.cli.coverage import coverage
from frontlines.cli.extract import extract
from frontlines.cli.gazetteer import gazetteer_app
from frontlines.cli.map import map_command
from frontlines.cli.resolve import resolve
from frontlines.cli.state import state
from frontlines.cli.timeline import timeline

app = typer.Typer(
    name="frontlines",
    help="Turn news reports of fighting into maps of who held what, on each date.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _setup() -> None:
    """Turn news reports of fighting into maps of who held what, on each date."""
    show_warnings_on_one_line()


app.command()(resolve)
app.command()(coverage)
app.command()(extract)
app.command()(state)
app.command("map")(map_command)
app.command()(timeline)
app.command()(build)
app.command("compare")(compare_command)
app.add_typer(gazetteer_app, name="gazetteer")


def main() -> None:
    """Console-script entry point: an output that fails (a closed pipe, a full device) ends in one line."""
    stdout = sys.stdout
    try:
        try:
            app()
        finally:
            if sys.stdout is stdout:
                sys.stdout.flush()  # a full device fails here, not in an "Exception ignored" at exit
    except SystemExit:
        if sys.stdout is not stdout:  # Click swapped in a quiet stdout after a broken pipe
            sys.stderr.write("error: cannot write: the output was closed early (broken pipe)\n")
        raise
    except OSError as exc:
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())  # nothing left to flush at exit
        sys.stderr.write(f"error: cannot write: {exc.strerror or exc}\n")
        sys.exit(EXIT_BAD_INPUT)
