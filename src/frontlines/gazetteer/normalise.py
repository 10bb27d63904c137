"""Spelling-insensitive keys for place names, shared by the index (names) and the matcher (text).

Three levels, each coarser than the one before:

* ``fold``: case, diacritics, apostrophes (' ’ ʿ ʾ `), hyphens and Arabic letter variants;
* ``token_key``: one token's transliteration-insensitive form (q/k, ee/i, ou/u, e/i, o/u, doubled
  letters, ei/ai/ay, final -ah/-eh, Kafr/Kfar/Kafar, Tell/Tal, Deir/Dayr ...), so that
  Saraqeb/Saraqib, Nairab/Nayrab and Sheikhoun/Shaykhun share a key;
* ``skeleton``: the consonants only, computed from a Latin spelling or from the Arabic name, so that
  Saraqeb, Saraqib and سراقب all give ``srkb``. It catches spellings no source lists, at the cost of
  more collisions; callers use it only for capitalised text and long skeletons.

Arabic articles (al-, el-, and the assimilated as-/ash-/ad-/an-/ar-/at-/az- before their own letter)
are dropped from token sequences by ``name_tokens``.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = "'’‘ʿʾ`´ʼ′ʻ"
_DASHES = "-‐‑‒–—―/"
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640\u06d6-\u06ed]")
_ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)
_ARABIC_LETTERS_KEEP_TAA = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ؤ": "و", "ئ": "ي"}
)
# Turkish dotless ı folds to i (Öncüpınar, Cilvegözü: the Turkish names of border crossings).
_FOLD_PUNCT = str.maketrans({**{c: None for c in _APOSTROPHES}, **{c: " " for c in _DASHES}, "ı": "i"})
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")
_ARABIC_CHAR = re.compile("[\u0600-\u06ff]")

#: Latin tokens that are the Arabic definite article, always dropped.
ARTICLES: frozenset[str] = frozenset({"al", "el", "il", "ul"})
#: Assimilated article forms, dropped when the next token starts with their consonant (an-Nabk).
SUN_ARTICLES: dict[str, str] = {
    "as": "s", "ash": "sh", "ad": "d", "adh": "dh", "an": "n", "ar": "r", "at": "t", "ath": "th",
    "az": "z", "es": "s", "esh": "sh", "ed": "d", "en": "n", "er": "r", "et": "t", "ez": "z",
}  # fmt: skip

#: Words that describe a place inside its name ("Idlib Governorate", "M4 highway"); a text may write
#: them in either case, so the matcher never treats their lowercase form as a common word.
NAME_DESCRIPTORS: frozenset[str] = frozenset(
    "governorate province district subdistrict city town village countryside highway road motorway "
    "camp airport airbase base crossing junction dam bridge plain valley basin mountain mountains river "
    "lake desert".split()
)

#: Common words of Syrian place names spelled many ways; all spellings share one key.
_TOKEN_ALIASES: dict[str, str] = {
    **dict.fromkeys(["kafr", "kfar", "kafar", "kefr", "kfer", "kufr", "kafer", "kfr"], "kafr"),
    **dict.fromkeys(["tell", "tel", "tal", "til", "tall"], "tal"),
    **dict.fromkeys(["deir", "dayr", "dair", "deyr", "der"], "dayr"),
    **dict.fromkeys(["ain", "ayn", "ein", "eyn", "aayn", "ayen"], "ayn"),
    **dict.fromkeys(["jabal", "jebel", "jabel", "jbel", "jebal", "djebel", "jabl"], "jabal"),
    **dict.fromkeys(["khirbet", "khirbat", "kherbet", "khirba", "khirbeh", "kherbeh"], "khirba"),
    **dict.fromkeys(["sheikh", "shaykh", "shaikh", "sheik", "cheikh", "sheykh", "shekh"], "shaykh"),
    **dict.fromkeys(["abu", "abou", "abo"], "abu"),
    **dict.fromkeys(["beit", "bayt", "bait", "beyt"], "bayt"),
    **dict.fromkeys(["tellet", "talat", "tallet"], "talat"),
}

# Ordered rewrites applied to a folded Latin token to get its key.
_KEY_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"ch", "sh"),
        (r"q", "k"),
        (r"ph", "f"),
        (r"(ei|ai|ey|ay)", "ay"),
        (r"ee", "i"),
        (r"(ou|oo|ow(?=[^aeiouy]|$))", "u"),
        (r"e", "i"),
        (r"o", "u"),
        (r"(.)\1+", r"\1"),
        (r"(?<=.{3})(ah|ih|a|i|h)$", "a"),
    )
)

_SILENT_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_GLUED_ARTICLE = re.compile(r"^(?:el|al)(?=[a-z]{3})")
_LATIN_DIGRAPHS = (("sh", "S"), ("kh", "X"), ("gh", "G"), ("th", "T"), ("dh", "D"), ("ch", "S"))
_LATIN_SKELETON = str.maketrans(
    {**{v: None for v in "aeiouyw'"}, "q": "k", "c": "k", "g": "j", "p": "b", "v": "f"}
)
# Arabic letters to the consonant class a Latin spelling would give; long vowels, alef, waw, ya,
# ayn and hamza carry no consonant in common transliterations and are dropped.
_ARABIC_SKELETON = str.maketrans(
    {
        "ب": "b", "ت": "t", "ث": "T", "ج": "j", "ح": "h", "خ": "X", "د": "d", "ذ": "D", "ر": "r", "ز": "z",
        "س": "s", "ش": "S", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "G", "ف": "f", "ق": "k",
        "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "", "ي": "", "ا": "", "ء": "", "ة": "",
        "پ": "b", "چ": "S", "گ": "j", "ڤ": "f", " ": "",
    }
)  # fmt: skip


def is_arabic(text: str) -> bool:
    """True when the text holds Arabic letters."""
    return not text.isascii() and _ARABIC_CHAR.search(text) is not None


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase, strip diacritics and apostrophes, hyphens to spaces, unify Arabic letter forms."""
    if text.isascii():  # no Arabic letters, nothing to decompose: the same steps, less the no-ops
        return _SPACES.sub(" ", _NON_WORD.sub(" ", text.translate(_FOLD_PUNCT).lower())).strip()
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_LETTERS).translate(_FOLD_PUNCT)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or "\u0600" <= ch <= "\u06ff")
    stripped = unicodedata.normalize("NFC", stripped).casefold()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", stripped)).strip()


