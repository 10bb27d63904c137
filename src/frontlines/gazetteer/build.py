"""Build the gazetteer (places, names, highways, boundaries) from the shared source data.

Run as ``python -m frontlines.gazetteer.build SRC OUT``. The sources and the merge rule are described
in ``gazetteer/SOURCES.md``; the output format in ``gazetteer/FORMAT.md``.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import shapely

from frontlines.atomic import atomic_open
from frontlines.errors import GazetteerError
from frontlines.gazetteer import features
from frontlines.gazetteer.boundaries import simplified_boundaries, write_geojson
from frontlines.gazetteer.normalise import name_key
from frontlines.gazetteer.regions import build_regions
from frontlines.gazetteer.rows import AdminLookup, MatchIndex, NameTable, PlaceRow, read_csv, read_features
from frontlines.gazetteer.sources import (
    OCHA_COMMUNITIES,
    admin_units,
    attach_reference_places,
    geonames_cities,
    highway_rows,
    merge_geonames_place,
    ocha_communities,
)
from frontlines.schema import HIGHWAY_COLUMNS, NAME_COLUMNS, PLACE_COLUMNS

#: Neighbourhood and region polygons (``boundaries/areas.geojson``), property ``id`` the place's id.
AREAS = "boundaries/areas.geojson"


@dataclass(frozen=True, slots=True)
class BuildReport:
    """What a build wrote and what it could not match."""

    places_by_kind: dict[str, int]
    names: int
    geonames_matched: int
    geonames_added: int
    reference_matches: dict[str, str]
    reference_unmatched: tuple[str, ...]
    file_sizes: dict[str, int]
    features: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """A few lines for the terminal."""
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.places_by_kind.items()))
        lines = [
            f"places: {sum(self.places_by_kind.values())} ({kinds})",
            f"names: {self.names}",
            f"geonames: {self.geonames_matched} merged into OCHA communities, {self.geonames_added} added",
            "reference places: " + ", ".join(f"{k}={v}" for k, v in sorted(self.reference_matches.items())),
            "reference places matching nothing: " + (", ".join(self.reference_unmatched) or "none"),
            "features: " + (", ".join(f"{k} {v}" for k, v in sorted(self.features.items())) or "none"),
        ]
        lines += [f"{path}: {size:,} bytes" for path, size in sorted(self.file_sizes.items())]
        return "\n".join(lines)


def _write_csv(path: Path, header: Iterable[str], rows: Iterable[Iterable[str]]) -> None:
    with atomic_open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def write_places(path: Path, places: Iterable[PlaceRow]) -> None:
    """Write ``places.csv`` sorted by id."""
    _write_csv(path, PLACE_COLUMNS, (p.as_row() for p in sorted(places, key=lambda p: p.id)))


def write_names(path: Path, names: NameTable) -> None:
    """Write ``names.csv`` sorted by place id and name."""
    _write_csv(path, NAME_COLUMNS, names.rows())


def build_gazetteer(source_dir: Path, out_dir: Path) -> BuildReport:
    """Read the shared source data and write the generated gazetteer files into ``out_dir``."""
    source_dir, out_dir = Path(source_dir), Path(out_dir)
    names = NameTable()
    places = admin_units(source_dir, names)
    communities = ocha_communities(source_dir, names)
    places.update(communities)

    index = MatchIndex()
    for place in communities.values():
        index.add(place, names.names_of(place.id))
    admin = AdminLookup.from_ocha_adm3(
        read_features(source_dir / "boundaries" / "syr_admbnda_adm3_uncs_unocha.geojson")
    )
    created = Counter(
        merge_geonames_place(city, "populated_place", places, index, names, admin)
        for city in sorted(geonames_cities(source_dir), key=lambda c: int(c.geonameid))
    )
    references, unmatched = attach_reference_places(source_dir, places, index, names)
    highways = highway_rows(source_dir, places, references)
    merged: Counter[str] = Counter()
    areas: list[tuple[dict[str, str], shapely.Geometry]] = []
    if (source_dir / features.AIRPORTS).is_file():  # sources of PROVENANCE.md sections 9 and 10
        bases = features.FeatureNames()
        merged["airbase"] = features.airports(source_dir, places, names, admin, bases)
        merged.update(features.transport(source_dir, places, names, admin, bases))
        areas += features.aleppo_neighbourhoods(source_dir, places, names, bases)
        merged.update(features.whos_on_first(source_dir, places, names, index, admin, bases))
        foreign = {name_key(row["name"]) for row in _outside_rows(out_dir)}
        merged["feature bare names"] = bases.write(places, names, foreign)
    subdistrict_of = {row["pcode"]: row["admin3_pcode"] for row in read_csv(source_dir / OCHA_COMMUNITIES)}
    areas += build_regions(out_dir / "regions.csv", places, subdistrict_of, admin)

    (out_dir / "boundaries").mkdir(parents=True, exist_ok=True)
    write_places(out_dir / "places.csv", places.values())
    write_names(out_dir / "names.csv", names)
    _write_csv(out_dir / "highways.csv", HIGHWAY_COLUMNS, highways)
    for level, items in simplified_boundaries(source_dir).items():
        write_geojson(out_dir / "boundaries" / f"adm{level}.geojson", items)
    written = ["places.csv", "names.csv", "highways.csv", *(f"boundaries/adm{n}.geojson" for n in range(3))]
    if areas:
        write_geojson(out_dir / AREAS, sorted(areas, key=lambda item: item[0]["id"]))
        written.append(AREAS)

    return BuildReport(
        places_by_kind=dict(Counter(p.kind for p in places.values())),
        names=len(names),
        geonames_matched=created[False],
        geonames_added=created[True],
        reference_matches=references,
        reference_unmatched=tuple(unmatched),
        file_sizes={name: (out_dir / name).stat().st_size for name in written},
        features=dict(merged),
    )


def _outside_rows(out_dir: Path) -> list[dict[str, str]]:
    """The hand-made foreign places of the gazetteer being built (none before it has them)."""
    path = out_dir / "outside.csv"
    return read_csv(path) if path.is_file() else []


def read_places(path: Path) -> dict[str, PlaceRow]:
    """Load a ``places.csv`` written by the builder, by id."""
    return {row["id"]: PlaceRow.from_row(row) for row in read_csv(path)}


def main(argv: list[str]) -> int:
    """``python -m frontlines.gazetteer.build SRC OUT``."""
    if len(argv) != 2:
        print("usage: python -m frontlines.gazetteer.build SOURCE_DIR OUT_DIR", file=sys.stderr)
        return 2
    try:
        report = build_gazetteer(Path(argv[0]), Path(argv[1]))
    except GazetteerError as error:
        print(error, file=sys.stderr)
        return 2
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
