"""`frontlines extract [CORPUS]`: control-change events and observations, merged across reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    CorpusArg,
    GazetteerOpt,
    JobsOpt,
    article_progress,
    console,
    report_problems,
    user_errors,
)
from frontlines.events import write_events
from frontlines.events.export import output_format
from frontlines.pipeline import extract as run_extract


def extract(
    corpus: CorpusArg = Path("seeds"),
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Output file: .csv (default), .geojson or .gpkg by extension.")
    ] = Path("events.csv"),
    gazetteer: GazetteerOpt = None,
    jobs: JobsOpt = 1,
    engine: Annotated[
        str, typer.Option(help='"local" (processes on this machine) or "dask" (a Dask cluster).')
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a local cluster."),
    ] = None,
) -> None:
    """Extract control changes (place, gainer, loser, dates, sources, evidence) and observations.

    Reports of one change become one event with every source; contradictory dates are kept and
    flagged. Prints a summary table; exits 2 when an input could not be read (the others still count).
    """
    with user_errors():
        output_format(out)  # fail before a long extraction, not after it
    with user_errors(), article_progress() as tick:
        result = run_extract(corpus, gazetteer, jobs=jobs, engine=engine, scheduler=scheduler, progress=tick)
        write_events(result.events, out)
    table = Table(title=f"{len(result.events)} events from {result.articles} articles → {out}", title_justify="left")
    for column in ("date", "precision", "place", "change", "kind", "sources", "flags"):
        table.add_column(column)
    for e in result.events:
        change = e.gainer if e.kind == "observation" else f"{e.loser or '?'} → {e.gainer}"
        when = e.dates.best.isoformat() if e.dates.best else "unknown"
        table.add_row(when, e.dates.precision, e.place.name, change, e.kind, str(len(e.article_ids)), ", ".join(e.flags))
    console.print(table)
    if report_problems(result.problems):
        raise typer.Exit(EXIT_BAD_INPUT)
