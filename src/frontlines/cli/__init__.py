"""The `frontlines` command line: a thin Typer layer over `frontlines.pipeline`, one module a command."""

from __future__ import annotations

import typer

from frontlines.cli.coverage import coverage
from frontlines.cli.gazetteer import gazetteer_app
from frontlines.cli.resolve import resolve

app = typer.Typer(
    name="frontlines",
    help="Turn news reports of fighting into maps of who held what, on each date.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.command()(resolve)
app.command()(coverage)
app.add_typer(gazetteer_app, name="gazetteer")


def main() -> None:
    """Console-script entry point."""
    app()
