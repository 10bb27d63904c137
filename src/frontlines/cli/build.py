"""`frontlines build [CORPUS] --out DIR`: every output at once (what `make maps` runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    CorpusArg,
    EventsOpt,
    GazetteerOpt,
    InferDaysOpt,
    JobsOpt,
    MaxArticleBytesOpt,
    ScaleOpt,
    SelfContainedOpt,
    SizeOpt,
    TilesOpt,
    article_progress,
    console,
    report_problems,
    report_skipped,
    user_errors,
)
from frontlines.schema import MAX_ARTICLE_BYTES
from frontlines.timeline import INFER_DAYS


def build(
    corpus: CorpusArg = Path("seeds"),
    out: Annotated[Path, typer.Option("--out", "-o", help="The output directory.")] = Path("maps"),
    events: EventsOpt = None,
    gazetteer: GazetteerOpt = None,
    max_article_bytes: MaxArticleBytesOpt = MAX_ARTICLE_BYTES,
    jobs: JobsOpt = 0,
    tiles: TilesOpt = "OpenStreetMap",
    self_contained: SelfContainedOpt = True,
    infer_days: InferDaysOpt = INFER_DAYS,
    png: Annotated[
        bool, typer.Option("--png", help="Also print each snapshot to YYYY-MM-DD.png (headless Chromium).")
    ] = False,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Also print each snapshot to YYYY-MM-DD.pdf (headless Chromium).")
    ] = False,
    size: SizeOpt = "1600x1000",
    scale: ScaleOpt = 1.0,
) -> None:
    """Extract once; write events.csv, events.geojson, a snapshot for each date control changed and the
    day before, timeline.html and index.html into --out; with --png/--pdf, each snapshot as a figure too.

    Example: frontlines build seeds --out maps
    """
    from frontlines.pipeline import build as run_build
    from frontlines.render.figure import check_printing, parse_size
    from frontlines.render.page import check_tiles

    figures = tuple(fmt for fmt, wanted in (("png", png), ("pdf", pdf)) if wanted)
    with user_errors():
        tiles = check_tiles(tiles)
        figure_size = parse_size(size)
        if figures:
            check_printing()  # before the extraction, not after it
    with user_errors(), article_progress() as tick:
        result = run_build(
            corpus, out, gazetteer, jobs=jobs, tiles=tiles, self_contained=self_contained, infer_days=infer_days,
            progress=tick, events_files=events, figures=figures, figure_size=figure_size, figure_scale=scale,
            max_article_bytes=max_article_bytes,
        )  # fmt: skip
    extraction = result.extraction
    report_skipped(extraction.skipped)
    console.print(
        f"{extraction.articles} articles, {len(extraction.events)} events; wrote {len(result.files)} files to {out}/ "
        f"(open {out / 'index.html'})"
    )
    if report_problems(extraction.problems):
        raise typer.Exit(EXIT_BAD_INPUT)
