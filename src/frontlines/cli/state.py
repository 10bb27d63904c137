"""`frontlines state [CORPUS] --date D`: who held what on one date."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.table import Table

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    CorpusArg,
    GazetteerOpt,
    InferDaysOpt,
    console,
    err_console,
    report_problems,
    user_errors,
)
from frontlines.dates import parse_iso
from frontlines.models import ControlState
from frontlines.pipeline import extract, map_inputs, state_warning
from frontlines.timeline import INFER_DAYS, states_frame

COLUMNS = ("place_id", "place", "lat", "lon", "controller", "since", "certainty", "last_event_id")


def state(
    corpus: CorpusArg = Path("seeds"),
    on: Annotated[str, typer.Option("--date", "-d", help="The date, YYYY-MM-DD.")] = ...,  # type: ignore[assignment]
    output_format: Annotated[
        Literal["table", "csv", "geojson", "json"], typer.Option("--format", "-f", help="Output format.")
    ] = "table",
    gazetteer: GazetteerOpt = None,
    infer_days: InferDaysOpt = INFER_DAYS,
) -> None:
    """Print, for every place with a known state on --date: controller, since when, and certainty.

    Certainty is reported (a report says so), inferred (held by the loser of its first change, at
    most --infer-days before it), changing (inside a change's date range) or contested (reports
    disagree, or a road is cut). Highways are listed by segment. ``since`` is a range
    (``2020-02-13/2020-02-27``) when the change's date is vague.
    """
    with user_errors():
        day = parse_iso(on)
        result = extract(corpus, gazetteer)
        timeline = map_inputs(result.events, gazetteer, infer_days=infer_days).timeline
    states = timeline.state_on(day)
    frame = states_frame(states)
    frame["since"] = [_since(s) for s in sorted(states, key=lambda s: s.place.id)]
    rows = [{c: _plain(r[c]) for c in COLUMNS} for _, r in frame.iterrows()]
    warning = state_warning(timeline, day)
    if warning:
        err_console.print(f"warning: {warning}", markup=False)
    if output_format == "geojson":
        console.out(frame.to_json(drop_id=True, ensure_ascii=False), highlight=False)
    elif output_format == "json":
        console.out(json.dumps(rows, ensure_ascii=False, indent=2), highlight=False)
    elif output_format == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        console.out(buffer.getvalue(), end="", highlight=False)
    else:
        table = Table(title=f"Control on {day.isoformat()}", title_justify="left")
        for column in COLUMNS:
            table.add_column(column)
        for row in rows:
            table.add_row(*("" if row[c] is None else str(row[c]) for c in COLUMNS))
        console.print(table)
    if report_problems(result.problems):
        raise typer.Exit(EXIT_BAD_INPUT)


def _since(state: ControlState) -> str | None:
    """``since`` as ISO text: one day, or ``first/last`` (``..`` for an open end) when it is a range."""
    if state.since_latest is None:
        return state.since.isoformat() if state.since else None
    return f"{state.since.isoformat() if state.since else '..'}/{state.since_latest.isoformat()}"


def _plain(value: object) -> object:
    if value is None or value != value:  # None or NaN
        return None
    return value.isoformat() if hasattr(value, "isoformat") else value
