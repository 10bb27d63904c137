"""`frontlines timeline [CORPUS] --out FILE.html`: one map with a date slider."""

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
from frontlines.pipeline import background, extract
from frontlines.render import render_timeline
from frontlines.timeline import build_timeline


def timeline(
    corpus: CorpusArg = Path("seeds"),
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write.")] = Path("timeline.html"),
    gazetteer: GazetteerOpt = None,
    tiles: TilesOpt = "OpenStreetMap",
    self_contained: SelfContainedOpt = False,
    embed: Annotated[bool, typer.Option("--embed", help="A page for an <iframe>: no margins, no banner.")] = False,
) -> None:
    """Write one HTML map with a date slider and a play button across the corpus's dates."""
    with user_errors():
        result = extract(corpus, gazetteer)
        base = background(gazetteer) if tiles == "none" else None
        render_timeline(
            build_timeline(result.events), out, tiles=tiles, self_contained=self_contained, embed=embed, background=base
        )
    console.print(f"wrote {out}")
    if report_problems(result.problems):
        raise typer.Exit(EXIT_BAD_INPUT)
