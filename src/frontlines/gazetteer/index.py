"""A name index over a gazetteer: one Aho-Corasick pass over a text finds every name in it.

Each distinct token key (see ``normalise.token_key``) gets one character; a name becomes the string of
its tokens' characters, and a text becomes the string of its tokens' characters (tokens no name uses
map to a filler). Matching those strings with a leftmost-longest automaton gives, in one pass and with
no loop over names, every name on whole-token boundaries ("Bara" is not in "Barack", "Hama" not in
"Hamas"), the longest one where names overlap ("Khan Shaykhun" over "Khan"), whatever the spelling.
``skeleton_places`` gives place-like spans no name covers a second chance through their consonant
skeleton (the mention finder calls it for names in place contexts).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
from collections import defaultdict
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import ahocorasick_rs

from frontlines.gazetteer.load import Gazetteer
from frontlines.gazetteer.normalise import (
    ARTICLES,
    NAME_DESCRIPTORS,
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
TOKEN_PATTERN = r"[^\W_]+(?:['’‘ʿʾʼ`](?![sS]\b)[^\W_]+)*"
TOKEN_RE = re.compile(TOKEN_PATTERN)
_SPLIT_RE = re.compile(f"({TOKEN_PATTERN})")
#: Skeletons shorter than this collide too often to be trusted.
MIN_SKELETON = 4
#: After a generic first word (Sheikh, Tal, Kafr...), the rest of a skeleton needs this many consonants.
MIN_TAIL_SKELETON = 3
_GENERIC_HEADS = frozenset(
    token_key(w) for w in "sheikh tal kafr deir ain abu jabal khirbet beit umm bir ras wadi khan tell jisr hay".split()
)
#: Names of more tokens than this get no article-gap variants (they would multiply).
_MAX_GAPS = 4
#: Token strings one spelling may give at most (article gaps times lowercase/capitalised words).
_MAX_VARIANTS = 32
_FILLER = " "
#: Entries the token and chunk caches hold before they are cleared.
_MAX_CACHED = 400_000
_ARTICLE = "\x01"
_FIRST_CHAR = 0x100
#: Bumped whenever the index's layout or normalisation changes, so old caches are not reused.
_INDEX_VERSION = 8
_ARABIC_PROCLITICS = ("و", "ب", "ل", "ف", "ك")


class NameHit(NamedTuple):
    """A span of text that spells one or more gazetteer names (a tuple: cheap to make per hit)."""

    start: int
    end: int
    surface: str
    place_ids: tuple[str, ...]
    match: str  # exact | normalised | skeleton
    token_count: int


def _token_char(i: int) -> str:
    code = _FIRST_CHAR + i
    return chr(code + 0x800 if code >= 0xD800 else code)  # skip the surrogate block


class _TokenChars(dict):
    """Raw token -> automaton character, filled on first sight (dict lookups stay in C after that)."""

    def __init__(self, index: NameIndex):
        super().__init__()
        self._index = index

    def __missing__(self, raw: str) -> str:
        char = self[raw] = self._index.classify(raw)
        return char


class _ChunkChars(dict):
    """Space-separated chunk of text -> the automaton characters of its tokens, filled on first sight.

    ``spans`` keeps, per chunk, where each of those tokens lies inside it (needed only for hits).
    Both are cleared when they grow past ``_MAX_CACHED`` entries, so a year of news stays bounded.
    """

    def __init__(self, index: NameIndex):
        super().__init__()
        self._index = index
        self.spans: dict[str, list[tuple[int, int]]] = {}

    def __missing__(self, chunk: str) -> str:
        if len(self) > _MAX_CACHED:
            self.clear()
            self.spans.clear()
        spans = [m.span() for m in TOKEN_RE.finditer(chunk)]
        chars = "".join([self._index.classify_cached(chunk[a:b]) for a, b in spans])
        self[chunk] = chars
        self.spans[chunk] = spans
        return chars


class NameIndex:
    """Every name of a gazetteer, indexed for whole-text scans and single-name look-ups."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self._chars: dict[str, str] = {}
        self._by_fold: dict[str, set[str]] = defaultdict(set)
        self._by_key: dict[str, set[str]] = defaultdict(set)
        self._by_skeleton: dict[tuple[str, int, str], set[str]] = defaultdict(set)
        spellings: list[tuple[str, list[str], list[bool]]] = []
        for entry in gazetteer.names:
            if not any(ch.isalpha() for ch in entry.name):
                continue
            self._by_fold[fold(entry.name)].add(entry.place_id)
            for spelling in filter(None, (entry.name, article_split(entry.name))):
                tokens = name_tokens(spelling)
                self._by_key[" ".join(tokens)].add(entry.place_id)
                for token in tokens:
                    self._char_for(token)
                spellings.append((entry.place_id, tokens, _lowercase_flags(spelling, len(tokens))))
                signature = skeleton_signature(spelling)
                if signature:
                    self._by_skeleton[signature].add(entry.place_id)
        # Lowercase words get a twin of their character (classify): place names in running text are
        # capitalised, so "on", "has" or "took" (village names too) match only where a name writes
        # a word in lowercase ("nexus of the M4 and M5") or right after an article ("Al qonfud").
        # Thousands of common words no longer become hits to throw away.
        self._twins = {char: _token_char(len(self._chars) + i) for i, char in enumerate(self._chars.values())}
        pattern_places: dict[str, set[str]] = defaultdict(set)
        for place_id, tokens, lowercase in spellings:
            # A word the name writes in lowercase may come in either case; a capitalised one must
            # be capitalised (descriptors such as "governorate" are never twinned: see classify).
            choices = [
                (self._twins[self._chars[token]], self._chars[token]) if low else (self._chars[token],)
                for token, low in zip(tokens, lowercase)
            ]
            for pattern in self._patterns_for(choices):
                pattern_places[pattern].add(place_id)
            if len(tokens) == 1:
                pattern_places[_ARTICLE + self._twins[self._chars[tokens[0]]]].add(place_id)
        self._patterns = sorted(pattern_places)
        self._pattern_places = [tuple(sorted(pattern_places[p])) for p in self._patterns]
        self._automaton = ahocorasick_rs.AhoCorasick(
            self._patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
        )
        self._token_chars = _TokenChars(self)
        self._chunk_chars = _ChunkChars(self)

    def _char_for(self, key: str) -> str:
        char = self._chars.get(key)
        if char is None:
            char = self._chars[key] = _token_char(len(self._chars))
        return char

    def __getstate__(self) -> dict:
        state = {
            k: v for k, v in self.__dict__.items() if k not in ("_automaton", "_token_chars", "_chunk_chars", "gazetteer")
        }
        state["_by_fold"], state["_by_key"], state["_by_skeleton"] = (
            dict(state["_by_fold"]), dict(state["_by_key"]), dict(state["_by_skeleton"])
        )
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._automaton = ahocorasick_rs.AhoCorasick(self._patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        self._token_chars = _TokenChars(self)
        self._chunk_chars = _ChunkChars(self)

    @classmethod
    def cached(cls, gazetteer: Gazetteer, cache_dir: Path | None = None) -> NameIndex:
        """The index of a gazetteer, from an on-disk cache keyed by its names when one is there.

        The cache lives in ``$FRONTLINES_CACHE`` (default ``~/.cache/frontlines``); set it to an
        empty string to turn caching off. A damaged or unwritable cache is ignored.
        """
        root = cache_dir if cache_dir is not None else _cache_root()
        if root is None:
            return cls(gazetteer)
        digest = hashlib.sha256(f"{_INDEX_VERSION}\n".encode())
        for entry in gazetteer.names:
            digest.update(f"{entry.place_id}\t{entry.name}\n".encode())
        path = root / f"index-{digest.hexdigest()[:24]}.pickle"
        try:
            with path.open("rb") as f:
                index = pickle.load(f)
            index.gazetteer = gazetteer
            return index
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            pass
        index = cls(gazetteer)
        try:
            root.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(path)
        except OSError:
            pass
        return index

    @staticmethod
    def _patterns_for(choices: list[tuple[str, ...]]) -> list[str]:
        """A name's token strings: each token's character choices, and an optional article in any
        gap (Maarat al-Numan); at most ``_MAX_VARIANTS`` of them, the plainest first."""
        variants = [""]
        for i, options in enumerate(choices):
            gaps = ("", _ARTICLE) if i and len(choices) <= _MAX_GAPS + 1 else ("",)
            variants = [v + gap + char for v in variants for gap in gaps for char in options][:_MAX_VARIANTS]
        return variants

    @property
    def name_count(self) -> int:
        """How many distinct spellings (token strings, article variants included) the automaton holds."""
        return len(self._patterns)

    # -- single names -------------------------------------------------------------------------
    def lookup(self, name: str) -> list[tuple[str, str]]:
        """Place ids a name may mean, with how it matched (exact, normalised or skeleton)."""
        found: dict[str, str] = {}
        for place_id in sorted(self._by_fold.get(fold(name), ())):
            found.setdefault(place_id, "exact")
        for place_id in sorted(self._by_key.get(name_key(name), ())):
            found.setdefault(place_id, "normalised")
        if not found:
            for place_id in self.skeleton_places(name):
                found.setdefault(place_id, "skeleton")
        return list(found.items())

    def skeleton_places(self, name: str) -> tuple[str, ...]:
        """Place ids whose names have the same consonant skeleton, word count and initial."""
        signature = skeleton_signature(name)
        return tuple(sorted(self._by_skeleton.get(signature, ()))) if signature else ()

    def keys(self) -> list[str]:
        """Every name key, for fuzzy suggestions."""
        return sorted(self._by_key)

    def places_for_key(self, key: str) -> tuple[str, ...]:
        """Place ids whose names have this key."""
        return tuple(sorted(self._by_key.get(key, ())))

    # -- whole texts --------------------------------------------------------------------------
    def classify(self, raw: str) -> str:
        """The automaton character of one raw token: a name token, an article, or the filler.

        A lowercase Latin word gets the twin of its character (see ``__init__``).
        """
        folded = fold(raw)
        if folded in ARTICLES or folded in SUN_ARTICLES:
            return _ARTICLE
        char = self._chars.get(token_key(folded), _FILLER)
        if char != _FILLER and raw.islower() and folded not in NAME_DESCRIPTORS and not any(map(str.isdigit, raw)):
            return self._twins[char]
        if char == _FILLER and is_arabic(folded):
            stripped = folded[1:] if folded.startswith(_ARABIC_PROCLITICS) else folded
            for candidate in (stripped, stripped[2:] if stripped.startswith("ال") else ""):
                if len(candidate) > 2 and (found := self._chars.get(token_key(candidate))):
                    return found
        return char

    def classify_cached(self, raw: str) -> str:
        """``classify`` through the token cache."""
        return self._token_chars[raw]

    def scan(self, text: str) -> list[NameHit]:
        """Every gazetteer name in a text, longest first where they overlap, in text order.

        The text is split on spaces (``str.split``, no regex), each chunk is mapped to its tokens'
        automaton characters through a cache (C-level dict look-ups once a chunk has been seen),
        and one automaton pass runs over the result. Offsets are computed only for hits.
        """
        chunks = text.replace("\n", " ").split(" ")
        mapped = list(map(self._chunk_chars.__getitem__, chunks))
        stream = "".join(mapped)
        found = self._automaton.find_matches_as_indexes(stream)
        if not found:
            return []
        char_ends = list(accumulate(map(len, mapped)))
        chunk_ends = list(accumulate(map(len, chunks)))
        spans = self._chunk_chars.spans
        by_fold, pattern_places = self._by_fold, self._pattern_places

        def locate(pos: int) -> tuple[int, int]:
            i = bisect_right(char_ends, pos)
            if i:
                a, b = spans[chunks[i]][pos - char_ends[i - 1]]
                base = chunk_ends[i - 1] + i
            else:
                a, b = spans[chunks[0]][pos]
                base = 0
            return base + a, base + b

        hits = []
        for pattern_index, first, last in found:
            start, first_end = locate(first)
            if first and stream[first - 1] == _ARTICLE:
                a, b = locate(first - 1)
                if _is_article_of(text[a:b], text[start:first_end]):
                    start = a  # the hit starts at its article (al-Nayrab)
            end = locate(last - 1)[1] if last - first > 1 else first_end
            surface = text[start:end]
            place_ids = pattern_places[pattern_index]
            exact = by_fold.get(fold(surface), ())
            match = "exact" if any(p in exact for p in place_ids) else "normalised"
            words = last - first - stream.count(_ARTICLE, first, last)
            hits.append(NameHit(start, end, surface, place_ids, match, words))
        return hits

    def scan_by_regex(self, text: str) -> list[NameHit]:
        """The reference implementation of ``scan`` (one regex split): slower, kept for the tests."""
        parts = _SPLIT_RE.split(text)
        tokens = parts[1::2]
        stream = "".join(map(self._token_chars.__getitem__, tokens))
        found = self._automaton.find_matches_as_indexes(stream)
        if not found:
            return []
        bounds = list(accumulate(map(len, parts)))  # token k spans bounds[2k]..bounds[2k+1]
        hits = []
        for pattern_index, first, last in found:
            if first > 0 and stream[first - 1] == _ARTICLE and _is_article_of(tokens[first - 1], tokens[first]):
                start = bounds[2 * first - 2]  # the hit starts at its article (al-Nayrab)
            else:
                start = bounds[2 * first]
            end = bounds[2 * last - 1]
            surface = text[start:end]
            place_ids = self._pattern_places[pattern_index]
            exact = self._by_fold.get(fold(surface), ())
            match = "exact" if any(p in exact for p in place_ids) else "normalised"
            words = last - first - stream.count(_ARTICLE, first, last)
            hits.append(NameHit(start, end, surface, place_ids, match, words))
        return hits


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


def _cache_root() -> Path | None:
    configured = os.environ.get("FRONTLINES_CACHE")
    if configured is not None:
        return Path(configured) if configured else None
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "frontlines"


def _is_article_of(article: str, word: str) -> bool:
    """True when a token before a name is its Arabic article (al-, or an assimilated an-Nabk)."""
    folded = fold(article)
    letter = SUN_ARTICLES.get(folded)
    return folded in ARTICLES or bool(letter and fold(word).startswith(letter))


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
    return skel, len(words), "V" if first in "aeiouy" or first in "اأإآعء" else skel[0]


