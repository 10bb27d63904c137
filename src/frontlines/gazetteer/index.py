"""A name index over a gazetteer: one Aho-Corasick pass over a text finds every name in it.

Each distinct token key (see ``normalise.token_key``) gets one character; a name becomes the string of
its tokens' characters, and a text becomes the string of its tokens' characters (tokens no name uses
map to a filler). Matching those strings with a leftmost-longest automaton gives, in one pass and with
no loop over names, every name on whole-token boundaries ("Bara" is not in "Barack", "Hama" not in
"Hamas"), the longest one where names overlap ("Khan Shaykhun" over "Khan"), whatever the spelling.
Capitalised tokens that no name covers then get a second chance through their consonant skeleton.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import ahocorasick_rs

from frontlines.gazetteer.load import Gazetteer
from frontlines.gazetteer.normalise import (
    ARTICLES,
    SUN_ARTICLES,
    article_split,
    fold,
    is_arabic,
    name_key,
    name_tokens,
    skeleton,
    token_key,
)

#: A word, with apostrophes inside it (Ma'arrat) but not an English possessive ('s).
TOKEN_RE = re.compile(r"[^\W_]+(?:['’‘ʿʾʼ`](?![sS]\b)[^\W_]+)*")
#: Skeletons shorter than this collide too often to be trusted.
MIN_SKELETON = 4
_FILLER = " "
_ARTICLE = "\x01"
_FIRST_CHAR = 0x100
_ARABIC_PROCLITICS = ("و", "ب", "ل", "ف", "ك")


@dataclass(frozen=True, slots=True)
class NameHit:
    """A span of text that spells one or more gazetteer names."""

    start: int
    end: int
    surface: str
    place_ids: tuple[str, ...]
    match: str  # exact | normalised | skeleton
    token_count: int


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    folded: str
    char: str


def _token_char(i: int) -> str:
    code = _FIRST_CHAR + i
    return chr(code + 0x800 if code >= 0xD800 else code)  # skip the surrogate block


class NameIndex:
    """Every name of a gazetteer, indexed for whole-text scans and single-name look-ups."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._chars: dict[str, str] = {}
        self._by_fold: dict[str, set[str]] = defaultdict(set)
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._by_skeleton: dict[tuple[str, int, str], set[str]] = defaultdict(set)
        self._token_cache: dict[str, tuple[str, str]] = {}
        pattern_places: dict[str, set[str]] = defaultdict(set)
        for entry in gazetteer.names:
            if not any(ch.isalpha() for ch in entry.name):
                continue
            self._by_fold[fold(entry.name)].add(entry.place_id)
            for spelling in filter(None, (entry.name, article_split(entry.name))):
                tokens = name_tokens(spelling)
                self._by_key[" ".join(tokens)].add(entry.place_id)
                pattern = "".join(self._char_for(t) for t in tokens)
                pattern_places[pattern].add(entry.place_id)
                signature = skeleton_signature(spelling)
                if signature:
                    self._by_skeleton[signature].add(entry.place_id)
        self._patterns = sorted(pattern_places)
        self._pattern_places = [tuple(sorted(pattern_places[p])) for p in self._patterns]
        self._automaton = ahocorasick_rs.AhoCorasick(
            self._patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )

    def _char_for(self, key: str) -> str:
        char = self._chars.get(key)
        if char is None:
            char = self._chars[key] = _token_char(len(self._chars))
        return char

    @property
    def name_count(self) -> int:
        """How many distinct spellings (keys) the automaton holds."""
        return len(self._patterns)

    # -- single names -------------------------------------------------------------------------
    def lookup(self, name: str) -> list[tuple[str, str]]:
        """Place ids a name may mean, with how it matched (exact, normalised or skeleton)."""
        found: dict[str, str] = {}
        for place_id in sorted(self._by_fold.get(fold(name), ())):
            found.setdefault(place_id, "exact")
        for place_id in sorted(self._by_key.get(name_key(name), ())):
            found.setdefault(place_id, "normalised")
        signature = skeleton_signature(name)
        if not found and signature:
            for place_id in sorted(self._by_skeleton.get(signature, ())):
                found.setdefault(place_id, "skeleton")
        return list(found.items())

    def keys(self) -> list[str]:
        """Every name key, for fuzzy suggestions."""
        return sorted(self._by_key)

    def places_for_key(self, key: str) -> tuple[str, ...]:
        """Place ids whose names have this key."""
        return tuple(sorted(self._by_key.get(key, ())))

    # -- whole texts --------------------------------------------------------------------------
    def _classify(self, raw: str) -> tuple[str, str]:
        cached = self._token_cache.get(raw)
        if cached is not None:
            return cached
        folded = fold(raw)
        if folded in ARTICLES:
            char = _ARTICLE
        else:
            char = self._chars.get(token_key(folded), _FILLER)
            if char == _FILLER and is_arabic(folded):
                char = self._arabic_with_proclitic(folded)
        self._token_cache[raw] = (folded, char)
        return folded, char

    def _arabic_with_proclitic(self, folded: str) -> str:
        stripped = folded[1:] if folded.startswith(_ARABIC_PROCLITICS) else folded
        for candidate in (stripped, stripped[2:] if stripped.startswith("ال") else ""):
            if len(candidate) > 2 and (char := self._chars.get(token_key(candidate))):
                return char
        return _FILLER

    def tokens(self, text: str) -> list[_Token]:
        """The tokens of a text with their folded form and automaton character."""
        out = []
        for m in TOKEN_RE.finditer(text):
            folded, char = self._classify(m.group())
            out.append(_Token(m.start(), m.end(), folded, char))
        return out

    def scan(self, text: str, use_skeleton: bool = True) -> list[NameHit]:
        """Every gazetteer name in a text, longest first where they overlap, in text order."""
        tokens = self.tokens(text)
        stream: list[str] = []
        positions: list[int] = []
        for i, tok in enumerate(tokens):
            nxt = tokens[i + 1].folded if i + 1 < len(tokens) else ""
            letter = SUN_ARTICLES.get(tok.folded)
            if nxt and (tok.char == _ARTICLE or (letter and nxt.startswith(letter))):
                continue
            stream.append(_FILLER if tok.char == _ARTICLE else tok.char)
            positions.append(i)
        hits: list[NameHit] = []
        covered: set[int] = set()
        for pattern_index, first, last in self._automaton.find_matches_as_indexes("".join(stream)):
            t0, t1 = positions[first], positions[last - 1]
            start, end = self._extend_article(tokens, t0), tokens[t1].end
            surface = text[start:end]
            place_ids = self._pattern_places[pattern_index]
            match = "exact" if any(p in self._by_fold.get(fold(surface), ()) for p in place_ids) else "normalised"
            hits.append(NameHit(start, end, surface, place_ids, match, last - first))
            covered.update(range(t0, t1 + 1))
        if use_skeleton:
            longer = self._skeleton_hits(text, tokens, covered)
            hits = [h for h in hits if not any(s.start < h.end and h.start < s.end for s in longer)] + longer
        hits.sort(key=lambda h: h.start)
        return hits

    @staticmethod
    def _extend_article(tokens: list[_Token], t0: int) -> int:
        """Start a hit at its Arabic article when the text has one (al-Nayrab, not Nayrab)."""
        if t0 > 0:
            prev = tokens[t0 - 1]
            letter = SUN_ARTICLES.get(prev.folded)
            if prev.char == _ARTICLE or (letter and tokens[t0].folded.startswith(letter)):
                return prev.start
        return tokens[t0].start

    def _skeleton_hits(self, text: str, tokens: list[_Token], covered: set[int]) -> list[NameHit]:
        """Skeleton matches of capitalised runs that hold a token no name covers.

        A run may swallow a shorter name hit ("Busra Al-Harir" over "Busra"); the caller drops it.
        """
        hits: list[NameHit] = []
        i = 0
        while i < len(tokens):
            if not _is_name_like(text, tokens[i]):
                i += 1
                continue
            for n in (3, 2, 1):
                span = tokens[i : i + n]
                if len(span) < n or not all(_is_name_like(text, t) or t.char == _ARTICLE for t in span):
                    continue
                if all(j in covered for j in range(i, i + n)):
                    continue
                signature = skeleton_signature(" ".join(t.folded for t in span))
                place_ids = self._by_skeleton.get(signature) if signature else None
                if place_ids:
                    start, end = span[0].start, span[-1].end
                    hits.append(NameHit(start, end, text[start:end], tuple(sorted(place_ids)), "skeleton", n))
                    i += n - 1
                    break
            i += 1
        return hits


def skeleton_signature(name: str) -> tuple[str, int, str] | None:
    """A name's skeleton with its word count and initial (vowel or consonant), or None when too short.

    Word count and initial keep the skeleton from pairing names of different shapes ("Arab News" and
    "Harbanifse" share the consonants r-b-n-s but nothing else).
    """
    words = name_tokens(name)
    skel = skeleton(name)
    if len(skel) < MIN_SKELETON or not words:
        return None
    first = words[0][0]
    return skel, len(words), "V" if first in "aeiouy" or first in "اأإآعء" else skel[0]


def _is_name_like(text: str, tok: _Token) -> bool:
    first = text[tok.start]
    return first.isupper() or is_arabic(first)
