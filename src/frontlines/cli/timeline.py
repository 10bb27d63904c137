"""`frontlines timeline [CORPUS] --out FILE.html`: one map with a date slider."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    CorpusArg,
    EmbedOpt,
    EventsOpt,
    GazetteerOpt,
    InferDaysOpt,
    MaxArticleBytesOpt,
    SelfContainedOpt,
    TilesOpt,
    output_file,
    report_problems,
    report_skipped,
    say,
    user_errors,
)
from frontlines.schema import MAX_ARTICLE_BYTES
from frontlines.timeline import INFER_DAYS


def timeline(
    corpus: CorpusArg = Path("seeds"),
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write; - for stdout.")] = Path(
        "timeline.html"
    ),
    events: EventsOpt = None,
    gazetteer: GazetteerOpt = None,
    max_article_bytes: MaxArticleBytesOpt = MAX_ARTICLE_BYTES,
    tiles: TilesOpt = "OpenStreetMap",
    self_contained: SelfContainedOpt = True,
    embed: EmbedOpt = False,
    infer_days: InferDaysOpt = INFER_DAYS,
) -> None:
    """Write one HTML map with a date slider and a play button across the corpus's dates.

    Example: frontlines timeline seeds --out timeline.html
    """
    from frontlines.pipeline import load_events, map_inputs
    from frontlines.render import render_timeline
    from frontlines.render.page import check_tiles

    with user_errors():
        tiles = check_tiles(tiles)
        result = load_events(corpus, events, gazetteer, max_article_bytes=max_article_bytes)
        report_skipped(result.skipped)
        inputs = map_inputs(result.events, gazetteer, infer_days=infer_days)
        with output_file(out, ".html") as path:
            render_timeline(
                inputs.timeline, path, tiles=tiles, self_contained=self_contained, embed=embed,
                background=inputs.background, cities=inputs.cities,
            )  # fmt: skip
    say(f"wrote {out}", out)
    if report_problems(result.problems):
        raise typer.Exit(EXIT_BAD_INPUT)
