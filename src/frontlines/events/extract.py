"""Control changes and control observations read from the sentences of one article, one Event per report.

Rule-based and data-driven. Per sentence:

1. *Triggers* (``data/triggers.csv``): phrases reporting a change ("recaptured", "fell to", "withdrew
   from", "the capture of") or an observation ("rebel-held", "the HTS stronghold of"), each with a
   kind and a *voice* saying where the place and the sides stand relative to the phrase.
2. *Actors* (``data/actors.csv``, see :mod:`frontlines.events.actors`): phrases naming a side.
3. *Places*: the article's mentions, plus anaphors ("the town", "it" → the last populated place named
   before) and highway descriptions ("the highway linking Damascus with Aleppo" → the highway whose
   route passes both cities).

Sides come from positions: the subject before an active verb gains; "from ACTOR" loses; "fell to
ACTOR" and "captured by ACTOR" gain; "ACTOR lost/withdrew from" loses. A side the sentence does not
give is taken from the other Syrian side the sentence names (a loser), or from the sentence's or the
previous sentence's actor (a gainer); else it is ``unknown``. Intentions, attempts, conditionals and
denials ("aim to retake", "could", "denied") block a trigger; so do region-level objects ("60 towns
and villages in Idlib", "parts of Aleppo"), admin units, places outside the region and mentions that
did not resolve to one place.

Dates: the time expression of the sentence nearest the trigger, resolved against publication; "said
on Thursday" bounds only the latest day; a change with no expression is dated ``published`` with no
lower bound; an observation with none holds on ``published``.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

from frontlines.dates import DatedSpan, LiteralGate, gate_text, required_literals, resolve_expressions, unknown_date
from frontlines.errors import ExtractionError
from frontlines.gazetteer import load_gazetteer
from frontlines.events.actors import (
    UNKNOWN, ActorLexicon, ActorSpan, PhraseMatcher, fold_ascii, load_actors, read_lexicon_rows,
)
from frontlines.models import ADMIN_KINDS, LINE_KINDS, Article, DateRange, Event, EventSource, Mention, Place

VOICES = frozenset(
    {"active", "active_line", "expel", "passive", "freed", "declared", "loss", "nominal",
     "obs_after", "obs_before", "obs_anaphor"}
)  # fmt: skip
KINDS = frozenset({"capture", "recapture", "withdrawal", "observation"})
#: Flag of a report whose date expression dates the statement ("said on Thursday"), not the change.
SAID_DATE_FLAG = "said_date"
#: Flag of a report told in the past perfect with no time expression: dated the day before publication.
PAST_PERFECT_FLAG = "past_perfect"
ANAPHORA_FLAG = "anaphoric_place"
#: Sides that never stand in for a missing side (foreign forces rarely hold ground alone).
_NOT_FALLBACK = frozenset({UNKNOWN, "turkey", "russia"})
#: Kinds an anaphor may stand for: "the town" a populated place, "the crossing" or "the camp" any point place.
_TOWN_KINDS = frozenset({"populated_place"})
_POINT_KINDS = frozenset({"populated_place", "junction"})
#: Kinds that never change hands as a place: the whole country, and places outside it.
_NOT_MAPPED_KINDS = frozenset({"country", "foreign_country", "foreign_place"})
#: How many sentences back an anaphor looks for its antecedent.
_ANAPHOR_REACH = 4

# -- cue patterns (precompiled once) ------------------------------------------------------------------

#: Modality, negation, intention and attempt cues in the words before a trigger.
_BLOCK_RE = re.compile(
    r"\b(?:not|never|no\s+longer|denied|deny|denies|denying|could|would|will|may|might|can|cannot|should|"
    r"shall|must|if|unless|whether|potential|possible|possibly|future|next|planned|plans?|planning|hopes?|"
    r"hoped|hoping|expected|expects|aims?|aimed|aiming|seeking|seeks|sought|trying|tries|tried|attempts?|"
    r"attempted|attempting|bid|intends?|intended|intending|threaten\w*|vow\w*|pledg\w*|insist\w*|"
    r"demand\w*|urg\w*|ready|poised|preparing|prepares|prepared|fail\w*|wanted|wants|push\s+to|"
    r"effort|efforts|goal|objective|order\s+to)\b|n['’]t\b",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[\w'’-]+")
#: Verbs after which "to VERB" reports a fact ("managed to recapture", "forcing X to retreat").
_FACTUAL_BEFORE_TO = frozenset(
    "managed able succeeded forced forcing force enabling enabled continued began started had went moved".split()
)
_ADVERBS = frozenset("fully completely entirely finally successfully again also then now totally".split())
_GERUND_BLOCK_RE = re.compile(r"\b(?:at|for|toward|towards|on|about|of)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
#: Clause boundaries a subject is not looked for across.
_CLAUSE_RE = re.compile(r"[;:“”\"]|\s[–—-]\s|\bsaid\b|\bsays\b", re.IGNORECASE)
#: Parenthetical clauses whose contents are neither the subject nor the place of the main clause.
_PARENTHETICAL_RE = re.compile(
    r",\s+(?:which|who|whose|where|once|also\s+known)\b[^,;]*(?:,|$)|\s[–—]\s[^–—]*[–—]|\([^)]*\)", re.IGNORECASE
)
#: An object that is a container of places ("60 towns and villages in", "parts of") or part of one.
_PARTIAL_RE = re.compile(
    r"\b(?:parts?|half|most|much|some|outskirts|edges?|pocket|farms|hills|countryside|surroundings|vicinity|"
    r"environs|rest|fringes|entrances?|gates|districts|neighbou?rhoods|quarters|areas|positions|points|posts)\s+"
    r"(?:\w+\s+)?(?:of|in|around|near|on)\b",
    re.IGNORECASE,
)
_CONTAINER_RE = re.compile(
    r"\b(?:towns|villages|cities|settlements|localities|communities|hamlets|territory|territories|region|land|"
    r"ground|areas)\b[^,;]{0,40}?\b(?:in|near|around|across|along|outside|inside|on|east|west|north|south|"
    r"northeast|northwest|southeast|southwest|throughout)\b",
    re.IGNORECASE,
)
_NAMING_LIST_RE = re.compile(
    r"\bthe\s+(?:\w+\s+){0,2}?(?:towns|villages|cities|districts|neighbou?rhoods|areas|settlements)\s+of\s+$",
    re.IGNORECASE,
)
_EXAMPLES_RE = re.compile(r"\b(?:such\s+as|including|among\s+them|like|namely|notably)\b", re.IGNORECASE)
#: Text between two places of one list: "X, Y and the town of Z".
_LIST_GAP_RE = re.compile(
    r"^(?:\s*\([^)]*\))?\s*(?:,|,?\s+and|,?\s+as\s+well\s+as|,?\s+&)\s+(?:the\s+)?"
    r"(?:(?:town|city|village|district|neighbou?rhood|camp|dam|base|airport|crossing|hill|mount|key|strategic|"
    r"nearby|neighbou?ring|adjacent|small|large|major|important|\w+ern|of|the)\s+){0,4}$",
    re.IGNORECASE,
)
_DIRECTION_BEFORE_RE = re.compile(
    r"\b(?:east|west|north|south|eastern|western|northern|southern|central|rural|greater)\s+$", re.IGNORECASE
)
_OBS_GAP_RE = re.compile(
    r"^\s*(?:(?:(?!(?:in|near|at|around|across|along|on|to|from|with|and|or|by)\b)[a-z][\w-]*|of|the)\s+){0,4}$"
)
_SAID_BEFORE_RE = re.compile(
    r"\b(?:said|says|say|reported|reports|announced|told|added|stated|claimed|confirmed|declared|according)\b"
    r"[^.;]{0,25}$",
    re.IGNORECASE,
)
_FROM_RE = re.compile(r"\b(?:from|of)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_BY_RE = re.compile(r"\b(?:by|to|into|under|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_BY_AGENT_RE = re.compile(r"\bby\s+(?:the\s+)?$", re.IGNORECASE)
_ADJACENT_GAP_RE = re.compile(r"^(?:['’]s?)?[\s-]?$")
#: A name that only qualifies the next one: "Idlib's Saraqeb", "the Damascus suburb of Douma".
_MODIFIER_AFTER_RE = re.compile(r"^(?:['’]s?\s+[A-Z]|\s+(?:suburbs?|countryside|district|neighbou?rhood)\s+of\b)")
_HAD_BEFORE_RE = re.compile(r"\bhad\s+(?:[\w'’]+\s+){0,3}$", re.IGNORECASE)
_HAD_RE = re.compile(r"\bhad\b", re.IGNORECASE)
_TO_RE = re.compile(r"\bto\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_NOT_SUBJECT_RE = re.compile(r"\b(?:from|against|by|of|with|to|on|over|versus|among)\s+(?:the\s+)?$", re.IGNORECASE)
_NOUN = r"(?:town|city|village|camp|crossing|district|neighbou?rhood|settlement|base|airport|dam|suburb|stronghold)"
_ANAPHOR_RE = re.compile(
    rf"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Aa]n?)\s+(?:[a-z][\w-]*\s+){{0,3}}?(?P<noun>{_NOUN})\b"
    rf"(?![-’']|\s+(?:of|in\s+which|called|named|known|[A-Z]))"
    r"|\b(?P<pronoun>[Ii]t)\b(?!['’]s|\s+(?:is|was)\s+(?:not|unclear|clear|said|believed|reported|thought|expected))"
)
_HIGHWAY_DESCRIPTION_RE = re.compile(
    r"\b(?:the\s+)?(?:main\s+|strategic\s+|key\s+|international\s+)*(?:highway|motorway|road)s?\s+"
    r"(?:linking|connecting|between|from|that\s+links|which\s+links|that\s+connects|which\s+connects|running\s+between)\b"
    r"[^.;]{0,90}",
    re.IGNORECASE,
)

#: Sentences without "highway", "motorway" or "road" skip the highway-description scan.
_HIGHWAY_GATE = LiteralGate([required_literals(_HIGHWAY_DESCRIPTION_RE.pattern, _HIGHWAY_DESCRIPTION_RE.flags)])


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of the trigger lexicon."""

    pattern: str
    kind: str
    voice: str


