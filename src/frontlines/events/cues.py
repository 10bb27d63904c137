"""Cues around a trigger that change what it reports: modality and negation (no claim), background
(an earlier state or change, not the news), hedges (an unconfirmed claim) and parenthetical clauses
(neither subject nor object)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from frontlines.literals import gate_text, literal_filter

#: Modality, negation, intention and attempt cues in the words before a trigger.
_BLOCK_RE = re.compile(
    r"\b(?:not|never|no\s+longer|denied|deny|denies|denying|could|would|will|(?-i:may)|might|can|cannot|should|"
    r"shall|must|if|unless|whether|potential|possible|possibly|future|next|planned|plans?|planning|hopes?|"
    r"hoped|hoping|expected|expects|aims?|aimed|aiming|seeking|seeks|sought|trying|tries|tried|attempts?|"
    r"attempted|attempting|bid|intends?|intended|intending|threaten\w*|vow\w*|pledg\w*|insist\w*|"
    r"demand\w*|urg\w*|ready|poised|preparing|prepares|prepared|fail\w*|wanted|wants|push\s+to|"
    r"effort|efforts|goal|objective|order\s+to|avoid|avoiding|prevent|preventing)\b|n['’]t\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[\w'’-]+")
_MAY_BLOCK = literal_filter(_BLOCK_RE)
#: Objects after "take" that make an idiom, not a capture: "took place in X", "took part in", "took refuge in X",
#: "took (up) position in X" (troops deployed there, as a photo caption says it).
_IDIOM_AFTER_RE = re.compile(
    r"\s+(?:place|part|refuge|shelter|cover|aim|note|turns|hostages?|prisoners?|captives?|advantage|responsibility|credit|effect|steps|measures|precautions|(?:up\s+)?positions?)\b",
    re.IGNORECASE,
)
#: A possessive right before a verb trigger makes it a noun ("the town's capture"), not a verb taking an object.
_POSSESSIVE_BEFORE_RE = re.compile(
    r"\b(?!(?:it|that|what|he|she|there|who|here|where|which)['’]s\b)\w+(?:['’]s|s['’])\s+$", re.IGNORECASE
)
_POSSESSIVE_ENDS = frozenset({"'s", "’s", "s'", "s’", "'ſ", "’ſ", "ſ'", "ſ’"})  # IGNORECASE: ſ is an s
_VERB_VOICES = frozenset({"active", "expel", "loss"})
_OF_AFTER_RE = re.compile(r"\s+of\b", re.IGNORECASE)
#: A participle after a determiner is an adjective: "the occupied Golan", "its newly captured villages".
_PARTICIPLE_RE = re.compile(r"[a-z]+(?:ed|en)", re.IGNORECASE)
_DETERMINER_BEFORE_RE = re.compile(
    r"\b(?:the|an?|its|their|his|her|our|this|that|these|those)\s+(?:\w+ly\s+)?(?:[\w'’]+-)?$", re.IGNORECASE
)
#: A prefix written apart from the verb it belongs to ("re-take", "re-capture").
_PREFIX_RE = re.compile(r"\bre-?$", re.IGNORECASE)
#: A report its writer could not confirm: "could not be independently verified", "unconfirmed reports",
#: "has reportedly captured".
_UNVERIFIED_RE = re.compile(
    r"\b(?:could\s*n[o'’]t|can\s*n[o'’]t|cannot|unable\s+to|impossible\s+to|not\s+possible\s+to|"
    r"(?:has|have|had|was|were|is|are|did)\s*n[o'’]t)\s+(?:(?:be|been|immediately|independently|yet)\s+){0,3}"
    r"(?:verif|confirm|corroborat)\w*|\b(?:unconfirmed|unverified|reportedly|allegedly)\b|\bno\s+(?:independent\s+)?(?:confirmation|verification)\b",
    re.IGNORECASE,
)
#: A side's own claim: "rebels claimed to have taken X", "the army claimed the capture of X".
_CLAIMED_RE = re.compile(
    r"\bclaim(?:ed|s|ing)?\s+(?:that\s+|to\s+have\s+|(?:it|they)\s+(?:had|have|has)\s+|"
    r"(?:the\s+|full\s+)?(?:capture|control|seizure|recapture|liberation)\b)",
    re.IGNORECASE,
)
_MAY_BE_UNVERIFIED = literal_filter(_UNVERIFIED_RE)
_MAY_BE_CLAIMED = literal_filter(_CLAIMED_RE)
#: A later sentence saying a claimed change did not happen: the loser still holds the place, or repelled the attack.
_REFUTED_RE = re.compile(
    r"\b(?:still|remain(?:s|ed)?|continu(?:e|es|ed)\s+to\s+be)\s+(?:\w+\s+){0,2}in\s+(?:full\s+|complete\s+)?control\b"
    r"|\bstill\s+(?:\w+ly\s+)?(?:holds?|holding|controls?|controlling)\b|\b(?:retain(?:s|ed)?|kept|keeps)\s+(?:full\s+)?control\b"
    r"|\b(?:repel+(?:ed|s)?|repuls(?:ed|es)|thwart(?:ed|s)|foil(?:ed|s)|beat\s+back|pushed\s+back)\b"
    r"|\b(?:denied|not\s+true|false\s+(?:claims?|reports?))\b",
    re.IGNORECASE,
)
#: What stands for a claimed place or the claim in the sentence refuting it.
_REFUTED_OBJECT_RE = re.compile(
    r"\b(?:the|both|two|three|these|those|this|that)\s+(?:\w+\s+)?(?:villages?|towns?|city|area|positions?|"
    r"attacks?|assaults?|offensive|advance|claims?|reports?)\b|\b(?:it|them)\b",
    re.IGNORECASE,
)
#: A following sentence this short that hedges is about the claim before it ("The report could not be verified.").
_HEDGE_SENTENCE_CHARS = 140
#: Verbs after which "to VERB" reports a fact ("managed to recapture", "forcing X to retreat").
_FACTUAL_BEFORE_TO = frozenset(
    {
        "managed",
        "able",
        "succeeded",
        "forced",
        "forcing",
        "force",
        "enabling",
        "enabled",
        "continued",
        "began",
        "started",
        "had",
        "went",
        "moved",
    }
)
#: Words skipped when reading the verb before "to" ("went on to capture", "then moved on to take").
_ADVERBS = frozenset(
    {
        "fully",
        "completely",
        "entirely",
        "finally",
        "successfully",
        "again",
        "also",
        "then",
        "now",
        "totally",
        "on",
    }
)
#: Any other adverb in -ly, skipped there too: "to ultimately take X" is an intention as "to take X" is.
_LY_ADVERB_RE = re.compile(r"[a-z]{3,}ly", re.IGNORECASE)
#: Prepositions before a gerund trigger that make it no fact: "aimed at taking", "without entering", and
#: "before" after a retreat ("forced to retreat before entering the town": they never entered).
_GERUND_BLOCK_RE = re.compile(
    r"\b(?:at|for|toward|towards|on|about|of|without|instead\s+of)\s+(?:\w+ly\s+)?$"
    r"|\b(?:retreat\w*|withdr[ae]w\w*|pull\w*\s+back|f[ae]ll\w*\s+back|turn\w*\s+back|repel+\w*|repuls\w*)\b"
    r"[^.;]{0,40}\bbefore\s+$",
    re.IGNORECASE,
)
#: Parenthetical clauses whose contents are neither the subject nor the place of the main clause.
_PARENTHETICAL_RE = re.compile(
    r",\s+(?:which|who|whose|where|once|also\s+known)\b[^,;]*(?:,|$)|\s[–—]\s[^–—]*[–—]|\([^)]*\)",
    re.IGNORECASE,
)
_FORMERLY_RE = re.compile(
    r"\b(?:formerly|former|once|previously|until|used\s+to|had\s+been|was\s+an?)\s+(?:[\w'’-]+\s+){0,3}$",
    re.IGNORECASE,
)
_HAD_BEFORE_RE = re.compile(r"\bhad\s+(?:[\w'’]+\s+){0,3}$", re.IGNORECASE)
_HAD_RE = re.compile(r"\bhad\b", re.IGNORECASE)
#: The start of the last relative clause before a trigger ("..., who", "..., which") and what ends one.
_RELATIVE_START_RE = re.compile(
    r",\s+(?:which|who|whom|that)\b(?![^,;]*,\s+(?:which|who|whom|that)\b)", re.IGNORECASE
)
_CLAUSE_END_RE = re.compile(r"[,;:()]|\s[–—]\s")
#: Words before a place that make it where a move went, not where control changed: "withdrew from X to
#: Y", "the evacuation of fighters to Y", "retreated towards Y".
_DESTINATION_RE = re.compile(
    r"(?:\bfrom\s+[^,;:.()]{1,60}?|\b(?:withdr[ae]w\w*|retreat\w*|fle[de]\w*|fleeing|evacuat\w*|pull\w*\s+back|"
    r"f[ae]l+\w*\s+back|head\w*|relocat\w*|transferr?\w*|redeploy\w*|bus+ed|escap\w*|mov(?:e|ed|es|ing))"
    r"\b[^,;:.()]{0,60}?)\s(?:to|towards?|into)\s+(?:the\s+)?(?:(?:city|town|village|province)\s+of\s+)?$",
    re.IGNORECASE,
)


def blocked(text: str, start: int, end: int, voice: str) -> bool:
    """True when intentions, attempts, conditionals or denials before the trigger ``text[start:end]`` block
    it, or when the words after it make it an idiom ("took place", "took part", "took refuge")."""
    if _IDIOM_AFTER_RE.match(text, end):
        return True
    if voice in _VERB_VOICES and _possessive_before(text, start) and not _OF_AFTER_RE.match(text, end):
        return (
            True  # "the town's capture would help the army press towards X": a noun, its object the possessor
        )
    if (
        voice in _VERB_VOICES
        and _PARTICIPLE_RE.fullmatch(text, start, end)
        and (text[start - 1 : start] == "-" or _DETERMINER_BEFORE_RE.search(text, max(0, start - 40), start))
    ):
        return True  # "the occupied Golan", "Israel-occupied Golan": an adjective, not a report
    prefix = _PREFIX_RE.search(text, max(0, start - 4), start)
    if prefix is not None:
        start = prefix.start()  # "to re-take": the cue sees the whole verb
    before = text[max(0, start - 60) : start]
    words = _WORD_RE.findall(before)[-6:]
    last = " ".join(words[-5:])
    if _MAY_BLOCK(gate_text(last)) and _BLOCK_RE.search(last):
        return True
    trimmed = [w.lower() for w in words if w.lower() not in _ADVERBS and not _LY_ADVERB_RE.fullmatch(w)]
    if trimmed and trimmed[-1] == "to" and (len(trimmed) < 2 or trimmed[-2] not in _FACTUAL_BEFORE_TO):
        return voice not in {"passive", "freed"} or not text[start:end].lower().startswith(("fell", "fall"))
    trigger = text[start:end].lower()
    return trigger.split()[0].endswith("ing") and bool(_GERUND_BLOCK_RE.search(before))


def _possessive_before(text: str, start: int) -> bool:
    """``_POSSESSIVE_BEFORE_RE`` before ``start``, searched only where the words before end with "'s"
    or "s'" and a space (what every match ends with)."""
    before = text[max(0, start - 40) : start]
    word = before.rstrip()
    if len(word) == len(before) or word[-2:].lower() not in _POSSESSIVE_ENDS:
        return False
    return bool(_POSSESSIVE_BEFORE_RE.search(text, max(0, start - 40), start))


def parentheticals(text: str) -> list[tuple[int, int]]:
    """The spans of the parenthetical clauses of a sentence."""
    return [m.span() for m in _PARENTHETICAL_RE.finditer(text)]


def formerly(text: str, position: int) -> bool:
    """True when the words before ``position`` say the state was a former one ("once rebel-held")."""
    return bool(_FORMERLY_RE.search(text, max(0, position - 40), position))


def relative_past_perfect(text: str, trigger_start: int) -> bool:
    """True for a change told in the past perfect inside a relative clause: "the rebels, who had taken
    the town in an offensive", "X, which the army had lost": what held before the news, not the news."""
    clause = _RELATIVE_START_RE.search(text, 0, trigger_start)
    return (
        clause is not None
        and not _CLAUSE_END_RE.search(text, clause.end(), trigger_start)
        and bool(_HAD_BEFORE_RE.search(text[max(0, trigger_start - 40) : trigger_start]))
    )


