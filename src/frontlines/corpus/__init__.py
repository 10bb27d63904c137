"""Articles in: read a folder of news scrapes (``.txt``, or pages saved as HTML or Markdown, and an
optional ``manifest.csv``) into Articles.

Each article is decoded (UTF-8, else cp1252/latin-1 with a warning), cleaned of site boilerplate
(rules in ``data/boilerplate.txt``), given a headline and a publication date, and split into
sentences whose offsets point into the cleaned text. A bad file or manifest row becomes a
:class:`~frontlines.errors.CorpusError` naming file and line; the other articles still load.

Parts: ``markup`` (HTML and Markdown to text, with the headline and date their markup gives),
``cleaning`` (bytes to clean lines: decoding, spaces, boilerplate, hard-wrapped text),
``sentences`` (cleaned text to sentences), ``reading`` (one file to an Article), ``manifest`` (the
metadata of ``manifest.csv``) and ``sources`` (the article files under a path, read one at a time).
"""

from frontlines.corpus.cleaning import (
    clean_lines,
    decode_article,
    is_boilerplate,
    normalise_spaces,
    unwrap_lines,
)
from frontlines.corpus.manifest import MANIFEST_COLUMNS, MANIFEST_NAME
from frontlines.corpus.reading import HEADER_LINES, read_article
from frontlines.corpus.sentences import ABBREVIATIONS, split_sentences
from frontlines.corpus.sources import ArticleSource, Corpus, iter_articles, load_corpus, plan_corpus

__all__ = [
    "ABBREVIATIONS",
    "HEADER_LINES",
    "MANIFEST_COLUMNS",
    "MANIFEST_NAME",
    "ArticleSource",
    "Corpus",
    "clean_lines",
    "decode_article",
    "is_boilerplate",
    "iter_articles",
    "load_corpus",
    "normalise_spaces",
    "plan_corpus",
    "read_article",
    "split_sentences",
    "unwrap_lines",
]
