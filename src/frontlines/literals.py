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
from typing import Any, NamedTuple

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
            out = (
                "".join("0" if c.isdecimal() else c for c in out)
                if any(c.isdecimal() for c in _NON_ASCII_DIGIT_RE.findall(out))
                else out
            )
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


# A small parser for the regular expressions the lexicons use, giving the tree the gate reads. It
# follows ``re``'s own parser (Python 3.11-3.13) closely enough that the trees are the same, its two
# rewrites included: an alternation's common prefix moves out of it, and an alternation of single
# characters becomes a set; a non-capturing group without flags is spliced into its sequence.
# What it does not support (verbose mode, conditional groups, ...) raises _Unsupported, and the
# rule then has no requirement: the gate stays exact. tests/test_literals.py checks the trees
# against those of ``re`` for every lexicon rule.

#: A node: (op, argument). ops: lit (code point), not_lit, in (set items), any, at (position name),
#: assert / assert_not ((direction, sequence)), branch (sequences), group ((number or None, flags added,
#: flags removed, sequence)), atomic (sequence), repeat ((min, max or None, sequence, greedy | lazy |
#: possessive)), ref (group number). Set items: (lit, code), (range, (lo, hi)), (cat, name), (negate, None).
Node = tuple[str, Any]
Seq = tuple[Node, ...]

_CATEGORIES: dict[str, Node] = {
    "d": ("in", (("cat", "digit"),)), "D": ("in", (("cat", "not_digit"),)),
    "s": ("in", (("cat", "space"),)), "S": ("in", (("cat", "not_space"),)),
    "w": ("in", (("cat", "word"),)), "W": ("in", (("cat", "not_word"),)),
}  # fmt: skip
_POSITIONS = {"A": "beginning_string", "Z": "end_string", "b": "boundary", "B": "non_boundary"}
_CONTROL = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v", "\\": "\\"}
_FLAGS = {"i": re.IGNORECASE, "L": re.LOCALE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE,
          "a": re.ASCII, "u": re.UNICODE}  # fmt: skip
_HEX = {"x": 2, "u": 4, "U": 8}
_SIMPLE = frozenset({"lit", "not_lit", "in", "any", "at", "ref"})


class _Unsupported(Exception):
    """A construct the parser does not read (or an invalid pattern): the rule gets no requirement."""


