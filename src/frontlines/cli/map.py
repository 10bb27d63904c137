"""`frontlines map [CORPUS] --date D --out FILE.html`: one static map of control on one date."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer

from frontlines.cli.common import (
    EXIT_BAD_INPUT,
    CorpusArg,
    DateOpt,
    EmbedOpt,
    EventsOpt,
    GazetteerOpt,
    InferDaysOpt,
    MaxArticleBytesOpt,
    ScaleOpt,
    SelfContainedOpt,
    SizeOpt,
    TilesOpt,
    choose_format,
    err_console,
    output_file,
    report_problems,
    report_skipped,
    say,
    user_errors,
)
from frontlines.schema import MAX_ARTICLE_BYTES
from frontlines.timeline import INFER_DAYS


def map_command(
    corpus: CorpusArg = Path("seeds"),
    on: DateOpt = ...,  # type: ignore[assignment]  # typer's ... marks the option required
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The file to write (.html, .png or .pdf); - for stdout.")
    ] = Path("map.html"),
    events: EventsOpt = None,
    gazetteer: GazetteerOpt = None,
    max_article_bytes: MaxArticleBytesOpt = MAX_ARTICLE_BYTES,
    tiles: TilesOpt = "OpenStreetMap",
    self_contained: SelfContainedOpt = True,
    embed: EmbedOpt = False,
    zones: Annotated[
        bool, typer.Option("--zones", help="Add approximate control zones (a layer, off at first).")
    ] = False,
    infer_days: InferDaysOpt = INFER_DAYS,
    output_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="html, png or pdf (default: --out's extension, else html); png and pdf "
            "are printed by headless Chromium (pip install 'frontlines[print]').",
        ),
    ] = None,
    size: SizeOpt = "1600x1000",
    scale: ScaleOpt = 1.0,
) -> None:
    """Write a Folium map of control on --date: markers by controller, recent changes, sources in popups.

    Example: frontlines map seeds --date 2020-02-27 --out saraqeb.html
    """
    from frontlines.dates import parse_iso
    from frontlines.pipeline import load_events, map_inputs, state_warning
    from frontlines.render import render_snapshot
    from frontlines.render.figure import FIGURE_FORMATS, check_printing, parse_size, printer
    from frontlines.render.page import check_tiles

    with user_errors():
        day = parse_iso(on)
        tiles = check_tiles(tiles)
        fmt = choose_format(output_format, out, ("html", *FIGURE_FORMATS), "html")
        if fmt in FIGURE_FORMATS:
            figure_size = parse_size(size)
            check_printing()  # before the extraction, not after it
        result = load_events(corpus, events, gazetteer, max_article_bytes=max_article_bytes)
        report_skipped(result.skipped)
        inputs = map_inputs(result.events, gazetteer, infer_days=infer_days)
        warning = state_warning(inputs.timeline, day)
        with (
            output_file(out, f".{fmt}") as path,
            tempfile.TemporaryDirectory(prefix="frontlines-") as scratch,
        ):
            page = path if fmt == "html" else Path(scratch) / "map.html"
            render_snapshot(
                inputs.timeline, day, page, tiles=tiles, self_contained=self_contained, embed=embed, zones=zones,
                background=inputs.background, cities=inputs.cities, note=warning,
            )  # fmt: skip
            if fmt != "html":
                with printer(figure_size, scale) as browser:
                    browser.print(page, path, fmt)
    if warning:
        err_console.print(f"warning: {warning}", markup=False)
    say(f"wrote {out}", out)
    if report_problems(result.problems):
        raise typer.Exit(EXIT_BAD_INPUT)
