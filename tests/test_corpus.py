"""Reading articles: manifest, decoding, boilerplate, headline, publication date, sentences."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from frontlines.corpus import (
    ABBREVIATIONS,
    Corpus,
    is_boilerplate,
    iter_articles,
    load_corpus,
    normalise_spaces,
    read_article,
    split_sentences,
    unwrap_lines,
)
from frontlines.corpus.cleaning import _BOILERPLATE_RE
from frontlines.errors import CorpusError, FrontlinesWarning
from frontlines.models import Article

SEEDS = Path(__file__).resolve().parents[1] / "seeds"

ARTICLE_A = """\
Menu
Search For Keyword.
Independent reporting since 1998

Militia fighters seize hilltop village of Tell Abyad

February 27, 2020 at 1:59 pm

Militia fighters seized the hilltop village of Tell Abyad on Thursday, a commander said.

READ: Another story about something else entirely
Share this article
Follow us on Twitter
Leave a comment
Your email address will not be published. Required fields are marked *
Name
Email
Website
Post Comment
Advertisement
© 2020 Example News. All rights reserved.
"""

ARTICLE_B = """\
Published: 09:30, February 25, 2020 | Updated: 11:00, March 3, 2021
Army advances along the river road
By Staff Writer

The army advanced along the river road yesterday.
"""


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    write(tmp_path, "a.txt", ARTICLE_A)
    write(tmp_path, "b.txt", ARTICLE_B)
    return tmp_path


def test_without_manifest(corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir)
    assert isinstance(corpus, Corpus)
    assert corpus.problems == ()
    assert [a.id for a in corpus.articles] == ["a", "b"]
    a, b = corpus.articles
    assert a.headline == "Militia fighters seize hilltop village of Tell Abyad"
    assert a.text.splitlines()[0] == a.headline
    assert (a.published, a.published_source) == (date(2020, 2, 27), "text")
    assert (b.published, b.published_source) == (date(2020, 2, 25), "text")  # "Updated" ignored
    assert b.headline == "Army advances along the river road"
    assert b.text.splitlines()[0] == b.headline
    assert a.path == str(corpus_dir / "a.txt")


def test_boilerplate_is_dropped(corpus_dir: Path) -> None:
    text = load_corpus(corpus_dir).articles[0].text
    for debris in (
        "Menu",
        "Search For",
        "since 1998",
        "READ:",
        "Share",
        "Follow",
        "comment",
        "email",
        "Website",
        "Advertisement",
        "©",
        "Name",
    ):
        assert debris not in text, debris
    assert "Militia fighters seized the hilltop village of Tell Abyad on Thursday, a commander said." in text
    assert "\n\n\n" not in text and text == text.strip()


@pytest.mark.parametrize(
    "line",
    [
        "RELATED: Other news",
        "Read more: elsewhere",
        "Also read: this",
        "Tweet",
        "WhatsApp",
        "Click here to subscribe",
        "Comment",
        "clear",
        "Subscribe",
        "Facebook Twitter WhatsApp",
        "Copyright 2020 Example",
        "(81)    (69)",
        "|",
    ],
)
def test_boilerplate_rules(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "Comment on the offensive was not available.",
        "Rebels read the statement aloud on Thursday.",
        "The town has been held by the army since 2016.",
        "Name of the village was changed.",
    ],
)
def test_reporting_is_not_boilerplate(line: str) -> None:
    assert not is_boilerplate(line)


def test_manifest_metadata_wins(corpus_dir: Path) -> None:
    write(
        corpus_dir,
        "manifest.csv",
        "file,outlet,headline,published,url\n"
        "a.txt,Example News,Militia fighters seize hilltop village of Tell Abyad,"
        "2020-02-28,https://example.org/a\n",
    )
    corpus = load_corpus(corpus_dir)
    assert corpus.problems == ()
    a, b = corpus.articles
    assert (a.outlet, a.url, a.published, a.published_source) == (
        "Example News",
        "https://example.org/a",
        date(2020, 2, 28),
        "manifest",
    )
    assert b.outlet == "" and b.published_source == "text"  # not in the manifest: still loads


def test_malformed_manifest_rows_are_reported_with_line_numbers(corpus_dir: Path) -> None:
    write(
        corpus_dir,
        "manifest.csv",
        "file,outlet,headline,published,url\n"
        "a.txt,Example News,,2020-02-30,\n"
        "b.txt,Other,,2020-02-25,\n"
        "missing.txt,Gone,,,\n"
        "b.txt,too,few\n",
    )
    corpus = load_corpus(corpus_dir)
    where = {(Path(p.path).name, p.line) for p in corpus.problems}
    assert where == {("manifest.csv", 2), ("manifest.csv", 4), ("manifest.csv", 5)}
    assert any("2020-02-30" in str(p) and "manifest.csv:2" in str(p) for p in corpus.problems)
    assert [a.id for a in corpus.articles] == ["a", "b"]
    assert corpus.articles[1].outlet == "Other"
    assert corpus.articles[0].published_source == "text"


def test_manifest_without_file_column(corpus_dir: Path) -> None:
    write(corpus_dir, "manifest.csv", "name,outlet\na.txt,X\n")
    corpus = load_corpus(corpus_dir)
    assert len(corpus.problems) == 1 and corpus.problems[0].line == 1
    assert len(corpus.articles) == 2


def test_cp1252_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "legacy.txt",
        "Rebels \u2018retook\u2019 the caf\u00e9 district \u2013 officials said.".encode("cp1252"),
    )
    with pytest.warns(FrontlinesWarning, match="legacy.txt"):
        article = read_article(path)
    assert article.text == "Rebels \u2018retook\u2019 the caf\u00e9 district \u2013 officials said."


def test_a_dated_first_paragraph_keeps_its_place_and_no_later_line_becomes_the_headline(
    tmp_path: Path,
) -> None:
    lead = (
        "date 2019-10-10 ALEPPO (10:15 A.M.) - The army said this morning that its troops had entered two"
        " villages on the road north of the city after a night of fighting."
    )
    second = "A commander told reporters that the advance would go on toward the hills beyond them."
    article = read_article(write(tmp_path, "dated.txt", f"{lead}\n\n{second}\n"))
    assert article.published == date(2019, 10, 10)
    assert article.text.split("\n")[0] == lead and article.headline == ""


def test_a_short_date_line_is_passed_over_for_the_headline(tmp_path: Path) -> None:
    text = "Published: 10:15 AM, October 10, 2019\n\nArmy enters two villages north of the city\n\nThe army said so.\n"
    article = read_article(write(tmp_path, "header.txt", text))
    assert article.published == date(2019, 10, 10)
    assert article.headline == "Army enters two villages north of the city"


def test_utf8_bom_is_silent(tmp_path: Path, recwarn: pytest.WarningsRecorder) -> None:
    path = write(tmp_path, "bom.txt", "\ufeffThe army entered the town on Thursday.".encode())
    assert read_article(path).text == "The army entered the town on Thursday."
    assert not [w for w in recwarn if issubclass(w.category, FrontlinesWarning)]


def test_empty_and_binary_files_are_problems_and_the_rest_loads(corpus_dir: Path) -> None:
    write(corpus_dir, "c_empty.txt", "  \n\t\n")
    write(corpus_dir, "d_binary.txt", bytes(range(256)) * 4)
    write(corpus_dir, "e_debris.txt", "Menu\nShare this article\n")
    corpus = load_corpus(corpus_dir)
    assert [a.id for a in corpus.articles] == ["a", "b"]
    messages = {Path(p.path).name: p.message for p in corpus.problems}
    assert messages["c_empty.txt"] == "empty article"
    assert messages["d_binary.txt"].startswith("not a text file")
    assert messages["e_debris.txt"].startswith("empty article")


def test_iter_articles_streams_errors_in_order(corpus_dir: Path) -> None:
    write(corpus_dir, "aa_empty.txt", "")
    kinds = [type(item).__name__ for item in iter_articles(corpus_dir)]
    assert kinds == ["Article", "CorpusError", "Article"]


def test_single_file_and_missing_path(corpus_dir: Path) -> None:
    corpus = load_corpus(corpus_dir / "b.txt")
    assert [a.id for a in corpus.articles] == ["b"]
    with pytest.raises(CorpusError):
        load_corpus(corpus_dir / "nope")


def test_newlines_and_spaces_are_normalised(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "crlf.txt",
        b"Headline about the army advance\r\n\r\n\r\n  The army\xc2\xa0advanced.  \rIt held.\r\n",
    )
    article = read_article(path)
    assert article.text == "Headline about the army advance\n\nThe army advanced.\nIt held."


def _reference_spaces(text: str) -> str:
    """The line breaks, spaces and invisible characters of a text normalised as first written: three
    substitutions over every text. ``normalise_spaces`` skips them where they change nothing."""
    text = re.sub(r"\r\n?|[\u2028\u2029\x85\f\v]", "\n", text)
    text = re.sub(r"[\x00-\x08\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\u00ad]", "", text)
    return re.sub(r"[ \t\xa0\u1680\u2000-\u200a\u202f\u205f\u3000]+", " ", text)


def test_every_character_is_normalised_as_by_the_reference() -> None:
    for code in range(0x110000):
        if not 0xD800 <= code < 0xE000:  # surrogates are not characters of a decoded text
            text = f"a{chr(code)}b a"
            assert normalise_spaces(text) == _reference_spaces(text), hex(code)


@settings(deadline=None, max_examples=300)
@given(
    st.lists(
        st.sampled_from(
            ["a", "B", " ", "  ", "\t", "\n", "\r", "\r\n", "\xa0", "\u200b", "\u2028", "é", "\x00"]
        )
    ).map("".join)
)
def test_spaces_are_normalised_as_by_the_reference(text: str) -> None:
    assert normalise_spaces(text) == _reference_spaces(text)


@settings(deadline=None, max_examples=300)
@given(
    st.lists(st.sampled_from(["Copyright", "all rights reserved", "Share", "newsletter", "Read more:", "cookies",
                              "enable", "by", "Reporting", "the", "army", "x" * 40, " ", "."]), max_size=30).map(" ".join)
)  # fmt: skip
def test_long_lines_are_boilerplate_as_by_the_whole_pattern(line: str) -> None:
    # lines longer than any rule of bounded length are tried against the unbounded rules alone
    assert is_boilerplate(line) == (_BOILERPLATE_RE.fullmatch(line.strip()) is not None)


#: A wire copy hard-wrapped at 60 columns (written for this test): a name and a date are broken
#: across lines inside their sentences, a short title and a blank line end paragraphs.
WRAPPED = """\
Army pushes north