class _Parser:
    """Recursive descent over one pattern: ``parse()`` gives its sequence of nodes and its flags."""

    def __init__(self, pattern: str, flags: int):
        if flags & re.VERBOSE:
            raise _Unsupported("verbose")
        self.text = pattern
        self.pos = 0
        self.flags = flags
        self.groups = 0  # groups opened so far
        self.widths: dict[int, int] = {}  # least width of each closed group
        self.names: dict[str, int] = {}

    def parse(self) -> Tree:
        sequence = self._alternation(top=True)
        if self.pos != len(self.text):
            raise _Unsupported("unbalanced parenthesis")
        return Tree(sequence, self.flags, _width(sequence, self.widths))

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _take(self) -> str:
        if self.pos >= len(self.text):
            raise _Unsupported("unexpected end of pattern")
        self.pos += 1
        return self.text[self.pos - 1]

    def _match(self, char: str) -> bool:
        if self._peek() == char:
            self.pos += 1
            return True
        return False

    def _alternation(self, top: bool = False) -> Seq:
        items = [self._sequence(first=top)]
        while self._match("|"):
            items.append(self._sequence())
        if len(items) == 1:
            return items[0]
        prefix: list[Node] = []
        # like re, only nodes without a sub-sequence count as a shared prefix
        while all(items) and items[0][0][0] in _SIMPLE and all(item[0] == items[0][0] for item in items):
            prefix.append(items[0][0])
            items = [item[1:] for item in items]
        chars: list[Node] = []
        for item in items:
            if len(item) != 1 or not (
                item[0][0] == "lit" or (item[0][0] == "in" and item[0][1][0][0] != "negate")
            ):
                break
            chars.extend([item[0]] if item[0][0] == "lit" else item[0][1])
        else:
            return (*prefix, ("in", tuple(dict.fromkeys(chars))))
        return (*prefix, ("branch", tuple(items)))

    def _sequence(self, first: bool = False) -> Seq:
        nodes: list[Node] = []
        while self._peek() not in ("", "|", ")"):
            char = self._take()
            if char == "\\":
                nodes.append(self._escape())
            elif char == "[":
                nodes.append(self._set())
            elif char in "*+?{":
                if not self._repeat(char, nodes):
                    nodes.append(("lit", ord(char)))
            elif char == ".":
                nodes.append(("any", None))
            elif char == "^":
                nodes.append(("at", "beginning"))
            elif char == "$":
                nodes.append(("at", "end"))
            elif char == "(":
                node = self._group(first and not nodes)
                if node is not None:
                    nodes.append(node)
            else:
                nodes.append(("lit", ord(char)))
        spliced: list[Node] = []
        for node in nodes:  # a plain non-capturing group joins its sequence
            if node[0] == "group" and node[1][:3] == (None, 0, 0):
                spliced.extend(node[1][3])
            else:
                spliced.append(node)
        return tuple(spliced)

    def _repeat(self, char: str, nodes: list[Node]) -> bool:
        """Make the last node a repeat; False when ``{`` does not open a quantifier (it is a literal)."""
        low, high = {"?": (0, 1), "*": (0, None), "+": (1, None)}.get(char, (0, None))
        if char == "{":
            here = self.pos
            lo = self._digits()
            hi = self._digits() if self._match(",") else lo
            if not self._match("}") or (not lo and self.text[here] == "}"):
                self.pos = here
                return False
            low, high = int(lo) if lo else 0, int(hi) if hi else None
            if high is not None and high < low:
                raise _Unsupported("min repeat greater than max repeat")
        if not nodes or nodes[-1][0] in ("at", "repeat"):
            raise _Unsupported("nothing to repeat")
        last = nodes[-1]
        item: Seq = last[1][3] if last[0] == "group" and last[1][:3] == (None, 0, 0) else (last,)
        mode = "lazy" if self._match("?") else "possessive" if self._match("+") else "greedy"
        nodes[-1] = ("repeat", (low, high, item, mode))
        return True

    def _digits(self) -> str:
        start = self.pos
        while self._peek() in tuple("0123456789"):
            self.pos += 1
        return self.text[start : self.pos]

    def _code(self, escape: str) -> int | None:
        """The code point of a character escape (``\\n``, ``\\x41``, ``\\.``), None for a class or position."""
        if escape in _CONTROL:
            return ord(_CONTROL[escape])
        if escape in _HEX:
            digits = self.text[self.pos : self.pos + _HEX[escape]]
            if len(digits) != _HEX[escape] or any(c not in "0123456789abcdefABCDEF" for c in digits):
                raise _Unsupported("incomplete escape")
            self.pos += len(digits)
            return int(digits, 16)
        if escape.isascii() and escape.isalnum():
            return None
        return ord(escape)

    def _escape(self) -> Node:
        escape = self._take()
        if escape in _CATEGORIES:
            return _CATEGORIES[escape]
        if escape in _POSITIONS:
            return ("at", _POSITIONS[escape])
        code = self._code(escape)
        if code is not None:
            return ("lit", code)
        if escape in "123456789" and not self._peek().isdigit() and int(escape) in self.widths:
            return ("ref", int(escape))
        raise _Unsupported(f"escape \\{escape}")  # octal, \N{...}, unknown

    def _set_item(self) -> Node:
        char = self._take()
        if char != "\\":
            return ("lit", ord(char))
        escape = self._take()
        if escape in _CATEGORIES:
            item: Node = _CATEGORIES[escape][1][0]
            return item
        code = self._code(escape)
        if code is None:
            raise _Unsupported(f"escape \\{escape} in a set")
        return ("lit", code)

    def _set(self) -> Node:
        negate = self._match("^")
        items: list[Node] = []
        while True:
            if self._peek() == "]" and items:
                self.pos += 1
                break
            item = self._set_item()
            if self._peek() == "-" and self.text[self.pos + 1 : self.pos + 2] not in ("", "]"):
                self.pos += 1
                end = self._set_item()
                if item[0] != "lit" or end[0] != "lit" or end[1] < item[1]:
                    raise _Unsupported("bad character range")
                item = ("range", (item[1], end[1]))
            elif self._peek() == "-" and self.text[self.pos + 1 : self.pos + 2] == "]":
                self.pos += 2
                items += [item, ("lit", ord("-"))]
                break
            items.append(item)
        unique = tuple(dict.fromkeys(items))
        if len(unique) == 1 and unique[0][0] == "lit":
            return ("not_lit", unique[0][1]) if negate else unique[0]
        return ("in", (("negate", None), *unique) if negate else unique)

    def _flags(self, first: str) -> tuple[int, int] | None:
        """Inline flags after ``(?``: (added, removed) for a scoped group, None for global flags."""
        added = removed = 0
        char = first
        while char in _FLAGS:
            added |= _FLAGS[char]
            char = self._take()
        if char == "-":
            char = self._take()
            while char in _FLAGS:
                removed |= _FLAGS[char]
                char = self._take()
            if char != ":" or not removed:
                raise _Unsupported("bad inline flags")
        if (added | removed) & re.VERBOSE:
            raise _Unsupported("verbose")
        if char == ")" and not removed:
            self.flags |= added
            return None
        if char != ":":
            raise _Unsupported("bad inline flags")
        return added, removed

    def _group(self, first: bool) -> Node | None:
        """The node of a group (the ``(`` is read); None for a comment or global flags."""
        number: int | None = None
        added = removed = 0
        if self._match("?"):
            char = self._take()
            if char == "P" and self._match("<"):
                name = self._until(">")
                number = self._open()
                self.names[name] = number
            elif char == "P" and self._match("="):
                name = self._until(")")
                if name not in self.names or self.names[name] not in self.widths:
                    raise _Unsupported("bad group reference")
                return ("ref", self.names[name])
            elif char == ":":
                pass
            elif char == "#":
                self._until(")")
                return None
            elif char in "=!" or (char == "<" and self._peek() in ("=", "!")):
                direction = 1 if char in "=!" else -1
                kind = char if direction == 1 else self._take()
                body = self._alternation()
                self._close()
                return ("assert" if kind == "=" else "assert_not", (direction, body))
            elif char == ">":
                body = self._alternation()
                self._close()
                return ("atomic", body)
            elif char in _FLAGS or char == "-":
                flags = self._flags(char)
                if flags is None:
                    if not first:
                        raise _Unsupported("global flags not at the start")
                    return None
                added, removed = flags
            else:
                raise _Unsupported(f"extension (?{char}")
        else:
            number = self._open()
        body = self._alternation()
        self._close()
        if number is not None:
            self.widths[number] = _width(body, self.widths)
        return ("group", (number, added, removed, body))

    def _open(self) -> int:
        self.groups += 1
        return self.groups

    def _close(self) -> None:
        if not self._match(")"):
            raise _Unsupported("missing )")

    def _until(self, end: str) -> str:
        stop = self.text.find(end, self.pos)
        if stop < 0:
            raise _Unsupported(f"missing {end}")
        name, self.pos = self.text[self.pos : stop], stop + 1
        return name


