"""The shipped gazetteer's neighbourhoods, camps, crossings, airbases and dams (issue 10)."""

from __future__ import annotations

import csv
import math
from datetime import date
from pathlib import Path

import pytest
import shapely
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.corpus import split_sentences
from frontlines.events import extract_events
from frontlines.gazetteer import Resolver
from frontlines.gazetteer.ranking import choose
from frontlines.mentions import find_mentions
from frontlines.models import Article
from frontlines.pipeline import coverage
from frontlines.timeline import Timeline, build_timeline

#: Name, kind, and the source point it must lie within 2 km of: the value in ``../shared/data`` (OCHA
#: neighbourhoods and communities, Open-Syria, OurAirports) or the Wikipedia infobox (Tabqa Dam).
NAMED_FEATURES = [
    ("Masaken Hanano", "neighbourhood", 36.2270178, 37.2026447),
    ("Sheikh Maqsoud", "neighbourhood", 36.2366063, 37.1528471),
    ("Handarat camp", "camp", 36.2813841, 37.1766702),
    ("Yarmouk camp", "camp", 33.471206, 36.305668),
    ("Nasib crossing", "crossing", 32.543, 36.202),
    ("Bab al-Hawa crossing", "crossing", 36.23, 36.692),
    ("Bab al-Hawa", "crossing", 36.23, 36.692),  # bare: three far villages share the name
    ("Taftanaz airbase", "airbase", 35.9720993042, 36.7831001282),
    ("Kuweires airbase", "airbase", 36.187099, 37.583199),
    ("Kuweires", "airbase", 36.187099, 37.583199),
    ("Tabqa dam", "dam", 35.87222, 38.56667),
]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _mentions(text: str, resolver: Resolver) -> dict[str, tuple[str, str]]:
    found = find_mentions(Article(id="t", path="t.txt", text=text), resolver)
    return {m.surface: (m.status, m.place.kind if m.place else "") for m in found}


@pytest.mark.parametrize(("name", "kind", "lat", "lon"), NAMED_FEATURES, ids=[n for n, *_ in NAMED_FEATURES])
def test_a_named_feature_resolves_to_its_kind_near_its_source_point(
    resolver: Resolver, name: str, kind: str, lat: float, lon: float
) -> None:
    best = resolver.resolve_name(name)[0].place
    assert best.kind == kind
    assert _km((best.lat, best.lon), (lat, lon)) <= 2.0


def test_a_neighbourhood_named_with_its_city_is_the_neighbourhood_and_the_city_stays_the_city(
    resolver: Resolver,
) -> None:
    text = "Kurdish fighters held Sheikh Maqsoud in Aleppo. The army took the Aleppo district of Sakhour."
    found = find_mentions(Article(id="t", path="t.txt", text=text), resolver)
    by_surface = {m.surface: m for m in found}
    assert by_surface["Sheikh Maqsoud"].place.kind == "neighbourhood"
    assert by_surface["Sakhour"].place.id == "N0139"
    assert {m.place.id for m in found if m.surface == "Aleppo"} == {"C1007"}


def test_a_crossing_named_by_its_turkish_alias(resolver: Resolver) -> None:
    for text in (
        "Trucks queued at the Cilvegözü border gate.",
        "Trucks queued at the Öncüpınar border crossing.",
    ):
        (mention,) = [m for m in find_mentions(Article(id="t", path="t.txt", text=text), resolver) if m.place]
        assert mention.place.kind == "crossing"
    assert resolver.resolve_name("Cilvegozu crossing")[0].place.id == "os:bab-al-hawa-border-crossing"


def _alone(name: str, resolver: Resolver) -> str:
    """The id of the place a bare name means with no other place around it."""
    choice = choose(resolver.resolve_name(name))
    return choice.place.id if choice.place else choice.status


def test_a_bare_name_a_feature_shares_with_a_town_near_it_is_the_town(resolver: Resolver) -> None:
    assert [c.place.kind for c in resolver.resolve_name("Nasib")][:2] == ["populated_place", "crossing"]
    assert _alone("Nasib", resolver) == "C5999"  # the crossing lies 2 km from the town
    assert _alone("Taftanaz", resolver) == "C3932"  # the airbase lies 3 km from the town
    assert _alone("Damascus", resolver) == "C1001"  # the airport is 25 km off, but the city is big
    assert (
        _alone("Bab al-Hawa", resolver) == "os:bab-al-hawa-border-crossing"
    )  # its villages are far and small


