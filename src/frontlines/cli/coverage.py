"""`frontlines coverage [CORPUS]`: which place mentions the gazetteer resolves, and which it lacks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_CHECK_FAILED,
    CorpusArg,
    GazetteerOpt,
    JsonOpt,
    MaxArticleBytesOpt,
    article_progress,
    console,
    err_console,
    print_json,
    report_problems,
    user_errors,
)
from frontlines.schema import MAX_ARTICLE_BYTES

_STATUS_STYLE = {"resolved": "green", "outside": "blue", "ambiguous": "yellow", "unresolved": "red"}


def coverage(
    corpus: CorpusArg = Path("seeds"),
    gazetteer: GazetteerOpt = None,
    max_article_bytes: MaxArticleBytesOpt = MAX_ARTICLE_BYTES,
    as_json: JsonOpt = False,
    fail_under: Annotated[
        float | None, typer.Option("--fail-under", help="Exit 1 when coverage is below this percentage.")
    ] = None,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Also print each homonym that geography decided, with its distances."),
    ] = False,
) -> None:
    """Report every place-like mention of CORPUS as resolved, ambiguous, unresolved or outside.

    Unresolved names are found from the text itself ("the town of X", "in X", "X province"), with
    spelling suggestions from the gazetteer. Exits 1 below --fail-under, 2 when an input is bad.

    Example: frontlines coverage seeds --fail-under 95
    """
    from frontlines.pipeline import coverage as run_coverage
    from frontlines.pipeline import coverage_record, homonym_decisions, make_resolver

    with user_errors():
        resolver = make_resolver(gazetteer)
        with article_progress(enabled=not as_json) as tick:
            report = run_coverage(corpus, resolver, progress=tick, max_article_bytes=max_article_bytes)
    record = coverage_record(report, resolver)
    if as_json:
        print_json(record)
    else:
        _print_table(record)
    if debug:
        for line in homonym_decisions(report.mentions):
            (err_console if as_json else console).print(line, markup=False, highlight=False)
    bad = report_problems(report.problems)
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)
    if fail_under is not None and report.coverage_pct < fail_under:
        err_console.print(f"coverage {report.coverage_pct}% is below {fail_under}%")
        raise typer.Exit(EXIT_CHECK_FAILED)


def _print_table(record: dict) -> None:
    table = Table(title=f"Place mentions in {record['corpus']}", title_justify="left")
    for column in ("article", "surface", "status", "place", "match", "candidates / suggestions"):
        table.add_column(column)
    for m in record["mentions"]:
        place = f"{m['name']} ({m['place_id']})" if m["place_id"] else ""
        others = m["candidates"] or m["suggestions"]
        label = "candidates: " if m["candidates"] else "suggestions: " if m["suggestions"] else ""
        extra = label + "; ".join(f"{o['name']} ({o['id']}, {o['admin1'] or o['kind']})" for o in others[:4])
        style = _STATUS_STYLE[m["status"]]
        table.add_row(
            m["article"], m["surface"], Text(m["status"], style=style), place, m["match"] or "", extra
        )
    console.print(table)
    by_kind = Table(title="Mentions by kind of place", title_justify="left")
    for column in ("kind", *record["counts"]):
        by_kind.add_column(column, justify="left" if column == "kind" else "right")
    for kind, counts in record["counts_by_kind"].items():
        by_kind.add_row(kind, *(str(n) for n in counts.values()))
    console.print(by_kind)
    counts = ", ".join(f"{n} {status}" for status, n in record["counts"].items())
    console.print(
        f"coverage: {record['coverage_pct']}% of {len(record['mentions'])} mentions in "
        f"{record['articles']} articles ({counts})"
    )
