"""`frontlines extract [CORPUS]`: control-change events and observations, merged across reports."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    CorpusArg,
    GazetteerOpt,
    JobsOpt,
    MaxArticleBytesOpt,
    article_progress,
    choose_format,
    console,
    err_console,
    output_file,
    report_problems,
    to_stdout,
    user_errors,
)
from frontlines.schema import MAX_ARTICLE_BYTES

FORMATS = ("csv", "geojson", "gpkg", "acled")
#: Events the summary table shows; the file holds them all. Rich lays out every row it is given:
#: 11,787 rows took 13 s, twice the extraction of the 2,000 articles that gave them.
SUMMARY_ROWS = 30


def extract(
    corpus: CorpusArg = Path("seeds"),
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Output file: .csv (default), .geojson or .gpkg by extension; - for stdout."
        ),
    ] = Path("events.csv"),
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="csv, geojson, gpkg or acled (ACLED's columns, CSV); default: --out's extension.",
        ),
    ] = None,
    gazetteer: GazetteerOpt = None,
    max_article_bytes: MaxArticleBytesOpt = MAX_ARTICLE_BYTES,
    jobs: JobsOpt = 0,
    engine: Annotated[
        str, typer.Option(help='"local" (processes on this machine) or "dask" (a Dask cluster).')
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a local cluster."
        ),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Also print to stderr, for each trigger in a sentence naming a place, why it did or did not"
            " become an event: places and roles, homonym distances, sides and dates with their sources.",
        ),
    ] = False,
) -> None:
    """Extract control changes (place, gainer, loser, dates, sources, evidence) and observations.

    Reports of one change become one event with every source; contradictory dates are kept and
    flagged. Prints a summary table; exits 2 when an input could not be read (the others still count).

    Example: frontlines extract seeds --out events.geojson

    Example: frontlines extract seeds --debug --out - 2> why.txt
    """
    from frontlines.events.acled import write_acled
    from frontlines.events.export import output_format as export_format
    from frontlines.events.export import write_events
    from frontlines.pipeline import extract as run_extract

    with user_errors():  # fail before a long extraction, not after it
        if output_format is None and not to_stdout(out):
            export_format(out)
        fmt = choose_format(output_format, out, FORMATS, "csv")
    with user_errors(), article_progress() as tick:
        result = run_extract(
            corpus,
            gazetteer,
            jobs=jobs,
            engine=engine,
            scheduler=scheduler,
            progress=tick,
            max_article_bytes=max_article_bytes,
        )
        gc.freeze()  # the events live until exit: the collections that writing sets off need not walk them
        with output_file(out, ".csv" if fmt == "acled" else f".{fmt}") as path:
            if fmt == "acled":
                left_out = write_acled(result.events, path)
            else:
                write_events(result.events, path)
    if fmt == "acled" and left_out:
        err_console.print(
            f"{left_out} events with no date or no point are not in the ACLED file", markup=False
        )
    table = Table(
        title=f"{len(result.events)} events from {result.articles} articles → {out}", title_justify="left"
    )
    for column in ("date", "precision", "place", "change", "kind", "sources", "flags"):
        table.add_column(column)
    for e in result.events[:SUMMARY_ROWS]:
        change = e.gainer if e.kind == "observation" else f"{e.loser or '?'} → {e.gainer}"
        when = e.dates.best.isoformat() if e.dates.best else "unknown"
        table.add_row(
            when, e.dates.precision, e.place.name, change, e.kind, str(len(e.article_ids)), ", ".join(e.flags)
        )
    if len(result.events) > SUMMARY_ROWS:
        table.caption = f"… and {len(result.events) - SUMMARY_ROWS:,} more in {out}"
        table.caption_justify = "left"
    (err_console if to_stdout(out) else console).print(table)
    if debug:
        from frontlines.pipeline import explain_extraction, make_resolver

        with user_errors():
            lines = explain_extraction(corpus, make_resolver(gazetteer), max_article_bytes)
        for line in lines:
            err_console.print(line, markup=False, highlight=False)
    if report_problems(result.problems):
        raise typer.Exit(EXIT_BAD_INPUT)
