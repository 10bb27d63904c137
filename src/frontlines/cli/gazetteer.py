"""`frontlines gazetteer ...`: build, validate and extend a gazetteer directory."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from frontlines.cli.common import EXIT_BAD_INPUT, console, err_console, report_problems, user_errors

gazetteer_app = typer.Typer(help="Build, validate and extend gazetteer directories.", no_args_is_help=True)

DirectoryArg = Annotated[
    Path | None, typer.Argument(help="A gazetteer directory (default: the one shipped with frontlines).")
]


def _directory(directory: Path | None) -> Path:
    from frontlines.gazetteer.load import default_directory

    return directory if directory is not None else Path(str(default_directory()))


@gazetteer_app.command("validate")
def validate(
    directory: DirectoryArg = None,
    notes: Annotated[
        bool, typer.Option("--notes", help="Also list notes such as names shared by places.")
    ] = False,
) -> None:
    """Check ids, kinds, coordinates (inside their governorate), names and patches; report file:line.

    Exits 2 when there is an error; notes (e.g. names shared by several places) do not fail.

    Example: frontlines gazetteer validate gazetteer
    """
    from frontlines.gazetteer.validate import validate_gazetteer

    with user_errors():
        report = validate_gazetteer(_directory(directory))
    if notes:
        for note in report.notes:
            console.print(f"note: {note}", markup=False)
    report_problems(report.errors)
    console.print(f"{len(report.errors)} errors, {len(report.notes)} notes")
    if not report.ok:
        raise typer.Exit(EXIT_BAD_INPUT)


@gazetteer_app.command("build")
def build(
    source: Annotated[Path, typer.Argument(help="The reference data directory (e.g. ../shared/data).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the generated files.")] = Path(
        "gazetteer"
    ),
) -> None:
    """Regenerate places.csv, names.csv, highways.csv and boundaries/ from OCHA, GeoNames and Open-Syria data.

    Hand-made files (patches/, outside.csv, regions.csv, SOURCES.md) are left as they are; regions.csv and
    outside.csv are read.

    Example: frontlines gazetteer build ../shared/data --out gazetteer
    """
    from frontlines.gazetteer.build import build_gazetteer

    with user_errors():
        report = build_gazetteer(source, out)
    console.print(report.summary(), markup=False)


@gazetteer_app.command("import-geonames")
def import_geonames_command(
    dump: Annotated[
        Path, typer.Argument(help="A GeoNames dump file (the official tab-separated export, e.g. SY.txt).")
    ],
    directory: Annotated[
        Path, typer.Option("--gazetteer", "-g", help="The gazetteer directory to extend.")
    ] = Path("gazetteer"),
    country: Annotated[str, typer.Option(help="Keep rows of this ISO country code.")] = "SY",
    bbox: Annotated[
        str | None, typer.Option(help="Keep rows inside MIN_LON,MIN_LAT,MAX_LON,MAX_LAT (decimal degrees).")
    ] = None,
) -> None:
    """Add the places and names of a GeoNames dump to a gazetteer, merging those it already has.

    Bad dump lines are reported with file:line; the others are still imported.

    Example: frontlines gazetteer import-geonames SY.txt --gazetteer my-gazetteer --bbox 35.5,32.3,42.4,37.4
    """
    from frontlines.gazetteer.geonames import import_geonames

    with user_errors():
        box = _parse_bbox(bbox)
        report = import_geonames(dump, directory, country=country, bbox=box)
    console.print(report.summary(), markup=False)
    if report_problems(report.errors):
        raise typer.Exit(EXIT_BAD_INPUT)


def _parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None:
        return None
    try:
        min_lon, min_lat, max_lon, max_lat = (float(v) for v in value.split(","))
    except ValueError:
        err_console.print(f"error: --bbox wants MIN_LON,MIN_LAT,MAX_LON,MAX_LAT, got {value!r}")
        raise typer.Exit(EXIT_BAD_INPUT) from None
    return min_lon, min_lat, max_lon, max_lat
