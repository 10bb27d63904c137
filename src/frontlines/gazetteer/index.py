"""A name index over a gazetteer: one native pass over a text finds every name in it.

Each distinct token key (see ``normalise.token_key``) gets one character; a name becomes the string of
its tokens' characters, and a text becomes the string of its tokens' characters (tokens no name uses
map to a filler). Matching those strings leftmost-longest gives, in one pass and with no loop over
names, every name on whole-token boundaries ("Bara" is not in "Barack", "Hama" not in "Hamas"), the
longest one where names overlap ("Khan Shaykhun" over "Khan"), whatever the spelling. The scan does
all of it in C (``_scan.c``: tokens, their characters through a cache, a trie of the names); the
reference ``scan_by_regex`` does it with a regex tokeniser and an Aho-Corasick automaton. The names'
strings and the look-up tables are built in ``patterns``.
``skeleton_places`` gives place-like spans no name covers a second chance through their consonant
skeleton (the mention finder calls it for names in place contexts).
"""

from __future__ import annotations

import json
import os
import re
import warnings
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import NamedTuple

import ahocorasick_rs

from frontlines.errors import FrontlinesWarning
from frontlines.gazetteer.load import Gazetteer
from frontlines.gazetteer.normalise import (
    ARTICLES,
    NAME_DESCRIPTORS,
    SUN_ARTICLES,
    fold,
    is_arabic,
    name_key,
    token_key,
)
from frontlines.gazetteer.patterns import (
    ARTICLE_CHAR,
    TOKEN_PATTERN,
    build_tables,
    lowercase_twins,
    signature_key,
    skeleton_signature,
    token_char,
    with_tokens_checked,
)
from frontlines.gazetteer.tables import (
    NameForm,
    Tables,
    cache_meta,
    cache_root,
    parse_name_forms,
    read_cache,
    write_cache,
)

try:
    from frontlines.gazetteer._scan import Scanner
except ImportError as exc:  # a checkout whose C extension was never compiled
    raise ImportError(
        "frontlines.gazetteer._scan is not built: run `make install` (pip install -e .)"
    ) from exc

_SPLIT_RE = re.compile(f"({TOKEN_PATTERN})")
_FILLER = " "
#: Entries the token caches hold before they are cleared.
_MAX_CACHED = 400_000
#: The letters an assimilated article needs after it (an-Nabk), one flag bit each (see ``_token_info``).
_SUN_LETTERS = tuple(sorted(set(SUN_ARTICLES.values())))
_LETTER_SHIFT = 9
_PLAIN_ARTICLE = 0x8000
#: Assimilated articles that are English words: before a space, a hit never starts with one.
ENGLISH_ARTICLES = frozenset({"as", "at", "an"})
#: Bumped whenever the index's layout or normalisation changes, so old caches are not reused.
_INDEX_VERSION = 11
_ARABIC_PROCLITICS = ("و", "ب", "ل", "ف", "ك")


class NameHit(NamedTuple):
    """A span of text that spells one or more gazetteer names (a tuple: cheap to make per hit)."""

    start: int
    end: int
    surface: str
    place_ids: tuple[str, ...]
    match: str  # exact | normalised | skeleton
    token_count: int


class _TokenChars(dict[str, str]):
    """Raw token -> automaton character, filled on first sight (dict lookups stay in C after that)."""

    def __init__(self, index: NameIndex):
        super().__init__()
        self._index = index

    def __missing__(self, raw: str) -> str:
        char = self[raw] = self._index.classify(raw)
        return char


