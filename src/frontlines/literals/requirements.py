"""Required literals: what every match of a rule's regex holds, derived from its parsed tree."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

import ahocorasick_rs

from frontlines.literals.gate import decode, gate_char
from frontlines.literals.regex import Node, Seq, parse

_MAX_EXACT = 256  # strings an exact finite language may hold before it is cut
#: What a regex node says: its exact finite language (None: too large or unknown) and its
#: requirement, a tuple of clauses each of which a match satisfies (holds one of the clause's strings).
_Info = tuple["frozenset[str] | None", "tuple[frozenset[str], ...]"]
_MAX_CLAUSES = 3


def _minimal(literals: Iterable[str]) -> frozenset[str] | None:
    """A clause without its redundant members (one containing another); None if one is empty."""
    found = {decode(s) for s in literals}
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


def _sequence_info(items: Seq, digits: bool, cased: bool) -> _Info:
    exact: set[str] = {""}
    candidates: list[frozenset[str] | None] = []
    cut = False
    for node in items:
        node_exact, node_clauses = _node_info(node, digits, cased)
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


def _set_info(items: Seq, digits: bool, cased: bool) -> _Info:
    chars: set[str | None] = set()
    for op, av in items:
        if op == "lit":
            chars.add(gate_char(chr(av), digits, cased))
        elif op == "range" and av[1] - av[0] < 16:
            chars |= {gate_char(chr(c), digits, cased) for c in range(av[0], av[1] + 1)}
        elif op == "cat" and digits and av == "digit":
            chars.add("0")
        else:
            return None, ()
    if None in chars:
        return None, ()
    return _exact_info(c for c in chars if c is not None)


def _node_info(node: Node, digits: bool, cased: bool) -> _Info:
    op, av = node
    if op == "lit":
        char = gate_char(chr(av), digits, cased)
        return _exact_info({char}) if char is not None else (None, ())
    if op in ("at", "assert", "assert_not"):
        return frozenset({""}), ()  # zero-width: ignoring what it asserts only weakens the gate
    if op == "in":
        return _set_info(av, digits, cased)
    if op == "branch":
        infos = [_sequence_info(branch, digits, cased) for branch in av]
        exacts = [e for e, _ in infos if e is not None]
        if len(exacts) == len(infos) and sum(len(e) for e in exacts) <= _MAX_EXACT:
            return _exact_info(frozenset().union(*exacts))
        if any(not c for _, c in infos):
            return None, ()
        # (A1 and A2) or (B1 and B2) implies (A1 or B1) and (A2 or B2)
        depth = min(len(c) for _, c in infos)
        return None, _clauses([_minimal(s for _, c in infos for s in c[n]) for n in range(depth)])
    if op == "group":
        _, added, removed, sub = av
        if added & re.IGNORECASE:
            cased = False
        elif removed & re.IGNORECASE:
            cased = True
        return _sequence_info(sub, digits, cased)
    if op == "atomic":
        return _sequence_info(av, digits, cased)
    if op == "repeat":
        low, high, sub, _ = av
        sub_exact, sub_clauses = _sequence_info(sub, digits, cased)
        if sub_exact is not None and high is not None and high <= 4:
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
    return None, ()  # any, not_lit, ref: no information


def required_literals(pattern: str, flags: int = 0, *, digits: bool = False) -> tuple[frozenset[str], ...]:
    r"""What every match of ``pattern`` holds, as it reads in :func:`~frontlines.literals.gate.gate_text`: clauses of literals,
    each match holding one literal of every clause (at most three clauses, the most selective).

    An empty tuple when the pattern gives no such guarantee (it may match a text without any
    literal, e.g. ``\w+``) or when :func:`parse` cannot read it. With ``digits``, ``\d`` and the
    digits are the literal ``0``. A literal with a capital comes from a case-sensitive part and is
    looked for in the original text.
    """
    try:
        tree = parse(pattern, flags)
    except ValueError:
        return ()
    if tree.min_width == 0:
        return ()
    return _sequence_info(tree.nodes, digits, not tree.flags & re.IGNORECASE)[1]


#: A clause with more literals than this is looked for with one Aho-Corasick pass (about 0.2 us on a
#: short text), fewer one ``in`` at a time (about 40 ns each).
_MAX_IN_CHECKS = 8


def literal_filter(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    """A quick test of a text's :func:`~frontlines.literals.gate.gate_text`, False only when ``pattern``
    cannot match anywhere in the text: each clause of its required literals has a member in it. Clauses
    with a capital (looked for in the original text) are left out; with no clause, every text passes."""
    clauses = [
        sorted(clause)
        for clause in required_literals(pattern.pattern, pattern.flags)
        if not any(c.isupper() for s in clause for c in s)
    ]
    small = tuple(tuple(clause) for clause in clauses if len(clause) <= _MAX_IN_CHECKS)
    large = tuple(ahocorasick_rs.AhoCorasick(clause) for clause in clauses if len(clause) > _MAX_IN_CHECKS)

    def may_match(gated: str) -> bool:
        for clause in small:  # loops, not all(any(...)): called once per sentence and rule on the hot path
            for literal in clause:
                if literal in gated:
                    break
            else:
                return False
        return all(automaton.find_matches_as_indexes(gated) for automaton in large)

    return may_match