@lru_cache(maxsize=1 << 18)
def token_key(token: str) -> str:
    """The transliteration-insensitive key of one folded token."""
    if is_arabic(token):
        return _arabic_token_key(token)
    alias = _TOKEN_ALIASES.get(token)
    if alias:
        return alias
    key = token
    for pattern, replacement in _KEY_REWRITES:
        key = pattern.sub(replacement, key)
    return _TOKEN_ALIASES.get(key, key)


def _arabic_token_key(token: str) -> str:
    if token.startswith("ال") and len(token) > 4:
        token = token[2:]
    return token


def name_tokens(name: str) -> list[str]:
    """The keys of a name's tokens, Arabic articles dropped: ``Ma'arrat an-Nu'man`` → [marat, numan]."""
    folded = fold(name).split()
    keys: list[str] = []
    for i, tok in enumerate(folded):
        if tok in ARTICLES and i + 1 < len(folded):
            continue
        letter = SUN_ARTICLES.get(tok)
        if letter and i + 1 < len(folded) and folded[i + 1].startswith(letter):
            continue
        keys.append(token_key(tok))
    return keys


#: Token keys of "Abd" (servant of) written apart from the name it forms with the next word: "Abd al-Rahman",
#: "Abdel Aziz" are one word of the name as "Abdurrahman" and "Abdulaziz" are.
_ABD_KEYS = frozenset({"abd", "abdu", "abdul", "abdil", "abdal", "عبد"})


def word_count(tokens: list[str]) -> int:
    """How many words a name's token keys make, "Abd" and the word after it counting as one."""
    return len(tokens) - sum(1 for tok in tokens[:-1] if tok in _ABD_KEYS)


def article_split(name: str) -> str | None:
    """The name with an article glued to a word split off (OCHA's "Bisr Elharir" → "Bisr El harir").

    Returns None when no word starts with a glued article; callers index both forms.
    """
    words = fold(name).split()
    split = [_GLUED_ARTICLE.sub(r"\g<0> ", w) if i > 0 else w for i, w in enumerate(words)]
    return " ".join(split) if split != words else None


def name_key(name: str) -> str:
    """One string key for a whole name (its token keys joined by spaces)."""
    return " ".join(name_tokens(name))


@lru_cache(maxsize=1 << 18)
def skeleton(name: str) -> str:
    """The consonant skeleton of a Latin or Arabic name, ignoring word breaks and articles."""
    if is_arabic(name):
        return _arabic_skeleton(name)
    folded = fold(name).split()
    words = [_SILENT_FINAL_H.sub("", w) for i, w in enumerate(folded) if not _is_article(folded, i)]
    latin = "".join(words)
    for digraph, symbol in _LATIN_DIGRAPHS:
        latin = latin.replace(digraph, symbol)
    latin = latin.translate(_LATIN_SKELETON)
    return re.sub(r"(.)\1+", r"\1", latin)


_NISBA = re.compile(r"(?:iy+|i|y)(?:a|e|eh|ah|ih)$|(?:ieh|yeh|ije|iye)$")


#: A name's ``loose_signature``: consonant skeleton, word count, initial, nisba ending.
LooseSignature = tuple[str, int, str, bool]


@lru_cache(maxsize=1 << 16)
def loose_signature(name: str) -> LooseSignature | None:
    """A coarse key for spellings no source lists: the consonant skeleton (three consonants or more),
    the word count, the initial (vowel or consonant) and whether the name ends in the nisba suffix
    (-iyeh, -iya, ية): Jibeen and Jbine, Nazhah and Nuzha share one; Husn and Hseiniyeh do not.

    Far more names share such a key than a spelling: callers accept a match only near the places an
    article has settled (``Resolver.nearby_spelling``). None for a name too short to compare.
    """
    words = name_tokens(name)
    skel = skeleton(name)
    if len(skel) < 3 or not words:
        return None
    first = words[0][0]
    initial = "V" if first in "aeiouy" or first in "اأإآعء" else skel[0]
    if is_arabic(name):
        last = _ARABIC_DIACRITICS.sub("", name).split()[-1]
        nisba = last.endswith(("ية", "يه"))
    else:
        nisba = bool(_NISBA.search(fold(name).split()[-1]))
    return skel, len(words), initial, nisba


def _arabic_skeleton(name: str) -> str:
    # Taa marbuta is pronounced (and transliterated) t only before another word: Ma'arrat al-Nu'man.
    text = _ARABIC_DIACRITICS.sub("", name).translate(_ARABIC_LETTERS_KEEP_TAA)
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in text.split()]
    words = [
        w[:-1] + ("ت" if i + 1 < len(words) else "") if w.endswith("ة") else w for i, w in enumerate(words)
    ]
    words = [w[:-1] if w.endswith("ه") and len(w) > 2 else w for w in words]
    return "".join(words).translate(_ARABIC_SKELETON)


def _is_article(words: list[str], i: int) -> bool:
    tok = words[i]
    if i + 1 >= len(words):
        return False
    letter = SUN_ARTICLES.get(tok)
    return tok in ARTICLES or bool(letter and words[i + 1].startswith(letter))
