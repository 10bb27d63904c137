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
    SelfContainedOpt,
    TilesOpt,
    article_progress,
    console,
    report_problems,
    report_skipped,
    user_errors,
)
from frontlines.timeline import INFER_DAYS


def build(
    corpus: CorpusArg = Path("seeds"),
    out: Annotated[Path, typer.Option("--out", "-o", help="The output directory.")] = Path("maps"),
    events: EventsOpt = None,
    gazetteer: GazetteerOpt = None,
    jobs: JobsOpt = 1,
    tiles: TilesOpt = "OpenStreetMap",
    self_contained: SelfContainedOpt = True,
    infer_days: InferDaysOpt = INFER_DAYS,
) -> None:
    """Extract once; write events.csv, events.geojson, a snapshot for each date control changed and the
    day before, timeline.html and index.html into --out.

    Example: frontlines build seeds --out maps
    """
    from frontlines.pipeline import build as run_build
    from frontlines.render.page import check_tiles
    with user_errors():
        tiles = check_tiles(tiles)
    with user_errors(), article_progress() as tick:
        result = run_build(
            corpus, out, gazetteer, jobs=jobs, tiles=tiles, self_contained=self_contained, infer_days=infer_days,
            progress=tick, events_files=events,
        )  # fmt: skip
    extraction = result.extraction
    report_skipped(extraction.skipped)
    console.print(
        f"{extraction.articles} articles, {len(extraction.events)} events; wrote {len(result.files)} files to {out}/ "
        f"(open {out / 'index.html'})"
    )
    if report_problems(extraction.problems):
        raise typer.Exit(EXIT_BAD_INPUT)
