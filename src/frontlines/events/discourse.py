"""Sides a sentence does not name, taken from the rest of the article.

A change claim whose sentence names no gainer ("Kansafra was also taken") continues the article's
nearest earlier change: its gainer, and its loser when the gainer is the same (flagged
``loser_inferred``). A loser the sentence does not name is the side the article last said held the
place, else the side the next sentence calls the place a stronghold of, else the one other side the
neighbouring sentences name, else the nearest one named farther away, else the usual adversary of
the gainer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from frontlines.events.actors import ActorSpan
from frontlines.events.allies import ally_of
from frontlines.events.sentence import Item, Sentence
from frontlines.schema import UNKNOWN

#: Sides that never stand in for a missing side (foreign forces rarely hold ground alone).
NOT_FALLBACK = frozenset({UNKNOWN, "turkey", "russia"})
#: Sides one camp when an article calls the rebels HTS-led.
HTS_CAMP = frozenset({"hts", "opposition"})
#: Turkey's army and the Syrian rebels it backs ("Turkish troops and the FSA took X").
_TURKISH_CAMP = frozenset({"turkey", "opposition"})
#: Rebels an article calls Turkish-backed: with no other side named, their gains are the SDF's losses.
_TURKISH_BACKED_RE = re.compile(
    r"\b(?:turkish|turkey|ankara|turkiye)[- ](?:backed|supported|sponsored)\b", re.IGNORECASE
)
#: Who a side's gains are taken from when the article names no other side.
_USUAL_ENEMY = {"government": "opposition", "opposition": "government", "hts": "government"}
#: How many sentences back an agentless change looks for the change it continues; with a cue of
#: continuation ("also", "too", "later") any earlier sentence of the article.
CHANGE_REACH = 2
#: The sentences of an article's lead (headline, teaser, first paragraph): a change they tell on an unnamed
#: place ("IS took a village from rebels") gives its loser to a later sentence naming the place.
LEAD_SENTENCES = 3
#: Cues that a change continues one told before: "B was also taken", "C fell too", "Later, D ...".
_CONTINUED_RE = re.compile(
    r"\b(?:also|too|as\s+well|likewise|similarly|in\s+addition|additionally|later|subsequently)\b",
    re.IGNORECASE,
)
#: Words naming the side after them as another's ally: "and their allies from", "in coordination with".
_ALLY_BEFORE_RE = re.compile(
    r"(?:\b(?:and|with)\s+(?:their|its|his)\s+(?:\w+\s+)?(?:allies|partners)(?:\s+(?:from|of|in))?|\balongside|"
    r"\bin\s+(?:coordination|cooperation|conjunction)\s+with|\ballied\s+(?:with|to))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_FROM_BEFORE_RE = re.compile(r"\b(?:from|against)\s+(?:the\s+)?$", re.IGNORECASE)
#: An adversary named after a fight: "after clashing with fighters from the FSA", "battles against IS",
#: "clashes with the mainstream Free Syrian Army, or FSA".
_FOUGHT_RE = re.compile(
    r"\b(?:clash(?:es|ed|ing)?|fight(?:s|ing)?|fought|battles?|battling|combat)\s+(?:with|against)\s+"
    r"(?:[\w'’-]+,?\s+){0,7}$",
    re.IGNORECASE,
)
#: Between two coordinated subjects: "A and B", "A & B" (a comma alone may end an opening clause), with
#: the nationality of a second side whose name leaves it out ("Turkish troops and the Syrian armed opposition").
AND_GAP_RE = re.compile(r"(?:,?\s+and|\s*&)\s+(?:the\s+)?(?:syrian\s+)?", re.IGNORECASE)
#: A joint force named as one phrase: "Turkish and FSA forces".
_JOINT_RE = re.compile(r"\band\b", re.IGNORECASE)
#: What follows an actor naming a place's holder: "rebel-held", "Kurdish-controlled".
_HOLDER_RE = re.compile(r"\s?[-‐]\s?(?:held|controlled|run|dominated|occupied|besieged)\b", re.IGNORECASE)
#: An attack verb right before an actor, or one that drives it out: "attacked the Kurdish fighters' positions and
#: seized X", "forces trying to oust IS from X took the city" (the object, not the subject, of a later verb).
ATTACKED_RE = re.compile(  # the lookahead holds every first letter: most positions fail at once
    r"\b(?=[abdehoprst])(?:attack(?:ed|ing|s)?|target(?:ed|ing|s)?|shell(?:ed|ing|s)?|bomb(?:ed|ing|s)?|pound(?:ed|ing|s)?|"
    r"ambush(?:ed|ing|es)?|besieg(?:ed|ing|es)|encircl(?:ed|ing|es)|surround(?:ed|ing|s)?|rout(?:ed|ing|s)?|"
    r"defeat(?:ed|ing|s)?|repel(?:led|ling|s)?|overwhelm(?:ed|ing|s)?|hit|struck|stormed|oust(?:ed|ing|s)?|"
    r"overr(?:un|an|unning|uns)|dislodg(?:e|ed|ing|es))\s+(?:the\s+)?$",
    re.IGNORECASE,
)


#: After an actor, a noun naming a thing it holds: "rebel lines", "IS positions" (the actor qualifies it, it does not act).
_QUALIFIES_RE = re.compile(
    r"(?:['’]s?)?\s+(?:front\s+)?(?:lines?|positions?|defen[cs]es|fortifications|territory|territories|"
    r"strongholds?|bastions?|enclaves?|pockets?|checkpoints?|outposts?|barracks)\b",
    re.IGNORECASE,
)
#: Before an actor naming a place's holder: "in rebel hands" and "under government control" (with the
#: noun after the actor, ``_HOLDER_NOUN_RE``), "in the hands of IS", "under the control of HTS", "held by", "controlled by".
_HOLDER_BEFORE_RE = re.compile(
    r"\b(?:in\s+the\s+hands\s+of|under\s+the\s+control\s+of|(?:held|controlled)\s+by|(?P<noun>in|under))\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_HOLDER_NOUN_RE = re.compile(r"['’]?s?\s+(?:hands|control)\b", re.IGNORECASE)
#: Before those words, a change into the actor's hands: "came under rebel control", "was brought under".
_COMING_RE = re.compile(
    r"\b(?:came|comes?|coming|brought|brings?|bringing|fell|falls?|fallen|returned|returns?|back|placed|put)\s+$",
    re.IGNORECASE,
)

#: A sentence opening with a place that it calls a side's stronghold, after the place: "X served as a
#: major stronghold for [side]", "The town had long been a [side] stronghold", "It was considered one
#: of the [side]'s strongholds".
_STRONGHOLD_RE = re.compile(
    r"\s*,?\s+(?:(?:had|has)\s+(?:long\s+)?been|was|is|(?:had\s+)?served\s+as|serves\s+as|"
    r"used\s+to\s+(?:be|serve\s+as)|(?:was|had\s+been)\s+(?:long\s+)?(?:considered|seen\s+as|regarded\s+as)"
    r"(?:\s+to\s+be)?)\s+(?:long\s+)?(?:a|an|the|one\s+of\s+the)\s+(?:[\w'’-]+\s+){0,4}?(?P<word>strongholds?)\b",
    re.IGNORECASE,
)
#: An anaphor opening a sentence for the place the sentence before changed: "It", "The town".
_OPENING_ANAPHOR_RE = re.compile(
    r"(?:it|the\s+(?:town|city|village|district|neighbou?rhood|area))\b(?!\s+of\b)", re.IGNORECASE
)
#: What opens a sentence before the place's name: "The town of X".
_OPENING_NOUN_RE = re.compile(
    r"(?:the\s+(?:\w+\s+)?(?:town|city|village|district|neighbou?rhood)\s+of\s+)?", re.IGNORECASE
)
#: Between a side and "stronghold" ("a rebel stronghold", "IS's stronghold", "an IS-stronghold"), and
#: between "stronghold" and a side after it ("a stronghold for opposition militants", "of the regime").
_BEFORE_STRONGHOLD_RE = re.compile(r"(?:['’]s?)?\s*[-‐]?\s*(?:(?:main|last|major|key)\s+)?$", re.IGNORECASE)
_AFTER_STRONGHOLD_RE = re.compile(r"\s+(?:of|for)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?$", re.IGNORECASE)


def holder_mark(s: Sentence, actor: ActorSpan) -> bool:
    """True for an actor naming who holds a place ("rebel-held", "the regime-controlled west", "in rebel
    hands", "under the control of HTS", "held by IS"): it describes the place, it does not act. Not
    "came under rebel control" or "fell into the hands of HTS", which say who gained it."""
    if _HOLDER_RE.match(s.text, actor.end):
        return True
    before = s.text[max(0, actor.start - 60) : actor.start]
    lead = _HOLDER_BEFORE_RE.search(before)
    if lead is None or (lead["noun"] and not _HOLDER_NOUN_RE.match(s.text, actor.end)):
        return False
    return not _COMING_RE.search(before[: lead.start()])


def qualifier(s: Sentence, actor: ActorSpan) -> bool:
    """True for an actor that only qualifies the noun after it, a thing it holds: "pushed through rebel lines",
    "shelling IS positions"."""
    return bool(_QUALIFIES_RE.match(s.text, actor.end))


def continued(s: Sentence, start: int, end: int) -> bool:
    """True when the change at ``start:end`` is told as the continuation of an earlier one: a cue in
    the trigger or just after it ("were also taken", "fell too") or opening the sentence ("Later, ...")."""
    return bool(
        _CONTINUED_RE.search(s.text, start, min(len(s.text), end + 25))
        or _CONTINUED_RE.search(s.text, 0, min(start, 30))
    )


def earlier_change(s: Sentence, reach: int) -> tuple[str, str] | None:
    """(gainer, loser) of the nearest change with a known gainer told in the ``reach`` sentences
    before this one."""
    changes = s.context.changes
    for number in range(s.number - 1, max(-1, s.number - 1 - reach), -1):
        if number in changes:
            return changes[number]
    return None


def record_change(s: Sentence, gainer: str, loser: str) -> None:
    """Keep a change claim's sides as the sentence's, for the agentless sentences after it."""
    if gainer not in (UNKNOWN, loser):
        s.context.changes[s.number] = (gainer, loser)


def context_gainer(s: Sentence, loser: str, start: int = 0, end: int = 0) -> str:
    """The gainer of a change at ``start:end`` whose sentence names no agent: the side acting in the
    sentence, else the gainer of the change the previous sentence told, else a side acting in the
    previous sentence that did not just lose ground, else the gainer of the nearest earlier change
    (any earlier one when the change is told as a continuation: "B was also taken")."""
    again = end > start and continued(s, start, end)
    earlier = earlier_change(s, len(s.context.article.sentences) if again else CHANGE_REACH)
    own = [
        a for a in s.actors
        if not _FROM_BEFORE_RE.search(s.text[max(0, a.start - 12) : a.start]) and not holder_mark(s, a)
        and not qualifier(s, a)
        and not _FOUGHT_RE.search(s.text[max(0, a.start - 60) : a.start])
        and not ATTACKED_RE.search(s.text, max(0, a.start - 25), a.start)
        and not ally_of(s.text, s.actors, a, loser)
    ]  # fmt: skip
    sides = [side for side in _acting_sides(s.text, own) if side != loser]
    if sides:  # "from HTS": the side the place was taken from never gains it
        if again and earlier is not None and sides[0] == earlier[1] and earlier[0] != loser:
            return earlier[0]  # "The rebels said B was also taken": the side that lost A reports B's loss
        return sides[0]
    previous = s.context.changes.get(s.number - 1)
    if previous is not None and previous[0] != loser:  # "The army took A. B was also taken."
        return previous[0]
    if s.number >= 1:
        text = s.context.article.sentences[s.number - 1].text
        lost = earlier[1] if earlier is not None else UNKNOWN
        sides = [side for side in _acting_sides(text, s.around(-1)) if side not in (loser, lost)]
        if sides:
            return sides[0]
    if earlier is not None and earlier[0] != loser:  # "The army took A. The rebels fled. B was taken too."
        return earlier[0]
    return UNKNOWN


def _acting_sides(text: str, actors: Sequence[ActorSpan]) -> list[str]:
    """The sides of ``actors`` that may hold ground, in order: Syrian sides, and a foreign force that
    leads a joint force with one ("the Turkish army and the FSA", "Turkish and FSA forces": Turkey)."""
    return [
        actor.controller
        for actor, after in zip(actors, [*actors[1:], None])
        if actor.controller not in NOT_FALLBACK
        or (actor.controller != UNKNOWN and _joint(text, actor, after))
    ]


def _joint(text: str, actor: ActorSpan, after: ActorSpan | None) -> bool:
    """True when ``actor`` leads a joint force: named in one phrase ("Turkish and FSA forces") or
    with a Syrian side right after it ("the Turkish army and the FSA")."""
    return bool(
        _JOINT_RE.search(text, actor.start, actor.end)
        or (
            after is not None
            and after.controller not in NOT_FALLBACK
            and AND_GAP_RE.fullmatch(text, actor.end, after.start)
        )
    )


def context_loser(s: Sentence, gainer: str, items: Sequence[Item], when: date | None) -> str:
    """The loser the article gives elsewhere: the side it last said held or took the place (not
    after this change); else the loser of the nearest earlier change the same gainer made ("The army
    took A from IS. B was also taken."); else the one side other than the gainer named by the two
    sentences before and the one after. Kept as the sentence's change's loser (see ``record_change``)."""
    loser = _context_loser(s, gainer, items, when)
    if s.context.changes.get(s.number) == (gainer, UNKNOWN):
        record_change(s, gainer, loser)
    return loser


def _context_loser(s: Sentence, gainer: str, items: Sequence[Item], when: date | None) -> str:
    for item in items[:1]:
        holder, since = (
            s.context.holders.get(item.place.id, (None, None)) if item.place is not None else (None, None)
        )
        if (
            holder is not None
            and holder != gainer
            and holder not in NOT_FALLBACK
            and (since is None or when is None or since <= when)
        ):
            return holder
        stronghold = _stronghold_of(s, item) if item.place is not None else None
        if stronghold is not None and stronghold not in NOT_FALLBACK and stronghold not in _camp(s, gainer):
            return stronghold
    earlier = earlier_change(s, CHANGE_REACH)
    if earlier is not None and earlier[0] == gainer and earlier[1] not in NOT_FALLBACK:
        return earlier[1]
    unplaced = [told for number, told in s.context.unplaced.items() if number < s.number]
    if unplaced and unplaced[-1][0] == gainer and unplaced[-1][1] not in NOT_FALLBACK:
        return unplaced[-1][1]  # "IS took a village from rebels. ... IS seized X": the village's loser
    sides = {side for offset in (-2, -1, 1) for side in _adversaries(s, s.number + offset, gainer)}
    if len(sides) == 1:
        return sides.pop()
    return _article_loser(s, gainer) if not sides else UNKNOWN


def _stronghold_of(s: Sentence, item: Item) -> str | None:
    """The side the next sentence calls the changed place a stronghold of, when it opens with the place
    (its name as this sentence writes it, another name of it, or "It", "The town") and says what it was:
    "X served as a major stronghold for [side]", "The town had been a [side] stronghold". It tells who
    held the place the change took."""
    context = s.context
    sentences = context.article.sentences
    if s.number + 1 >= len(sentences) or item.place is None:
        return None
    following = sentences[s.number + 1]
    text = following.text
    if "stronghold" not in text.lower():
        return None
    lead = len(text) - len(text.lstrip())
    opening = _OPENING_ANAPHOR_RE.match(text, lead)
    if opening is not None:
        subject_end = opening.end()
    else:
        noun = _OPENING_NOUN_RE.match(text, lead)
        start = noun.end() if noun is not None else lead
        name = s.text[item.start : item.end]
        named = [
            m.end - following.start for m in context.mentions.get(following.index, ())
            if m.place is not None and m.place.id == item.place.id and m.start - following.start == start
        ]  # fmt: skip
        if text[start : start + len(name)].lower() == name.lower():
            named.append(start + len(name))
        if not named:
            return None
        subject_end = named[0]
    said = _STRONGHOLD_RE.match(text, subject_end)
    if said is None:
        return None
    word = said.start("word")
    for actor in context.actors_of(s.number + 1):
        if (
            subject_end <= actor.start
            and actor.end <= word
            and _BEFORE_STRONGHOLD_RE.fullmatch(text, actor.end, word)
        ):
            return actor.controller
        if actor.start >= said.end() and _AFTER_STRONGHOLD_RE.fullmatch(text, said.end(), actor.start):
            return actor.controller
    return None


def _adversaries(s: Sentence, number: int, gainer: str) -> set[str]:
    """The Syrian sides sentence ``number`` names besides ``gainer``, without the allies it names with
    another side ("HTS and their allies from Jaysh al-Izza": HTS's camp is one adversary)."""
    sentences = s.context.article.sentences
    if not 0 <= number < len(sentences):
        return set()
    camp = _camp(s, gainer)
    context = s.context
    if number not in context.scanned and context.names_only(number, NOT_FALLBACK | camp):
        return set()  # its actor rows can name no adversary: no need to scan it
    text = sentences[number].text
    actors = s.context.actors_of(number)
    return {
        a.controller for a in actors
        if a.controller not in NOT_FALLBACK and a.controller not in camp
        and not _ALLY_BEFORE_RE.search(text, max(0, a.start - 40), a.start) and not ally_of(text, actors, a, gainer)
    }  # fmt: skip


def _camp(s: Sentence, gainer: str) -> frozenset[str]:
    """The gainer and the sides one camp with it: HTS and the opposition when the article calls the
    rebels HTS-led or names HTS among them ("HTS-led insurgents took X": the loser is not HTS); Turkey and the
    opposition."""
    joint = s.context.joint.get(s.number, frozenset())
    joint = joint if gainer in joint else frozenset()  # "the army and the SDF took X": one camp there
    if gainer in HTS_CAMP and s.context.rebels_led_by_hts():
        return HTS_CAMP | joint
    if gainer == "turkey":
        return _TURKISH_CAMP | joint  # Turkey's army fights beside the rebels it backs, never against them
    return frozenset({gainer}) | joint


def _article_loser(s: Sentence, gainer: str) -> str:
    """The other side named nearest the sentence, in sentences ever farther away (one side at the first
    distance that names any); with none there, the one other side the article names anywhere else (as
    an ally, in this sentence or the next but one), or with none or several, the side a Syrian government
    or rebel gain is taken from ("the army liberated X from terrorists": the armed opposition, HTS only
    when named)."""
    count = len(s.context.article.sentences)
    for distance in range(3, count):
        sides = {
            side
            for number in (s.number - distance, s.number + distance)
            for side in _adversaries(s, number, gainer)
        }
        if sides:  # among the sides the article names: when it names only one, that one
            return sides.pop() if len(sides) == 1 else UNKNOWN
    camp = _camp(s, gainer)
    named = s.context.others_named.get(camp)
    if named is None:  # the same for every sentence as far as it is read here: once per camp and article
        named = s.context.others_named[camp] = _others_named(s, camp)
    return next(iter(named)) if len(named) == 1 else _usual_enemy(s, gainer)


def _others_named(s: Sentence, camp: frozenset[str]) -> set[str]:
    """The sides outside ``camp`` (and :data:`NOT_FALLBACK`) that the article names: all of them when
    there are fewer than two, else two or more. Sentences are read from this one outwards (the nearest
    are the likeliest to be scanned already) and no farther than it takes to find two; one whose actor
    rows can name no side beyond those found is not scanned."""
    context = s.context
    count = len(context.article.sentences)
    named: set[str] = set()
    for distance in range(max(s.number + 1, count - s.number)):
        for number in {s.number - distance, s.number + distance}:
            if not 0 <= number < count or (
                number not in context.scanned and context.names_only(number, named | NOT_FALLBACK | camp)
            ):
                continue
            actors, text = context.actors_of(number), context.article.sentences[number].text
            named.update(
                a.controller for a in actors
                if a.controller not in NOT_FALLBACK and a.controller not in camp
                and not any(ally_of(text, actors, a, side) for side in camp)
            )  # fmt: skip
        if len(named) >= 2:
            break
    return named


def _usual_enemy(s: Sentence, gainer: str) -> str:
    """The side a gain is taken from when the article names no other: the Kurdish-led forces for
    Turkey and for the rebels the article calls Turkish-backed, else :data:`_USUAL_ENEMY`."""
    if gainer in _TURKISH_CAMP and (gainer == "turkey" or _TURKISH_BACKED_RE.search(s.context.article.text)):
        return "sdf"
    return _USUAL_ENEMY.get(gainer, UNKNOWN)
