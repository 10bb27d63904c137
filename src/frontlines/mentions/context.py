"""Place-like names that the gazetteer lacks, found from their context ("the town of X", "in X", "X
province", "X, Y and Z" after a place): what a coverage report lists as unresolved, and what ends a
trigger's object or carries a list on. Headlines in Title Case, organisations, groups, people and
demonyms give none."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from importlib import resources

from frontlines.dates.expressions import CALENDAR_WORDS
from frontlines.gazetteer.index import ENGLISH_ARTICLES
from frontlines.gazetteer.normalise import ARTICLES, fold
from frontlines.gazetteer.patterns import TOKEN_RE

#: Capitalised words that may stand before or after a place name without being part of another name.
PLACE_WORDS = frozenset(
    "province governorate countryside district subdistrict city town village area region highway motorway road "
    "airport airbase base camp front frontline outskirts suburb suburbs plain plains mount mountains river valley "
    "northern southern eastern western north south east west central greater old new rural upper lower "
    "junction crossing border villages towns cities areas regions districts provinces neighbourhoods neighborhoods".split()
)
#: Last words of the names of organisations, offices and outlets ("World Food Programme", "Red Crescent",
#: "the Office for the Coordination of Humanitarian Affairs", "Al-Masdar News"): never of a place.
_ORGANISATION_ENDS = frozenset(
    "programme program agency office council committee commission ministry affairs news crescent nations "
    "observatory network party movement organisation organization foundation institute university "
    "newspaper channel radio television".split()
)
_PLACE_PREPOSITIONS = r"(?:in|near|from|at|into|to|towards?|outside|around|of|on|over|across|toward|entered|captured|seized|took|retook|recaptured|liberated|stormed)"
_TYPE_BEFORE = r"(?:town|village|city|district|neighbou?rhood|area|suburb|camp|hill|region|province|governorate|countryside|outskirts)"
_TYPE_AFTER = r"(?:province|governorate|countryside|district|highway|road|airport|airbase|town|village|city)"
_ARTICLE = r"(?:al|el|as|ash|ad|an|ar|at|az|ez|es)"
#: An Arabic article before a name, joined by a hyphen or a space; never the English "as", "at" or "an"
#: before a space (``ENGLISH_ARTICLES``, as the scan: "fighting at Tadef", "known as Tabqa", "an Iranian").
_JOINED_ARTICLE = rf"(?!(?:{'|'.join(sorted(ENGLISH_ARTICLES))})\s){_ARTICLE}[-\s]"
#: The letters of a word after its first, possessive: what follows a word is never a letter, so giving
#: one back never lets a pattern match (and the engine does not try it letter by letter).
_WORD_REST = r"[\w'’ʿʾ]++"
#: Up to three more capitalised words of a name, each after an optional article, bin or ibn.
_NAME_TAIL = rf"(?:[-\s](?:{_JOINED_ARTICLE}|(?:bin|ibn)[-\s])?[A-Z]{_WORD_REST}){{0,3}}"
_CAP_NAME = rf"((?:{_JOINED_ARTICLE})?[A-Z]{_WORD_REST}{_NAME_TAIL})"
# Patterns open on a literal or a character class, with the word-boundary test as a look-behind
# after it, so that the regex engine can skip ahead to candidate positions (4x faster than \b...).
_THE_TYPE_OF = re.compile(rf"t(?<!\wt)he\s+{_TYPE_BEFORE}\s+of\s+{_CAP_NAME}")
_NAME_TYPE = re.compile(rf"([A-Z](?<![\w'’][A-Z]){_WORD_REST}{_NAME_TAIL})\s+{_TYPE_AFTER}\b")
_PREPOSITION_NAME = re.compile(rf"\b{_PLACE_PREPOSITIONS}\s+(?:both\s+)?{_CAP_NAME}")
_ARTICLE_BEFORE = re.compile(rf"(?<![\w'’]){_JOINED_ARTICLE}$")
#: "X, Y and Z", "X district, Y and Z": names listed after a place are places too.
_LIST_CONTINUATION = re.compile(
    rf"(?:\s+(?:district|subdistrict|village|town|city|area|province|countryside))?(?:,\s*|\s+and\s+|\s+or\s+){_CAP_NAME}"
)
_WORD_RE = re.compile(r"[A-Za-z][\w'’]*")
_NEWLINE = re.compile("\n")


@lru_cache(maxsize=1)
def not_places() -> frozenset[str]:
    """Folded words that are never place mentions on their own (people, groups, demonyms, months)."""
    text = (resources.files("frontlines") / "data" / "not_places.txt").read_text(encoding="utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


class TitleCaseLines:
    """The lines of one text, each judged Title Case at most once (headlines in Title Case say
    nothing about proper nouns): linear in the text however many names a line holds."""

    def __init__(self, text: str):
        self._text = text
        self._starts: list[int] = []
        self._judged: dict[int, bool] = {}

    def title_case(self, pos: int) -> bool:
        """True when the line holding a text offset is in Title Case."""
        if not self._starts:
            self._starts = [0, *(m.end() for m in _NEWLINE.finditer(self._text))]
        line = bisect_right(self._starts, pos) - 1
        if line not in self._judged:
            end = self._starts[line + 1] - 1 if line + 1 < len(self._starts) else len(self._text)
            self._judged[line] = _is_title_case(self._text[self._starts[line] : end])
        return self._judged[line]


@lru_cache(maxsize=4096)
def _is_title_case(line: str) -> bool:
    long_words = [w for w in _WORD_RE.findall(line) if len(w) > 3]
    return len(long_words) >= 4 and sum(w[0].isupper() for w in long_words) >= 0.8 * len(long_words)


def place_context_spans(
    text: str, taken: list[tuple[int, int]], lines: TitleCaseLines
) -> list[tuple[int, int, str]]:
    """Capitalised names in place contexts that no accepted name covers, in text order (none in a Title
    Case headline, whose capitals say nothing: "Rebels Seize Control of ...")."""
    occupied = _Intervals(taken)
    taken_starts = {start for start, _end in taken}  # a span that starts where a name does overlaps it
    found: dict[tuple[int, int], str] = {}
    for matches in (
        _THE_TYPE_OF.finditer(text),
        _NAME_TYPE.finditer(text),
        _PREPOSITION_NAME.finditer(text),
    ):
        for m in matches:
            start, end = m.span(1)
            if start in taken_starts or occupied.overlaps(start, end):
                continue  # a name already found (most are): with an article before it, still one
            if article := _ARTICLE_BEFORE.search(text, max(0, start - 4), start):
                start = article.start()  # al-Bab district
            end = _before_calendar_words(text, start, end)
            if (
                not occupied.overlaps(start, end)
                and not _not_a_place_name(text[m.start(1) : end])
                and not lines.title_case(start)
            ):
                found.setdefault((start, end), text[start:end])
    # "X, Y, Z and W": each name found after a place opens the next one, to the end of the list.
    ends = sorted(end for _start, end in taken + list(found))
    while ends:
        occupied = _Intervals(taken + list(found))
        listed = []
        for end in ends:
            cont = _LIST_CONTINUATION.match(text, end)
            if cont is None:
                continue
            span = cont.start(1), _before_calendar_words(text, *cont.span(1))
            if (
                not occupied.overlaps(*span)
                and span not in found
                and not _not_a_place_name(text[slice(*span)])
                and not lines.title_case(span[0])
            ):
                found[span] = text[slice(*span)]
                listed.append(span[1])
        ends = listed
    return [(start, end, surface) for (start, end), surface in sorted(found.items())]


def _before_calendar_words(text: str, start: int, end: int) -> int:
    """The end of a capitalised name less the calendar words it ends with ("Kafr Blahbi Thursday")."""
    words = list(TOKEN_RE.finditer(text, start, end))
    while len(words) > 1 and fold(words[-1].group()) in CALENDAR_WORDS:
        words.pop()
    return words[-1].end() if words else end


class _Intervals:
    """Sorted, non-overlapping spans with a logarithmic overlap test."""

    def __init__(self, spans: list[tuple[int, int]]):
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_right(self._starts, end - 1)
        for s, e in self._spans[max(0, i - 2) : i]:
            if s < end and start < e:
                return True
        return False


def _not_a_place_name(surface: str) -> bool:
    """True for a capitalised name that is not a place: a word of ``not_places`` first or alone (its
    Arabic article aside: "al-Qaeda"), only such words and place words, or an organisation's last word."""
    words = [w for w in map(fold, TOKEN_RE.findall(surface)) if w not in ARTICLES]
    stop = not_places()
    return (
        fold(surface) in stop
        or not words
        or all(w in stop or w in PLACE_WORDS for w in words)
        or words[0] in stop
        or words[-1] in _ORGANISATION_ENDS
    )
