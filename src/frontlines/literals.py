"""Literal gates: which rules of a regex lexicon can match a text at all, found in one pass.

Running every rule regex over every sentence is the costly part of reading dates, triggers and actors.
A rule can only match a text that holds one of its *required literals*: strings derived from the
rule's parsed regex, one of which every match contains ("ago" for "three weeks ago", "captur" ...).
One Aho-Corasick pass over the text finds the literals present, and only the rules they name run.
The derivation is conservative by construction (a rule it cannot analyse has no requirement and
always runs), so the result is the same as running every rule.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

import ahocorasick_rs

# The regex parser, whose trees the gate reads (private modules of re; frontlines needs Python >= 3.11).
import re._constants as sre_constants  # noqa: E402
import re._parser as sre_parse  # noqa: E402

#: Non-ASCII characters that a case-insensitive regex matches for an ASCII letter (checked by a test).
IGNORECASE_SPECIALS: dict[str, str] = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_GATE_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(65, 91)}, **IGNORECASE_SPECIALS})
_GATE_FOLD_DIGITS = str.maketrans(
    {**{chr(c): chr(c + 32) for c in range(65, 91)}, **IGNORECASE_SPECIALS, **{str(d): "0" for d in range(10)}}
)
_SPECIALS_ONLY = str.maketrans(IGNORECASE_SPECIALS)
_NON_ASCII_DIGIT_RE = re.compile(r"[^\x00-\x7f]")
_MAX_EXACT = 256  # strings an exact finite language may hold before it is cut


def gate_text(text: str, *, digits: bool = False, folded: str | None = None) -> str:
    r"""The text a :class:`LiteralGate` looks for literals in: ASCII lowercased, the characters a
    case-insensitive regex takes for ASCII letters mapped to them and, with ``digits``, every decimal
    digit (any script: ``\d`` matches them all) written ``0``. ``folded`` is the ASCII-lowercased text
    when the caller has it (without ``digits`` only)."""
    if digits:
        out = text.translate(_GATE_FOLD_DIGITS)
        if not text.isascii():
            out = "".join("0" if c.isdecimal() else c for c in out) if any(
                c.isdecimal() for c in _NON_ASCII_DIGIT_RE.findall(out)) else out
        return out
    if folded is not None:
        return folded if text.isascii() else folded.translate(_SPECIALS_ONLY)
    return text.translate(_GATE_FOLD)


_PRIVATE = 0xF0000  # a case-insensitive letter while a literal is built (see _decode)


def _gate_char(char: str, digits: bool, cased: bool = False) -> str | None:
    """A literal character as it reads in a gate text; None when it cannot be relied on.

    With ``cased`` (a case-sensitive part of the pattern) an ASCII letter keeps its case; otherwise it
    is marked case-insensitive until :func:`_decode`.
    """
    if char.isdecimal():
        return "0" if digits else (char if char.isascii() else None)
    if char.isascii():
        if not char.isalpha():
            return char
        return char if cased else chr(_PRIVATE + ord(char.lower()))
    return None if char.lower() != char.upper() or char in IGNORECASE_SPECIALS else char


def _decode(literal: str) -> str:
    """A built literal as the gate looks for it: kept as written (and looked for in the original text)
    when it has a capital and every letter is case-sensitive, else lowercased (in the gate text)."""
    if any(ord(c) >= _PRIVATE for c in literal) or not any(c.isupper() for c in literal) or "0" in literal:
        return "".join(chr(ord(c) - _PRIVATE) if ord(c) >= _PRIVATE else c for c in literal).lower()
    return literal


#: What a regex node says: its exact finite language (None: too large or unknown) and its
#: requirement, a tuple of clauses each of which a match satisfies (holds one of the clause's strings).
_Info = tuple["frozenset[str] | None", "tuple[frozenset[str], ...]"]
_MAX_CLAUSES = 3


def _minimal(literals: Iterable[str]) -> frozenset[str] | None:
    """A clause without its redundant members (one containing another); None if one is empty."""
    found = {_decode(s) for s in literals}
    if not found or "" in found:
        return None
    return frozenset(s for s in found if not any(t != s and t in s for t in found))


def _score(clause: frozenset[str]) -> tuple[int, int]:
    return min(len(s) for s in clause), -len(clause)


def _clauses(candidates: Iterable[frozenset[str] | None]) -> tuple[frozenset[str], ...]:
    """The strongest few distinct clauses, strongest first."""
    known = sorted({c for c in candidates if c}, key=lambda c: (_score(c), sorted(c)), reverse=True)
    return tuple(known[:_MAX_CLAUSES])


def _exact_info(exact: Iterable[str]) -> _Info:
    exact = frozenset(exact)
    return exact, _clauses([_minimal(exact)])


def _sequence_info(items: Sequence, digits: bool, cased: bool) -> _Info:
    exact: set[str] = {""}
    candidates: list[frozenset[str] | None] = []
    cut = False
    for op, av in items:
        node_exact, node_clauses = _node_info(op, av, digits, cased)
        if node_exact is not None and len(exact) * len(node_exact) <= _MAX_EXACT:
            exact = {a + b for a in exact for b in node_exact}
            continue
        cut = True
        candidates.append(_minimal(exact))
        if node_exact is not None:
            exact = set(node_exact)
        else:
            candidates.extend(node_clauses)
            exact = {""}
    if not cut:
        return _exact_info(exact)
    candidates.append(_minimal(exact))
    return None, _clauses(candidates)


def _node_info(op, av, digits: bool, cased: bool) -> _Info:  # noqa: C901 - one branch per opcode
    if op is sre_constants.LITERAL:
        char = _gate_char(chr(av), digits, cased)
        return _exact_info({char}) if char is not None else (None, ())
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return frozenset({""}), ()  # zero-width: ignoring what it asserts only weakens the gate
    if op is sre_constants.IN:
        chars: set[str] = set()
        for item_op, item_av in av:
            if item_op is sre_constants.LITERAL:
                mapped = {_gate_char(chr(item_av), digits, cased)}
            elif item_op is sre_constants.RANGE and item_av[1] - item_av[0] < 16:
                mapped = {_gate_char(chr(c), digits, cased) for c in range(item_av[0], item_av[1] + 1)}
            elif item_op is sre_constants.CATEGORY and digits and item_av is sre_constants.CATEGORY_DIGIT:
                mapped = {"0"}
            else:
                return None, ()
            if None in mapped:
                return None, ()
            chars |= mapped  # type: ignore[arg-type]
        return _exact_info(chars)
    if op is sre_constants.BRANCH:
        infos = [_sequence_info(branch, digits, cased) for branch in av[1]]
        if all(e is not None for e, _ in infos) and sum(len(e) for e, _ in infos) <= _MAX_EXACT:
            return _exact_info(frozenset().union(*(e for e, _ in infos)))
        if any(not c for _, c in infos):
            return None, ()
        # (A1 and A2) or (B1 and B2) implies (A1 or B1) and (A2 or B2)
        depth = min(len(c) for _, c in infos)
        return None, _clauses([_minimal(s for _, c in infos for s in c[n]) for n in range(depth)])
    if op is sre_constants.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        if add_flags & sre_constants.SRE_FLAG_IGNORECASE:
            cased = False
        elif del_flags & sre_constants.SRE_FLAG_IGNORECASE:
            cased = True
        return _sequence_info(sub, digits, cased)
    if op is getattr(sre_constants, "ATOMIC_GROUP", None):
        return _sequence_info(av, digits, cased)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        sub_exact, sub_clauses = _sequence_info(sub, digits, cased)
        if sub_exact is not None and high is not sre_constants.MAXREPEAT and high <= 4:
            exact = {""} if low == 0 else set()
            power = {""}
            for count in range(1, high + 1):
                power = {a + b for a in power for b in sub_exact}
                if len(power) + len(exact) > _MAX_EXACT:
                    break
                if count >= low:
                    exact |= power
            else:
                return _exact_info(exact)
        return None, sub_clauses if low >= 1 else ()
    return None, ()  # ANY, NOT_LITERAL, GROUPREF, ...: no information


def required_literals(pattern: str, flags: int = 0, *, digits: bool = False) -> tuple[frozenset[str], ...]:
    r"""What every match of ``pattern`` holds, as it reads in :func:`gate_text`: clauses of literals,
    each match holding one literal of every clause (at most three clauses, the most selective).

    An empty tuple when the pattern gives no such guarantee (it may match a text without any
    literal), e.g. ``\w+``. With ``digits``, ``\d`` and the digits are the literal ``0``. A literal
    with a capital comes from a case-sensitive part and is looked for in the original text.
    """
    parsed = sre_parse.parse(pattern, flags)
    if parsed.getwidth()[0] == 0:
        return ()
    return _sequence_info(list(parsed), digits, not parsed.state.flags & sre_constants.SRE_FLAG_IGNORECASE)[1]


def min_width(pattern: str, flags: int = 0) -> int:
    """The least number of characters ``pattern`` matches."""
    return sre_parse.parse(pattern, flags).getwidth()[0]


_MAX_CHECKED = 16  # literals of a secondary clause checked with ``in``; longer clauses are skipped


def _is_cased(literal: str) -> bool:
    return any(c.isupper() for c in literal)


class LiteralGate:
    """Which of a list of rules may match a text: those that meet every clause of their required literals.

    ``requirements[i]`` is rule i's :func:`required_literals` (empty: the rule always runs). One
    Aho-Corasick pass over the :func:`gate_text` looks for the literals of each rule's first clause
    without capitals; the rules it finds then check their other clauses with ``in`` (a literal with
    a capital in the original text). A rule with no such clause checks all of them.
    """

    def __init__(self, requirements: Sequence[tuple[frozenset[str], ...]]):
        self.requirements = tuple(requirements)
        primary: list[frozenset[str] | None] = []
        self._more: list[tuple[tuple[tuple[str, bool], ...], ...]] = []
        for clauses in requirements:
            first = next((c for c in clauses if not any(_is_cased(s) for s in c)), None)
            primary.append(first)
            # other clauses are checked one literal at a time: only the short ones pay off
            self._more.append(tuple(
                tuple((s, _is_cased(s)) for s in sorted(c)) for c in sorted(clauses, key=len)
                if c is not first and (first is None or len(c) <= _MAX_CHECKED)
            ))  # fmt: skip
        self.always = tuple(i for i, first in enumerate(primary) if first is None)
        literals = sorted({s for first in primary if first for s in first})
        self._rules_of = [tuple(i for i, first in enumerate(primary) if first and s in first) for s in literals]
        self._automaton = (
            ahocorasick_rs.AhoCorasick(literals, matchkind=ahocorasick_rs.MatchKind.Standard) if literals else None
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

    def rules_by_span(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """The rules whose first clause each ``text[start:end]`` meets, for sorted, disjoint ``spans``, with
        one pass over ``text``: a superset of :meth:`rules` of the span, which :meth:`checked` narrows."""
        always = set(self.always)
        if self._automaton is None:
            return [sorted(always) for _ in spans]
        found: list[set[int] | None] = [None] * len(spans)
        starts = [start for start, _ in spans]
        rules_of = self._rules_of
        for literal, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            index = bisect_right(starts, start) - 1
            if index >= 0 and end <= spans[index][1]:
                rules = found[index]
                if rules is None:
                    found[index] = set(rules_of[literal])
                else:
                    rules.update(rules_of[literal])
        return [sorted(rules | always) if rules else sorted(always) for rules in found]

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