class NameIndex:
    """Every name of a gazetteer, indexed for whole-text scans and single-name look-ups."""

    def __init__(self, gazetteer: Gazetteer, tables: Tables | None = None):
        tables = tables if tables is not None else build_tables(gazetteer)
        self.gazetteer = gazetteer
        self._chars = {token: token_char(i) for i, token in enumerate(tables.tokens)}
        self._twins = lowercase_twins(len(self._chars))
        self._by_fold, self._by_key, self._by_skeleton = tables.by_fold, tables.by_key, tables.by_skeleton
        self._pattern_offsets, self._pattern_values = tables.patterns.offsets, tables.patterns.values
        self._pattern_count = len(tables.patterns.offsets) - 1
        # The patterns as one string, each ended by NUL (sorted, as the tables keep them): the scanner's
        # trie is built from it at the first scan, so that look-ups alone (``frontlines resolve``) never
        # pay for it.
        names = tables.patterns.names
        self._patterns = names if isinstance(names, str) else "".join([f"{p}\0" for p in names])
        self._scanner: Scanner | None = None
        self._automaton: ahocorasick_rs.AhoCorasick | None = None
        self._token_chars = _TokenChars(self)
        self._known_hits: dict[tuple[int, str], tuple[tuple[str, ...], str]] = {}
        self._name_forms = tables.name_forms
        #: What the on-disk cache of this index is keyed by (None when it was not cached): the cache
        #: of the look-ups built from the same names is keyed by it (``lookups``).
        self.cache_key: str | None = None

    def _native(self) -> Scanner:
        """The native scanner, built on first use."""
        if self._scanner is None:
            self._scanner = Scanner(self._patterns, self._token_info, _MAX_CACHED)
        return self._scanner

    def _find(self, stream: str) -> list[tuple[int, int, int]]:
        """(pattern index, start, end) of each leftmost-longest match in a token-character stream, by
        the Aho-Corasick automaton (for the reference scan; built on the first call)."""
        if self._automaton is None:
            self._automaton = ahocorasick_rs.AhoCorasick(
                self._patterns.split("\0")[:-1],
                matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=ahocorasick_rs.Implementation.ContiguousNFA,
            )
        return self._automaton.find_matches_as_indexes(stream)

    def _pattern_places(self, pattern_index: int) -> tuple[str, ...]:
        offsets = self._pattern_offsets
        return tuple(self._pattern_values[offsets[pattern_index] : offsets[pattern_index + 1]])

    @classmethod
    def cached(cls, gazetteer: Gazetteer, cache_dir: Path | None = None) -> NameIndex:
        """The index of a gazetteer, read from an on-disk cache when a valid one is there.

        The cache lives in ``$FRONTLINES_CACHE`` (default ``~/.cache/frontlines``); set it to an
        empty string to turn caching off. It holds plain arrays (numpy's ``.npz``, read without
        pickle: loading it runs no code), keyed by the gazetteer's names and the library version
        and checked on load. A cache that cannot be read or does not match its key is rebuilt with
        one warning and replaced atomically. An unwritable cache directory is ignored.
        """
        root = cache_dir if cache_dir is not None else cache_root()
        if root is None:
            return cls(gazetteer)
        meta = cache_meta(gazetteer, _INDEX_VERSION)
        path = root / f"index-{str(meta['gazetteer'])[:24]}.npz"
        index: NameIndex | None = None
        if os.path.lexists(path):
            try:
                index = cls(gazetteer, with_tokens_checked(read_cache(path, meta)))
            except Exception as exc:  # noqa: BLE001 - the bytes are untrusted: any failure means a rebuild
                reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
                warnings.warn(f"{path}: unusable name-index cache ({reason}); rebuilding it", FrontlinesWarning,
                              stacklevel=2)  # fmt: skip
        if index is None:
            tables = build_tables(gazetteer)
            write_cache(path, tables, meta)
            index = cls(gazetteer, tables)
        index.cache_key = json.dumps(meta, sort_keys=True)
        return index

    @property
    def name_count(self) -> int:
        """How many distinct spellings (token strings, article variants included) the automaton holds."""
        return self._pattern_count

    # -- single names -------------------------------------------------------------------------
    def lookup(self, name: str) -> list[tuple[str, str]]:
        """Place ids a name may mean, with how it matched (exact, normalised or skeleton)."""
        found: dict[str, str] = {}
        for place_id in self._by_fold.get(fold(name)):
            found.setdefault(place_id, "exact")
        for place_id in self._by_key.get(name_key(name)):
            found.setdefault(place_id, "normalised")
        if not found:
            for place_id in self.skeleton_places(name):
                found.setdefault(place_id, "skeleton")
        return list(found.items())

    def skeleton_places(self, name: str) -> tuple[str, ...]:
        """Place ids whose names have the same consonant skeleton, word count and initial."""
        signature = skeleton_signature(name)
        return self._by_skeleton.get(signature_key(signature)) if signature else ()

    def name_forms(self) -> list[NameForm]:
        """Each name of the gazetteer, in its order, as its keys and ``loose_signature``: what the
        look-ups of unknown spellings index (``NearbySpellings``, ``PartNames``), built and cached with
        the index, so that a new process does not work them out again (0.9 s for the shipped names)."""
        return parse_name_forms(self._name_forms)

    def keys(self) -> list[str]:
        """Every name key, for fuzzy suggestions."""
        return list(self._by_key.names)

    def places_for_key(self, key: str) -> tuple[str, ...]:
        """Place ids whose names have this key."""
        return self._by_key.get(key)

    # -- whole texts --------------------------------------------------------------------------
    def classify(self, raw: str) -> str:
        """The automaton character of one raw token: a name token, an article, or the filler.

        A lowercase Latin word gets the twin of its character (see ``__init__``).
        """
        folded = fold(raw)
        if folded in ARTICLES or folded in SUN_ARTICLES:
            return ARTICLE_CHAR
        char = self._chars.get(token_key(folded), _FILLER)
        if (
            char != _FILLER
            and raw.islower()
            and folded not in NAME_DESCRIPTORS
            and not any(map(str.isdigit, raw))
        ):
            return self._twins[char]
        if char == _FILLER and is_arabic(folded):
            stripped = folded[1:] if folded.startswith(_ARABIC_PROCLITICS) else folded
            for candidate in (stripped, stripped[2:] if stripped.startswith("ال") else ""):
                if len(candidate) > 2 and (found := self._chars.get(token_key(candidate))):
                    return found
        return char

    def _token_info(self, raw: str) -> tuple[int, int]:
        """What the native scanner keeps of a raw token: its automaton character (as a number), and
        flags for the article test of ``_is_article_of`` (the sun letters its folded form starts
        with; for an article, whether it always joins the next word or which letter it needs)."""
        char = self.classify(raw)
        folded = fold(raw)
        flags = _sun_flags(folded[:_SUN_PREFIX])
        if char == ARTICLE_CHAR:
            if folded in ARTICLES:
                flags |= _PLAIN_ARTICLE
            elif letter := SUN_ARTICLES.get(folded):
                flags |= (_SUN_LETTERS.index(letter) + 1) << _LETTER_SHIFT
        return ord(char), flags

    def scan_records(self, text: str) -> memoryview:
        """The hits of a text as native records, no Python step per hit: a flat int64 view of
        (pattern index, start, end, word count) per hit, in text order (see ``scan``)."""
        return memoryview(self._native().scan(text)).cast("q")

    def scan(self, text: str) -> list[NameHit]:
        """Every gazetteer name in a text, longest first where they overlap, in text order.

        One native pass (``scan_records``) finds the hits; only the hits become Python objects.
        """
        records = self._native().scan(text)
        if not records:
            return []
        known = self._known_hits
        if len(known) > _MAX_CACHED:
            known.clear()
        values = iter(memoryview(records).cast("q").tolist())
        hits = []
        for pattern_index, start, end, words in zip(values, values, values, values):
            start = _after_english_word(text, start)
            surface = text[start:end]
            places_match = known.get((pattern_index, surface))
            if places_match is None:
                places_match = known[pattern_index, surface] = self._places_match(pattern_index, surface)
            # tuple.__new__ makes the NamedTuple without its Python-level __new__ (a third of the cost)
            hits.append(_new_tuple(NameHit, (start, end, surface, *places_match, words)))
        return hits

    def _places_match(self, pattern_index: int, surface: str) -> tuple[tuple[str, ...], str]:
        """The places a pattern names and how a surface spells one of them (exact or normalised)."""
        place_ids = self._pattern_places(pattern_index)
        exact = self._by_fold.get(fold(surface))
        return place_ids, "exact" if any(p in exact for p in place_ids) else "normalised"

    def scan_by_regex(self, text: str) -> list[NameHit]:
        """The reference implementation of ``scan`` (one regex split, the Aho-Corasick automaton):
        slower, kept for the tests and the benchmark."""
        parts = _SPLIT_RE.split(text)
        tokens = parts[1::2]
        stream = "".join(map(self._token_chars.__getitem__, tokens))
        found = self._find(stream)
        if not found:
            return []
        bounds = list(accumulate(map(len, parts)))  # token k spans bounds[2k]..bounds[2k+1]
        hits = []
        for pattern_index, first, last in found:
            if (
                first > 0
                and stream[first - 1] == ARTICLE_CHAR
                and _is_article_of(tokens[first - 1], tokens[first])
            ):
                start = bounds[2 * first - 2]  # the hit starts at its article (al-Nayrab)
            else:
                start = bounds[2 * first]
            start = _after_english_word(text, start)
            end = bounds[2 * last - 1]
            surface = text[start:end]
            place_ids = self._pattern_places(pattern_index)
            exact = self._by_fold.get(fold(surface))
            match = "exact" if any(p in exact for p in place_ids) else "normalised"
            words = last - first - stream.count(ARTICLE_CHAR, first, last)
            hits.append(NameHit(start, end, surface, place_ids, match, words))
        return hits


_new_tuple = tuple.__new__
#: The sun letters a folded token starts with depend on its first characters only.
_SUN_PREFIX = max(map(len, _SUN_LETTERS))


@lru_cache(maxsize=1 << 12)
def _sun_flags(prefix: str) -> int:
    """One flag bit for each sun letter a token starting with ``prefix`` starts with."""
    return sum(1 << i for i, letter in enumerate(_SUN_LETTERS) if prefix.startswith(letter))


def _after_english_word(text: str, start: int) -> int:
    """Where a hit starts that the automaton started at an article that is an English word before a
    space ("at Taftanaz", "known as Saraqeb"): after that word."""
    if text[start + 2 : start + 3].isspace() and text[start : start + 2] in ENGLISH_ARTICLES:
        return start + 3
    return start


def _is_article_of(article: str, word: str) -> bool:
    """True when a token before a name is its Arabic article (al-, or an assimilated an-Nabk)."""
    folded = fold(article)
    letter = SUN_ARTICLES.get(folded)
    return folded in ARTICLES or bool(letter and fold(word).startswith(letter))
