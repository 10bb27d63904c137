"""Cleaned text to sentences: cut at a sentence's stop or a line break, not after an abbreviation or an initial."""

from __future__ import annotations

import re

from frontlines.models import Sentence

# A sentence ends at . ! ? (with closing quotes/brackets) before a space and a capital, digit or quote,
# or glued to the next sentence: "...to Idleb.The army".
_CAPITAL = r"A-Z\u00c0-\u00de\u0100-\u017f\u0600-\u06ff"
# The pattern opens with the stop as one character class, common to both branches (the glued one checks
# the two letters before it behind it), so that the regex engine skips ahead to the stops instead of
# trying both branches at every position.
_BOUNDARY_RE = re.compile(
    rf"[.!?…](?:[.!?…]*[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[{_CAPITAL}0-9])"
    rf"|(?<=[a-z][a-z][.!?])[\"”’]?(?=[\"“]?[A-Z][a-z]))"
)
#: What the word before a full stop is made of: ASCII letters and dots ("Gen", "U.S", "a.m").
_TOKEN_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."
_INITIALISM_RE = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]|[A-Z]")
# Case matters: "No." is an abbreviation, "no." ends a sentence.
ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Cpt Sgt Cpl Pvt Brig Adm Cmdr Gov Sen Rep Pres Rev Sr Jr "
    "St Mt Ft No Nos Vol Fig Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec vs approx "
    "e.g i.e a.m p.m".split()
)


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Split text into sentences: at . ! ? before a capital, digit or quote, and at every line break.

    Abbreviations ("Gen.", "U.S.", "Feb.", "a.m.", initials), decimals ("3.5") do not end a sentence;
    a sentence glued to the next ("Idleb.The army") does. ``text[s.start:s.end] == s.text``.
    """
    sentences: list[Sentence] = []
    offset = 0
    for line in text.split("\n"):
        cuts = [m.end() for m in _BOUNDARY_RE.finditer(line) if not _after_abbreviation(line, m)]
        begin = 0
        for cut in [*cuts, len(line)]:
            piece = line[begin:cut]
            stripped = piece.strip()
            if stripped:
                start = offset + begin + (len(piece) - len(piece.lstrip()))
                sentences.append(Sentence(len(sentences), start, start + len(stripped), stripped))
            begin = cut
        offset += len(line) + 1
    return tuple(sentences)


def _after_abbreviation(line: str, match: re.Match[str]) -> bool:
    """True when the full stop of ``match`` closes an abbreviation or an initial."""
    if not match.group().startswith(".") or match.group().startswith(".."):
        return False
    start = match.start()
    before = line[max(0, start - 32) : start]
    # the run of letters and dots before the stop, from its first letter ("Gen", "U.S")
    word = before[len(before.rstrip(_TOKEN_CHARS)) :].lstrip(".")
    return bool(word) and (word in ABBREVIATIONS or _INITIALISM_RE.fullmatch(word) is not None)
