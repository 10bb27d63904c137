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
        ("the forces of President Bashar al-Assad", "government"),
        ("troops of the Syrian regime", "government"),
        ("Russian-backed government forces", "government"),
        ("Turkish-backed fighters", "opposition"),
        ("Ankara-backed militants", "opposition"),
        ("the Euphrates Shield forces", "opposition"),
        ("Olive Branch Operation fighters", "opposition"),
        ("the Syrian National Army", "opposition"),
        ("insurgents", "opposition"),
        ("Jaish al-Islam", "opposition"),
        ("Hayat Tahrir al-Sham", "hts"),
        ("Hayaat Tahrir ash-Sham", "hts"),
        ("Jabhat Fatah a-Sham", "hts"),
        ("Ahrar a-Sham", "opposition"),
        ("Harakat Nour e-Din a-Zinki", "opposition"),
        ("the Nour al-Din Zenki movement", "opposition"),
        ("Jaysh al-Izza", "opposition"),
        ("Jabhat Tahrir Suriya", "opposition"),
        ("anti-government gunmen", "opposition"),
        ("Jaish Khalid bin al-Walid", "isis"),
        ("anti-regime rebels", "opposition"),
        ("the Syrian Liberation Front", "opposition"),
        ("the Nusra Front", "hts"),
        ("Kurdish forces", "sdf"),
        ("Kurdish-led forces", "sdf"),
        ("the Kurdish-led Syrian Democratic Forces", "sdf"),
        ("HTS-led rebels", "hts"),
        ("Hayat Tahrir al-Sham-led opposition fighters", "hts"),
        ("the YPG", "sdf"),
        ("the PYD/PKK", "sdf"),
        ("YPG/PKK militants", "sdf"),
        ("the PKK", "sdf"),
        ("PKK/KCK", "sdf"),
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
    assert [a.controller for a in actors.find("with Turkish artillery support, the rebels advanced")] == [
        "opposition"
    ]


def test_reporters_and_air_power_hold_no_ground() -> None:
    actors = load_actors()
    for phrase in ("regime air strikes", "Syrian warplanes", "the opposition's war monitor", "opposition activists",
                   "the opposition's London-based Syrian Observatory"):  # fmt: skip
        assert actors.controller_of(phrase) is None, phrase


def test_turkey_is_a_side_only_as_the_subject_of_a_change() -> None:
    actors = load_actors()
    for text in ("Turkey on Friday seized the town.", "Turkey has taken control of the town.",
                 "Turkey Captures Town From Kurdish Fighters", "Turkey army takes control of the town"):  # fmt: skip
        assert [a.controller for a in actors.find(text)][:1] == ["turkey"], text
    for text in ("the border with Turkey", "Turkey said the town was taken.", "Turkey took in refugees."):
        assert "turkey" not in [a.controller for a in actors.find(text)], text


def test_lowercase_is_is_not_islamic_state() -> None:
    assert load_actors().find("the town is held by rebels")[0].controller == "opposition"
    assert load_actors().controller_of("IS fighters") == "isis"
    # after "from", "by", "against" and in "fell to IS on Monday", capital IS is the group
    for text in (
        "rebels took the town from IS on Monday",
        "a village held by IS",
        "the town fell to IS on Monday",
        "the IS capture of the town",
        "a village under IS control for months",
        "a village left in IS hands",
        "the IS advance on the town",
    ):
        assert [a.controller for a in load_actors().find(text)][-1:] == ["isis"], text
    assert load_actors().find("what it all comes down to IS money") == []


