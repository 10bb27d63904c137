"""`frontlines state [CORPUS] --date D`: who held what on one date."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    STDIO,
    CorpusArg,
    DateOpt,
    EventsOpt,
    GazetteerOpt,
    InferDaysOpt,
    MaxArticleBytesOpt,
    choose_format,
    console,
    err_console,
    output_file,
    report_problems,
    report_skipped,
    say,
    user_errors,
    write_output,
)
from frontlines.models import ControlState
from frontlines.schema import MAX_ARTICLE_BYTES
from frontlines.timeline import INFER_DAYS

FORMATS = ("table", "csv", "json", "geojson", "gpkg")
COLUMNS = ("place_id", "place", "lat", "lon", "controller", "since", "certainty", "last_event_id")


def state(
    corpus: CorpusArg = Path("seeds"),
    on: DateOpt = ...,  # type: ignore[assignment]  # typer's ... marks the option required
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, json, geojson or gpkg (default: --out's extension, else table).",
        ),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write; - for stdout.")] = Path(STDIO),
    events: EventsOpt = None,
    gazetteer: GazetteerOpt = None,
    max_article_bytes: MaxArticleBytesOpt = MAX_ARTICLE_BYTES,
    infer_days: InferDaysOpt = INFER_DAYS,
) -> None:
    """Print, for every place with a known state on --date: controller, since when, and certainty.

    Certainty is reported (a report says so), inferred (held by the loser of its first change, at
    most --infer-days before it), changing (inside a change's date range), contested (reports
    disagree, or a road is cut) or claimed (by a report that hedges it). Highways are listed by segment. ``since`` is a range
    (``2020-02-13/2020-02-27``) when the change's date is vague.

    Example: frontlines state seeds --date 2020-02-27 --format csv
    """
    from frontlines.dates import parse_iso
    from frontlines.events.export import csv_safe
    from frontlines.pipeline import load_events, map_inputs, state_warning
    from frontlines.timeline import states_frame

    with user_errors():
        day = parse_iso(on)
        fmt = choose_format(output_format, out, FORMATS, "table")
        result = load_events(corpus, events, gazetteer, max_article_bytes=max_article_bytes)
        timeline = map_inputs(result.events, gazetteer, infer_days=infer_days).timeline
    states = timeline.state_on(day)
    frame = states_frame(states)
    frame["since"] = [_since(s) for s in sorted(states, key=lambda s: s.place.id)]
    rows = [{c: _plain(r[c]) for c in COLUMNS} for _, r in frame.iterrows()]
    warning = state_warning(timeline, day)
    if warning:
        err_console.print(f"warning: {warning}", markup=False)
    report_skipped(result.skipped)
    with user_errors():
        if fmt == "gpkg":
            with output_file(out, ".gpkg") as path:
                frame.to_file(path, driver="GPKG", layer="states", engine="pyogrio")
        elif fmt == "geojson":
            write_output(frame.to_json(drop_id=True, ensure_ascii=False) + "\n", out)
        elif fmt == "json":
            write_output(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", out)
        elif fmt == "csv":
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(
                {k: csv_safe(v) if isinstance(v, str) else v for k, v in r.items()} for r in rows
            )
            write_output(buffer.getvalue(), out)
        else:
            table = Table(title=f"Control on {day.isoformat()}", title_justify="left")
            for column in COLUMNS:
                table.add_column(column)
            for row in rows:
                table.add_row(*("" if row[c] is None else str(row[c]) for c in COLUMNS))
            if out == Path(STDIO):
                console.print(table)
            else:
                write_output(_table_text(table), out)
    if fmt != "table":
        say(f"wrote {out}", out)
    if report_problems(result.problems):
        raise typer.Exit(EXIT_BAD_INPUT)


def _since(state: ControlState) -> str | None:
    """``since`` as ISO text: one day, or ``first/last`` (``..`` for an open end) when it is a range."""
    if state.since_latest is None:
        return state.since.isoformat() if state.since else None
    return f"{state.since.isoformat() if state.since else '..'}/{state.since_latest.isoformat()}"


def _plain(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.isoformat() if hasattr(value, "isoformat") else value


def _table_text(table: Table) -> str:
    capture = Console(width=160, record=True, file=io.StringIO(), markup=False)
    capture.print(table)
    return capture.export_text()
