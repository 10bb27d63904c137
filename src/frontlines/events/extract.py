"""Control changes and control observations read from the sentences of one article, one Event per report.

Rule-based and data-driven. Per sentence:

1. *Triggers* (:mod:`~frontlines.events.triggers`): phrases reporting a change or an observation, each
   with a kind and a voice; cues before them (:mod:`~frontlines.events.cues`: intentions, attempts,
   conditionals, denials) block them.
2. *Places*: the sentence's mentions, anaphors and described highways (:mod:`~frontlines.events.items`,
   :mod:`~frontlines.events.highways`); the object or subject of each trigger and the places
   listed with it (:mod:`~frontlines.events.places`).
3. *Sides* (:mod:`~frontlines.events.sides`, from :mod:`~frontlines.events.actors`) from the positions
   of the actor phrases around the trigger.
4. *Dates* (:mod:`~frontlines.events.dating`) from the sentence's time expressions.

What the article knows so far (sides per sentence, antecedents, holders) lives in one
:class:`~frontlines.events.sentence.ArticleContext`.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import partial

from frontlines.events import discourse, explain, places, sides
from frontlines.events.actors import ActorLexicon, fold_ascii, load_actors
from frontlines.events.anaphors import TOWN_KINDS
from frontlines.events.cues import blocked, formerly, refuted, unconfirmed
from frontlines.events.dating import claim_dates, dateline_end, is_background
from frontlines.events.highways import HighwayRoute, full_length, shipped_highways
from frontlines.events.items import sentence_items
from frontlines.events.locatives import DIRECTION_BEFORE_RE, PROPORTION, locates, regionlike
from frontlines.events.namesakes import far_namesakes
from frontlines.events.sentence import ArticleContext, Claim, Item, Sentence
from frontlines.events.triggers import TriggerLexicon, TriggerRule, load_triggers
from frontlines.models import LINE_KINDS, Article, Event, EventSource, Mention, Place
from frontlines.models import Sentence as TextSentence
from frontlines.schema import (
    BACKGROUND,
    CHANGE_KINDS,
    FAR_NAMESAKE,
    FULL_LENGTH,
    LOSER_INFERRED,
    UNCONFIRMED,
    UNKNOWN,
)

ANAPHORA_FLAG = "anaphoric_place"

#: Prepositions between "the loss of" and a place: "the loss of life in X" is not a loss of X.
_PREPOSITION_RE = re.compile(
    r"\b(?:in|at|near|around|on|for|to|from|with|by|across|along|over|after|before|during|among|against|of)\b",
    re.IGNORECASE,
)
#: Words that make an observed place part of the place named after them ("rebel-held district of X", "controlled
#: less than half of X").
_PART_OF_RE = re.compile(
    rf"(?:{PROPORTION}|\b(?:districts?|neighbou?rhoods?|parts?|areas?|quarters?|suburbs?|outskirts|countryside|pockets?|"
    r"sections?|east|west|north|south|eastern|western|northern|southern)\b)\s*of\b",
    re.IGNORECASE,
)
_OBS_GAP_RE = re.compile(
    r"^\s*(?:(?:(?!(?:in|near|at|around|across|along|on|to|from|with|and|or|by)\b)[a-z][\w-]*|of|the)\s+){0,4}$"
)


def extract_events(
    article: Article,
    mentions: Sequence[Mention],
    actors: ActorLexicon | None = None,
    *,
    triggers: TriggerLexicon | None = None,
    highways: Sequence[HighwayRoute] | None = None,
    stats: Counter[str] | None = None,
    trace: list[str] | None = None,
) -> list[Event]:
    """Control changes and observations reported by one article: one Event (one source) per report.

    ``mentions`` are the article's (``find_mentions``); ``highways`` default to the shipped
    gazetteer's routes. ``stats``, when given, counts skipped candidates by reason (e.g.
    ``skip_ambiguous``) for a debug summary; ``trace``, when given, gets one line per trigger saying
    why it did or did not become an event (see :mod:`~frontlines.events.explain`).
    """
    actors = actors or load_actors()
    triggers = triggers or load_triggers()
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence_index].append(mention)
    sentences = article.sentences
    # Which trigger and actor rows may match each sentence: one literal scan of the whole text.
    spans = [(s.start, s.end) for s in sentences]
    if _aligned(article.text, sentences, spans):
        trigger_rows: list[list[int] | None] = list(triggers.candidates(article.text, spans))
        actor_rows: list[list[int] | None] = list(actors.candidates(article.text, spans))
    else:
        trigger_rows = actor_rows = [None] * len(sentences)
    context = ArticleContext(
        article, actors, actor_rows, shipped_highways() if highways is None else tuple(highways),
        stats if stats is not None else Counter(), mentions=by_sentence, trace=trace,
    )  # fmt: skip
    events: list[Event] = []
    for number, sentence in enumerate(sentences):
        rows = trigger_rows[number]
        folded = None if rows == [] else fold_ascii(sentence.text)
        found = triggers.find(sentence.text, folded, rows) if folded is not None else []
        if not found:  # only the names count as antecedents (anaphors are resolved where they matter)
            if sentence.index in by_sentence:
                context.antecedents.defer(
                    sentence.index, partial(_named_mentions, sentence, by_sentence[sentence.index], number)
                )
            continue
        local = sorted(by_sentence.get(sentence.index, ()), key=_start)
        dateline = dateline_end(sentence.text, anywhere=number >= 3)
        current = Sentence(
            context,
            number,
            sentence.index,
            sentence.start,
            sentence.text,
            local,
            # the sides (an earlier claim may have asked for them already) tell the mentions from the
            # sides; without a mention they are read only once the sentence has a place
            context.actors_of(number, folded) if local else [],
            dateline,
        )
        sentence_items(current)
        if not current.items and trace is None and not places.named_next(current):
            if stats is not None:  # no claim can have a place: only the blocked triggers are counted
                _unblocked(current, found)
            continue
        if not local:
            current.actors = context.actors_of(number, folded)
        for claim in _claims(current, found):
            reported = _events_of(current, claim)
            events.extend(reported)
            if claim.gainer != UNKNOWN and reported and claim.kind in CHANGE_KINDS:
                for event in reported:
                    context.holders[event.place.id] = (claim.gainer, event.dates.best)
        if current.items:
            context.antecedents.defer(sentence.index, partial(_named_items, current.text, current.items))
    return _consistent_observations(events, context.stats)


def _start(mention: Mention) -> int:
    return mention.start


def _named_items(text: str, items: Sequence[Item]) -> list[Place]:
    """The places a sentence with a trigger names for later anaphors: its resolved items that locate nothing."""
    return [
        i.place for i in items
        if i.place is not None and i.status == "resolved" and not locates(text, i.start, i.end)
    ]  # fmt: skip


def _named_mentions(sentence: TextSentence, mentions: Sequence[Mention], number: int) -> list[Place]:
    """The places a sentence without a trigger names for later anaphors: its resolved mentions (in
    text order) after its dateline that locate nothing."""
    dateline = dateline_end(sentence.text, anywhere=number >= 3)
    return [
        m.place for m in sorted(mentions, key=_start)
        if m.place is not None and m.status == "resolved" and m.start - sentence.start >= dateline
        and not locates(sentence.text, m.start - sentence.start, m.end - sentence.start)
    ]  # fmt: skip


def _consistent_observations(events: list[Event], stats: Counter[str]) -> list[Event]:
    """The events without observations that a change reported by the same article overtakes: "the army
    captured X on Monday; the town, a rebel stronghold, ..." does not say the rebels hold X today."""
    changes: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.kind in CHANGE_KINDS:
            changes[event.place.id].append(event)
    kept = []
    for event in events:
        seen = event.dates.best
        if (
            event.kind == "observation"
            and seen is not None
            and any(
                c.gainer != event.gainer and c.dates.best is not None and c.dates.best <= seen
                for c in changes[event.place.id]
            )
        ):
            stats["skip_overtaken_observation"] += 1
            continue
        kept.append(event)
    return kept


