"""`frontlines compare REFERENCE.csv [CORPUS]`: frontlines' states against a reference timeline."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_CHECK_FAILED,
    STDIO,
    CorpusArg,
    EventsOpt,
    GazetteerOpt,
    InferDaysOpt,
    choose_format,
    console,
    err_console,
    report_problems,
    report_skipped,
    say,
    user_errors,
    write_output,
)
from frontlines.timeline import INFER_DAYS

if TYPE_CHECKING:
    from frontlines.compare import ComparisonReport

FORMATS = ("table", "csv", "json")


def compare_command(
    reference: Annotated[
        Path, typer.Argument(help="A CSV of place,date,controller[,source] rows you trust.")
    ],
    corpus: CorpusArg = Path("seeds"),
    events: EventsOpt = None,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", help="table, csv or json (default: --out's extension, else table)."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The file to write; - for stdout.")] = Path(STDIO),
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", help="Exit 1 when the agreement is below this percentage.")
    ] = None,
    gazetteer: GazetteerOpt = None,
    infer_days: InferDaysOpt = INFER_DAYS,
) -> None:
    """For each reference row: does frontlines' state of the place on that date agree, disagree, or is
    there no state? Prints the agreement overall and per side.

    The agreement is counted over the rows frontlines has a state for; the coverage is the share of
    rows it has one for. A changing or contested state agrees when its controller is the reference's.

    Example: frontlines compare reference.csv seeds --fail-under 80
    """
    from frontlines.compare import COMPARISON_COLUMNS, compare, comparison_record, read_reference, row_record
    from frontlines.pipeline import load_events, make_resolver, map_inputs

    with user_errors():
        fmt = choose_format(output_format, out, FORMATS, "table")
        rows, problems = read_reference(reference)
        result = load_events(corpus, events, gazetteer)
        inputs = map_inputs(result.events, gazetteer, infer_days=infer_days)
        report = compare(rows, inputs.timeline, make_resolver(gazetteer), str(reference))
    report_skipped(result.skipped)
    report.problems[:0] = problems
    with user_errors():
        if fmt == "json":
            write_output(json.dumps(comparison_record(report), ensure_ascii=False, indent=2) + "\n", out)
        elif fmt == "csv":
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, COMPARISON_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(row_record(c) for c in report.rows)
            write_output(buffer.getvalue(), out)
        else:
            _print_table(report)
    if fmt != "table":
        say(f"wrote {out}", out)
    summary = (f"agreement {_pct(report.agreement_pct)} of {len(report.rows) - report.counts['no state']} rows with a "
               f"state; coverage {_pct(report.coverage_pct)} of {len(report.rows)} rows")  # fmt: skip
    (console if fmt == "table" else err_console).print(summary, markup=False)
    bad = report_problems([*result.problems, *report.problems])
    if fail_under is not None and (report.agreement_pct or 0.0) < fail_under:
        err_console.print(
            f"agreement {_pct(report.agreement_pct)} is below --fail-under {fail_under:g}%", markup=False
        )
        raise typer.Exit(EXIT_CHECK_FAILED)
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def _print_table(report: ComparisonReport) -> None:
    table = Table(title=f"{report.reference}: {len(report.rows)} rows", title_justify="left")
    for column in ("date", "place", "reference", "frontlines", "certainty", "outcome", "note"):
        table.add_column(column)
    for c in report.rows:
        table.add_row(c.row.on.isoformat(), c.place_name or c.row.place, c.side, c.controller, c.certainty,
                      c.outcome, c.note)  # fmt: skip
    console.print(table)
    sides = Table(title="By side", title_justify="left")
    for column in ("side", "rows", "agree", "disagree", "no state", "agreement"):
        sides.add_column(column)
    for side, figures in report.by_side().items():
        sides.add_row(side, *(str(figures[k]) for k in ("rows", "agree", "disagree", "no state")),
                      _pct(figures["agreement_pct"]))  # type: ignore[arg-type]  # by_side: a float or None  # fmt: skip
    console.print(sides)
