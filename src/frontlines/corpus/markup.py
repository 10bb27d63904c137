"""Articles saved as HTML or Markdown, turned into the plain text that the reader cleans like a scrape.

HTML keeps the text of its blocks, a line each (paragraphs, headings, list items, table cells, line
breaks), and drops what is never article text (scripts, styles, navigation, asides, footers, forms).
Its first ``<h1>`` (else its ``<title>``) is the headline and the publication time in its metadata
(``article:published_time``, ``datePublished``, a ``<time datetime>``) its date, unless a manifest
gives them. Markdown loses its heading marks, emphasis and link targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from frontlines.dates import parse_iso
from frontlines.errors import DateError

#: The markup each file suffix holds (any other file is read as plain text).
MARKUP_OF_SUFFIX = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}
#: The files a corpus directory reads as articles.
ARTICLE_SUFFIXES = frozenset({".txt", *MARKUP_OF_SUFFIX})

_BLOCK_TAGS = frozenset(
    "address article blockquote br dd div dl dt figcaption figure h1 h2 h3 h4 h5 h6 header hr li main ol p "
    "pre section table td th title tr ul".split()
)
_SKIPPED_TAGS = frozenset(
    "aside button footer form iframe nav noscript script select style svg template".split()
)
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
#: ``<meta>`` names and properties that give an article's publication time.
_DATE_META = frozenset(
    "article:published_time og:published_time datepublished date pubdate publishdate dc.date "
    "dc.date.issued parsely-pub-date sailthru.date".split()
)
_JSON_LD_DATE_RE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_SPACES_RE = re.compile(r"[ \t\r\f\v]+")


@dataclass(frozen=True)
class Unmarked:
    """An article's text without its markup, with the headline and date its markup gives ("" / None)."""

    text: str
    headline: str = ""
    published: date | None = None


def unmark(source: str, markup: str) -> Unmarked:
    """The text of an article in ``markup`` ("html" or "markdown", see MARKUP_OF_SUFFIX)."""
    return _html(source) if markup == "html" else Unmarked(_markdown(source))


def _html(source: str) -> Unmarked:
    parser = _ArticleParser()
    parser.feed(source)
    parser.close()
    lines = (_SPACES_RE.sub(" ", line).strip() for line in "".join(parser.parts).split("\n"))
    headline = parser.h1 or parser.title
    return Unmarked("\n".join(lines), _SPACES_RE.sub(" ", headline).strip(), _first_date(parser.dates))


class _ArticleParser(HTMLParser):
    """Collects the text of blocks (a newline around each), the first ``<h1>`` and ``<title>``, and the
    publication times that the metadata names."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dates: list[str] = []
        self.title = ""
        self.h1 = ""
        self._skipping: list[str] = []  # the open tags whose text is dropped
        self._open: list[str] = []  # the open tags whose text a field collects: "title", "h1", "script"
        self._field: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if (
            tag == "meta"
            and (values.get("property") or values.get("name") or values.get("itemprop", "")).lower()
            in _DATE_META
        ):
            self.dates.append(values.get("content", ""))
        elif tag == "time" and values.get("datetime"):
            self.dates.append(values["datetime"])
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self.parts.append("\n")
            return
        if tag == "script" and values.get("type") == "application/ld+json":
            self._open.append("ld+json")
            self._field = []
            return
        if self._skipping or tag in _SKIPPED_TAGS:
            self._skipping.append(tag)
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in ("title", "h1") and not self._open:
            self._open.append(tag)  # a field, and the title's text none of the article's
            self._field = []

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == ("script" if self._open[-1] == "ld+json" else self._open[-1]):
            self._close_field(self._open.pop())
            if tag == "script":
                return
        if self._skipping:
            if tag in self._skipping:  # closes the tags opened inside it that left out their end (<li>)
                del self._skipping[len(self._skipping) - 1 - self._skipping[::-1].index(tag) :]
            return
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._open:
            self._field.append(data)
        if not self._skipping and not (self._open and self._open[-1] in ("ld+json", "title")):
            self.parts.append(data)

    def _close_field(self, name: str) -> None:
        text = "".join(self._field)
        if name == "ld+json":
            self.dates.extend(_JSON_LD_DATE_RE.findall(text))
        elif name == "title" and not self.title:
            self.title = text
        elif name == "h1" and not self.h1:
            self.h1 = text


def _first_date(values: list[str]) -> date | None:
    """The first of the metadata's times that starts with a calendar date (YYYY-MM-DD)."""
    for value in values:
        try:
            return parse_iso(value.strip()[:10])
        except DateError:
            continue
    return None


_MD_HEADING_RE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+|[ \t]+#+[ \t]*$", re.MULTILINE)
_MD_IMAGE_RE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE_OR_ITEM_RE = re.compile(r"^[ \t]{0,3}(?:>[ \t]?|[-*+][ \t]+|\d+\.[ \t]+)", re.MULTILINE)


def _markdown(source: str) -> str:
    text = _MD_HEADING_RE.sub("", source)
    text = _MD_IMAGE_RE.sub(r"\1", text)
    text = _MD_LINK_RE.sub(r"\1", text)
    text = _MD_EMPHASIS_RE.sub(r"\2", text)
    return _MD_QUOTE_OR_ITEM_RE.sub("", text)
