"""One article file to an Article: its cleaned text, headline, publication date and sentences."""

from __future__ import annotations

import re
import warnings
from datetime import date
from itertools import islice
from pathlib import Path

from frontlines.corpus.cleaning import (
    clean_lines,
    decode_article,
    is_boilerplate,
    normalise_spaces,
    tidy_blank_lines,
    unwrap_lines,
)
from frontlines.corpus.markup import MARKUP_OF_SUFFIX, unmark
from frontlines.corpus.sentences import split_sentences
from frontlines.dates import MAX_YEAR, MIN_YEAR, find_publication_date, plausible, split_wire_dateline
from frontlines.errors import CorpusError, FrontlinesWarning
from frontlines.models import Article
from frontlines.schema import MAX_ARTICLE_BYTES

HEADER_LINES = 8  # non-blank lines searched for a dateline
_MIN_HEADLINE_WORDS = 3
#: A line that gives a date is a header line ("Published: 12:40 PM, Feb. 27, 2020"), passed over in the
#: search for the headline, up to this many words; a longer one is the first paragraph.
_MAX_DATE_LINE_WORDS = 12
_LETTER_RE = re.compile(r"[^\W\d_]")
_BYLINE_RE = re.compile(r"(?i)by\s")


def read_article(
    path: Path,
    outlet: str = "",
    headline: str = "",
    published: date | None = None,
    url: str = "",
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> Article:
    """Read, decode and clean one article; raises :class:`CorpusError` if it cannot be used.

    The metadata arguments come from the manifest; an empty ``headline`` or ``published`` is taken
    from the text.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise CorpusError(f"{size:,} bytes, above the limit of {max_bytes:,} (--max-article-bytes)", path)
        data = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"cannot read: {exc.strerror or exc}", path) from None
    published_source = "manifest" if published is not None else ""
    decoded = decode_article(data, path)
    markup = MARKUP_OF_SUFFIX.get(path.suffix.lower())
    if markup is not None:
        unmarked = unmark(decoded, markup)
        decoded, headline = unmarked.text, headline or unmarked.headline
        if published is None and unmarked.published is not None and plausible(unmarked.published):
            published, published_source = unmarked.published, "metadata"
    lines = [line.strip() for line in normalise_spaces(decoded).split("\n")]
    if not any(lines):
        raise CorpusError("empty article", path)
    # A wire dateline ("BEIRUT, Feb. 27, 2020 (AFP) — ...") is a line of its own, not part of the first sentence.
    kept = [
        part for line in unwrap_lines(clean_lines(lines)) for part in split_wire_dateline(line) or (line,)
    ]
    if not any(kept):
        raise CorpusError("empty article (only boilerplate)", path)

    if published is None:
        candidates = (
            (number, line) for number, line in enumerate(lines, start=1)
            if line and (not _LETTER_RE.search(line) or not is_boilerplate(line))
        )  # fmt: skip
        header = list(islice(candidates, HEADER_LINES))
        found = find_publication_date([line for _, line in header])
        if found is not None:
            published, published_source = found[0], "text"
            problem = publication_problem(published)
            if problem:
                raise CorpusError(problem, path, header[found[1]][0])
            if published > date.today():
                warnings.warn(f"{path}:{header[found[1]][0]}: published {published} is after today",
                              FrontlinesWarning, stacklevel=2)  # fmt: skip

    position = _headline_index(kept, headline)
    if position is not None:
        headline = headline or kept[position]
        kept.insert(0, kept.pop(position))
    text = "\n".join(tidy_blank_lines(kept))
    return Article(
        id=path.stem,
        path=str(path),
        text=text,
        headline=headline,
        outlet=outlet,
        url=url,
        published=published,
        published_source=published_source,
        sentences=split_sentences(text),
    )


def publication_problem(published: date) -> str | None:
    """Why a publication date cannot be right (a year outside 1900..next year), or None."""
    if plausible(published):
        return None
    return f"publication date {published.isoformat()} is outside the years {MIN_YEAR}..{MAX_YEAR}"


def _headline_index(lines: list[str], headline: str) -> int | None:
    """Index of the given headline among ``lines``, or of the first substantial line if none is given."""
    if headline:
        wanted = " ".join(headline.split()).casefold()
        return next((i for i, line in enumerate(lines) if line.casefold() == wanted), None)
    for index, line in enumerate(lines):
        words = len(line.split())
        if words < _MIN_HEADLINE_WORDS or _BYLINE_RE.match(line):
            continue
        if find_publication_date([line]) is None:
            return index
        if words > _MAX_DATE_LINE_WORDS:
            return None  # a dated first paragraph: no headline comes before the body
    return None