class TriggerLexicon:
    """Trigger phrases compiled into one matcher (rows in file order: at one position the earlier wins)."""

    def __init__(self, rules: list[TriggerRule], source: str = ""):
        self.rules = tuple(rules)
        self.source = source
        self._matcher = PhraseMatcher([rule.pattern for rule in rules])

    def find(self, text: str, folded: str | None = None, rows: list[int] | None = None) -> list[tuple[int, int, TriggerRule]]:
        """(start, end, rule) of every trigger of ``text`` in text order (``rows``: its :meth:`candidates`)."""
        rules = self.rules
        return [(start, end, rules[row]) for start, end, row in self._matcher.find(text, folded, rows)]

    def candidates(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """The rows that may match each ``text[start:end]`` (see :meth:`PhraseMatcher.candidates_by_span`)."""
        return self._matcher.candidates_by_span(text, spans)


def parse_triggers(text: str, path: str = "triggers.csv") -> TriggerLexicon:
    """A :class:`TriggerLexicon` from CSV text (columns ``pattern,kind,voice,note``)."""
    rules: list[TriggerRule] = []
    for line, row in read_lexicon_rows(text, path, ("pattern", "kind", "voice")):
        if row["kind"] not in KINDS or row["voice"] not in VOICES:
            raise ExtractionError(f"unknown kind or voice: {row['kind']!r}, {row['voice']!r}", path=path, line=line)
        try:
            re.compile(row["pattern"])
        except re.error as exc:
            raise ExtractionError(f"bad pattern: {exc}", path=path, line=line) from None
        rules.append(TriggerRule(row["pattern"], row["kind"], row["voice"]))
    return TriggerLexicon(rules, path)


@lru_cache(maxsize=1)
def _shipped_triggers() -> TriggerLexicon:
    resource = resources.files("frontlines") / "data" / "triggers.csv"
    return parse_triggers(resource.read_text(encoding="utf-8"), "frontlines/data/triggers.csv")


def load_triggers(path: Path | str | None = None) -> TriggerLexicon:
    """The trigger lexicon of a CSV file, or the shipped one (``data/triggers.csv``, cached)."""
    if path is None:
        return _shipped_triggers()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ExtractionError(f"cannot read trigger lexicon: {exc.strerror}", path=str(path)) from None
    return parse_triggers(text, str(path))


@dataclass(frozen=True, slots=True)
class HighwayRoute:
    """A highway and the coordinates of the towns its route passes."""

    place: Place
    points: tuple[tuple[float, float], ...]


def highway_routes(places: Iterable[Place]) -> tuple[HighwayRoute, ...]:
    """Routes of the highways among ``places`` (from their LINESTRING geometry), sorted by id."""
    routes = []
    for place in places:
        if place.kind in LINE_KINDS and place.geometry_wkt.startswith("LINESTRING"):
            body = place.geometry_wkt[place.geometry_wkt.index("(") + 1 : place.geometry_wkt.rindex(")")]
            points = tuple((float(lat), float(lon)) for lon, lat in (p.split() for p in body.split(",")))
            routes.append(HighwayRoute(place, points))
    return tuple(sorted(routes, key=lambda r: r.place.id))


@lru_cache(maxsize=1)
def _shipped_highways() -> tuple[HighwayRoute, ...]:
    return highway_routes(load_gazetteer().places.values())


# -- per-sentence working types ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Item:
    """A place-like span of a sentence (offsets into the sentence)."""

    start: int
    end: int
    status: str
    place: Place | None
    anaphoric: bool = False

    @property
    def usable(self) -> bool:
        """A resolved, mappable place that can change hands (not an admin unit, not outside)."""
        return (
            self.status == "resolved" and self.place is not None
            and self.place.kind not in ADMIN_KINDS and self.place.kind not in _NOT_MAPPED_KINDS
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Claim:
    """What one trigger says: the place(s), the sides and the kind."""

    trigger_start: int
    trigger_end: int
    trigger: str
    items: tuple[_Item, ...]
    gainer: str
    loser: str
    kind: str


class _Antecedents:
    """Places of an article named so far (mentions and resolved anaphors), for later anaphors."""

    def __init__(self) -> None:
        self.by_sentence: dict[int, list[Place]] = defaultdict(list)

    def add(self, sentence_index: int, place: Place) -> None:
        self.by_sentence[sentence_index].append(place)

    def before(self, sentence_index: int, kinds: frozenset[str]) -> tuple[int, Place] | None:
        """The first place of one of ``kinds`` in the last sentence before this one that names one.

        The first place of a sentence is usually its subject, the likeliest antecedent of "it" and
        "the town" in the next one.
        """
        for index in range(sentence_index - 1, max(-1, sentence_index - 1 - _ANAPHOR_REACH), -1):
            for place in self.by_sentence.get(index, ()):
                if place.kind in kinds:
                    return index, place
        return None


# -- the public entry point -------------------------------------------------------------------------


def extract_events(
    article: Article,
    mentions: Sequence[Mention],
    actors: ActorLexicon | None = None,
    *,
    triggers: TriggerLexicon | None = None,
    highways: Sequence[HighwayRoute] | None = None,
    stats: Counter[str] | None = None,
) -> list[Event]:
    """Control changes and observations reported by one article: one Event (one source) per report.

    ``mentions`` are the article's (``find_mentions``); ``highways`` default to the shipped
    gazetteer's routes. ``stats``, when given, counts skipped candidates by reason (e.g.
    ``skip_ambiguous``) for a debug summary.
    """
    actors = actors or load_actors()
    triggers = triggers or load_triggers()
    routes = _shipped_highways() if highways is None else tuple(highways)
    stats = stats if stats is not None else Counter()
    by_sentence: dict[int, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_sentence[mention.sentence_index].append(mention)
    antecedents = _Antecedents()
    headline_places: set[str] = set()
    events: list[Event] = []
    sentences = article.sentences
    # Which trigger and actor rows may match each sentence: one literal scan of the whole text.
    spans = [(s.start, s.end) for s in sentences]
    if _aligned(article.text, sentences, spans):
        trigger_rows: list[list[int] | None] = list(triggers.candidates(article.text, spans))
        actor_rows: list[list[int] | None] = list(actors.candidates(article.text, spans))
    else:
        trigger_rows = actor_rows = [None] * len(sentences)
    previous: tuple[str, str | None, list[int] | None] = ("", "", [])
    previous_actors: list[ActorSpan] | None = []
    for number, sentence in enumerate(sentences):
        local = sorted(by_sentence.get(sentence.index, ()), key=lambda m: m.start)
        rows = trigger_rows[number]
        folded = None if rows == [] else fold_ascii(sentence.text)
        found = triggers.find(sentence.text, folded, rows) if folded is not None else []
        sentence_actors: list[ActorSpan] | None = None
        if found:
            sentence_actors = actors.find(sentence.text, folded, actor_rows[number])
            known_before = previous_actors

            def before(known: list[ActorSpan] | None = known_before, text: tuple = previous) -> list[ActorSpan]:
                return known if known is not None else actors.find(*text)

            context = _Sentence(
                article, sentence.index, sentence.start, sentence.text, local, sentence_actors, before,
                antecedents, headline_places, routes, stats,
            )  # fmt: skip
            for claim in context.claims(found):
                events.extend(context.events_of(claim))
            named = [i.place for i in context.items if i.place is not None and i.status == "resolved"]
        else:  # no trigger: only the names count as antecedents (anaphors are resolved where they matter)
            named = [m.place for m in local if m.place is not None and m.status == "resolved"]
        for place in named:
            antecedents.add(sentence.index, place)
            if sentence.index == 0:
                headline_places.add(place.id)
        previous = (sentence.text, folded, actor_rows[number])
        previous_actors = sentence_actors  # None: not scanned, scanned on demand
    return events


def _aligned(text: str, sentences: Sequence, spans: list[tuple[int, int]]) -> bool:
    """True when the sentences are slices of ``text`` in order (as :func:`split_sentences` makes them)."""
    end = 0
    for sentence, (start, stop) in zip(sentences, spans):
        if start < end or text[start:stop] != sentence.text:
            return False
        end = stop
    return True


@dataclass
class _Sentence:
    """One sentence under analysis, with what it needs from the article around it."""

    article: Article
    index: int
    offset: int
    text: str
    mentions: list[Mention]
    actors: list[ActorSpan]
    previous_actors: Callable[[], list[ActorSpan]]
    antecedents: _Antecedents
    headline_places: set[str]
    routes: tuple[HighwayRoute, ...]
    stats: Counter[str]

    def __post_init__(self) -> None:
        self.parentheticals = [m.span() for m in _PARENTHETICAL_RE.finditer(self.text)]
        self.items = self._items()
        self._dated: list[DatedSpan] | None = None
        self._evidence: str | None = None
        self.change_spans: list[tuple[int, int]] = []

    # -- places --------------------------------------------------------------------------------------

    def _items(self) -> list[_Item]:
        items = [
            _Item(m.start - self.offset, m.end - self.offset, m.status, m.place) for m in self.mentions
            if not _MODIFIER_AFTER_RE.match(self.text[m.end - self.offset : m.end - self.offset + 20])
        ]
        taken = [(i.start, i.end) for i in items]
        for match in _HIGHWAY_DESCRIPTION_RE.finditer(self.text) if _HIGHWAY_GATE.rules(gate_text(self.text)) else ():
            route = self._described_highway(match.start(), match.end())
            if route is not None:
                items = [i for i in items if not (match.start() <= i.start < match.end())]
                items.append(_Item(match.start(), match.end(), "resolved", route.place))
                taken.append(match.span())
        for match in _ANAPHOR_RE.finditer(self.text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if any(0 <= i.start - match.end() <= 2 for i in items):
                continue  # "the town Saraqib": a name follows
            place = self._antecedent(match)
            if place is not None:
                items.append(_Item(match.start(), match.end(), "resolved", place, anaphoric=True))
        return sorted(items, key=lambda i: (i.start, i.end))

    def _antecedent(self, match: re.Match[str]) -> Place | None:
        noun = (match["noun"] or "").lower()
        kinds = _TOWN_KINDS if noun in {"", "town", "city", "village", "suburb", "stronghold"} else _POINT_KINDS
        found = self.antecedents.before(self.index, kinds)
        in_sentence = [
            i.place for i in self._mention_items_before(match.start()) if i.place is not None and i.place.kind in kinds
        ]
        if in_sentence:
            return in_sentence[-1]
        if found is None:
            return None
        if (match["det"] or "").lower() in {"a", "an"}:
            # "retook a key town": only the headline's place, in a lead that names no other place
            if found[0] != 0 or found[1].id not in self.headline_places or self.index > 2:
                return None
        return found[1]

    def _mention_items_before(self, position: int) -> list[_Item]:
        return [
            _Item(m.start - self.offset, m.end - self.offset, m.status, m.place)
            for m in self.mentions
            if m.end - self.offset <= position and m.status == "resolved"
        ]

    def _described_highway(self, start: int, end: int) -> HighwayRoute | None:
        """The one highway whose route passes every town named in a "highway linking X with Y" phrase."""
        towns = [
            m.place for m in self.mentions
            if start <= m.start - self.offset < end and m.place is not None and m.place.lat is not None
            and m.status == "resolved"
        ]  # fmt: skip
        if len(towns) < 2:
            return None
        matches = [
            r for r in self.routes
            if all(any(abs(lat - t.lat) < 0.05 and abs(lon - t.lon) < 0.05 for lat, lon in r.points) for t in towns[:2])
        ]  # fmt: skip
        return matches[0] if len(matches) == 1 else None

    def _inside_parenthetical(self, position: int, anchor: int) -> bool:
        """True when ``position`` lies in a parenthetical clause that does not hold ``anchor``."""
        return any(s <= position < e and not s <= anchor < e for s, e in self.parentheticals)

    # -- triggers to claims --------------------------------------------------------------------------

    def claims(self, found: list[tuple[int, int, TriggerRule]]) -> list[_Claim]:
        """The claims of the sentence's triggers; blocked ones (intentions, denials...) count as clause ends only."""
        changes = [(start, end) for start, end, rule in found if rule.kind != "observation"]
        kept = []
        for start, end, rule in found:
            if rule.kind != "observation" and self._blocked(start, end, rule):
                self.stats["blocked_modality"] += 1
            else:
                kept.append((start, end, rule))
        self.change_spans = [(start, end) for start, end, rule in kept if rule.kind != "observation"]
        claims = []
        for start, end, rule in kept:
            next_start = next((s for s, _ in changes if s >= end), len(self.text))
            previous_end = max((e for _, e in changes if e <= start), default=0)
            claim = self._claim(start, end, rule, previous_end, next_start)
            if claim is not None:
                claims.append(claim)
        return claims

    def _blocked(self, start: int, end: int, rule: TriggerRule) -> bool:
        """Intentions, attempts, conditionals and denials before the trigger."""
        before = self.text[max(0, start - 60) : start]
        words = _WORD_RE.findall(before)[-6:]
        if _BLOCK_RE.search(" ".join(words[-5:])):
            return True
        trimmed = [w.lower() for w in words if w.lower() not in _ADVERBS]
        if trimmed and trimmed[-1] == "to" and (len(trimmed) < 2 or trimmed[-2] not in _FACTUAL_BEFORE_TO):
            return rule.voice not in {"passive", "freed"} or not self.text[start:end].lower().startswith(("fell", "fall"))
        trigger = self.text[start:end].lower()
        if trigger.split()[0].endswith("ing") and _GERUND_BLOCK_RE.search(before):
            return True
        return False

    def _claim(self, start: int, end: int, rule: TriggerRule, previous_end: int, next_start: int) -> _Claim | None:
        voice = rule.voice
        trigger = self.text[start:end]
        if voice in {"active", "active_line", "expel", "loss", "nominal"}:
            items = self._objects(end, next_start)
            if voice == "active_line":
                items = tuple(i for i in items if i.place is not None and i.place.kind in LINE_KINDS)
        elif voice in {"passive", "freed"}:
            items = self._subjects(start, previous_end)
        elif voice == "declared":
            items = self._declared(start, end)
        else:
            return self._observation(start, end, rule, previous_end, next_start)
        if not items:
            return None
        last = items[-1]
        sides = self._sides(voice, start, end, last.end, next_start)
        if sides is None:
            return None
        gainer, loser = sides
        if gainer == loser or (gainer == UNKNOWN and loser == UNKNOWN):
            self.stats["skip_no_sides"] += 1
            return None
        return _Claim(start, end, trigger, items, gainer, loser, rule.kind)

    def _usable(self, items: list[_Item]) -> tuple[_Item, ...]:
        """The usable items, counting why the others were skipped."""
        kept = []
        for item in items:
            if item.usable:
                kept.append(item)
            else:
                reason = "admin" if item.place is not None and item.place.kind in ADMIN_KINDS else item.status
                self.stats[f"skip_{reason}"] += 1
        return tuple(kept)

    def _objects(self, after: int, stop: int) -> tuple[_Item, ...]:
        """The place(s) a trigger acts on: the first place after it in its clause, and those listed with it."""
        candidates = [i for i in self.items if after <= i.start < stop and not self._inside_parenthetical(i.start, after)]
        if not candidates:
            return ()
        first = candidates[0]
        between = self.text[after : first.start]
        if (_PARTIAL_RE.search(between) or _CONTAINER_RE.search(between)) and not _NAMING_LIST_RE.search(between):
            self.stats["skip_region_level"] += 1
            return self._examples(after, candidates)
        if _DIRECTION_BEFORE_RE.search(between):
            self.stats["skip_part_of_place"] += 1
            return ()
        return self._usable(self._list_from(candidates))

    def _examples(self, after: int, candidates: list[_Item]) -> tuple[_Item, ...]:
        """After a region-level object, the places it names "such as" / "including"."""
        for number, item in enumerate(candidates):
            previous_end = candidates[number - 1].end if number else after
            if _EXAMPLES_RE.search(self.text[previous_end : item.start]):
                return self._usable(self._list_from(candidates[number:]))
        return ()

    def _list_from(self, candidates: list[_Item]) -> list[_Item]:
        listed = [candidates[0]]
        for item in candidates[1:]:
            if not _LIST_GAP_RE.match(self.text[listed[-1].end : item.start]):
                break
            listed.append(item)
        return listed

    def _subjects(self, before: int, previous_end: int) -> tuple[_Item, ...]:
        """The place(s) a passive trigger is said of: the nearest place before it, and those listed with it."""
        candidates = [
            i for i in self.items if previous_end <= i.start and i.end <= before and not self._inside_parenthetical(i.start, before)
        ]
        if not candidates:
            return ()
        listed = [candidates[-1]]
        for item in reversed(candidates[:-1]):
            if not _LIST_GAP_RE.match(self.text[item.end : listed[0].start]):
                break
            listed.insert(0, item)
        if len(listed) == 1 and _DIRECTION_BEFORE_RE.search(self.text[max(0, listed[0].start - 12) : listed[0].start]):
            return ()  # "eastern Aleppo was captured": part of a place
        return self._usable(listed)

    def _declared(self, start: int, end: int) -> tuple[_Item, ...]:
        inside = [i for i in self.items if start <= i.start < end]
        return self._usable(self._list_from(inside)) if inside else ()

    # -- sides ---------------------------------------------------------------------------------------

    def _actor_after(self, position: int, stop: int, intro: re.Pattern[str] | None, reach: int = 60) -> ActorSpan | None:
        """The first actor after ``position`` (before ``stop``), introduced by ``intro`` when given."""
        for actor in self.actors:
            if actor.start < position:
                continue
            if actor.start >= min(stop, position + reach):
                return None
            if intro is None or intro.search(self.text[max(position, actor.start - 30) : actor.start]):
                return actor
        return None

    def _subject(self, start: int) -> ActorSpan | None:
        """The nearest actor before a trigger in its clause that is not the object of a preposition."""
        for actor in reversed(self.actors):
            if actor.end > start:
                continue
            if _CLAUSE_RE.search(self.text[actor.end : start]):
                return None
            if self._inside_parenthetical(actor.start, start):
                continue
            if _NOT_SUBJECT_RE.search(self.text[max(0, actor.start - 15) : actor.start]):
                continue
            return actor
        return None

    def _adjacent_before(self, start: int) -> ActorSpan | None:
        """An actor ending right before ``start`` ("the rebel capture", "regime-controlled")."""
        for actor in self.actors:
            if actor.end <= start and _ADJACENT_GAP_RE.match(self.text[actor.end : start]):
                return actor
        return None

    def _other_side(self, known: str, exclude: tuple[int, int]) -> str:
        """A Syrian side the sentence names besides ``known``, else unknown."""
        for actor in self.actors:
            if exclude[0] <= actor.start < exclude[1]:
                continue
            if actor.controller not in _NOT_FALLBACK and actor.controller != known:
                return actor.controller
        return UNKNOWN

    def _context_gainer(self, loser: str) -> str:
        """The side speaking or acting in the sentence (or the previous one) when no gainer is named."""
        for spans in (self.actors, self.previous_actors()):
            sides = [a.controller for a in spans if a.controller not in _NOT_FALLBACK and a.controller != loser]
            if sides:
                return sides[0]
        return UNKNOWN

    def _sides(self, voice: str, start: int, end: int, place_end: int, stop: int) -> tuple[str, str] | None:
        """(gainer, loser) of a change claim; None when the claim needs a side it lacks."""
        reach_end = min(len(self.text), stop + 1)
        from_actor = self._actor_after(place_end, reach_end, _FROM_RE, reach=45)
        if voice in {"active", "active_line", "expel", "declared"}:
            subject = self._subject(start)
            gainer = subject.controller if subject else None
            if voice == "expel":
                inside = [a for a in self.actors if start <= a.start < end]
                loser = inside[0].controller if inside else UNKNOWN
            elif voice == "declared":
                after = self._actor_after(end, reach_end, None, reach=30)
                loser = after.controller if after else UNKNOWN
            else:
                loser = from_actor.controller if from_actor else None
            if gainer is None:
                gainer = self._context_gainer(loser or UNKNOWN)
            return gainer, loser if loser is not None else self._other_side(gainer, (start, end))
        if voice == "nominal":
            agent = self._adjacent_before(start) or self._actor_after(place_end, reach_end, _BY_AGENT_RE, reach=30)
            if agent is None:
                self.stats["skip_nominal_without_agent"] += 1
                return None
            loser = from_actor.controller if from_actor else self._other_side(agent.controller, (start, end))
            return agent.controller, loser
        if voice == "loss":
            subject = self._subject(start)
            if subject is None:
                return None
            to_actor = self._actor_after(place_end, reach_end, _TO_RE, reach=30)
            gainer = to_actor.controller if to_actor else self._other_side(subject.controller, (start, end))
            return gainer, subject.controller
        # passive and freed: the place comes before the trigger
        after = self._actor_after(start, reach_end, _BY_RE if voice == "passive" else None, reach=70)
        if voice == "passive":
            gainer = after.controller if after and after.start < end + 70 else self._context_gainer(UNKNOWN)
            loser_actor = self._actor_after(end, reach_end, _FROM_RE, reach=60)
            loser = loser_actor.controller if loser_actor else self._other_side(gainer, (start, end))
            return gainer, loser
        loser = after.controller if after else UNKNOWN
        return self._context_gainer(loser), loser

    # -- observations --------------------------------------------------------------------------------

    def _observation(self, start: int, end: int, rule: TriggerRule, previous_end: int, next_start: int) -> _Claim | None:
        if re.search(r"\b(?:formerly|former|once|previously|until|used\s+to|had\s+been|was\s+an?)\s+(?:\w+\s+){0,3}$",
                     self.text[max(0, start - 40) : start], re.IGNORECASE):
            return None
        voice = rule.voice
        if voice == "obs_before":
            actor = self._actor_after(end, len(self.text), None, reach=40)
            candidates = [i for i in self.items if i.end <= start and start - i.end <= 2]
            items = self._usable(candidates[-1:])
        else:
            actor = self._adjacent_before(start)
            if voice == "obs_after":
                after = [i for i in self.items if i.start >= end and _OBS_GAP_RE.match(self.text[end : i.start])]
                items = self._usable(after[:1]) if after and not _DIRECTION_BEFORE_RE.search(
                    self.text[end : after[0].start]) else ()
            else:
                towns = [i for i in self.items if i.end <= start and i.place is not None and i.place.kind in _TOWN_KINDS]
                items = self._usable(towns[-1:])
        if actor is None or not items or actor.controller == UNKNOWN:
            return None
        return _Claim(start, end, self.text[start:end], items, actor.controller, "", "observation")

    # -- claims to events ----------------------------------------------------------------------------

    def _dated_spans(self) -> list[DatedSpan]:
        if self._dated is None:
            self._dated = resolve_expressions(self.text, self.article.published)
        return self._dated

    def _dates(self, claim: _Claim) -> tuple[DateRange, str, str]:
        """(range, relative code, date flag) of a claim from its time expression (see the module doc)."""
        published = self.article.published
        span = self._expression_of(claim)
        if span is not None:
            dates = span.dates
            said = span.start >= claim.trigger_end and bool(_SAID_BEFORE_RE.search(self.text[: span.start]))
            if claim.kind == "observation":
                if dates.precision == "day" and dates.best is not None:
                    return DateRange(dates.best, dates.best, dates.best, "day", span.text), span.relative, ""
            elif said and dates.latest is not None:
                return DateRange(None, dates.latest, dates.latest, dates.precision, span.text), span.relative, SAID_DATE_FLAG
            elif said and published is None:
                return unknown_date(span.text), span.relative, SAID_DATE_FLAG
            else:
                return dates, span.relative, ""
        background = claim.kind != "observation" and self._past_perfect(claim)
        flag = PAST_PERFECT_FLAG if background else ""
        if published is None:
            return unknown_date(), "", flag
        if claim.kind == "observation":
            return DateRange(published, published, published, "day"), "", ""
        latest = published - timedelta(days=1) if background else published
        return DateRange(None, latest, latest, "unknown"), "", flag

    def _expression_of(self, claim: _Claim) -> DatedSpan | None:
        """The time expression of a claim: the nearest one that is nearer its trigger than any other
        change trigger; else the main clause's (the sentence's first change trigger's) one."""
        spans = self._dated_spans()
        if not spans:
            return None
        triggers = self.change_spans or [(claim.trigger_start, claim.trigger_end)]

        def distance(span: DatedSpan, trigger: tuple[int, int]) -> int:
            return max(span.start - trigger[1], trigger[0] - span.end, 0)

        def owner(span: DatedSpan) -> tuple[int, int]:
            return min(triggers, key=lambda t: (distance(span, t), t[0]))

        own = (claim.trigger_start, claim.trigger_end)
        for trigger in (own, triggers[0]):
            mine = [s for s in spans if owner(s) == trigger]
            if mine:
                return min(mine, key=lambda s: (distance(s, trigger), s.start))
        return None if claim.kind != "observation" else min(spans, key=lambda s: (distance(s, own), s.start))

    def _past_perfect(self, claim: _Claim) -> bool:
        """True for a change told in the past perfect ("had captured"): background, before the news."""
        if _HAD_BEFORE_RE.search(self.text[max(0, claim.trigger_start - 40) : claim.trigger_start]):
            return True
        # a sentence-initial gerund ("Taking back X ... had marked") takes the main verb's tense
        return not self.text[: claim.trigger_start].strip() and bool(_HAD_RE.search(self.text))

    def events_of(self, claim: _Claim) -> list[Event]:
        dates, relative, date_flag = self._dates(claim)
        article = self.article
        if self._evidence is None:
            self._evidence = " ".join(self.text.split())
        source = EventSource(
            article_id=article.id, outlet=article.outlet, evidence=self._evidence, url=article.url,
            published=article.published, dates=dates, relative=relative,
        )  # fmt: skip
        events = []
        for item in claim.items:
            assert item.place is not None
            flags = {date_flag} - {""} | ({ANAPHORA_FLAG} if item.anaphoric else set())
            key = f"{article.id}|{self.index}|{claim.trigger_start}|{item.place.id}|{claim.gainer}|{claim.loser}"
            events.append(
                Event(
                    id="rp-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12], place=item.place,
                    gainer=claim.gainer, loser=claim.loser, kind=claim.kind, dates=dates, sources=(source,),
                    flags=tuple(sorted(flags)), notes=(f"trigger: {claim.trigger}",),
                )
            )  # fmt: skip
        return events
