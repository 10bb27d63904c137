"""Acceptance: every seed place resolves to the right point, and nothing in the seeds is unresolved."""

import csv
import json
from pathlib import Path

import pytest
from geopy.distance import geodesic
from typer.testing import CliRunner

from frontlines.cli import app

REFERENCE_POINTS = Path(__file__).resolve().parent / "data" / "reference_points.csv"
# reference_points.csv key -> the surface form the seeds use
SEED_PLACES = {
    "saraqib": "Saraqeb", "nayrab_idlib": "Nayrab", "kafr_nabl": "Kafranbel", "kansafra": "Kansafra",
    "maarat_al_numan": "Maarat Al-Numan", "khan_shaykhun": "Khan Shaykhun", "al_bara": "Bara", "afis": "Afis",
    "jabal_al_zawiya": "Jabal al Zawiya", "idlib_city": "Idlib", "hama": "Hama", "aleppo": "Aleppo",
    "damascus": "Damascus", "latakia": "Latakia", "C4062": "Kafar Aweed", "C8439": "Salihiyah",
}  # fmt: skip


@pytest.fixture(scope="module")
def seed_coverage(seeds_dir: Path) -> dict:
    result = CliRunner().invoke(app, ["coverage", str(seeds_dir), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _reference_points() -> dict[str, tuple[float, float]]:
    """The reference coordinates of tests/data/reference_points.csv (see tests/data/README.md)."""
    with REFERENCE_POINTS.open(encoding="utf-8") as f:
        return {r["key"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}


def test_no_seed_mention_is_unresolved_or_ambiguous(seed_coverage: dict) -> None:
    assert seed_coverage["counts"]["unresolved"] == 0
    assert seed_coverage["counts"]["ambiguous"] == 0
    assert seed_coverage["coverage_pct"] == 100.0
    assert seed_coverage["articles"] == 5


def test_every_seed_place_resolves_within_2_km_of_its_reference(seed_coverage: dict) -> None:
    points = _reference_points()
    for key, surface in SEED_PLACES.items():
        located = [
            (m["lat"], m["lon"]) for m in seed_coverage["mentions"]
            if m["surface"] == surface and m["status"] == "resolved" and m["kind"] != "governorate"
        ]  # fmt: skip
        assert located, f"{surface} is never resolved to a place"
        assert any(geodesic(p, points[key]).km <= 2.0 for p in located), f"{surface} resolved too far away"


def test_lines_junction_governorate_and_outside_places(seed_coverage: dict) -> None:
    resolved = {(m["surface"], m["place_id"]) for m in seed_coverage["mentions"]}
    assert ("M4", "hwy:M4") in resolved and ("M5", "hwy:M5") in resolved
    assert any(place_id == "jct:M4-M5" for _, place_id in resolved)
    assert ("Idlib governorate", "SY07") in resolved
    assert ("Ankara", "out:ankara") in resolved
    statuses = {m["surface"]: m["status"] for m in seed_coverage["mentions"]}
    assert statuses["Ankara"] == statuses["Turkey"] == "outside"
