"""The gate text and the one-pass gate: which rules may match a text, from the literals it holds."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

import ahocorasick_rs

#: Non-ASCII characters that a case-insensitive regex matches for an ASCII letter (checked by a test).
IGNORECASE_SPECIALS: dict[str, str] = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_GATE_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(65, 91)}, **IGNORECASE_SPECIALS})
_GATE_FOLD_DIGITS = str.maketrans(
    {
        **{chr(c): chr(c + 32) for c in range(65, 91)},
        **IGNORECASE_SPECIALS,
        **{str(d): "0" for d in range(10)},
    }
)
_SPECIALS_ONLY = str.maketrans(IGNORECASE_SPECIALS)
#: ASCII digits as ``0``, for ASCII text as bytes (a table lookup per byte, no dict per character).
_ASCII_DIGITS = bytes.maketrans(b"0123456789", b"0000000000")
_NON_ASCII_DIGIT_RE = re.compile(r"[^\x00-\x7f]")


def gate_text(text: str, *, digits: bool = False, folded: str | None = None) -> str:
    r"""The text a :class:`LiteralGate` looks for literals in: ASCII lowercased, the characters a
    case-insensitive regex takes for ASCII letters mapped to them and, with ``digits``, every decimal
    digit (any script: ``\d`` matches them all) written ``0``. ``folded`` is the ASCII-lowercased text
    when the caller has it (without ``digits`` only)."""
    ascii_only = text.isascii()  # then str.lower and a bytes table do what the tables below do, faster
    if digits:
        if ascii_only:
            return text.lower().encode("ascii").translate(_ASCII_DIGITS).decode("ascii")
        out = text.translate(_GATE_FOLD_DIGITS)
        if any(c.isdecimal() for c in _NON_ASCII_DIGIT_RE.findall(out)):
            return "".join("0" if c.isdecimal() else c for c in out)
        return out
    if folded is not None:
        return folded if ascii_only else folded.translate(_SPECIALS_ONLY)
    return text.lower() if ascii_only else text.translate(_GATE_FOLD)


_PRIVATE = 0xF0000  # a case-insensitive letter while a literal is built (see decode)


def gate_char(char: str, digits: bool, cased: bool = False) -> str | None:
    """A literal character as it reads in a gate text; None when it cannot be relied on.

    With ``cased`` (a case-sensitive part of the pattern) an ASCII letter keeps its case; otherwise it
    is marked case-insensitive until :func:`decode`.
    """
    if char.isdecimal():
        return "0" if digits else (char if char.isascii() else None)
    if char.isascii():
        if not char.isalpha():
            return char
        return char if cased else chr(_PRIVATE + ord(char.lower()))
    return None if char.lower() != char.upper() or char in IGNORECASE_SPECIALS else char


def decode(literal: str) -> str:
    """A built literal as the gate looks for it: kept as written (and looked for in the original text)
    when it has a capital and every letter is case-sensitive, else lowercased (in the gate text)."""
    if any(ord(c) >= _PRIVATE for c in literal) or not any(c.isupper() for c in literal) or "0" in literal:
        return "".join(chr(ord(c) - _PRIVATE) if ord(c) >= _PRIVATE else c for c in literal).lower()
    return literal


_MAX_MASKS = 4096  # rule lists kept by LiteralGate._rules_in (all dropped when there are more)
_MAX_CHECKED = 16  # literals of a secondary clause checked with ``in``; longer clauses are skipped


def _is_cased(literal: str) -> bool:
    return any(c.isupper() for c in literal)


_MIN_FOLDED = 3  # a lowercased literal shorter than this ("is" of "IS") is in most texts, inside words


def _folded(clauses: Sequence[frozenset[str]]) -> frozenset[str] | None:
    """The first clause whose literals, lowercased, are all at least :data:`_MIN_FOLDED` long, lowercased."""
    return next(
        (frozenset(s.lower() for s in c) for c in clauses if all(len(s) >= _MIN_FOLDED for s in c)), None
    )


class LiteralGate:
    """Which of a list of rules may match a text: those that meet every clause of their required literals.

    ``requirements[i]`` is rule i's :func:`~frontlines.literals.requirements.required_literals` (empty: the rule always runs). One
    Aho-Corasick pass over the :func:`gate_text` looks for the literals of each rule's first clause
    without capitals (else of a clause with capitals, lowercased, when its literals are long enough);
    the rules it finds then check their other clauses with ``in`` (a literal with a capital in the
    original text). A rule with no such clause checks all of them.
    """

    def __init__(self, requirements: Sequence[tuple[frozenset[str], ...]]):
        self.requirements = tuple(requirements)
        primary: list[frozenset[str] | None] = []
        self._more: list[tuple[tuple[tuple[str, bool], ...], ...]] = []
        for clauses in requirements:
            first = next((c for c in clauses if not any(_is_cased(s) for s in c)), None)
            # without one, a clause with capitals lowercased: its literals are in the gate text wherever
            # they are in the original (a superset, narrowed by the clause itself below)
            primary.append(first if first is not None else _folded(clauses))
            # other clauses are checked one literal at a time: only the short ones pay off
            self._more.append(tuple(
                tuple((s, _is_cased(s)) for s in sorted(c)) for c in sorted(clauses, key=len)
                if c is not first and (first is None or len(c) <= _MAX_CHECKED)
            ))  # fmt: skip
        self.always = tuple(i for i, first in enumerate(primary) if first is None)
        literals = sorted({s for first in primary if first for s in first})
        self._rules_of = [
            tuple(i for i, first in enumerate(primary) if first and s in first) for s in literals
        ]
        #: The same as bit masks (rule i is bit i), and the rule lists of the masks met (see rules_by_span).
        self._masks = [sum(1 << rule for rule in rules) for rules in self._rules_of]
        self._lists: dict[int, list[int]] = {}
        self._automaton = (
            ahocorasick_rs.AhoCorasick(literals, matchkind=ahocorasick_rs.MatchKind.Standard)
            if literals
            else None
        )

    def rules(self, text: str, original: str | None = None) -> list[int]:
        """Indices (ascending) of the rules that may match ``original`` (``text`` is its gate text)."""
        if self._automaton is None:
            return self._checked(self.always, text, original)
        hits = self._automaton.find_matches_as_indexes(text, overlapping=True)
        if not hits:
            return self._checked(self.always, text, original)
        rules_of = self._rules_of
        return self._checked({rule for literal, _, _ in hits for rule in rules_of[literal]}.union(self.always),
                             text, original)  # fmt: skip

    def rules_by_span(
        self, text: str, spans: Sequence[tuple[int, int]], original: str | None = None
    ) -> list[list[int]]:
        """The rules whose first clause each ``text[start:end]`` meets, for sorted, disjoint ``spans``, with
        one pass over ``text`` (the gate text of ``original``, when given): a superset of :meth:`rules`
        of the span, which :meth:`checked` narrows. A rule without a first clause is kept only when
        the whole text meets its clauses."""
        always = 0
        for rule in self._checked(self.always, text, original) if original is not None else self.always:
            always |= 1 << rule
        found = [always] * len(spans)
        if self._automaton is not None:
            starts = [start for start, _ in spans]
            masks = self._masks
            for literal, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True):
                index = bisect_right(starts, start) - 1
                if index >= 0 and end <= spans[index][1]:
                    found[index] |= masks[literal]
        return [self._rules_in(mask) for mask in found]

    def _rules_in(self, mask: int) -> list[int]:
        """The rules (ascending) of a bit mask: a new list, from one worked out once per mask."""
        rules = self._lists.get(mask)
        if rules is None:
            if len(self._lists) >= _MAX_MASKS:
                self._lists.clear()
            rules = self._lists[mask] = [rule for rule in range(mask.bit_length()) if mask >> rule & 1]
        return rules.copy()

    def checked(self, candidates: Iterable[int], text: str, original: str | None = None) -> list[int]:
        """The candidates of :meth:`rules_by_span` for one span that also meet their other clauses:
        :meth:`rules` of ``original`` (``text`` is its gate text)."""
        return self._checked(candidates, text, original)

    def _checked(self, candidates: Iterable[int], text: str, original: str | None) -> list[int]:
        more = self._more
        kept = []
        for rule in candidates:
            for clause in more[rule]:
                for literal, cased in clause:
                    if cased:
                        if original is None or literal in original:
                            break
                    elif literal in text:
                        break
                else:
                    break  # a clause none of whose literals occurs
            else:
                kept.append(rule)
        kept.sort()
        return kept