DAMASCUS, May 14 (Test Wire) - Government forces pressed on
with an offensive in northern Hama province on Monday, and a
monitor said troops took control of the town of Kafr
Nabl after two days of fighting with rebel groups that had
held it since the early years of the war.
The rebels said they withdrew to positions further north to
spare the civilians who had stayed behind in the town.
"""


def test_hard_wrapped_lines_are_joined_into_paragraphs(tmp_path: Path) -> None:
    article = read_article(write(tmp_path, "wrapped.txt", WRAPPED.encode()), published=date(2019, 5, 14))
    lines = article.text.split("\n")
    assert lines[0] == "Army pushes north"
    assert any("Government forces pressed on with an offensive in northern Hama" in line for line in lines)
    sentence = next(s.text for s in article.sentences if "Kafr" in s.text)
    assert "took control of the town of Kafr Nabl after two days" in sentence
    assert "on Monday" in sentence and sentence.endswith("the war.")
    assert any(
        s.text.startswith("The rebels said they withdrew to positions further north to spare")
        for s in article.sentences
    )


def test_unwrapping_leaves_other_text_alone() -> None:
    ordinary = [
        "Headline of the day",
        "",
        "The army advanced on the town.",
        "Rebels fled north",
        "Photo: a street",
    ]
    assert unwrap_lines(ordinary) == ordinary
    # short lines of similar length (a menu, a list of links) are not wrapped text
    menu = ["Home page", "World news", "Middle East", "Opinion", "Sport", "Weather and travel", "Contact us"]
    assert unwrap_lines(menu) == menu


def test_a_sentence_broken_across_lines_of_ordinary_text_is_joined() -> None:
    lines = [
        "Rebels seize two villages",
        "",
        "Government forces captured the villages of Kudna,",
        "Ain Ziwan and al-Asbah on Monday.",
        "The army advanced on the town of Nawa",
        "and shelled Jasim.",
        "Photo: a street",
    ]
    assert unwrap_lines(lines) == [
        "Rebels seize two villages",
        "",
        "Government forces captured the villages of Kudna, Ain Ziwan and al-Asbah on Monday.",
        "The army advanced on the town of Nawa and shelled Jasim.",
        "Photo: a street",
    ]


# --- sentences -------------------------------------------------------------------------------------


def texts(text: str) -> list[str]:
    sentences = split_sentences(text)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert [s.index for s in sentences] == list(range(len(sentences)))
    return [s.text for s in sentences]


def test_sentence_split_and_offsets() -> None:
    text = (
        "Headline of the day\n\n"
        "The army advanced. Rebels fled! Why? \u201cWe won,\u201d he said. 2020 was hard."
    )
    assert texts(text) == [
        "Headline of the day",
        "The army advanced.",
        "Rebels fled!",
        "Why?",
        "\u201cWe won,\u201d he said.",
        "2020 was hard.",
    ]


def test_abbreviations_and_numbers_do_not_split() -> None:
    text = (
        "Lt. Col. Smith met Gen. Ali and Dr. Haddad of the U.N. at 5 p.m. on Feb. 26 in St. Simeon. "
        "The U.S. envoy, e.g. Mr. Jones, cited No. 5 and a 3.5 km front held by J. R. Doe."
    )
    assert texts(text) == [
        "Lt. Col. Smith met Gen. Ali and Dr. Haddad of the U.N. at 5 p.m. on Feb. 26 in St. Simeon.",
        "The U.S. envoy, e.g. Mr. Jones, cited No. 5 and a 3.5 km front held by J. R. Doe.",
    ]


def test_glued_sentences_split() -> None:
    assert texts("Forces advanced to the town.The army withdrew.\u201dThey left") == [
        "Forces advanced to the town.",
        "The army withdrew.\u201d",
        "They left",
    ]


def test_quote_closing_a_sentence() -> None:
    assert texts("\u201cThis will happen soon. The regime lost.\u201d He left.") == [
        "\u201cThis will happen soon.",
        "The regime lost.\u201d",
        "He left.",
    ]


#: The sentence boundaries as first written: each stop tried at every position, the word before it
#: found by a regex. ``split_sentences`` finds the same boundaries faster (test below).
_REFERENCE_BOUNDARY = re.compile(
    r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z\u00c0-\u00de\u0100-\u017f\u0600-\u06ff0-9])"
    r"|(?<=[a-z][a-z])[.!?][\"”’]?(?=[\"“]?[A-Z][a-z])"
)
_REFERENCE_TOKEN = re.compile(r"([A-Za-z][A-Za-z.]*)$")


def _reference_cuts(line: str) -> list[int]:
    cuts = []
    for m in _REFERENCE_BOUNDARY.finditer(line):
        if m.group().startswith(".") and not m.group().startswith(".."):
            token = _REFERENCE_TOKEN.search(line, max(0, m.start() - 32), m.start())
            if token and (
                token.group(1) in ABBREVIATIONS
                or re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]", token.group(1))
            ):
                continue
        cuts.append(m.end())
    return cuts


_PIECES = st.sampled_from(
    ["Gen.", "U.S.", "a.m.", "No.", "no.", "e.g.", "J.", "3.5", "town.", "town.The", "fled!", "why?", "...", "…",
     "\u201cWe", "won.\u201d", "(", ")", "'", "\"", "Army", "army", "Éric", "2020", "سراقب", " ", "  ", "\n", "x" * 30 + "."]
)  # fmt: skip


@settings(deadline=None, max_examples=300)
@example("They said ...U.S. Army units left. Then (...Gen. Ali) came.")
@given(st.lists(_PIECES, max_size=25).map(" ".join) | st.lists(_PIECES, max_size=25).map("".join))
def test_sentence_boundaries_equal_the_reference(text: str) -> None:
    expected: list[str] = []
    for line in text.split("\n"):
        begin = 0
        for cut in [*_reference_cuts(line), len(line)]:
            if line[begin:cut].strip():
                expected.append(line[begin:cut].strip())
            begin = cut
    assert texts(text) == expected


def test_article_sentences_point_into_text(corpus_dir: Path) -> None:
    article: Article = load_corpus(corpus_dir).articles[0]
    assert article.sentences[0].text == article.headline
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)


# --- the seed corpus --------------------------------------------------------------------------------


def test_seed_corpus() -> None:
    corpus = load_corpus(SEEDS)
    assert corpus.problems == ()
    assert len(corpus.articles) == 5
    dated = {a.id[:3]: a.published for a in corpus.articles if a.published}
    assert dated == {"000": date(2020, 2, 27), "001": date(2020, 2, 27), "002": date(2020, 2, 25)}
    assert all(a.published_source == "manifest" for a in corpus.articles if a.published)
    assert all(a.outlet and a.headline for a in corpus.articles)
    for article in corpus.articles:
        assert "Creating new perspectives" not in article.text
        assert article.text.splitlines()[0] == article.headline


def test_seed_dates_from_text_match_the_manifest(tmp_path: Path) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        write(tmp_path, path.name, path.read_bytes())
    from_text = {a.id[:3]: a.published for a in load_corpus(tmp_path).articles}
    assert from_text == {
        "000": date(2020, 2, 27),
        "001": date(2020, 2, 27),
        "002": date(2020, 2, 25),
        "003": None,
        "004": None,
    }
