"""Homonyms chosen by spatial minimality over an article's places (shipped gazetteer, sentences written here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from geopy.distance import geodesic

from frontlines.cli import app
from frontlines.corpus import split_sentences
from frontlines.events import extract_events, merge_events
from frontlines.gazetteer import Resolver
from frontlines.gazetteer.resolve import haversine_km
from frontlines.mentions import find_mentions
from frontlines.models import Article, Mention, Place
from frontlines.schema import FAR_NAMESAKE

#: Eight villages around Tall Kalakh (Homs) whose names each have a homonym 80 km or more away.
TALL_KALAKH_VILLAGES = (
    "Sheikh Ali",
    "Kafra",
    "Hajar Abyad",
    "Masyadeh",
    "Ein Elshaara",
    "Aziz",
    "Um Jameh",
    "Ein Elsoda",
)
TALL_KALAKH = "C2762"


def _mentions(resolver: Resolver, text: str) -> list[Mention]:
    return find_mentions(Article(id="a", path="a.txt", text=text, sentences=split_sentences(text)), resolver)


def _places(resolver: Resolver, text: str) -> dict[str, Place | None]:
    return {m.surface: m.place for m in _mentions(resolver, text)}


def _mention(resolver: Resolver, text: str, surface: str) -> Mention:
    return next(m for m in _mentions(resolver, text) if m.surface == surface)


def _km(a: Place, b: Place) -> float:
    return float(haversine_km(np.array(a.lat), np.array(a.lon), np.array(b.lat), np.array(b.lon)))


def test_the_villages_each_have_a_far_homonym(resolver: Resolver) -> None:
    town = resolver.gazetteer.places[TALL_KALAKH]
    for name in TALL_KALAKH_VILLAGES:
        far = [c.place for c in resolver.resolve_name(name) if c.place.kind == "populated_place"]
        assert len(far) >= 2 and max(_km(p, town) for p in far) > 80, name


@pytest.mark.parametrize("where", [" near Tall Kalakh", ""])
def test_a_list_of_eight_homonym_villages_resolves_to_its_cluster(resolver: Resolver, where: str) -> None:
    listed = ", ".join(TALL_KALAKH_VILLAGES[:-1]) + " and " + TALL_KALAKH_VILLAGES[-1]
    found = _places(resolver, f"Government troops took the villages of {listed}{where} on Monday.")
    town = resolver.gazetteer.places[TALL_KALAKH]
    for name in TALL_KALAKH_VILLAGES:
        place = found[name]
        assert place is not None and _km(place, town) < 15, (name, place)


def test_a_village_listed_around_a_town_never_takes_the_far_homonym(resolver: Resolver) -> None:
    # Salhiyeh has homonyms in Idlib, Hasakeh (near Qamishli), Deir ez-Zor and Rural Damascus; the
    # article's second sentence names a place beside the Hasakeh one, but the list is around Jisr al-Shughur.
    found = _places(resolver, "Rebels seized Salhiyeh, Zayzun and Kinda near Jisr al-Shughur on Friday. "
                              "Far to the east, Kurdish forces still held Qamishli.")  # fmt: skip
    town = found["Jisr al-Shughur"]
    assert town is not None
    for name in ("Salhiyeh", "Zayzun", "Kinda"):
        place = found[name]
        assert place is not None and _km(place, town) < 20, (name, place)


def test_a_lone_homonym_stays_ambiguous(resolver: Resolver) -> None:
    assert _places(resolver, "Shelling was reported in Salhiyeh.")["Salhiyeh"] is None


def test_vectorised_haversine_ranks_like_the_geodesic() -> None:
    lat = np.array([35.93, 36.21, 32.62, 37.05])
    lon = np.array([36.63, 37.15, 36.10, 41.22])
    got = haversine_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :])
    want = np.array([[geodesic((a, b), (c, d)).km for c, d in zip(lat, lon)] for a, b in zip(lat, lon)])
    assert np.allclose(got, want, rtol=0.006, atol=1e-6)
    assert (np.argsort(got, axis=1) == np.argsort(want, axis=1)).all()


def test_coverage_debug_prints_each_homonym_decision_with_its_distance(runner, tmp_path: Path) -> None:
    (tmp_path / "list.txt").write_text(
        "Government troops took the villages of Aziz, Kafra and Um Jameh near Tall Kalakh on Monday.\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["coverage", str(tmp_path), "--debug"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if line.startswith("list: 'Kafra'")]
    assert len(lines) == 1 and "Homs" in lines[0] and " km; next " in lines[0]


def test_the_big_town_of_a_name_gives_way_to_the_village_beside_the_article_places(
    resolver: Resolver,
) -> None:
    # Suran is a town of Hama (the name alone means it) and a village next to Dabiq in Aleppo.
    alone = _places(resolver, "Suran was calm on Monday.")["Suran"]
    assert alone is not None and alone.admin1 == "Hama"
    found = _places(resolver, "Turkish-backed rebels took Dabiq and nearby Suran from Islamic State.")
    assert found["Suran"] is not None and _km(found["Suran"], found["Dabiq"]) < 10


def test_the_big_town_stays_when_the_article_is_around_it(resolver: Resolver) -> None:
    found = _places(resolver, "The army shelled Suran and Taybat al-Imam, north of Hama, and took Dabiq.")
    assert found["Suran"] is not None and found["Suran"].admin1 == "Hama"


def test_a_spelling_listed_for_a_big_town_gives_way_to_the_article_geography(resolver: Resolver) -> None:
    # "Qusair" is a listed spelling of the Homs town and only a variant of the Daraa village; an article
    # set in the Yarmouk basin means the village, one set near Homs the town.
    south = _places(resolver, "Government forces captured the town of Qusair on Tuesday. Troops also entered "
                              "Jamla, in the Yarmouk basin west of Daraa, after the militants left Qusair.")  # fmt: skip
    north = _places(resolver, "Troops captured Qusair after a two-week battle. The town lies south of Homs.")
    daraa, homs = south["Daraa"], north["Homs"]
    assert daraa is not None and homs is not None
    assert south["Qusair"] is not None and _km(south["Qusair"], daraa) < 40
    assert north["Qusair"] is not None and _km(north["Qusair"], homs) < 40


@pytest.mark.parametrize("word", ["basin", "valley"])
def test_a_landform_after_a_name_is_never_the_town_or_camp(resolver: Resolver, word: str) -> None:
    found = _places(resolver, f"Militants held the Yarmouk {word}, and rebels shelled the Afrin {word}.")
    yarmouk = found[f"Yarmouk {word}"]
    assert yarmouk is not None and yarmouk.kind == "region"
    assert found["Afrin"] is None  # a town called Afrin, no region: the valley is not the town


def test_a_mountain_title_before_a_name_is_never_the_village(resolver: Resolver) -> None:
    found = _places(
        resolver, "Rebels seized positions near Mount Azzan and shelled Jabal Azzan, south of Aleppo."
    )
    assert found["Azzan"] is None  # the mountain, which the gazetteer lacks: not the village below it
    village = _places(resolver, "Rebels seized Azzan, south of Aleppo.")["Azzan"]
    assert village is not None and village.kind == "populated_place"


def test_a_homonym_the_article_leaves_open_takes_the_candidate_beside_a_place_of_its_sentence(
    resolver: Resolver,
) -> None:
    # Rasm al-Tina names two Hama villages 21 km apart; the article's places spread from Hama to Daraa,
    # so mean distances leave it open, but only one lies beside Qasr Ibn Wardan, named in its sentence.
    text = (
        "Militants overran Rasm al-Tina near Qasr Ibn Wardan, having earlier struck Jasim, Nawa and Inkhil."
    )
    mention = _mention(resolver, text, "Rasm al-Tina")
    anchor = _places(resolver, text)["Qasr Ibn Wardan"]
    assert mention.place is not None and anchor is not None and _km(mention.place, anchor) < 15
    best, runner_up = mention.candidates[:2]
    assert best.distance_km is not None and runner_up.distance_km is not None
    assert best.distance_km < 15 < runner_up.distance_km  # the distances that decided, as --debug prints
    assert _places(resolver, "Shelling was reported in Rasm al-Tina.")["Rasm al-Tina"] is None


def test_a_far_big_town_gives_way_to_the_namesake_beside_its_sentence_unless_the_article_is_near_it(
    resolver: Resolver,
) -> None:
    # Mansoura alone is the Raqqa town (big); listed with Tal Waset it is the Ghab village 1.5 km away,
    # unless the article also names a place near the Raqqa town.
    listed = _places(resolver, "Government troops retook Mansoura and Tal Waset on Monday. "
                               "Elsewhere, rebels shelled Azaz, Aleppo and Tartous.")  # fmt: skip
    near_raqqa = _places(resolver, "The army retook Mansoura and Tal Waset. "
                                   "Clashes also went on in Azaz, Aleppo, Tartous and Raqqa.")  # fmt: skip
    village, raqqa = listed["Mansoura"], near_raqqa["Raqqa"]
    assert village is not None and listed["Tal Waset"] is not None and _km(village, listed["Tal Waset"]) < 15
    assert (
        near_raqqa["Mansoura"] is not None and raqqa is not None and _km(near_raqqa["Mansoura"], raqqa) < 60
    )


def test_a_default_big_town_far_from_every_place_of_its_list_is_left_open(resolver: Resolver) -> None:
    # Sfira spells the Aleppo town As-Safira (big, the default) and a village beside it; listed with
    # Daraa villages 300 km away, neither is likely: the namesake the gazetteer lacks is.
    far = _places(resolver, "Government forces took Sfira and Inkhil on Monday, and shelled Nawa.")
    near = _places(
        resolver, "Government forces took Sfira, south-east of Aleppo, and shelled Nawa and Inkhil."
    )
    alone = _places(resolver, "Government forces took Sfira on Monday. Rebels shelled Nawa and Inkhil.")
    assert far["Sfira"] is None and far["Inkhil"] is not None and far["Nawa"] is not None
    for found in (near, alone):
        town = found["Sfira"]
        assert town is not None and town.id == "C2154"


def test_a_far_village_gives_way_to_the_big_or_little_namesake_beside_its_list(resolver: Resolver) -> None:
    # Siwan is a Hasakah village 290 km away; Big Siwan lies beside Raju. Hajiyeh, spelled exactly, is a
    # village 80 km from Abu Khazaf, beside which lie Big and Little Hajiyeh: neither is surely meant.
    assert (siwan := _places(resolver, "Rebels took Siwan and Raju on Monday.")["Siwan"]) is not None
    assert siwan.id == "C1478"
    text = "Kurdish fighters took Hajiyeh and Abu Khazaf from Islamic State."
    hajiyeh = _mention(resolver, text, "Hajiyeh")
    assert hajiyeh.status == "ambiguous" and hajiyeh.place is None
    assert [c.place.id for c in hajiyeh.candidates] == ["C4652", "C4657", "C6375"]
    alone = _places(resolver, "Hajiyeh was calm on Monday.")["Hajiyeh"]
    assert alone is not None and alone.id == "C6375"


def test_one_mention_of_the_capital_does_not_keep_a_homonym_the_article_places_far_from_it(
    resolver: Resolver,
) -> None:
    # al-Yarmouk alone is the Damascus camp; in a report from Raqqa that names Damascus once, the
    # Raqqa Yarmuk is on average far nearer the article's places.
    text = (
        "The SDF captured al-Yarmouk on Sunday after securing the roads of southern Raqqa. Fighting went "
        "on in al-Raqqa's Old City, in Tabqa and in Ain Issa. A minister in Damascus condemned the advance."
    )
    found = _places(resolver, text)
    assert found["al-Yarmouk"] is not None and found["al-Yarmouk"].admin1 == "Ar-Raqqa"
    camp = _places(resolver, "Shelling hit al-Yarmouk, south of Damascus, on Sunday.")["al-Yarmouk"]
    assert camp is not None and camp.kind == "camp"


def _changes(resolver: Resolver, *texts: str) -> list[tuple[str, bool]]:
    """(place, flagged far_namesake) of the merged changes the texts (one article each) report."""
    reports = []
    for n, text in enumerate(texts):
        doc = Article(id=f"a{n}", path=f"a{n}.txt", text=text, headline="", outlet=f"Wire {n}",
                      published=date(2019, 5, 16), sentences=split_sentences(text))  # fmt: skip
        reports.extend(extract_events(doc, find_mentions(doc, resolver)))
    return [(e.place.name, FAR_NAMESAKE in e.flags) for e in merge_events(reports) if e.changes_control]


def test_a_village_known_only_far_from_every_other_place_of_its_report_is_flagged(resolver: Resolver) -> None:
    # a Latakia village in a report of two Hasakah towns: likelier a namesake the gazetteer lacks
    far = "SDF fighters captured Shaddadah and Markada from IS on Monday. The SDF also took Beit Ablaq on Tuesday."
    assert sorted(_changes(resolver, far)) == [("Bet Ablak", True), ("Markada", False), ("Shaddadah", False)]
    # among places near it, or with one other place only, no doubt; nor for a town a report names from afar
    near = "Government forces captured Beit Ablaq from rebels on Monday, after taking Kessab and Rabia."
    assert _changes(resolver, near) == [("Bet Ablak", False)]
    alone = "SDF fighters captured Shaddadah from IS on Monday. The SDF also took Beit Ablaq on Tuesday."
    assert ("Bet Ablak", False) in _changes(resolver, alone)
    town = (
        "SDF fighters captured Shaddadah and Markada from IS on Monday. The SDF also took Tadmor on Tuesday."
    )
    assert ("Tadmor", False) in _changes(resolver, town)
    # one report that places the village among its other places clears the doubt of the same change
    same = "SDF fighters took Beit Ablaq from IS on Tuesday, after taking Kessab and Rabia."
    assert ("Bet Ablak", False) in _changes(resolver, far, same)
