"""The shared vocabulary of ``schema`` agrees with the shipped files and their documentation."""

from __future__ import annotations

import csv
import dataclasses
import pickle
import re
from pathlib import Path
from typing import get_args

import pytest

from frontlines import models, schema
from frontlines.errors import GazetteerError
from frontlines.gazetteer.load import parse_place
from frontlines.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
GAZETTEER = ROOT / "gazetteer"
FILES = {
    "places.csv": schema.PLACE_COLUMNS,
    "names.csv": schema.NAME_COLUMNS,
    "highways.csv": schema.HIGHWAY_COLUMNS,
    "outside.csv": schema.OUTSIDE_COLUMNS,
    "patches/places.csv": schema.PATCH_PLACE_COLUMNS,
    "patches/names.csv": schema.PATCH_NAME_COLUMNS,
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_shipped_gazetteer_headers_are_the_schema_columns(name: str) -> None:
    with (GAZETTEER / name).open(encoding="utf-8", newline="") as handle:
        assert tuple(next(csv.reader(handle))) == FILES[name]


def test_format_md_documents_the_schema_columns_and_kinds() -> None:
    text = (GAZETTEER / "FORMAT.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^`([a-z_0-9]+(?:,[a-z_0-9]+)+)`", text, flags=re.MULTILINE))
    for name in ("places.csv", "names.csv", "highways.csv", "outside.csv", "patches/names.csv"):
        assert ",".join(FILES[name]) in documented, name
    kinds = re.search(r"`kind`: one of `([^`]+)`", text)
    assert kinds is not None and set(kinds.group(1).split(", ")) == schema.PLACE_KINDS


def test_controller_styles_cover_exactly_the_sides() -> None:
    text = (ROOT / "src" / "frontlines" / "data" / "controllers.csv").read_text(encoding="utf-8")
    assert tuple(row["controller"] for row in csv.DictReader(text.splitlines())) == schema.SIDES
    assert schema.UNKNOWN in schema.SIDES


@pytest.mark.parametrize("kind", sorted(schema.PLACE_KINDS))
def test_loader_accepts_every_place_kind(kind: str) -> None:
    assert parse_place({"id": "X1", "kind": kind, "name": "X"}, "places.csv", 2).kind == kind


@pytest.mark.parametrize("kind", [*sorted(schema.OUTSIDE_KINDS), "airfield"])
def test_loader_rejects_kinds_a_places_row_may_not_have(kind: str) -> None:
    with pytest.raises(GazetteerError, match="unknown kind"):
        parse_place({"id": "X1", "kind": kind, "name": "X"}, "places.csv", 2)


def test_every_kind_set_holds_place_kinds_only() -> None:
    kinds = set(get_args(schema.PlaceKind))
    for subset in (schema.OUTSIDE_KINDS, schema.LINE_KINDS, schema.ADMIN_KINDS, schema.NOT_MAPPED_KINDS,
                   schema.FEATURE_KINDS, schema.PLACE_KINDS):  # fmt: skip
        assert subset <= kinds


def _model_classes() -> list[type]:
    return [c for c in vars(models).values() if isinstance(c, type) and dataclasses.is_dataclass(c)]


@pytest.mark.parametrize("cls", _model_classes(), ids=lambda c: c.__name__)
def test_models_pickle_every_field_through_their_constructor(cls: type) -> None:
    """Worker processes send events back pickled as (class, field values): a field left out of the
    constructor's positional arguments (``kw_only``, ``init=False``) would be lost on the way."""
    assert cls.__match_args__ == tuple(f.name for f in dataclasses.fields(cls))


def test_an_event_survives_pickling_unchanged(seeds_dir: Path) -> None:
    events = extract(seeds_dir).events
    assert events and pickle.loads(pickle.dumps(events)) == events
