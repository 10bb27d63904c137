"""`frontlines map [CORPUS] --date D --out FILE.html`: one static map of control on one date."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    CorpusArg,
    GazetteerOpt,
    SelfContainedOpt,
    TilesOpt,
    console,
    report_problems,
    user_errors,
)
from frontlines.dates import parse_iso
from frontlines.pipeline import background, extract
from frontlines.render import render_snapshot
from frontlines.timeline import build_timeline


def map_command(
    corpus: CorpusArg = Path("seeds"),
    on: Annotated[str, typer.Option("--date", "-d", help="The date, YYYY-MM-DD.")] = ...,  # type: ignore[assignment]
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("map.html"),
    gazetteer: GazetteerOpt = None,
    tiles: TilesOpt = "OpenStreetMap",
    self_contained: SelfContainedOpt = False,
    embed: Annotated[bool, typer.Option("--embed", help="A page for an <iframe>: no margins, no banner.")] = False,
    zones: Annotated[bool, typer.Option("--zones", help="Add approximate control zones (a layer, off at first).")] = False,
) -> None:
    """Write a Folium map of control on --date: markers by controller, recent changes, sources in popups."""
    with user_errors():
        day = parse_iso(on)
        result = extract(corpus, gazetteer)
        base = background(gazetteer) if tiles == "none" or zones else None
        render_snapshot(
            build_timeline(result.events), day, out, tiles=tiles, self_contained=self_contained, embed=embed,
            zones=zones, background=base,
        )  # fmt: skip
    console.print(f"wrote {out}")
    if report_problems(result.problems):
        raise typer.Exit(EXIT_BAD_INPUT)