def _aligned(text: str, sentences: Sequence[TextSentence], spans: list[tuple[int, int]]) -> bool:
    """True when the sentences are slices of ``text`` in order (as :func:`~frontlines.corpus.split_sentences` makes them)."""
    end = 0
    for sentence, (start, stop) in zip(sentences, spans):
        if start < end or stop - start != len(sentence.text) or not text.startswith(sentence.text, start):
            return False  # startswith: no copy of each sentence's slice
        end = stop
    return True


# -- triggers to claims ----------------------------------------------------------------------------


def _unblocked(s: Sentence, found: list[tuple[int, int, TriggerRule]]) -> list[tuple[int, int, TriggerRule]]:
    """The triggers that intentions, denials... (see ``cues.blocked``) do not block; the others are counted."""
    kept = []
    for start, end, rule in found:
        if rule.kind != "observation" and blocked(s.text, start, end, rule.voice):
            s.stats["blocked_modality"] += 1
            explain.blocked(s, start, end)
        else:
            kept.append((start, end, rule))
    return kept


def _claims(s: Sentence, found: list[tuple[int, int, TriggerRule]]) -> list[Claim]:
    """The claims of the sentence's triggers; blocked ones (intentions, denials...) count as clause ends only."""
    changes = [(start, end) for start, end, rule in found if rule.kind != "observation"]
    kept = _unblocked(s, found)
    s.change_spans = [(start, end) for start, end, rule in kept if rule.kind != "observation"]
    claims = []
    for start, end, rule in kept:
        next_start = next((st for st, _ in changes if st >= end), len(s.text))
        # a trigger inside a parenthetical clause ("X, which fell to rebels in 2016, was retaken") ends no clause outside it
        previous_end = max(
            (e for st, e in changes if e <= start and not s.inside_parenthetical(st, start)), default=0
        )
        before = Counter(s.stats) if s.context.trace is not None else None
        claim = _claim(s, start, end, rule, previous_end, next_start)
        if claim is not None:
            claims.append(claim)
        elif before is not None:
            explain.dropped(s, start, end, before)
    return claims


