"""Place mentions of an article: gazetteer names found in one pass, filtered, resolved in context,
plus the place-like names the gazetteer lacks (found in ``context``, for coverage reports)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache
from typing import cast

from frontlines.dates.expressions import CALENDAR_WORDS
from frontlines.gazetteer.bearings import settled_by_bearing
from frontlines.gazetteer.index import NameHit
from frontlines.gazetteer.normalise import fold, is_arabic
from frontlines.gazetteer.patterns import TOKEN_RE
from frontlines.gazetteer.ranking import QUALIFIER_KINDS
from frontlines.gazetteer.resolve import NameUse, Resolver
from frontlines.mentions.context import PLACE_WORDS, TitleCaseLines, not_places, place_context_spans
from frontlines.models import Article, Candidate, MatchKind, Mention, Place

#: Capitalised words that open a sentence without being part of the name after them.
_SENTENCE_OPENERS = frozenset(
    "in on at from near outside inside around across toward towards through into to for after before since "
    "during and but so while when as the a an this that these those both all by with without within "
    "throughout beyond between among along until meanwhile".split()
)
#: A possessive word of three letters or more before the apostrophe ("Syria's"; not "Ra's", a name's "head").
_POSSESSIVE_RE = re.compile(r"^[A-Z][\w]{2,}['’]s$")
#: The Arabic article as some outlets write it before a sun letter: "Ahrar a-Sham", "Nour e-Din".
_SHORT_ARTICLES = frozenset({"a", "e"})
#: The word before a position and what parts it from there, matched on the reversed text before it
#: (one anchored match where a search for ``([\w'’]+)([ \t]+|-)$`` would try every start): the
#: newline that ``$`` may stand before, the separator, then the word, each reversed.
_WORD_BEFORE_REVERSED = re.compile(r"\n?(-|[ \t]+)([\w'’]+)")
_WORD_AFTER = re.compile(r"(?:[ \t]+|-)(?:(?:al|el|Al|El)[ \t-]|[ae]-)?([\w'’]+)")
_QUALIFIER_AFTER = re.compile(r"['’]?s?[ \t]+(\w+)")
#: "X of " or "X of the " ending the text before a name, matched on that text reversed (one anchored
#: match where a search for ``(\w+)\s+of\s+(?:the\s+)?$`` tries every start): the word X, reversed.
_QUALIFIER_BEFORE_REVERSED = re.compile(r"\s+(?:eht\s+)?fo\s+(\w+)")
_DIRECTION_BEFORE = re.compile(r"\b(?:northern|southern|eastern|western|rural|greater)\s+$", re.IGNORECASE)
#: A mountain's title before its name ("Mount Azzan", "Jabal Shuweihneh"): the mountain, not a village.
_MOUNT_BEFORE = re.compile(r"\b(?:Mount|Mt\.?|Jabal|Jebel|Jabel)\s+$")
#: An article and a word that continue a name the scan ended early: "Tlel Al-humr", "Rasm al- Mfker".
_LOWERCASE_TAIL = re.compile(r"[ \t-](?:[AaEe]l)-(?:[a-z]|[ \t][A-Za-z])[\w'’]{2,}\b")
#: What parts a name from the word beside it, first character (``_WORD_BEFORE_REVERSED``, ``_WORD_AFTER``).
_GAPS = frozenset(" \t-")
#: Characters that end a sentence before a word (with only spaces between).
_SENTENCE_END_CHARS = frozenset('.!?:;"“”')


def find_mentions(article: Article, resolver: Resolver, *, suggest: bool = True) -> list[Mention]:
    """Every place mention of an article, resolved where the context allows, in text order.

    Gazetteer names come from one automaton pass; place-like names in place contexts ("the town of
    X", "in X", "X province") that no name covers are tried by consonant skeleton, and reported as
    unresolved when that fails too, with spelling suggestions when ``suggest`` (extraction needs the
    unresolved names, which end a trigger's object or carry a list on, but not their suggestions).
    """
    text = article.text
    lines = TitleCaseLines(text)
    hits = [
        _with_lowercase_tail(text, h, resolver) if text[h.end + 3 : h.end + 4] == "-" else h
        for h in resolver.index.scan(text)
        if _is_place_use(text, h, lines)
    ]
    missing: list[tuple[int, int, str]] = []
    for start, end, surface in place_context_spans(text, [(h.start, h.end) for h in hits], lines):
        place_ids = resolver.index.skeleton_places(surface)
        if place_ids:
            hits.append(NameHit(start, end, surface, place_ids, "skeleton", len(TOKEN_RE.findall(surface))))
        else:
            missing.append((start, end, surface))
    hits.sort(key=lambda h: h.start)
    starts = [s.start for s in article.sentences]
    sentences = [_sentence_of(h.start, starts) for h in hits]
    uses = [
        NameUse(h.place_ids, cast(MatchKind, h.match), _qualifier(text, h), sentence, h.surface)
        for h, sentence in zip(hits, sentences)
    ]
    mentions: list[Mention] = []
    for hit, sentence, choice in zip(hits, sentences, resolver.choose_in_article(uses)):
        mentions.append(
            Mention(
                article_id=article.id, start=hit.start, end=hit.end, surface=hit.surface, status=choice.status,
                place=choice.place, match=choice.match, candidates=choice.candidates, sentence_index=sentence,
            )
        )  # fmt: skip
    mentions = settled_by_bearing(text, mentions)  # "Zara, 40 km west of Homs"
    anchors = [m.place for m in mentions if m.status == "resolved" and m.place is not None]
    # A variant of places far from the article: the place of that spelling beside it, if one.
    variants = [
        i
        for i, m in enumerate(mentions)
        if m.status == "ambiguous" or (m.status == "resolved" and m.match in ("normalised", "skeleton"))
    ]
    names = [
        (m.surface, m.candidates, {c.place.id for c in m.candidates} | {m.place.id if m.place else ""})
        for m in (mentions[i] for i in variants)
    ]
    for i, near in zip(variants, resolver.respelled(names, anchors)):
        if near is not None:
            mentions[i] = replace(
                mentions[i], status="resolved", place=near.place, match="fuzzy", candidates=(near,)
            )
    mentions = _with_local_namesakes(mentions, resolver)  # "Hajiyeh" beside Big and Little Hajiyeh
    if missing:
        # A spelling no source lists: the one place of its loose signature beside the article's places.
        still = []
        for start, end, surface in missing:
            near = resolver.nearby_spelling(surface, anchors)
            if near is None:
                still.append((start, end, surface))
                continue
            mentions.append(Mention(article.id, start, end, surface, "resolved", place=near.place, match="fuzzy",
                                    candidates=(near,), sentence_index=_sentence_of(start, starts)))  # fmt: skip
        missing = still
    mentions += [
        Mention(article.id, start, end, surface, "unresolved",
                suggestions=tuple(c.place.id for c in resolver.suggestions(surface)) if suggest else (),
                sentence_index=_sentence_of(start, starts))
        for start, end, surface in missing
    ]  # fmt: skip
    return sorted(mentions, key=lambda m: (m.start, m.end))


def _with_lowercase_tail(text: str, hit: NameHit, resolver: Resolver) -> NameHit:
    """The hit with the article-led word after it that the scan left out, lowercase or set off by a
    space ("Tlel Al-humr", "Rasm al- Mfker", where "Tlel" and "Rasm" alone spell other villages), when
    that longer name spells a place by its consonant skeleton (only where a hyphen stands three
    characters after it, as the article's does)."""
    tail = _LOWERCASE_TAIL.match(text, hit.end)
    if tail is None:
        return hit
    surface = text[hit.start : tail.end()]
    place_ids = resolver.index.skeleton_places(surface)
    if not place_ids:
        return hit
    return NameHit(hit.start, tail.end(), surface, place_ids, "skeleton", hit.token_count + 2)


def _sentence_of(pos: int, starts: list[int]) -> int:
    """The index of the sentence holding a text offset (-1 when the article has no sentences)."""
    return bisect_right(starts, pos) - 1 if starts else -1


def _is_place_use(text: str, hit: NameHit, lines: TitleCaseLines) -> bool:
    """Reject hits that are not place uses: lowercase words, parts of longer proper nouns, people."""
    alone = _surface_use(hit.surface)
    if alone is not None:
        return alone
    if hit.token_count == 1 and hit.match != "exact" and _sentence_initial(text, hit.start):
        return False
    if not (
        _capitalised_neighbour(text, hit.start, before=True)
        or _capitalised_neighbour(text, hit.end, before=False)
    ):
        return True
    return lines.title_case(hit.start)  # in a Title Case headline capitals say nothing


@lru_cache(maxsize=1 << 14)
def _surface_use(surface: str) -> bool | None:
    """What a hit's surface says alone: a place use (Arabic script), none (no capital or digit, a word
    that is never a place), or None when its context decides."""
    if is_arabic(surface):
        return True
    if not any(ch.isupper() or ch.isdigit() for ch in surface) or fold(surface) in not_places():
        return False
    return None


def _sentence_initial(text: str, pos: int) -> bool:
    """True when a word opens its sentence, where capitals say nothing about names."""
    return _ends_sentence(text[max(0, pos - 3) : pos])


def _ends_sentence(text: str) -> bool:
    """True when a text is blank or ends with a sentence's last character (and spaces)."""
    rest = text.rstrip()
    return not rest or rest[-1] in _SENTENCE_END_CHARS


def _capitalised_neighbour(text: str, pos: int, before: bool) -> bool:
    """True when the word next to a hit is capitalised and joins it into a longer proper noun."""
    if before:
        gap = text[pos - 2 : pos] if pos >= 2 else text[:pos]
        if gap[-1:] not in _GAPS and (gap[-1:] != "\n" or gap[:1] not in _GAPS):
            return False  # no space or hyphen before the name: no word joins it (as the pattern below says)
        window = text[max(0, pos - 40) : pos]
        m = _WORD_BEFORE_REVERSED.match(window[::-1])
        if not m:
            return False
        word = m.group(2)[::-1]
        if _POSSESSIVE_RE.search(word) and m.group(1) != "-":
            return False  # "Syria's Idlib", "Aleppo's Salaheddine": the owner, not part of the name
        if m.group(1) == "-" and word in _SHORT_ARTICLES:
            # "Tahrir a-Sham", "Nour e-Din": an article written as one vowel joins the words around it
            return _capitalised_neighbour(text, pos - len(m.group(1)) - len(word), before=True)
        if word[:1].isupper() and _ends_sentence(window[: len(window) - m.end()]) \
                and fold(word) in _SENTENCE_OPENERS:  # fmt: skip
            return False  # "In Idlib, ..." / "Near Afis ...": a capital that only opens the sentence
    else:
        if text[pos : pos + 1] not in _GAPS:
            return False
        m = _WORD_AFTER.match(text, pos, pos + 40)
        if not m:
            return False
        word = m.group(1)
    if not word[:1].isupper():
        return False
    folded = fold(word)
    # calendar words do not join a name either: "rebels took Saraqeb Thursday" (wire style, without "on")
    return folded not in PLACE_WORDS and folded not in ("al", "el") and folded not in CALENDAR_WORDS


def _qualifier(text: str, hit: NameHit) -> str:
    """A kind word right after ("Idlib province") or right before ("the city of Idlib", "Mount X") a name."""
    after = _QUALIFIER_AFTER.match(text, hit.end, hit.end + 30)
    if after and after.group(1).lower() in QUALIFIER_KINDS:
        return after.group(1).lower()
    before = _QUALIFIER_BEFORE_REVERSED.match(text[max(0, hit.start - 40) : hit.start][::-1])
    if before and (word := before.group(1)[::-1].lower()) in QUALIFIER_KINDS:
        return word
    if _MOUNT_BEFORE.search(text, max(0, hit.start - 8), hit.start):
        return "mount"
    window = text[max(0, hit.start - 12) : hit.start].lower()  # a cheap test of the words it needs first
    if ("ern" in window or "rural" in window or "greater" in window) \
            and _DIRECTION_BEFORE.search(text, max(0, hit.start - 12), hit.start):  # fmt: skip
        return "province"
    return ""


def _with_local_namesakes(mentions: list[Mention], resolver: Resolver) -> list[Mention]:
    """``mentions`` with each village spelled exactly but far from the settled places of its sentence
    read as the namesake beside them ("Big X", "Upper X"), or left ambiguous when several are there
    (``Resolver.local_namesakes``). Each name of a sentence is looked up once."""
    settled: dict[int, dict[str, Place]] = {}
    for m in mentions:
        if m.status == "resolved" and m.place is not None:
            settled.setdefault(m.sentence_index, {})[m.place.id] = m.place
    anchors = {index: tuple(places.values()) for index, places in settled.items()}
    uses: dict[tuple[str, str, int], Place] = {}
    for m in mentions:
        if (
            m.status == "resolved"
            and m.match == "exact"
            and m.place is not None
            and m.place.kind == "populated_place"
        ):
            uses.setdefault((m.surface, m.place.id, m.sentence_index), m.place)
    if not uses:
        return mentions
    namesakes = resolver.local_namesakes([(k[0], p, anchors[k[2]]) for k, p in uses.items()])
    found = {use: local for use, local in zip(uses, namesakes, strict=True) if local}
    if not found:
        return mentions  # most articles: no village beside a namesake
    out = []
    for m in mentions:
        local = found.get((m.surface, m.place.id, m.sentence_index), ()) if m.place is not None else ()
        if len(local) == 1:
            m = replace(m, place=local[0].place, match="fuzzy", candidates=local)
        elif local and m.place is not None and m.status == "resolved":
            far = m.candidates or (Candidate(m.place, "exact"),)
            m = replace(m, status="ambiguous", place=None, match="", candidates=local + far)
        out.append(m)
    return out
