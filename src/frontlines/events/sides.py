"""Sides of a claim from the positions of the actor phrases around its trigger.

The subject before an active verb gains; "from ACTOR" loses; "fell to ACTOR" and "captured by ACTOR"
gain; "ACTOR lost/withdrew from" loses. A loser the sentence does not give is the other Syrian side it
names; a gainer it does not give comes from the article (:mod:`~frontlines.events.discourse`); else
a side is ``unknown``.
"""

from __future__ import annotations

import re

from frontlines.events.actors import ActorSpan
from frontlines.events.allies import ally_of
from frontlines.events.discourse import (
    AND_GAP_RE,
    ATTACKED_RE,
    HTS_CAMP,
    NOT_FALLBACK,
    context_gainer,
    holder_mark,
    qualifier,
    record_change,
)
from frontlines.events.sentence import Sentence
from frontlines.schema import UNKNOWN

#: State-media vocabulary: "liberated from terrorism" is a government gain from the armed opposition.
_TERRORISM_RE = re.compile(r"\bterroris(?:m|ts?)\b", re.IGNORECASE)
#: Clause boundaries a subject is not looked for across.
_CLAUSE_RE = re.compile(
    r"[;:“”\"]|\s[–—-]\s|\bsaid\b|\bsays\b|"
    r"\b(?:reported|reports|announced|confirmed|claimed|stated|added|noted)\s+(?:on\s+\w+\s+)?that\b",
    re.IGNORECASE,
)
#: A few words in quotation marks ("“liberated”", "“HTS”"): a scare quote, not a quoted clause.
_SCARE_QUOTE_RE = re.compile(r"[“\"](?:[^\s“”\",.;:!?]+\s?){1,4}[”\"]")
#: A statement verb right before a nominal trigger: "the army announced the capture of X".
_ANNOUNCED_RE = re.compile(
    r"\b(?:announced|announces|announcing|declared|declares|confirmed|confirms|celebrated|celebrates|hailed|hails|"
    r"claimed|claims|reported|reports)\s+$",
    re.IGNORECASE,
)
#: Reported speech whose subject is the speaker: "the SDF said its fighters had withdrawn from X".
_SPEAKER_IS_SUBJECT_RE = re.compile(
    r"\s+(?:said|says|announced|confirmed|claimed)(?:\s+(?:on\s+)?\w+day)?,?\s+(?:that\s+)?"
    r"(?:it|they|its\s+(?:fighters|forces|troops|units|members|militants)|their\s+(?:fighters|forces|troops|units|members))"
    r"\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
#: How far after a changed place a holder ("X, one of the last rebel-held towns") still describes it.
_HOLDER_REACH = 60
#: Change verbs whose subject is the place or the loser ("was taken", "fell to", "lost").
_PASSIVE_RE = re.compile(
    r"(?:was|were|is|are|been|being|had|has|have|fell|falls|fallen|came|comes|lost|loses|withdr[ae]w|retreated|pulled)\b",
    re.IGNORECASE,
)
_PRONOUN_RE = re.compile(r"\b(?:it|them)\b", re.IGNORECASE)
#: A possessive before a generic label: "its fighters", "their troops" stand for a side named before.
_POSSESSIVE_RE = re.compile(r"\b(?:its|their)\s+$", re.IGNORECASE)
_FROM_RE = re.compile(r"\b(?:from|of)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_BY_RE = re.compile(r"\b(?:by|to|into|under|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_BY_AGENT_RE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
#: "the rebels of HTS", "fighters of the SDF": the group named after "of" is the subject.
_MEMBERS_OF_RE = re.compile(
    r"\b(?:rebels|fighters|militants|jihadists|members|units|forces|troops)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_ALLIES_RE = re.compile(
    r"\b(?:and|with)\s+(?:their|its|his)\s+(?:\w+\s+)?(?:allies|partners)\s+(?:from|of|in)?\s*(?:the\s+)?$",
    re.IGNORECASE,
)
#: Entering verbs: a capture only when a named side (or, moving in, troops) is the subject.
_MOVED_IN_RE = re.compile(r"enter|moved|swept", re.IGNORECASE)
#: Unnamed troops right before "moved into": "the forces moved into X" (their side from the article).
_TROOPS_RE = re.compile(r"\b(?:the\s+)?(?:forces|troops|soldiers|units)\s+$", re.IGNORECASE)
_ADJACENT_GAP_RE = re.compile(r"^(?:['’]s?)?[\s-]?$")
#: The source a sentence cites before its news, up to an actor inside it: "According to a channel run by
#: Hezbollah, trucks entered X", "According to X, a station operated by Hezbollah, ..." (the source, not
#: the subject, once a comma closes it before the verb).
_ATTRIBUTION_RE = re.compile(
    r"\b(?:according\s+to|citing)\s+[^,;:]*(?:,\s+(?:a|an|the)\s+[^,;:]*?\b(?:station|channel|television|tv|agency|"
    r"network|website|outlet|newspaper|broadcaster|media|monitor|observatory)\b[^,;:]*)?$",
    re.IGNORECASE,
)
_TO_RE = re.compile(r"\b(?:to|by)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_NOT_SUBJECT_RE = re.compile(
    r"\b(?:from|against|by|of|with|to|on|over|versus|among)\s+(?:the\s+)?$", re.IGNORECASE
)
#: An actor holding places of the object before it ("targeting the villages IS still controls, capturing X"): a
#: relative clause's subject, not the trigger's.
_PLACES_BEFORE_RE = re.compile(
    r"\b(?:villages|towns|areas|territory|territories|positions|places|parts|regions|lands|cities|districts|"
    r"neighbou?rhoods|hamlets|settlements|localities)\s+(?:that\s+|which\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_HOLDS_AFTER_RE = re.compile(
    r"\s+(?:[\w-]+\s+){0,2}?(?:(?:still|now|currently|once|had|has|have)\s+)?"
    r"(?:controls?|controlled|holds?|held|occupies|occupied|runs|ran)\b",
    re.IGNORECASE,
)


def actor_after(
    s: Sentence, position: int, stop: int, intro: re.Pattern[str] | None, reach: int = 60
) -> ActorSpan | None:
    """The first actor after ``position`` (before ``stop``), introduced by ``intro`` when given."""
    for actor in s.actors:
        if actor.start < position:
            continue
        if actor.start >= min(stop, position + reach):
            return None
        if intro is None or intro.search(s.text[max(position, actor.start - 30) : actor.start]):
            return actor
    return None


def _between(s: Sentence, start: int, end: int) -> str:
    """``text[start:end]`` with its parenthetical clauses and scare quotes blanked: "the SDF — with
    army support — took", "“HTS” took", "JTS “liberated”" keep their subject."""
    chars = list(s.text[start:end])
    for first, last in s.parentheticals:
        for i in range(max(first, start), min(last, end)):
            chars[i - start] = " "
    for quoted in _SCARE_QUOTE_RE.finditer(s.text):
        for i in (quoted.start(), quoted.end() - 1):
            if start <= i < end:
                chars[i - start] = " "
    return "".join(chars)


def subject(s: Sentence, start: int) -> ActorSpan | None:
    """The nearest actor before a trigger in its clause that is not the object of a preposition; a
    named side before an unnamed one ("the SDF, an alliance of Arab militias, drove ...")."""
    generic = None
    for actor in reversed(s.actors):
        if actor.end > start:
            continue
        if s.inside_parenthetical(actor.start, start):
            continue
        if _CLAUSE_RE.search(_between(s, actor.end, start)) and not _SPEAKER_IS_SUBJECT_RE.match(
            s.text, actor.end, start
        ):
            break
        before = s.text[max(0, actor.start - 25) : actor.start]
        if (_NOT_SUBJECT_RE.search(before[-15:]) or ATTACKED_RE.search(before)) and not _MEMBERS_OF_RE.search(
            before
        ):
            continue
        if qualifier(s, actor) or (
            _PLACES_BEFORE_RE.search(s.text, max(0, actor.start - 40), actor.start)
            and _HOLDS_AFTER_RE.match(s.text, actor.end, start)
        ):
            continue  # "pushed through rebel lines and seized X", "the villages IS controls": not the subject
        if _ALLIES_RE.search(s.text[max(0, actor.start - 30) : actor.start]):
            continue  # "HTS and their allies from Jaysh al-Izza retook X": the first named side leads
        if ally_of(s.text, s.actors, actor):
            continue  # "rebels led by HTS took X": the side HTS leads is the subject
        if "," in s.text[actor.end : start] and _ATTRIBUTION_RE.search(s.text, 0, actor.start):
            continue  # "According to a channel run by Hezbollah, trucks entered X": the source
        if actor.controller != UNKNOWN:
            return _coordination_head(s, actor)
        generic = generic or actor
    return generic


def _coordination_head(s: Sentence, actor: ActorSpan) -> ActorSpan:
    """The first named side of a coordinated subject ending at ``actor`` ("the Turkish army and the
    FSA took X": the Turkish army leads), or ``actor``."""
    for before in reversed([a for a in s.actors if a.end <= actor.start]):
        if before.controller == UNKNOWN or not AND_GAP_RE.fullmatch(s.text, before.end, actor.start):
            break
        actor = before
    return actor


def _joint_group(s: Sentence, head: ActorSpan | None, commas: bool = True) -> tuple[int, int] | None:
    """The span of a group of several sides joined by "and" that begins at ``head`` ("the army and the
    SDF took X", "fell to Turkish forces and FSA fighters"; without ``commas``, not "fell to the army,
    and rebels withdrew"), whose sides are kept as one camp for the sentence (``context.joint``); else None."""
    if head is None:
        return None
    joined = [head]
    for actor in s.actors:
        if actor.start >= joined[-1].end:
            gap = AND_GAP_RE.fullmatch(s.text, joined[-1].end, actor.start)
            if gap is None or (not commas and "," in gap.group()):
                break
            joined.append(actor)
    sides = frozenset(a.controller for a in joined) - {UNKNOWN}
    if len(sides) < 2:
        return None
    s.context.joint[s.number] = sides
    return head.start, joined[-1].end


def actor_inside(s: Sentence, start: int, end: int) -> ActorSpan | None:
    """The first actor within a trigger's phrase ("came under rebel control", "is now in rebel hands")."""
    return next((a for a in s.actors if start <= a.start and a.end <= end), None)


def adjacent_before(s: Sentence, start: int) -> ActorSpan | None:
    """An actor ending right before ``start`` ("the rebel capture", "regime-controlled")."""
    for actor in s.actors:
        if actor.end <= start and _ADJACENT_GAP_RE.match(s.text[actor.end : start]):
            return actor
    return None


def other_side(
    s: Sentence, known: str, exclude: tuple[int, int], loser_of: int | None = None, holders_until: int = -1
) -> str:
    """A Syrian side the sentence names besides ``known``, else unknown. As the loser of the change
    at ``loser_of`` (a trigger's start), not a side that acts in another clause of the sentence ("X is
    held by the army while Kurdish forces took Y from rebels": the rebels, not the Kurds, lost X). Never
    a holder ("government-held areas") starting at or after ``holders_until`` (a holder named next to
    the place is its loser; -1: no holder is a side here)."""
    for actor in s.actors:
        if exclude[0] <= actor.start < exclude[1]:
            continue
        if actor.controller in NOT_FALLBACK or actor.controller == known:
            continue
        if holder_mark(s, actor) and (holders_until < 0 or actor.start >= holders_until):
            continue
        if loser_of is not None and _acts_elsewhere(s, actor, loser_of):
            continue
        if ally_of(s.text, s.actors, actor, known):
            continue  # "rebels led by HTS took X": HTS fought beside the rebels, it did not lose X
        if {known, actor.controller} == HTS_CAMP and s.context.rebels_led_by_hts():
            continue  # an article naming HTS among the rebels: neither lost X to the other
        return actor.controller
    return UNKNOWN


def _acts_elsewhere(s: Sentence, actor: ActorSpan, trigger: int) -> bool:
    """True when ``actor`` is the subject of an active change verb other than the one at ``trigger``."""
    for start, end in s.change_spans:
        if start == trigger or start < actor.end or _PASSIVE_RE.match(s.text, start, end):
            continue
        if subject(s, start) == actor:
            return True
    return False


def _pronoun_side(s: Sentence, gainer: str, start: int) -> str:
    """The side "it" or "them" stands for: the last one named before, in this sentence or the previous one."""
    for actors in ([a for a in s.actors if a.end <= start], s.around(-1)):
        for actor in reversed(actors):
            if actor.controller not in NOT_FALLBACK and actor.controller != gainer:
                return actor.controller
    return UNKNOWN


def claim_sides(
    s: Sentence, voice: str, start: int, end: int, place_end: int, stop: int
) -> tuple[str, str] | None:
    """(gainer, loser) of a change claim; None when the claim needs a side it lacks. A known gainer
    is kept in the article context as the sentence's (see ``discourse.record_change``)."""
    found = _claim_sides(s, voice, start, end, place_end, stop)
    if found is not None:
        record_change(s, *found)
    return found


def record_unplaced(s: Sentence, voice: str, start: int, end: int, stop: int) -> None:
    """Keep the sides an active or passive change claim names itself when it has no usable place ("IS took
    a village from rebels", "a crossing was seized by rebels from IS"), for a later sentence naming it."""
    reach_end = min(len(s.text), stop + 1)
    loser = actor_after(s, end, reach_end, _FROM_RE, reach=60)
    if voice == "active":
        found = subject(s, start)
        gainer = found.controller if found is not None else UNKNOWN
    else:
        by = actor_after(s, start, reach_end, _BY_RE, reach=70)
        gainer = by.controller if by is not None else UNKNOWN
    if loser is not None and UNKNOWN not in (gainer, loser.controller) and gainer != loser.controller:
        s.context.unplaced[s.number] = (gainer, loser.controller)


def _claim_sides(
    s: Sentence, voice: str, start: int, end: int, place_end: int, stop: int
) -> tuple[str, str] | None:
    reach_end = min(len(s.text), stop + 1)
    from_actor = actor_after(s, place_end, reach_end, _FROM_RE, reach=45)
    if voice in {"active", "interdict", "expel", "expel_out", "declared"}:
        found = subject(s, start)
        if (
            found is None
            and _MOVED_IN_RE.match(s.text, start, end)
            and not (
                s.text.lower().startswith(("moved", "swept"), start) and _TROOPS_RE.search(s.text, 0, start)
            )
        ):
            return None  # "buses entering the camp": entering is a capture only for a named side or troops moving in
        gainer = found.controller if found else None
        if (
            found is not None
            and gainer == UNKNOWN
            and _POSSESSIVE_RE.search(s.text, max(0, found.start - 8), found.start)
        ):
            gainer = None  # "Its fighters seized X": the side the article named before, as for no subject
        loser: str | None
        if voice == "expel":
            inside = [a for a in s.actors if start <= a.start < end]
            loser = inside[0].controller if inside else UNKNOWN
            if not inside and _PRONOUN_RE.search(s.text, start, end):  # "drove it from X"
                loser = _pronoun_side(s, gainer or UNKNOWN, start)
        elif voice == "expel_out":
            driven_out = actor_after(s, end, reach_end, None, reach=25)
            if driven_out is None:
                return None  # "forced out residents": no side driven out
            loser = driven_out.controller
        elif voice == "declared":
            after = actor_after(s, end, reach_end, None, reach=30)
            loser = after.controller if after else UNKNOWN
        elif from_actor is not None and holder_mark(s, from_actor) and from_actor.controller == gainer:
            loser = None  # JTS took X, "one of the largest opposition-held cities": rebels from other rebels
        else:
            loser = from_actor.controller if from_actor else None
        if gainer is None:
            gainer = context_gainer(s, loser or UNKNOWN, start, end)
        if (
            loser is None
        ):  # a side named after the verb, else before it ("HTS retook X after shelling army positions")
            loser = other_side(s, gainer, (0, end), start, place_end + _HOLDER_REACH)
            # before the verb, not a side of the subject ("the army and the SDF took X": neither lost it)
            joint = _joint_group(s, found)
            before = (start if joint is None else joint[0], end)
            loser = (
                other_side(s, gainer, before, start, place_end + _HOLDER_REACH) if loser == UNKNOWN else loser
            )
        return gainer, loser
    if voice == "nominal_loss":
        owner = adjacent_before(s, start) or next(
            (a for a in s.actors if end <= a.start and a.end <= place_end), None
        )
        to_actor = actor_after(s, place_end, reach_end, _TO_RE, reach=30)
        if owner is None and to_actor is not None:  # "after the loss of X to government forces, rebels..."
            return to_actor.controller, other_side(
                s, to_actor.controller, (start, to_actor.end), start, place_end + _HOLDER_REACH
            )
        if owner is None:
            s.stats["skip_nominal_without_agent"] += 1
            return None
        gainer = to_actor.controller if to_actor else other_side(s, owner.controller, (start, place_end))
        return gainer, owner.controller
    if voice == "nominal":
        agent = adjacent_before(s, start) or actor_after(s, place_end, reach_end, _BY_AGENT_RE, reach=30)
        if agent is None and _ANNOUNCED_RE.search(s.text, max(0, start - 30), start):
            agent = subject(s, start)  # "the army announced the capture of X"
        if agent is None:
            s.stats["skip_nominal_without_agent"] += 1
            return None
        loser = (
            from_actor.controller if from_actor
            else other_side(s, agent.controller, (start, end), start, place_end + _HOLDER_REACH)
        )  # fmt: skip
        return agent.controller, loser
    if voice == "loss":
        found = subject(s, start)
        if found is None:
            return None
        to_actor = actor_after(s, place_end, reach_end, _TO_RE, reach=30)
        gainer = to_actor.controller if to_actor else other_side(s, found.controller, (start, end))
        return gainer, found.controller
    # passive and freed: the place comes before the trigger; "X is now in rebel hands" names the gainer inside it
    named_inside = actor_inside(s, start, end) if voice == "passive" else None
    after = named_inside or actor_after(s, start, reach_end, _BY_RE if voice != "freed" else None, reach=70)
    if voice in {"passive", "interdict_passive"}:
        gainer = (
            after.controller if after and after.start < end + 70 else context_gainer(s, UNKNOWN, start, end)
        )
        loser_actor = actor_after(s, end, reach_end, _FROM_RE, reach=60)
        loser = (
            loser_actor.controller if loser_actor
            else other_side(s, gainer, (start, end), start, place_end + _HOLDER_REACH)
        )  # fmt: skip
        joint = _joint_group(s, after, commas=False) if after is not None and after.start < end + 70 else None
        if loser_actor is None and joint is not None and loser in s.context.joint[s.number]:
            loser = UNKNOWN  # a side of the agent ("fell to Turkish forces and FSA fighters") lost nothing
        return gainer, loser
    if voice == "freed" and after is None and not _TERRORISM_RE.search(s.text, end, reach_end):
        return None  # "the base is free of equipment", "cleared of mines": no side driven out
    loser = after.controller if after else UNKNOWN
    if (
        loser == UNKNOWN
        and _TERRORISM_RE.search(s.text, end, reach_end)
        and not any(a.controller not in NOT_FALLBACK and a.controller != "government" for a in s.actors)
    ):
        return "government", UNKNOWN  # "X was liberated from terrorism", as state media put it
    return context_gainer(s, loser, start, end), loser