def _claim(
    s: Sentence, start: int, end: int, rule: TriggerRule, previous_end: int, next_start: int
) -> Claim | None:
    voice = rule.voice
    trigger = s.text[start:end]
    highway = None
    if voice in {"interdict", "interdict_passive"}:
        items, highway = places.cut_road(
            s, start, end, previous_end, next_start, passive=voice == "interdict_passive"
        )
    elif voice in {"active", "expel", "loss", "nominal", "nominal_loss"}:
        items = places.objects(s, end, next_start)
        if (
            voice == "nominal_loss"
            and items
            and _PREPOSITION_RE.search(s.without_actors(end, items[0].start))
        ):
            items = ()  # "the loss of life in X"
        elif not items and voice in {"active", "loss"}:
            items = places.gap_object(s, start, previous_end)
    elif voice in {"passive", "freed", "expel_out"}:
        items = places.subjects(s, start, previous_end, end, next_start)
    elif voice == "declared":
        items = places.declared(s, start, end)
    else:
        return _observation(s, start, end, rule)
    if not items:
        if (
            voice in {"active", "passive"}
            and rule.kind in CHANGE_KINDS
            and s.number < discourse.LEAD_SENTENCES
        ):
            sides.record_unplaced(s, voice, start, end, next_start)
        return None
    last = items[-1]
    found = sides.claim_sides(s, voice, start, end, last.end, next_start)
    if found is None:
        return None
    gainer, loser = found
    if gainer == loser or (gainer == UNKNOWN and loser == UNKNOWN):
        s.stats["skip_no_sides"] += 1
        return None
    claim = Claim(start, end, trigger, items, gainer, loser, rule.kind, highway)
    if loser == UNKNOWN:
        loser = discourse.context_loser(s, gainer, items, claim_dates(s, claim)[0].best)
        if loser != UNKNOWN:
            claim = Claim(start, end, trigger, items, gainer, loser, rule.kind, highway, loser_inferred=True)
    return claim