def test_a_bare_feature_name_in_an_article_goes_by_geography(resolver: Resolver) -> None:
    far = "Clashes were reported in Bab al-Hawa, east of Homs."
    near = "Rebels took Sarmada and closed the Bab al-Hawa road near Atmeh."
    far_hits = {m.surface: m.place.id for m in find_mentions(_article(far), resolver) if m.place}
    near_hits = {m.surface: m.place.id for m in find_mentions(_article(near), resolver) if m.place}
    assert far_hits.get("Bab al-Hawa") == "C2902"
    assert near_hits.get("Bab al-Hawa") == "os:bab-al-hawa-border-crossing"


def test_a_bare_town_name_stays_the_town_and_its_feature_needs_its_kind_word(resolver: Resolver) -> None:
    assert resolver.resolve_name("Nasib border crossing")[0].place.kind == "crossing"
    assert resolver.resolve_name("Handarat Palestinian refugee camp")[0].place.kind == "camp"
    assert resolver.resolve_name("Kuweires military air base")[0].place.kind == "airbase"


def test_a_neighbourhood_has_its_polygon(resolver: Resolver) -> None:
    hanano = resolver.gazetteer.places["N0129"]
    assert hanano.geometry_wkt.startswith("POLYGON") and hanano.admin1_pcode == "SY02"


def _article(text: str) -> Article:
    return Article(
        id="t", path="t.txt", text=text, outlet="Test Wire", published=date(2018, 4, 12),
        sentences=split_sentences(text),
    )  # fmt: skip


def _timeline(text: str, resolver: Resolver) -> Timeline:
    doc = _article(text)
    return build_timeline(extract_events(doc, find_mentions(doc, resolver)))


def test_a_region_change_is_the_regions_own_not_copied_onto_its_villages(resolver: Resolver) -> None:
    timeline = _timeline("The army took full control of Eastern Ghouta on Thursday.", resolver)
    held = {s.place.id: s.controller for s in timeline.state_on(date(2018, 4, 12))}
    assert held == {"region:eastern-ghouta": "government"}
    region = resolver.gazetteer.places["region:eastern-ghouta"]
    assert region.kind == "region" and region.geometry_wkt.startswith("POLYGON")
    douma = resolver.gazetteer.places["C2338"]  # Duma, one of the region's communities
    assert shapely.from_wkt(region.geometry_wkt).contains(shapely.Point(douma.lon, douma.lat))


def test_the_timeline_holds_a_neighbourhood_apart_from_its_city(resolver: Resolver) -> None:
    # Farafra's centre lies 0.8 km from Aleppo's point: still a place of its own.
    text = (
        "Rebels captured Aleppo on Monday. On Wednesday, Kurdish fighters seized Sheikh Maqsoud and "
        "Farafra in Aleppo from the rebels."
    )
    held = {s.place.id: s.controller for s in _timeline(text, resolver).state_on(date(2018, 4, 12))}
    assert held["C1007"] == "opposition" and held["N0123"] == held["N0170"] == "sdf"


def test_a_users_gazetteer_is_the_whole_gazetteer_through_extract_and_build(
    runner: CliRunner, small_gazetteer: Path, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Government forces captured Saraqib on Thursday and took control of the highway linking "
        "Khan Sheikhoun and Maarat al-Numan.\n",
        encoding="utf-8",
    )
    events = tmp_path / "events.csv"
    result = runner.invoke(app, ["extract", str(corpus), "-g", str(small_gazetteer), "--out", str(events)])
    assert result.exit_code == 0, result.output
    place_ids = {row["place_id"] for row in csv.DictReader(events.open(encoding="utf-8"))}
    assert "T1" in place_ids and not any(p.startswith(("hwy:", "jct:")) for p in place_ids)
    out = tmp_path / "maps"
    result = runner.invoke(
        app, ["build", str(corpus), "-g", str(small_gazetteer), "--out", str(out), "--tiles", "none"]
    )
    assert result.exit_code == 0, result.output
    built = (out / "events.csv").read_text(encoding="utf-8")
    assert "T1," in built and "hwy:" not in built and "jct:" not in built
    for name in ("events.geojson", "index.html"):
        assert "hwy:" not in (out / name).read_text(encoding="utf-8")


def test_coverage_counts_mentions_by_kind(small_resolver: Resolver, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Rebels entered Saraqib and the town of Zarzurabad. Families fled to Qarwash camp near Idlib.\n",
        encoding="utf-8",
    )
    report = coverage(tmp_path, small_resolver)
    by_kind = report.counts_by_kind
    assert by_kind["populated_place"]["resolved"] >= 2 and by_kind["populated_place"]["unresolved"] == 1
    assert by_kind["camp"] == {"resolved": 0, "outside": 0, "ambiguous": 0, "unresolved": 1}
    assert sum(sum(counts.values()) for counts in by_kind.values()) == len(report.mentions)