def _width(sequence: Seq, groups: dict[int, int]) -> int:
    """The least number of characters a sequence matches (``groups``: each group's own)."""
    total = 0
    for op, av in sequence:
        if op in ("lit", "not_lit", "in", "any"):
            total += 1
        elif op == "branch":
            total += min(_width(branch, groups) for branch in av)
        elif op == "group":
            total += _width(av[3], groups)
        elif op == "atomic":
            total += _width(av, groups)
        elif op == "repeat":
            total += av[0] * _width(av[2], groups)
        elif op == "ref":
            total += groups[av]
    return total


class Tree(NamedTuple):
    """A parsed pattern: its nodes, its flags (with the global inline ones) and its least width."""

    nodes: Seq
    flags: int
    min_width: int


def parse(pattern: str, flags: int = 0) -> Tree:
    """The tree of ``pattern`` as :class:`_Parser` reads it.

    Raises ``ValueError`` for what the parser does not read (see :class:`_Parser`).
    """
    try:
        return _Parser(pattern, flags).parse()
    except (_Unsupported, IndexError) as error:
        raise ValueError(f"cannot analyse {pattern!r}: {error}") from None


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
            chars.add(_gate_char(chr(av), digits, cased))
        elif op == "range" and av[1] - av[0] < 16:
            chars |= {_gate_char(chr(c), digits, cased) for c in range(av[0], av[1] + 1)}
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
        char = _gate_char(chr(av), digits, cased)
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
    r"""What every match of ``pattern`` holds, as it reads in :func:`gate_text`: clauses of literals,
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


def min_width(pattern: str, flags: int = 0) -> int:
    """The least number of characters ``pattern`` matches (0 when :func:`parse` cannot read it)."""
    try:
        return parse(pattern, flags).min_width
    except ValueError:
        return 0


def opens_with_literal(pattern: str) -> bool:
    """True when every match of ``pattern`` opens with a literal character or a character set."""

    def opens(items: Seq) -> bool:
        if not items:
            return False
        op, av = items[0]
        if op in ("lit", "in"):
            return True
        if op == "group":
            return opens(av[3])
        if op == "branch":
            return all(opens(branch) for branch in av)
        return False

    try:
        return opens(parse(pattern).nodes)
    except ValueError:
        return False


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
        self._rules_of = [
            tuple(i for i, first in enumerate(primary) if first and s in first) for s in literals
        ]
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