def _observation(s: Sentence, start: int, end: int, rule: TriggerRule) -> Claim | None:
    voice = rule.voice
    adjacent = sides.adjacent_before(s, start) if voice != "obs_before" else None
    head = adjacent.start if adjacent is not None else start  # "had been the biggest rebel-held"
    if formerly(s.text, head):
        return None
    if voice == "obs_before":  # "X, held by ACTOR"; "X is now in ACTOR hands" names it inside the phrase
        actor = sides.actor_inside(s, start, end) or sides.actor_after(s, end, len(s.text), None, reach=40)
        candidates = [i for i in s.items if i.end <= start and start - i.end <= 2]
        items = places.usable(s, candidates[-1:])
    else:
        actor = adjacent
        if voice == "obs_after":
            after = [i for i in s.items if i.start >= end and _OBS_GAP_RE.match(s.text[end : i.start])]
            gap = s.text[end : after[0].start] if after else ""
            items = (
                places.usable(s, after[:1])
                if after and not DIRECTION_BEFORE_RE.search(gap) and not _PART_OF_RE.search(gap)
                else ()
            )  # "the rebel-held district of Aleppo" is part of Aleppo
        else:
            towns = [
                i for i in s.items
                if i.end <= start and i.place is not None and i.place.kind in TOWN_KINDS
                and not regionlike(s, i)
            ]  # fmt: skip
            # "A, a [side] stronghold" where A is a name that is no place item (one the gazetteer lacks, a
            # road's end): the observation is of A, not of a town named before it
            nearer = towns and any(
                towns[-1].end <= m.start and m.end <= start and (m.place is None or m not in s.items)
                for m in s.mention_items
            )
            items = () if nearer else places.usable(s, towns[-1:])
    if actor is None or not items or actor.controller == UNKNOWN:
        return None
    return Claim(start, end, s.text[start:end], items, actor.controller, "", "observation")


# -- claims to events ------------------------------------------------------------------------------


def _events_of(s: Sentence, claim: Claim) -> list[Event]:
    dates, relative, date_flag = claim_dates(s, claim)
    background = claim.kind in CHANGE_KINDS and is_background(s, claim, dates)
    if background and relative is None and dates.earliest is None:
        s.stats["skip_undated_background"] += 1
        explain.dropped(s, claim.trigger_start, claim.trigger_end, Counter(), "undated background")
        return []  # history with no date of its own is no event
    article = s.context.article
    source = EventSource(
        article_id=article.id, outlet=article.outlet, evidence=" ".join(s.text.split()), url=article.url,
        published=article.published, dates=dates, relative=relative,
    )  # fmt: skip
    sentences = article.sentences
    following = sentences[s.number + 1].text if s.number + 1 < len(sentences) else ""
    hedged = claim.kind in CHANGE_KINDS and unconfirmed(s.text, following)
    later = sentences[s.number + 1 : s.number + 3]  # joined only for a hedged claim
    if hedged and refuted(" ".join(t.text for t in later), [s.text[i.start : i.end] for i in claim.items]):
        explain.dropped(
            s, claim.trigger_start, claim.trigger_end, Counter(), "a claim the next sentence refutes"
        )
        return []
    context = s.context
    if context.far_namesakes is None:
        context.far_namesakes = far_namesakes(m for found in context.mentions.values() for m in found)
    events = []
    for item in claim.items:
        assert item.place is not None
        flags = (
            {date_flag} - {""}
            | ({ANAPHORA_FLAG} if item.anaphoric else set())
            | ({BACKGROUND} if background else set())
            | ({LOSER_INFERRED} if claim.loser_inferred else set())
            | ({UNCONFIRMED} if hedged else set())
            | ({FAR_NAMESAKE} if item.place.id in context.far_namesakes else set())
        )
        if item.place.kind in LINE_KINDS and full_length(s.text):
            flags.add(FULL_LENGTH)
        notes = (f"trigger: {claim.trigger}",) + ((f"highway: {claim.highway.id}",) if claim.highway else ())
        key = f"{article.id}|{s.index}|{claim.trigger_start}|{item.place.id}|{claim.gainer}|{claim.loser}"
        events.append(
            Event(
                id="rp-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12], place=item.place,
                gainer=claim.gainer, loser=claim.loser, kind=claim.kind, dates=dates, sources=(source,),
                flags=tuple(sorted(flags)), notes=notes,
            )
        )  # fmt: skip
    explain.made(s, claim, events, dates, date_flag)
    return events
