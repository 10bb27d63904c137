"""Each spelling of a gazetteer's names as a string of token characters, and the tables built from them."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from frontlines.gazetteer.load import Gazetteer
from frontlines.gazetteer.normalise import (
    ARTICLES,
    SUN_ARTICLES,
    article_split,
    fold,
    name_tokens,
    skeleton,
    token_key,
    word_count,
)
from frontlines.gazetteer.tables import Table, Tables, name_forms_of

#: A word, with apostrophes inside it (Ma'arrat) but not an English possessive ('s).
TOKEN_PATTERN = r"[^\W_]+(?:['’‘ʿʾʼ`](?![sS]\b)[^\W_]+)*"
TOKEN_RE = re.compile(TOKEN_PATTERN)
#: Skeletons shorter than this collide too often to be trusted.
MIN_SKELETON = 4
#: After a generic first word (Sheikh, Tal, Kafr...), the rest of a skeleton needs this many consonants.
MIN_TAIL_SKELETON = 3
_GENERIC_HEADS = frozenset(
    token_key(w)
    for w in "sheikh tal kafr deir ain abu jabal khirbet beit umm bir ras wadi khan tell jisr hay".split()
)
#: Names of more tokens than this get no article-gap variants (they would multiply).
_MAX_GAPS = 4
#: Token strings one spelling may give at most (article gaps times lowercase/capitalised words).
_MAX_VARIANTS = 32
#: The character of an article (al-, an-) in a pattern or a scanned text; name tokens from _FIRST_CHAR.
ARTICLE_CHAR = "\x01"
_FIRST_CHAR = 0x100


def token_char(i: int) -> str:
    """The automaton character of the ``i``-th distinct name token."""
    code = _FIRST_CHAR + i
    return chr(code + 0x800 if code >= 0xD800 else code)  # skip the surrogate block


def build_tables(gazetteer: Gazetteer) -> Tables:
    """Every spelling of every name, as automaton patterns, and the look-up tables."""
    chars: dict[str, str] = {}
    by_fold: dict[str, set[str]] = defaultdict(set)
    by_key: dict[str, set[str]] = defaultdict(set)
    by_skeleton: dict[str, set[str]] = defaultdict(set)
    spellings: list[tuple[str, list[str], list[bool]]] = []
    for entry in gazetteer.names:
        if not any(ch.isalpha() for ch in entry.name):
            continue
        by_fold[fold(entry.name)].add(entry.place_id)
        for spelling in filter(None, (entry.name, article_split(entry.name))):
            tokens = name_tokens(spelling)
            by_key[" ".join(tokens)].add(entry.place_id)
            for token in tokens:
                if token not in chars:
                    chars[token] = token_char(len(chars))
            spellings.append((entry.place_id, tokens, _lowercase_flags(spelling, len(tokens))))
            signature = skeleton_signature(spelling)
            if signature:
                by_skeleton[signature_key(signature)].add(entry.place_id)
    # Lowercase words get a twin of their character (classify): place names in running text are
    # capitalised, so "on", "has" or "took" (village names too) match only where a name writes
    # a word in lowercase ("nexus of the M4 and M5") or right after an article ("Al qonfud").
    # Thousands of common words no longer become hits to throw away.
    twins = lowercase_twins(len(chars))
    pattern_places: dict[str, set[str]] = defaultdict(set)
    for place_id, tokens, lowercase in spellings:
        # A word the name writes in lowercase may come in either case; a capitalised one must
        # be capitalised (descriptors such as "governorate" are never twinned: see classify).
        choices = [
            (twins[chars[token]], chars[token]) if low else (chars[token],)
            for token, low in zip(tokens, lowercase)
        ]
        for pattern in _patterns_for(choices):
            pattern_places[pattern].add(place_id)
        if len(tokens) == 1:
            pattern_places[ARTICLE_CHAR + twins[chars[tokens[0]]]].add(place_id)
    return Tables(list(chars), Table.of(pattern_places), Table.of(by_fold), Table.of(by_key),
                   Table.of(by_skeleton), name_forms_of(gazetteer))  # fmt: skip


def with_tokens_checked(tables: Tables) -> Tables:
    """``tables``, when each token may have its two automaton characters; raises otherwise."""
    if len(tables.tokens) * 2 + _FIRST_CHAR >= 0x10FFFF - 0x800:
        raise ValueError("too many tokens")
    return tables


def _patterns_for(choices: Sequence[tuple[str, ...]]) -> list[str]:
    """A name's token strings: each token's character choices, and an optional article in any
    gap (Maarat al-Numan); at most ``_MAX_VARIANTS`` of them, the plainest first."""
    variants = [""]
    for i, options in enumerate(choices):
        gaps = ("", ARTICLE_CHAR) if i and len(choices) <= _MAX_GAPS + 1 else ("",)
        variants = [v + gap + char for v in variants for gap in gaps for char in options][:_MAX_VARIANTS]
    return variants


def _lowercase_flags(spelling: str, count: int) -> list[bool]:
    """For each kept token of a spelling (articles dropped, as ``name_tokens``), whether it is
    written in lowercase Latin there; all False when the raw tokens do not line up."""
    raw = [t for t in TOKEN_RE.findall(spelling)]
    folded = [fold(t) for t in raw]
    kept = [
        t for i, t in enumerate(raw)
        if not (i + 1 < len(raw) and (folded[i] in ARTICLES or (
            SUN_ARTICLES.get(folded[i]) and folded[i + 1].startswith(SUN_ARTICLES[folded[i]]))))
    ]  # fmt: skip
    if len(kept) != count:
        return [False] * count
    return [t.islower() and not any(map(str.isdigit, t)) for t in kept]


def lowercase_twins(count: int) -> dict[str, str]:
    """The lowercase twin of each of the first ``count`` token characters (see ``classify``)."""
    return {token_char(i): token_char(count + i) for i in range(count)}


def signature_key(signature: tuple[str, int, str]) -> str:
    """The key of a ``skeleton_signature`` in the skeleton table."""
    skel, words, initial = signature
    return f"{skel}\t{words}\t{initial}"


def skeleton_signature(name: str) -> tuple[str, int, str] | None:
    """A name's skeleton with its word count and initial (vowel or consonant), or None when too short.

    Word count and initial keep the skeleton from pairing names of different shapes ("Arab News" and
    "Harbanifse" share the consonants r-b-n-s but nothing else).
    """
    words = name_tokens(name)
    skel = skeleton(name)
    if len(skel) < MIN_SKELETON or not words:
        return None
    if len(words) > 1 and words[0] in _GENERIC_HEADS:
        # "Sheikh X", "Tal X", "Kafr X": the generic first word says nothing, so X alone must be long
        # enough to trust (Sheikh Khodr and Sheikh Eldeir share only s-kh-d-r).
        head = skeleton(fold(name).split()[0])
        if len(skel) - len(head) < MIN_TAIL_SKELETON:
            return None
    first = words[0][0]
    return skel, word_count(words), "V" if first in "aeiouy" or first in "اأإآعء" else skel[0]
