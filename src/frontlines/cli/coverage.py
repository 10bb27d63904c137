"""`frontlines coverage [CORPUS]`: which place mentions the gazetteer resolves, and which it lacks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_CHECK_FAILED,
    STDIO,
    CorpusArg,
    GazetteerOpt,
    JsonAliasOpt,
    MaxArticleBytesOpt,
    OutOpt,
    article_progress,
    choose_format,
    csv_text,
    err_console,
    format_or_json,
    report_problems,
    say,
    table_console,
    user_errors,
    write_output,
)
from frontlines.schema import MAX_ARTICLE_BYTES

FORMATS = ("table", "csv", "json", "geojson")
#: The CSV's columns: a mention's JSON fields, with candidates and suggestions as ``;``-separated place ids.
COLUMNS = (
    "article", "surface", "start", "end", "sentence", "status", "place_id", "name", "kind", "lat", "lon",
    "match", "candidates", "suggestions",
)  # fmt: skip
_STATUS_STYLE = {"resolved": "green", "outside": "blue", "ambiguous": "yellow", "unresolved": "red"}


def coverage(
    corpus: CorpusArg = Path("seeds"),
    gazetteer: GazetteerOpt = None,
    max_article_bytes: MaxArticleBytesOpt = MAX_ARTICLE_BYTES,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, csv (a row per mention), json, or geojson (the mentions with a place, as points);"
            " default: --out's extension, else table.",
        ),
    ] = None,
    out: OutOpt = Path(STDIO),
    as_json: JsonAliasOpt = False,
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

    Example: frontlines coverage seeds --fail-under 95 --format csv --out mentions.csv
    """
    from frontlines.pipeline import coverage as run_coverage
    from frontlines.pipeline import coverage_record, homonym_decisions, make_resolver

    with user_errors():
        fmt = choose_format(format_or_json(output_format, as_json), out, FORMATS, "table")
        resolver = make_resolver(gazetteer)
        with article_progress(enabled=fmt == "table") as tick:
            report = run_coverage(corpus, resolver, progress=tick, max_article_bytes=max_article_bytes)
    record = coverage_record(report, resolver)
    mentions = cast("list[dict[str, Any]]", record["mentions"])
    debug_lines = homonym_decisions(report.mentions) if debug else []
    with user_errors():
        if fmt == "json":
            write_output(json.dumps(record, ensure_ascii=False, indent=2) + "\n", out)
        elif fmt == "geojson":
            write_output(json.dumps(_feature_collection(mentions), ensure_ascii=False) + "\n", out)
        elif fmt == "csv":
            write_output(csv_text(COLUMNS, (_csv_row(m) for m in mentions)), out)
        else:
            with table_console(out) as target:
                _print_table(record, target)
                for line in debug_lines:
                    target.print(line, markup=False, highlight=False)
    if fmt != "table":
        for line in debug_lines:
            err_console.print(line, markup=False, highlight=False)
    say(f"wrote {out}", out)
    bad = report_problems(report.problems)
    if bad:
        raise typer.Exit(EXIT_BAD_INPUT)
    if fail_under is not None and report.coverage_pct < fail_under:
        err_console.print(f"coverage {report.coverage_pct}% is below {fail_under}%")
        raise typer.Exit(EXIT_CHECK_FAILED)


def _ids(places: list[dict[str, Any]]) -> str:
    return ";".join(str(p["id"]) for p in places)


def _csv_row(mention: dict[str, Any]) -> dict[str, Any]:
    """A mention's JSON record as a CSV row: its candidates and suggestions become their place ids."""
    return mention | {"candidates": _ids(mention["candidates"]), "suggestions": _ids(mention["suggestions"])}


def _feature_collection(mentions: list[dict[str, Any]]) -> dict[str, object]:
    """The mentions that have a place (resolved or outside) as GeoJSON points, with their JSON fields."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [m["lon"], m["lat"]]},
            "properties": {k: v for k, v in m.items() if k not in ("lat", "lon")},
        }
        for m in mentions
        if m["lat"] is not None and m["lon"] is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def _print_table(record: dict[str, Any], console: Console) -> None:
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
