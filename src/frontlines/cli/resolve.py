"""`frontlines resolve NAME...`: which places a name may mean."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from frontlines.cli.common import (
    EXIT_CHECK_FAILED,
    STDIO,
    GazetteerOpt,
    JsonAliasOpt,
    OutOpt,
    choose_format,
    csv_text,
    format_or_json,
    say,
    table_console,
    user_errors,
    write_output,
)

FORMATS = ("table", "csv", "json")
_FIELDS = ("id", "name", "kind", "lat", "lon", "admin1", "match")
#: The CSV's columns: the query, whether the row is a candidate or a suggestion (``none`` when the query has
#: neither), and the candidate's JSON fields.
COLUMNS = ("query", "result", *_FIELDS)


def resolve(
    names: Annotated[list[str], typer.Argument(help="Place names, in any spelling (Latin or Arabic).")],
    gazetteer: GazetteerOpt = None,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="table, csv (a row per candidate) or json; default: --out's extension, else table.",
        ),
    ] = None,
    out: OutOpt = Path(STDIO),
    as_json: JsonAliasOpt = False,
    online: Annotated[
        bool,
        typer.Option(
            "--online", help="Look up names the gazetteer lacks on OpenStreetMap's Nominatim (network)."
        ),
    ] = False,
) -> None:
    """Show the candidate places for each NAME, best first, with how each matched.

    Names the gazetteer does not know get fuzzy suggestions, labelled as such; with --online they
    are also looked up on OpenStreetMap's Nominatim (the only network use of frontlines), labelled
    "geocoded". Exits 1 when some name has no candidate.

    Example: frontlines resolve Saraqib "Maarat al-Numan" --format csv --out -
    """
    from frontlines.pipeline import make_resolver, resolve_record

    with user_errors():
        fmt = choose_format(format_or_json(output_format, as_json), out, FORMATS, "table")
        resolver = make_resolver(gazetteer)
        records = [resolve_record(name, resolver, online) for name in names]
    with user_errors():
        if fmt == "json":
            write_output(json.dumps(records, ensure_ascii=False, indent=2) + "\n", out)
        elif fmt == "csv":
            write_output(csv_text(COLUMNS, (row for r in records for row in _csv_rows(r))), out)
        else:
            with table_console(out) as target:
                for record in records:
                    _print_record(record, target)
    say(f"wrote {out}", out)
    if any(not r["candidates"] for r in records):
        raise typer.Exit(EXIT_CHECK_FAILED)


def _csv_rows(record: dict[str, Any]) -> list[dict[str, Any]]:
    """A query's candidates (else its suggestions) as CSV rows, best first; one ``none`` row when it has neither."""
    result, rows = (
        ("candidate", record["candidates"]) if record["candidates"] else ("suggestion", record["suggestions"])
    )
    if not rows:
        return [{"query": record["query"], "result": "none"}]
    return [{"query": record["query"], "result": result} | {f: row.get(f) for f in _FIELDS} for row in rows]


def _print_record(record: dict[str, Any], console: Console) -> None:
    rows = record["candidates"] or record["suggestions"]
    title = f"{record['query']}" + ("" if record["candidates"] else "  (no match; suggestions, not matches)")
    table = Table(title=title, title_justify="left")
    for column in _FIELDS:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if row[c] is None else str(row[c]) for c in _FIELDS))
    if not rows:
        table.caption = "no candidate and no suggestion"
    console.print(table)