def destination(text: str, start: int) -> bool:
    """True for a place named as where a move went ("withdrew from X to Y", "fled towards Y"): no
    antecedent for "the city" of the same sentence, which is where they left."""
    return bool(_DESTINATION_RE.search(text, max(0, start - 120), start))


def past_perfect(text: str, trigger_start: int) -> bool:
    """True for a change told in the past perfect ("had captured"): background, before the news."""
    if _HAD_BEFORE_RE.search(text[max(0, trigger_start - 40) : trigger_start]):
        return True
    # a sentence-initial gerund ("Taking back X ... had marked") takes the main verb's tense
    return not text[:trigger_start].strip() and bool(_HAD_RE.search(text))


def refuted(following: str, names: Iterable[str]) -> bool:
    """True when the sentences after a hedged claim say it did not happen, of the claim's places
    (``names``, as written) or of what stands for them: "However, the defenders are still in control
    of both villages", "The attack on X was repelled", "The army denied it"."""
    if _REFUTED_RE.search(following) is None:
        return False
    folded = following.casefold()
    return bool(_REFUTED_OBJECT_RE.search(following)) or any(n.casefold() in folded for n in names if n)


def unconfirmed(text: str, following: str = "") -> bool:
    """True when a sentence hedges the change it reports (a side's claim, "could not be verified",
    "unconfirmed"), or a short sentence after it says the report could not be confirmed."""
    gated = gate_text(text)  # most sentences hold none of the words these need: no regex runs
    if (_MAY_BE_UNVERIFIED(gated) and _UNVERIFIED_RE.search(text)) or (
        _MAY_BE_CLAIMED(gated) and _CLAIMED_RE.search(text)
    ):
        return True
    return (
        len(following) <= _HEDGE_SENTENCE_CHARS
        and _MAY_BE_UNVERIFIED(gate_text(following))
        and _UNVERIFIED_RE.search(following) is not None
    )
