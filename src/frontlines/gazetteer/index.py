"""A name index over a gazetteer: one native pass over a text finds every name in it.

Each distinct token key (see ``normalise.token_key``) gets one character; a name becomes the string of
its tokens' characters, and a text becomes the string of its tokens' characters (tokens no name uses
map to a filler). Matching those strings leftmost-longest gives, in one pass and with no loop over
names, every name on whole-token boundaries ("Bara" is not in "Barack", "Hama" not in "Hamas"), the
longest one where names overlap ("Khan Shaykhun" over "Khan"), whatever the spelling. The scan does
all of it in C (``_scan.c``: tokens, their characters through a cache, a trie of the names); the
reference ``scan_by_regex`` does it with a regex tokeniser and an Aho-Corasick automaton.
``skeleton_places`` gives place-like spans no name covers a second chance through their consonant
skeleton (the mention finder calls it for names in place contexts).
"""

from __future__ import annotations

import os
import re
import warnings
from collections import defaultdict
from collections.abc import Sequence
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
    article_split,
    fold,
    is_arabic,
    name_key,
    name_tokens,
    skeleton,
    token_key,
    word_count,
)
from frontlines.gazetteer.tables import (
    NameForm,
    Table,
    Tables,
    cache_meta,
    cache_root,
    name_forms_of,
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

#: A word, with apostrophes inside it (Ma'arrat) but not an English possessive ('s).
TOKEN_PATTERN = r"[^\W_]+(?:['’‘ʿʾʼ`](?![sS]\b)[^\W_]+)*"
TOKEN_RE = re.compile(TOKEN_PATTERN)
_SPLIT_RE = re.compile(f"({TOKEN_PATTERN})")
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
_FILLER = " "
#: Entries the token caches hold before they are cleared.
_MAX_CACHED = 400_000
_ARTICLE = "\x01"
#: The letters an assimilated article needs after it (an-Nabk), one flag bit each (see ``_token_info``).
_SUN_LETTERS = tuple(sorted(set(SUN_ARTICLES.values())))
_LETTER_SHIFT = 9
_PLAIN_ARTICLE = 0x8000
_FIRST_CHAR = 0x100
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


def _token_char(i: int) -> str:
    code = _FIRST_CHAR + i
    return chr(code + 0x800 if code >= 0xD800 else code)  # skip the surrogate block


class _TokenChars(dict[str, str]):
    """Raw token -> automaton character, filled on first sight (dict lookups stay in C after that)."""

    def __init__(self, index: NameIndex):
        super().__init__()
        self._index = index

    def __missing__(self, raw: str) -> str:
        char = self[raw] = self._index.classify(raw)
        return char


def _build_tables(gazetteer: Gazetteer) -> Tables:
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
                    chars[token] = _token_char(len(chars))
            spellings.append((entry.place_id, tokens, _lowercase_flags(spelling, len(tokens))))
            signature = skeleton_signature(spelling)
            if signature:
                by_skeleton[_signature_key(signature)].add(entry.place_id)
    # Lowercase words get a twin of their character (classify): place names in running text are
    # capitalised, so "on", "has" or "took" (village names too) match only where a name writes
    # a word in lowercase ("nexus of the M4 and M5") or right after an article ("Al qonfud").
    # Thousands of common words no longer become hits to throw away.
    twins = _twins(len(chars))
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
            pattern_places[_ARTICLE + twins[chars[tokens[0]]]].add(place_id)
    return Tables(list(chars), Table.of(pattern_places), Table.of(by_fold), Table.of(by_key),
                   Table.of(by_skeleton), name_forms_of(gazetteer))  # fmt: skip


def _with_tokens_checked(tables: Tables) -> Tables:
    """``tables``, when each token may have its two automaton characters; raises otherwise."""
    if len(tables.tokens) * 2 + _FIRST_CHAR >= 0x10FFFF - 0x800:
        raise ValueError("too many tokens")
    return tables


def _patterns_for(choices: Sequence[tuple[str, ...]]) -> list[str]:
    """A name's token strings: each token's character choices, and an optional article in any
    gap (Maarat al-Numan); at most ``_MAX_VARIANTS`` of them, the plainest first."""
    variants = [""]
    for i, options in enumerate(choices):
        gaps = ("", _ARTICLE) if i and len(choices) <= _MAX_GAPS + 1 else ("",)
        variants = [v + gap + char for v in variants for gap in gaps for char in options][:_MAX_VARIANTS]
    return variants


class NameIndex:
    """Every name of a gazetteer, indexed for whole-text scans and single-name look-ups."""

    def __init__(self, gazetteer: Gazetteer, tables: Tables | None = None):
        tables = tables if tables is not None else _build_tables(gazetteer)
        self.gazetteer = gazetteer
        self._chars = {token: _token_char(i) for i, token in enumerate(tables.tokens)}
        self._twins = _twins(len(self._chars))
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
        if os.path.lexists(path):
            try:
                return cls(gazetteer, _with_tokens_checked(read_cache(path, meta)))
            except Exception as exc:  # noqa: BLE001 - the bytes are untrusted: any failure means a rebuild
                reason = (str(exc).splitlines() or [type(exc).__name__])[0][:200]
                warnings.warn(f"{path}: unusable name-index cache ({reason}); rebuilding it", FrontlinesWarning,
                              stacklevel=2)  # fmt: skip
        tables = _build_tables(gazetteer)
        write_cache(path, tables, meta)
        return cls(gazetteer, tables)

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
        return self._by_skeleton.get(_signature_key(signature)) if signature else ()

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
            return _ARTICLE
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
        flags = sum(1 << i for i, letter in enumerate(_SUN_LETTERS) if folded.startswith(letter))
        if char == _ARTICLE:
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
                and stream[first - 1] == _ARTICLE
                and _is_article_of(tokens[first - 1], tokens[first])
            ):
                start = bounds[2 * first - 2]  # the hit starts at its article (al-Nayrab)
            else:
                start = bounds[2 * first]
            end = bounds[2 * last - 1]
            surface = text[start:end]
            place_ids = self._pattern_places(pattern_index)
            exact = self._by_fold.get(fold(surface))
            match = "exact" if any(p in exact for p in place_ids) else "normalised"
            words = last - first - stream.count(_ARTICLE, first, last)
            hits.append(NameHit(start, end, surface, place_ids, match, words))
        return hits


_new_tuple = tuple.__new__


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


def _twins(count: int) -> dict[str, str]:
    """The lowercase twin of each of the first ``count`` token characters (see ``classify``)."""
    return {_token_char(i): _token_char(count + i) for i in range(count)}


def _signature_key(signature: tuple[str, int, str]) -> str:
    skel, words, initial = signature
    return f"{skel}\t{words}\t{initial}"


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
    return skel, word_count(words), "V" if first in "aeiouy" or first in "اأإآعء" else skel[0]
