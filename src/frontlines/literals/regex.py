"""A small parser for the regular expressions the lexicons use, giving the tree the gates read.

It follows ``re``'s own parser (Python 3.11-3.13) closely enough that the trees are the same, its two
rewrites included: an alternation's common prefix moves out of it, and an alternation of single
characters becomes a set; a non-capturing group without flags is spliced into its sequence. What it
does not support (verbose mode, conditional groups, ...) raises ``_Unsupported``, and the rule then
has no requirement: the gate stays exact. tests/test_literals.py checks the trees against those of
``re`` for every lexicon rule.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

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


def min_width(pattern: str, flags: int = 0) -> int:
    """The least number of characters ``pattern`` matches (0 when :func:`parse` cannot read it)."""
    try:
        return parse(pattern, flags).min_width
    except ValueError:
        return 0
