"""The regex parser of ``literals`` reads every pattern of the package as ``re`` itself does.

``re``'s own parser (the private ``re._parser``) is the oracle here, and only here: the library never
imports it. Equal trees give equal required literals, so the gates select exactly the rules they did.
"""

from __future__ import annotations

import csv
import importlib
import pkgutil
import re
from typing import Any

import pytest

import frontlines
from frontlines.literals import (
    gate_text,
    literal_filter,
    min_width,
    parse,
    required_literals,
)

sre = importlib.import_module("re._parser")  # Python 3.11-3.13; a new oracle is needed if it goes

TRICKY = [
    r"[]a-]", r"[^]x]", r"x{,3}y", r"a{}", r"a{2,x", r"(?P<n>ab)(?P=n)", r"(a)\1", r"(?i:AB)c", r"(?-i:IS)",
    r"(?i)abc", r"(?<=x)y(?!z)", r"(?<!\w)(?:ab)(?!\w)", r"(?>ab)+", r"a*?b++c??", r"\x41\u00e9\.\t",
    r"(?#comment)x", r"ab|ac|ad", r"a|b|[cd]", r"(?:\s+x|\s+y)", r"[\d\s,.-]+", r"\bfoo\B", r"^a$", r"\Aa\Z",
    r"[^a]", r"[a]", r"(?s:.)", r"(?:captured|capturing)\s+(?:the\s+)?town", r"(?:a|b)?c{2,4}", r"\w+",
    r"(?:x|)y", r"[\b]", r"[a-cx-z]{1,2}", r"\d{4}|\d{1,2}(?:st|nd|rd|th)?", r"(?:(?:is|are)\s+now|now)",
]  # fmt: skip


def _lexicon_patterns() -> list[tuple[str, int]]:
    """Every regex of the package: module-level patterns (alone or as the first item of a rule) and
    the rows of the CSV lexicons, each also case-insensitively."""
    found: list[tuple[str, int]] = []
    for module in pkgutil.walk_packages(frontlines.__path__, "frontlines."):
        if module.name.startswith("frontlines.cli"):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            items = value if isinstance(value, tuple | list) else [value]
            for item in items:
                item = item[0] if isinstance(item, tuple) and item else item
                if isinstance(item, re.Pattern) and isinstance(item.pattern, str):
                    found.append((item.pattern, item.flags))
    data = importlib.resources.files("frontlines") / "data"
    for name in ("actors.csv", "triggers.csv"):
        rows = csv.DictReader(
            line for line in data.joinpath(name).read_text("utf-8").splitlines() if line[:1] != "#"
        )
        found += [(row["pattern"], flags) for row in rows for flags in (0, re.IGNORECASE)]
    return sorted(set(found))


LEXICON = _lexicon_patterns()


def _node(op: Any, av: Any) -> tuple[str, Any]:
    name = str(op).lower()
    if name in ("literal", "not_literal"):
        return ("lit" if name == "literal" else "not_lit", av)
    if name == "in":
        return "in", tuple(_item(o, a) for o, a in av)
    if name == "at":
        return "at", str(av).lower().removeprefix("at_")
    if name in ("assert", "assert_not"):
        return name, (av[0], _tree(av[1]))
    if name == "branch":
        return "branch", tuple(_tree(b) for b in av[1])
    if name == "subpattern":
        return "group", (av[0], av[1], av[2], _tree(av[3]))
    if name == "atomic_group":
        return "atomic", _tree(av)
    if name.endswith("_repeat"):
        mode = {"max_repeat": "greedy", "min_repeat": "lazy", "possessive_repeat": "possessive"}[name]
        return "repeat", (av[0], None if av[1] == sre.MAXREPEAT else av[1], _tree(av[2]), mode)
    if name == "groupref":
        return "ref", av
    return name, av  # any


def _item(op: Any, av: Any) -> tuple[str, Any]:
    name = str(op).lower()
    if name == "category":
        return "cat", str(av).lower().removeprefix("category_")
    return {"literal": "lit", "range": "range", "negate": "negate"}[name], av


