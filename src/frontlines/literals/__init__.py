"""Literal gates: which rules of a regex lexicon can match a text at all, found in one pass.

Running every rule regex over every sentence is the costly part of reading dates, triggers and actors.
A rule can only match a text that holds one of its *required literals*: strings derived from the
rule's parsed regex, one of which every match contains ("ago" for "three weeks ago", "captur" ...).
One Aho-Corasick pass over the text finds the literals present, and only the rules they name run.
The derivation is conservative by construction (a rule it cannot analyse has no requirement and
always runs), so the result is the same as running every rule.
"""

from frontlines.literals.gate import IGNORECASE_SPECIALS, LiteralGate, gate_text
from frontlines.literals.regex import Tree, min_width, parse
from frontlines.literals.requirements import literal_filter, required_literals

__all__ = [
    "IGNORECASE_SPECIALS",
    "LiteralGate",
    "Tree",
    "gate_text",
    "literal_filter",
    "min_width",
    "parse",
    "required_literals",
]
