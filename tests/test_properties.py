"""Property tests (Hypothesis): the corpus reader, the date parser and the extractor never raise on
arbitrary text, and extraction is deterministic. Settings stay bounded so that `make test` stays fast."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontlines.corpus import read_article
from frontlines.dates import find_publication_date, parse_date, resolve_expressions
from frontlines.errors import CorpusError
from frontlines.events import extract_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article

#: Words that reach the interesting paths: triggers, sides, places, dates, numbers, punctuation.
_WORDS = (
    "captured", "recaptured", "seized", "withdrew", "from", "fell", "to", "the", "town", "of", "rebels", "regime",
    "government", "forces", "SDF", "HTS", "Turkish-backed", "Saraqeb", "Saraqib", "Idlib", "al-Nayrab", "Kafranbel",
    "on", "Thursday", "last", "week", "three", "weeks", "ago", "months", "later", "days", "after", "in", "February",
    "27", "2020", "0001-01-05", "9999-12-31", "99999999999", "2099", "Published:", "By", "Reuters", "|", ".", ",",
    "\n", "\n\n", "سراقب", "[", "]", "=", "\t", "\r", "\x00",
)  # fmt: skip
_TEXT = st.lists(st.sampled_from(_WORDS) | st.text(max_size=12), max_size=60).map(" ".join)
_DAYS = st.dates(min_value=date.min, max_value=date.max)
_BOUNDED = settings(deadline=None, max_examples=60, suppress_health_check=[HealthCheck.too_slow])


def _article(data: bytes) -> Article | CorpusError:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "a.txt"
        path.write_bytes(data)
        try:
            return read_article(path)
        except CorpusError as error:
            return error


@_BOUNDED
@given(st.binary(max_size=3000) | _TEXT.map(lambda t: t.encode("utf-8")))
def test_the_corpus_reader_never_raises_on_arbitrary_bytes(data: bytes) -> None:
    """Promise: any bytes give an article or a one-line CorpusError naming the file, never another exception."""
    outcome = _article(data)
    assert isinstance(outcome, Article | CorpusError)
    if isinstance(outcome, CorpusError):
        assert outcome.path is not None and outcome.path.endswith("a.txt")


@_BOUNDED
@given(_TEXT, st.none() | _DAYS, st.none() | _DAYS)
def test_the_date_parser_never_raises(text: str, published: date | None, reference: date | None) -> None:
    """Promise: parsing and resolving dates never raises out of dates.py, at any date of the calendar;
    what it resolves lies in 1900..next year."""
    parse_date(text, reference)
    find_publication_date(text.split("\n"))
    for span in resolve_expressions(text, published):
        assert all(1900 <= d.year for d in (span.dates.earliest, span.dates.latest) if d is not None)


def _extract(article: Article, resolver: Resolver) -> list:
    return extract_events(article, find_mentions(article, resolver, suggest=False))


@settings(deadline=None, max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_extraction_never_raises_and_is_deterministic(resolver: Resolver, text: str) -> None:
    """Promise: the extractor never raises on arbitrary text, and the same text gives the same events."""
    article = _article(f"A headline for the property test\n\n{text}".encode())
    if isinstance(article, CorpusError):
        return
    first = _extract(article, resolver)
    assert first == _extract(article, resolver)
