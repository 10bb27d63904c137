"""The actor lexicon: sides as reports name them; backers never hold ground."""

from __future__ import annotations

import pytest

from frontlines.errors import ExtractionError
from frontlines.events import load_actors


@pytest.mark.parametrize(
    ("phrase", "side"),
    [
        ("the Syrian army", "government"),
        ("pro-regime forces", "government"),
        ("Assad's troops", "government"),
        ("the forces loyal to President Bashar al-Assad", "government"),
        ("Russian-backed government forces", "government"),
        ("Turkish-backed fighters", "opposition"),
        ("the Syrian National Army", "opposition"),
        ("insurgents", "opposition"),
        ("Jaish al-Islam", "opposition"),
        ("Hayat Tahrir al-Sham", "hts"),
        ("the Nusra Front", "hts"),
        ("Kurdish forces", "sdf"),
        ("the YPG", "sdf"),
        ("Daesh", "isis"),
        ("the Islamic State group", "isis"),
        ("the Turkish army", "turkey"),
        ("Russian military police", "russia"),
        ("terrorists", "unknown"),
    ],
)
def test_phrases_name_their_side(phrase: str, side: str) -> None:
    assert load_actors().controller_of(phrase) == side


def test_backers_are_masked() -> None:
    actors = load_actors()
    text = "Rebels backed by Turkish artillery and supported by Turkish warplanes entered the village."
    assert [a.controller for a in actors.find(text)] == ["opposition"]
    assert [a.controller for a in actors.find("with Turkish artillery support, the rebels advanced")] == ["opposition"]


def test_lowercase_is_is_not_islamic_state() -> None:
    assert load_actors().find("the town is held by rebels")[0].controller == "opposition"
    assert load_actors().controller_of("IS fighters") == "isis"


def test_a_custom_lexicon_and_its_errors(tmp_path) -> None:
    good = tmp_path / "actors.csv"
    good.write_text("pattern,controller,note\n# comment\nblue\\s+team,government,\n", encoding="utf-8")
    assert load_actors(good).controller_of("the Blue Team") == "government"
    bad = tmp_path / "bad.csv"
    bad.write_text("pattern,controller,note\nred,martians,\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match="martians") as info:
        load_actors(bad)
    assert info.value.line == 2
