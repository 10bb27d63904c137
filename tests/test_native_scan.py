"""The native scanner (``gazetteer/_scan.c``) against its references: the regex tokeniser for tokens,
and ``scan_by_regex`` (regex tokens + the Aho-Corasick automaton) for hits."""

from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontlines.gazetteer import NameIndex, load_gazetteer
from frontlines.gazetteer._scan import Scanner
from frontlines.gazetteer.patterns import TOKEN_RE

ANY_TOKEN = 0x100


def _every_token(text: str, max_tokens: int = 1000) -> list[tuple[int, int]]:
    """The spans of every token, through a scanner whose one pattern is any token."""
    scanner = Scanner(chr(ANY_TOKEN) + "\0", lambda raw: (ANY_TOKEN, 0), max_tokens)
    records = memoryview(scanner.scan(text)).cast("q").tolist()
    assert records[0::4] == [0] * (len(records) // 4)
    assert records[3::4] == [1] * (len(records) // 4)
    return list(zip(records[1::4], records[2::4]))


@pytest.mark.parametrize(
    "text",
    [
        "Assad's forces entered Ma'arrat al-Nu'man",
        "Idlib’s countryside, Ma‘arrat, Saʿd, Daʾel, x's_y, x'sy, 'quoted' words'",
        "trailing apostrophe' and s's x's",
        "snake_case __init__ 42km A4 ² ½ Ⅻ",
        "Arabic: سيطرت الفصائل على وسراقب، ثم",
        "astral: 𝐀𝐁 🙂 Homs 🙂Hama",
        "",
        "'",
        "a",
    ],
)
def test_tokens_are_the_regex_tokens(text: str) -> None:
    assert _every_token(text) == [m.span() for m in TOKEN_RE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aBs S_'’‘ʿʼ`-.\n1éٍس𝐀"), max_size=40))
def test_tokens_are_the_regex_tokens_on_any_text(text: str) -> None:
    assert _every_token(text) == [m.span() for m in TOKEN_RE.finditer(text)]
    assert _every_token(text, max_tokens=1) == [m.span() for m in TOKEN_RE.finditer(text)]  # cache reset


@lru_cache(maxsize=1)
def _shipped() -> NameIndex:
    return NameIndex(load_gazetteer())


WORDS = (
    "Saraqeb Saraqib sarakib Khan Sheikhoun Shaykhun al al- Al el- an- an ash- as-Safira Safira Nabk Nayrab "
    "Nairab Maarat Ma'arrat Nu'man Numan Idlib idlib Hama hama Hamas Aleppo Tal Tell Rifaat Kafr Nabl "
    "governorate province the of and near سراقب وسراقب ال"
).split()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from([" ", " ", "-", ", ", ". ", "\n", "’s "])),
        max_size=14,
    )
)
def test_hits_are_the_reference_hits(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in parts)
    index = _shipped()
    assert index.scan(text) == index.scan_by_regex(text)


def test_a_text_of_names_is_not_vacuous() -> None:
    index = _shipped()
    text = "Troops took an-Nayrab, al-Nairab and Khan Sheikhoun; سراقب fell. Saraqeb’s people fled to Idlib."
    hits = index.scan(text)
    assert len(hits) >= 4 and hits == index.scan_by_regex(text)
    assert [h.surface for h in hits][:2] == ["an-Nayrab", "al-Nairab"]


def test_patterns_must_be_sorted_distinct_and_ended() -> None:
    classify = lambda raw: (ANY_TOKEN, 0)
    for bad in ("b\0a\0", "a\0a\0", "ab\0a\0", "a", "\0"):
        with pytest.raises(ValueError):
            Scanner(bad, classify, 10)
    assert Scanner("a\0ab\0b\0", classify, 10).nodes == 3


def test_a_failing_classifier_fails_the_scan() -> None:
    def classify(raw: str) -> tuple[int, int]:
        raise KeyError(raw)

    with pytest.raises(KeyError):
        Scanner("a\0", classify, 10).scan("some words")
    with pytest.raises(TypeError):
        Scanner("a\0", lambda raw: ANY_TOKEN, 10).scan("words")  # type: ignore[arg-type, return-value]