def _tree(sequence: Any) -> tuple[tuple[str, Any], ...]:
    return tuple(_node(op, av) for op, av in sequence)


def test_the_package_has_lexicon_patterns_to_check() -> None:
    assert len(LEXICON) > 100


@pytest.mark.parametrize(("pattern", "flags"), [*LEXICON, *((p, 0) for p in TRICKY)], ids=repr)
def test_the_tree_is_that_of_re(pattern: str, flags: int) -> None:
    oracle = sre.parse(pattern, flags)
    tree = parse(pattern, flags)
    assert tree.nodes == _tree(oracle)
    assert tree.min_width == oracle.getwidth()[0] == min_width(pattern, flags)
    assert bool(tree.flags & re.IGNORECASE) == bool(oracle.state.flags & re.IGNORECASE)


@pytest.mark.parametrize("pattern", [r"(?x) a b", r"(?(1)a|b)", r"\N{EM DASH}x", r"\0x", r"[\101]x", r"(ab"])
def test_what_the_parser_cannot_read_gets_no_requirement(pattern: str) -> None:
    with pytest.raises(ValueError, match="cannot analyse"):
        parse(pattern)
    assert required_literals(pattern) == () and min_width(pattern) == 0


def test_required_literals_of_branches_repeats_and_cased_parts() -> None:
    assert required_literals(r"(?:captured|capturing)\s+the") == (
        frozenset({"captured", "capturing"}),
        frozenset({"the"}),
    )
    assert required_literals(r"(?-i:IS)\s+fighters", re.IGNORECASE) == (
        frozenset({"fighters"}),
        frozenset({"IS"}),
    )
    assert required_literals(r"\d+\s+weeks?\s+ago", digits=True) == (
        frozenset({"week"}), frozenset({"ago"}), frozenset({"0"}),
    )  # fmt: skip
    assert required_literals(r"(?:x|)y") == (frozenset({"y"}),)


def test_literal_filter_passes_every_text_the_pattern_matches() -> None:
    pattern = re.compile(
        r"\b(?:could\s+not|unable\s+to)\s+(?:verif|confirm)\w*|\breportedly\b", re.IGNORECASE
    )
    may_match = literal_filter(pattern)
    for text in ("They could NOT confirm it.", "Rebels reportedly took the town.", "Unable to verify it."):
        assert pattern.search(text) and may_match(gate_text(text))
    assert not may_match(gate_text("The army took the town on Monday."))
    # a case-sensitive part is left out of the test: it passes without it, the regex decides
    cased = literal_filter(re.compile(r"(?-i:IS)\s+fighters", re.IGNORECASE))
    assert cased(gate_text("is FIGHTERS")) and not cased(gate_text("IS militants"))
    assert literal_filter(re.compile(r"\w+"))("anything")
    # a clause of many literals (one Aho-Corasick pass) and a short one (``in``) together
    verbs = r"\b(?:would|could|might|should|must|will|shall|cannot|never|planned|hoped)\s+(?:take|seize)\b"
    many = literal_filter(re.compile(verbs, re.IGNORECASE))
    for text in ("They WOULD take it.", "rebels hoped  seize", "The army never seized X"):
        assert many(gate_text(text)), text
    assert not many(gate_text("They took the town.")) and not many(gate_text("They would go."))


@pytest.mark.parametrize(
    "text",
    [
        "Rebels TOOK Kafr Nabl on 27 Feb 2020.",
        "The \u0130slamic \u017ftate and the \u212aurds, 12 km away.",
        "Le 3 mars, à ١٢ km",
        "",
    ],
)
def test_gate_text_lowercases_ascii_letters_maps_the_case_variants_and_writes_digits_as_zero(
    text: str,
) -> None:
    letters = {**{chr(c): chr(c + 32) for c in range(65, 91)}, "\u0130": "i", "\u017f": "s", "\u212a": "k"}
    expected = "".join(letters.get(c, c) for c in text)
    assert gate_text(text) == expected
    assert gate_text(text, digits=True) == "".join("0" if c.isdecimal() else c for c in expected)
    assert len(gate_text(text, digits=True)) == len(text)