def test_a_custom_lexicon_and_its_errors(tmp_path) -> None:
    good = tmp_path / "actors.csv"
    good.write_text("pattern,controller,note\n# comment\nblue\\s+team,government,\n", encoding="utf-8")
    assert load_actors(good).controller_of("the Blue Team") == "government"
    bad = tmp_path / "bad.csv"
    bad.write_text("pattern,controller,note\nred,martians,\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match="martians") as info:
        load_actors(bad)
    assert info.value.line == 2


# -- the literal gate in front of the phrase rows (exact by construction) ---------------------------

import re as _re
import sys as _sys
from pathlib import Path as _Path

from frontlines.events.actors import PhraseMatcher, fold_ascii
from frontlines.events.triggers import load_triggers
from frontlines.literals import IGNORECASE_SPECIALS, LiteralGate, gate_text, required_literals

#: Sentences written for these tests: every trigger and actor form, odd case, Unicode look-alikes.
GATE_SENTENCES = [
    "Islamic State fighters were driven out of the town, and Nusra Front terrorists were forced to withdraw from it.",
    "After the loss of IS's capital, rebels pushed out of the village; the army announced the capture of the dam.",
    "Turkish-backed fighters seized the village of Tal Kafr from the SDF on Monday.",
    "U.S.-backed militias drove IS militants out of the town, the coalition said.",
    "The town was recaptured by regime forces backed by Russian warplanes and Iranian militias.",
    "Government troops retook full control of the crossing after rebels withdrew from it.",
    "Rebels lost the hill to the Syrian Arab Army, and the IS group's fighters fled from the area.",
    "The jihadist group Islamic State has been driven from its last stronghold, the Kurdish-led SDF said.",
    "HTS and the National Liberation Front abandoned the base; Hezbollah units entered it overnight.",
    "The army declared the villages of Kafr Nabl and Hish free of terrorists.",
    "The highway linking Aleppo with Damascus was cut by insurgents, and the M5 is now controlled by the army.",
    "The rebel-held district, a bastion of Jaysh al-Islam, fell to pro-Assad gunmen (the NDF).",
    "ISIS, ISIL, Daesh and Da'esh are one group; the IS-held town is under IS control.",
    "THE REGIME FORCES CAPTURED THE TOWN; Regime Forces Captured The Town.",
    "The Syrian army took the town with Turkish artillery support, after support from Turkish forces.",
    "Forces loyal to President Bashar al-Assad regained the city, which had been held by opposition factions.",
    "The \u212aurdish forces and the \u0130slamic \u017ftate: look-alikes of ASCII letters.",
    "Wagner group mercenaries and Russian military police entered the airport, the Russian ministry said.",
    "It was liberated completely from the gunmen; extremists and armed groups retreated.",
    "Kurdish-controlled areas, Turkish-controlled towns and the HTS stronghold of Idlib.",
    "",
    "no trigger and no actor at all here",
]


def _synthetic_sentences(n: int = 80) -> list[str]:
    benchmarks = _Path(__file__).resolve().parent.parent / "benchmarks"
    _sys.path.insert(0, str(benchmarks))
    try:
        import synth
    finally:
        _sys.path.remove(str(benchmarks))
    from frontlines.corpus import split_sentences

    return [s.text for text in synth.corpus_texts(n, seed=21) for s in split_sentences(text)]


@pytest.fixture(scope="module")
def gate_corpus() -> list[str]:
    return GATE_SENTENCES + _synthetic_sentences()


def _matchers() -> list[PhraseMatcher]:
    return [load_actors()._matcher, load_triggers()._matcher]


def test_the_gate_never_rejects_a_sentence_a_row_matches(gate_corpus: list[str]) -> None:
    for matcher in _matchers():
        for text in gate_corpus:
            candidates = set(matcher.candidates(text))
            for row, regex in enumerate(matcher._rows):
                target = text if matcher._is_cased[row] else fold_ascii(text)
                if regex.search(target):
                    assert row in candidates, (row, text)


def test_gated_matches_equal_the_one_alternation(gate_corpus: list[str]) -> None:
    for matcher in _matchers():
        for text in gate_corpus:
            assert matcher.find(text) == matcher.find_all_rows(text), text


def test_rows_run_one_by_one_find_what_their_alternation_finds(gate_corpus: list[str]) -> None:
    """A rare set of rows runs row by row (no alternation compiled): the matches must be the same."""
    for matcher in _matchers():
        for cased in (False, True):
            kind = [row for row in range(len(matcher._rows)) if matcher._is_cased[row] == cased]
            for text in gate_corpus:
                target = text if cased else fold_ascii(text)
                hit = [row for row in kind if matcher._rows[row].search(target)]
                for rows in (hit, sorted(set(hit) | set(kind[:3])), kind):
                    if len(rows) < 2:
                        continue
                    flags = _re.IGNORECASE if cased else 0
                    alternation = PhraseMatcher._compile([(r, matcher._patterns[r]) for r in rows], flags)
                    assert alternation is not None
                    expected = [
                        (m.start(), m.end(), int(str(m.lastgroup)[1:])) for m in alternation.finditer(target)
                    ]
                    assert matcher._row_by_row(rows, target) == expected, (rows, text)
    # an earlier row's match hides a later one that starts inside it; the next row's match is kept
    matcher = PhraseMatcher([r"b\s+c", r"a\s+b", r"c\s+d"])
    assert matcher._row_by_row([0, 1, 2], "a b c d") == [(0, 3, 1), (4, 7, 2)]
    assert matcher._row_by_row([0, 1, 2], "a b c d") == matcher.find_all_rows("a b c d")


def test_a_set_of_rows_a_compiled_alternation_holds_runs_that_alternation() -> None:
    """No alternation is compiled for a set of rows that one compiled already holds: its other rows
    cannot match the text (the gate left them out), so the matches are those of the set's own."""
    matcher = PhraseMatcher([r"a\s+b", r"c", r"d\s+e", r"f"])
    for _ in range(PhraseMatcher.COMPILE_AFTER):
        assert matcher.find("a b c d e f", None, [0, 1, 2, 3]) == [
            (0, 3, 0),
            (4, 5, 1),
            (6, 9, 2),
            (10, 11, 3),
        ]
    compiled = dict(matcher._compiled)
    assert len(compiled) == 1
    for text in ("a b and c", "c then a b"):
        assert matcher.find(text, None, [0, 1]) == matcher.find_all_rows(text)
    assert matcher._compiled == compiled


def test_rows_from_one_pass_over_the_article_equal_per_sentence_rows(gate_corpus: list[str]) -> None:
    text = "\n".join(gate_corpus)
    spans, start = [], 0
    for sentence in gate_corpus:
        spans.append((start, start + len(sentence)))
        start += len(sentence) + 1
    for matcher in _matchers():
        for (begin, end), rows in zip(spans, matcher.candidates_by_span(text, spans)):
            sentence = text[begin:end]
            assert set(matcher.candidates(sentence)) <= set(rows)
            assert matcher.find(sentence, None, rows) == matcher.find_all_rows(sentence)


def test_possible_sides_hold_every_side_found(gate_corpus: list[str]) -> None:
    actors = load_actors()
    for text in gate_corpus:
        assert {a.controller for a in actors.find(text)} <= actors.sides_of(actors.rows(text)), text
    assert actors.sides_of(actors.rows("The army entered the town.")) == {"government"}
    assert actors.sides_of(actors.rows("Nobody entered the town.")) == frozenset()


def test_required_literals_of_simple_patterns() -> None:
    assert required_literals(r"captured|seized") == (frozenset({"captured", "seized"}),)
    assert required_literals(r"(?:the\s+)?capture\s+of") == (frozenset({"capture"}), frozenset({"of"}))
    assert required_literals(r"\w+") == ()
    assert required_literals(r"(?:abc)?") == ()
    assert required_literals(r"\d{4}", digits=True) == (frozenset({"0000"}),)
    assert required_literals(r"(?-i:IS)", _re.IGNORECASE) == (frozenset({"IS"}),)  # looked for as written
    assert required_literals(r"(?i:on) Monday") == (frozenset({"on monday"}),)  # a mixed literal is folded


def test_a_pattern_whose_literals_are_absent_is_skipped() -> None:
    gate = LiteralGate(
        [
            required_literals(r"fell\s+to"),
            required_literals(r"\w+"),
            required_literals(r"(?-i:IS)\b", _re.IGNORECASE),
        ]
    )
    assert gate.rules(gate_text("The town fell to them"), "The town fell to them") == [0, 1]
    assert gate.rules(gate_text("The town fell to them")) == [0, 1, 2]  # without the original, capitals pass
    assert gate.rules(gate_text("nothing here"), "nothing here") == [1]
    assert gate.rules(gate_text("IS fighters"), "IS fighters") == [1, 2]
    assert gate.rules(gate_text("this is it"), "this is it") == [1]


def test_a_rule_with_capitals_only_is_gated_by_its_lowercased_literals_or_by_the_whole_text() -> None:
    gate = LiteralGate(
        [
            required_literals(r"(?-i:Monday|Friday)", _re.IGNORECASE),  # lowercased, in the one pass
            required_literals(r"(?-i:IS)\b", _re.IGNORECASE),  # "is" would be in most texts: no first clause
        ]
    )
    assert gate.always == (1,)
    assert gate.rules(gate_text("On Friday IS left"), "On Friday IS left") == [0, 1]
    assert gate.rules(gate_text("a friday is"), "a friday is") == []  # lowercase: the clause rules it out
    text = "They left on Monday. IS fighters fled."
    spans = [(0, 20), (21, len(text))]
    assert gate.rules_by_span(gate_text(text), spans, text) == [[0, 1], [1]]
    assert gate.rules_by_span(gate_text(text), spans) == [[0, 1], [1]]  # without the original: all kept
    text = "They left on Monday. Rebels fled."
    assert gate.rules_by_span(gate_text(text), spans, text) == [[0], []]  # the whole text has no "IS"


def test_ignorecase_specials_are_every_non_ascii_case_variant_of_an_ascii_letter() -> None:
    letters = _re.compile(r"(?i)[a-z]")
    found = {chr(c) for c in range(0x80, 0x110000) if letters.fullmatch(chr(c))}
    assert found == set(IGNORECASE_SPECIALS)
    for char, ascii_letter in IGNORECASE_SPECIALS.items():
        assert _re.fullmatch(f"(?i){ascii_letter}", char)


def test_the_date_gate_never_skips_a_matching_rule_on_the_corpus(gate_corpus: list[str]) -> None:
    from frontlines.dates.expressions import RULES as _RULES
    from frontlines.dates.expressions import rule_gate as _rule_gate

    for text in gate_corpus:
        matching = {rank for rank, (pattern, _) in enumerate(_RULES) if pattern.search(text)}
        assert matching <= set(_rule_gate().rules(gate_text(text, digits=True), text)), text


def test_a_named_side_followed_by_a_generic_label_is_one_phrase_of_that_side() -> None:
    actors = load_actors()
    found = actors.find("Jabhat al-Nusra terrorists and IS militants withdrew; the gunmen fled")
    assert [(a.controller, a.end - a.start) for a in found] == [
        ("hts", len("Jabhat al-Nusra terrorists")), ("isis", len("IS militants")), ("unknown", len("gunmen")),
    ]  # fmt: skip


def test_a_generic_label_next_to_a_named_side_is_that_side() -> None:
    actors = load_actors()
    text = "IS insurgents and HTS rebels clashed with the militants of the YPG and rebels of Jaysh al-Izza."
    assert [(text[a.start : a.end], a.controller) for a in actors.find(text)] == [
        ("IS insurgents", "isis"), ("HTS rebels", "hts"), ("militants of the YPG", "sdf"),
        ("rebels of Jaysh al-Izza", "opposition"),
    ]  # fmt: skip
    # joined by a conjunction or a comma they stay two sides
    assert [a.controller for a in actors.find("HTS and rebels, insurgents, militants")] == [
        "hts", "opposition", "opposition", "unknown",
    ]  # fmt: skip


def test_a_label_column_other_than_yes_is_an_error(tmp_path) -> None:
    bad = tmp_path / "labels.csv"
    bad.write_text("pattern,controller,note,label\nblue,government,,maybe\n", encoding="utf-8")
    with pytest.raises(ExtractionError, match="label") as info:
        load_actors(bad)
    assert info.value.line == 2
