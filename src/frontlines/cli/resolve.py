"""`frontlines resolve NAME...`: which places a name may mean."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from frontlines.cli.common import EXIT_CHECK_FAILED, GazetteerOpt, JsonOpt, console, print_json, user_errors


def resolve(
    names: Annotated[list[str], typer.Argument(help="Place names, in any spelling (Latin or Arabic).")],
    gazetteer: GazetteerOpt = None,
    as_json: JsonOpt = False,
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

    Example: frontlines resolve Saraqib "Maarat al-Numan" --json
    """
    from frontlines.pipeline import make_resolver, resolve_record

    with user_errors():
        resolver = make_resolver(gazetteer)
        records = [resolve_record(name, resolver, online) for name in names]
    if as_json:
        print_json(records)
    else:
        for record in records:
            _print_record(record)
    if any(not r["candidates"] for r in records):
        raise typer.Exit(EXIT_CHECK_FAILED)


def _print_record(record: dict) -> None:
    rows = record["candidates"] or record["suggestions"]
    title = f"{record['query']}" + ("" if record["candidates"] else "  (no match; suggestions, not matches)")
    table = Table(title=title, title_justify="left")
    for column in ("id", "name", "kind", "lat", "lon", "admin1", "match"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            *(
                "" if row[c] is None else str(row[c])
                for c in ("id", "name", "kind", "lat", "lon", "admin1", "match")
            )
        )
    if not rows:
        table.caption = "no candidate and no suggestion"
    console.print(table)
