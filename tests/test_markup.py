"""Articles saved as HTML or Markdown: their text, headline and date, read like a .txt scrape."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontlines.corpus import plan_corpus, read_article
from frontlines.corpus.markup import unmark
from frontlines.errors import CorpusError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


PAGE = """\
<!doctype html>
<html><head>
<title>Rebels retake Saraqeb | Example News</title>
<meta property="article:published_time" content="2020-02-27T13:59:00+00:00">
<script>var tracking = "Kafr Nabl";</script>
<style>p { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/syria">Syria</a></nav>
<article>
<h1>Rebels retake <em>Saraqeb</em></h1>
<p>Rebels recaptured the town of Saraqeb from government forces on Thursday &amp; held it.<br>
Fighting went on near <a href="/t/nayrab">Nayrab</a>.</p>
<ul><li>First item</li><li>Second item</li></ul>
</article>
<footer>Copyright Example News</footer>
</body></html>
"""


def test_html_keeps_the_text_of_its_blocks_and_drops_the_rest() -> None:
    page = unmark(PAGE, "html")
    lines = [line for line in page.text.split("\n") if line]
    assert lines == [
        "Rebels retake Saraqeb",
        "Rebels recaptured the town of Saraqeb from government forces on Thursday & held it.",
        "Fighting went on near Nayrab.",
        "First item",
        "Second item",
    ]
    assert page.headline == "Rebels retake Saraqeb"  # the <h1>, not the <title> with the outlet's name
    assert page.published == date(2020, 2, 27)


@pytest.mark.parametrize(
    ("head", "published"),
    [
        ('<meta name="pubdate" content="2016-10-17">', date(2016, 10, 17)),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2014-07-03T08:00"}</script>',
         date(2014, 7, 3)),
        ("<body><time datetime='2018-03-06'>6 March</time></body>", date(2018, 3, 6)),
        ('<meta property="article:published_time" content="2019-02-31">', None),  # no such day
        ("<p>No date here</p>", None),
    ],
)  # fmt: skip
def test_html_publication_dates_come_from_its_metadata(head: str, published: date | None) -> None:
    assert unmark(f"<html><head>{head}</head></html>", "html").published == published


def test_html_end_tags_left_out_inside_a_dropped_block_do_not_drop_the_rest() -> None:
    page = unmark("<nav><ul><li>Home<li>Syria</ul></nav><p>Rebels took Nayrab.<p>Clashes went on.", "html")
    assert [line for line in page.text.split("\n") if line] == ["Rebels took Nayrab.", "Clashes went on."]


def test_html_without_h1_takes_its_title_as_headline() -> None:
    page = unmark("<html><head><title> Army  takes Nayrab </title></head><p>Text.</p></html>", "html")
    assert (page.headline, page.text.strip()) == ("Army takes Nayrab", "Text.")


def test_markdown_loses_its_marks() -> None:
    text = unmark(
        "# Army takes **Nayrab**\n\n> Troops [entered](http://x.y/z) _Nayrab_.\n- one item\n", "markdown"
    ).text
    assert text.split("\n") == ["Army takes Nayrab", "", "Troops entered Nayrab.", "one item", ""]


def test_a_corpus_reads_html_and_markdown_beside_txt(tmp_path: Path) -> None:
    write(tmp_path / "a.html", PAGE)
    write(tmp_path / "b.md", "# Army takes Nayrab\n\nThe army took Nayrab on 3 March 2020.\n")
    write(tmp_path / "c.txt", "Rebels took Kafr Nabl.\n")
    write(tmp_path / "d.json", "{}")
    write(tmp_path / "README.md", "# About this corpus\n\nFive reports of the fighting.\n")
    sources, problems = plan_corpus(tmp_path)
    assert [Path(s.path).name for s in sources] == ["a.html", "b.md", "c.txt"] and problems == []
    article = read_article(tmp_path / "a.html")
    assert (article.id, article.headline, article.published, article.published_source) == (
        "a", "Rebels retake Saraqeb", date(2020, 2, 27), "metadata"
    )  # fmt: skip
    assert "tracking" not in article.text and "Copyright" not in article.text
    assert read_article(tmp_path / "b.md").headline == "Army takes Nayrab"


def test_the_manifest_wins_over_the_metadata(tmp_path: Path) -> None:
    article = read_article(
        write(tmp_path / "a.html", PAGE), headline="Saraqeb retaken", published=date(2020, 2, 28)
    )
    assert (article.headline, article.published, article.published_source) == (
        "Saraqeb retaken", date(2020, 2, 28), "manifest"
    )  # fmt: skip


def test_two_files_of_one_article_id_are_a_problem(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Rebels took Kafr Nabl.\n")
    write(tmp_path / "a.html", PAGE)
    sources, problems = plan_corpus(tmp_path)
    assert [Path(s.path).name for s in sources] == ["a.html"]
    assert len(problems) == 1 and isinstance(problems[0], CorpusError)
    assert "a.txt" in str(problems[0]) and "a.html" in str(problems[0])


def test_an_html_page_without_text_is_an_empty_article(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="empty article"):
        read_article(
            write(tmp_path / "a.html", "<html><head><script>x()</script></head><body></body></html>")
        )
