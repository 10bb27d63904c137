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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path

from frontlines.dates import DatedSpan, resolve_expressions, unknown_date
from frontlines.literals import LiteralGate, gate_text, required_literals
from frontlines.errors import ExtractionError
from frontlines.gazetteer import load_gazetteer
from frontlines.events.actors import (
    UNKNOWN, ActorLexicon, ActorSpan, PhraseMatcher, fold_ascii, load_actors, read_lexicon_rows,
)
from frontlines.models import ADMIN_KINDS, LINE_KINDS, Article, DateRange, Event, EventSource, Mention, Place

VOICES = frozenset(
    {"active", "active_line", "expel", "passive", "freed", "declared", "loss", "nominal", "nominal_loss",
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
#: "The crossing", "the dam", "the airport", "the base" name a feature, never the town it is named after.
_FEATURE_KINDS = frozenset({"junction", "crossing", "border_crossing", "airport", "airbase", "dam", "military_base"})
#: Kinds that never change hands as a place: the whole country, and places outside it.
_NOT_MAPPED_KINDS = frozenset({"country", "foreign_country", "foreign_place"})
#: How many sentences back an anaphor looks for its antecedent.
_ANAPHOR_REACH = 4

# -- cue patterns (precompiled once) ------------------------------------------------------------------

#: Modality, negation, intention and attempt cues in the words before a trigger.
_BLOCK_RE = re.compile(
    r"\b(?:not|never|no\s+longer|denied|deny|denies|denying|could|would|will|(?-i:may)|might|can|cannot|should|"
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
#: A clause boundary between a verb and a place: the place is not its object.
_OBJECT_CLAUSE_RE = re.compile(r"\b(?:that|which|who|whom|whose|where|while|whereas|because|although|though)\b|[;:]")
#: Prepositions between "the loss of" and a place: "the loss of life in X" is not a loss of X.
_PREPOSITION_RE = re.compile(
    r"\b(?:in|at|near|around|on|for|to|from|with|by|across|along|over|after|before|during|among|against|of)\b",
    re.IGNORECASE,
)
#: A statement verb right before a nominal trigger: "the army announced the capture of X".
_ANNOUNCED_RE = re.compile(
    r"\b(?:announced|announces|announcing|declared|declares|confirmed|confirms|celebrated|celebrates|hailed|hails|"
    r"claimed|claims|reported|reports)\s+$",
    re.IGNORECASE,
)
_PRONOUN_RE = re.compile(r"\b(?:it|them)\b", re.IGNORECASE)
#: Words after a name that make it a region, not a town ("East Ghouta region").
_REGION_AFTER_RE = re.compile(
    r"^\s+(?:region|province|governorate|countryside|area|plain|plains|valley|desert|enclave|pocket)\b", re.IGNORECASE
)
#: Words that make an observed place part of the place named after them ("rebel-held district of X").
_PART_OF_RE = re.compile(
    r"\b(?:districts?|neighbou?rhoods?|parts?|areas?|quarters?|suburbs?|outskirts|countryside|pockets?|sections?|"
    r"east|west|north|south|eastern|western|northern|southern)\s+of\b",
    re.IGNORECASE,
)
_FORMERLY_RE = re.compile(
    r"\b(?:formerly|former|once|previously|until|used\s+to|had\s+been|was\s+an?)\s+(?:[\w'’-]+\s+){0,3}$", re.IGNORECASE
)
#: Clause boundaries a time expression does not reach across when a nearer trigger lies on its side.
_DATE_CLAUSE_RE = re.compile(
    r"[,;:()]|\s[–—-]\s|\b(?:before|after|but|and|while|whereas|when|then|until|since)\b", re.IGNORECASE
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
_MODIFIER_AFTER_RE = re.compile(
    r"^(?:['’]s?\s+[A-Z]|\s+(?:suburbs?|countryside|district|neighbou?rhood)\s+of\b"
    r"|[\s-]+(?i:(?:border\s+)?crossing|(?:military\s+)?(?:airport|air\s*base|airbase|air\s+field|airfield)|dam|bridge|"
    r"checkpoint|prison|hospital|military\s+base|barracks|academy|"
    r"oil\s*field|gas\s*field|power\s+plant|silos)\b)"
)
_HAD_BEFORE_RE = re.compile(r"\bhad\s+(?:[\w'’]+\s+){0,3}$", re.IGNORECASE)
_HAD_RE = re.compile(r"\bhad\b", re.IGNORECASE)
_TO_RE = re.compile(r"\b(?:to|by)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_NOT_SUBJECT_RE = re.compile(r"\b(?:from|against|by|of|with|to|on|over|versus|among)\s+(?:the\s+)?$", re.IGNORECASE)
_NOUN = r"(?:town|city|village|camp|crossing|district|neighbou?rhood|settlement|base|airport|dam|suburb|stronghold)"
_ANAPHOR_RE = re.compile(
    rf"\b(?P<det>[Tt]he|[Tt]his|[Tt]hat|[Aa]n?)\s+(?:(?!(?:the|this|that|an?)\s)[a-z][\w-]*\s+){{0,3}}?(?P<noun>{_NOUN})\b"
    rf"(?![-’']|\s+(?:of|in\s+which|called|named|known|[A-Z]))"
    r"|\b(?P<pronoun>[Ii]t)\b(?!['’]s|\s+(?:is|was)\s+(?:not|unclear|clear|said|believed|reported|thought|expected))"
)
#: "PLACE, which ACTOR ..." / "PLACE was the first town ACTOR ...": the place is the object of a later verb.
_GAP_OBJECT_RE = re.compile(
    rf"(?:,\s*(?:which|that)|\s+(?:is|was|became|had\s+been|has\s+been)\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?"
    rf"{_NOUN}s?(?:\s+(?:that|which))?)\s+(?:the\s+)?$",
    re.IGNORECASE,
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
    # Sides named by each sentence, scanned on demand (most sentences without a trigger never are).
    scanned: dict[int, list[ActorSpan]] = {}

    def actors_of(number: int) -> list[ActorSpan]:
        if not 0 <= number < len(sentences):
            return []
        if number not in scanned:
            scanned[number] = actors.find(sentences[number].text, None, actor_rows[number])
        return scanned[number]

    holders: dict[str, tuple[str, date | None]] = {}  # place id -> the side the article last said held or gained it, and when
    for number, sentence in enumerate(sentences):
        local = sorted(by_sentence.get(sentence.index, ()), key=lambda m: m.start)
        rows = trigger_rows[number]
        folded = None if rows == [] else fold_ascii(sentence.text)
        found = triggers.find(sentence.text, folded, rows) if folded is not None else []
        dateline = _dateline_end(sentence.text) if number < 3 else 0
        if found:
            scanned[number] = actors.find(sentence.text, folded, actor_rows[number])

            def around(offset: int, number: int = number) -> list[ActorSpan]:
                return actors_of(number + offset)

            def dates_before(number: int = number) -> DateRange | None:
                for back in (number - 1, number - 2):
                    if back >= 0:
                        spans = [d for d in resolve_expressions(sentences[back].text, article.published) if d.dates.best]
                        if spans:
                            return spans[-1].dates
                return None

            context = _Sentence(
                article, sentence.index, sentence.start, sentence.text, local, scanned[number], around,
                antecedents, headline_places, routes, stats, holders, dates_before, dateline,
            )  # fmt: skip
            for claim in context.claims(found):
                reported = context.events_of(claim)
                events.extend(reported)
                if claim.gainer != UNKNOWN and reported:
                    for event in reported:
                        holders[event.place.id] = (claim.gainer, event.dates.best)
            named = [i.place for i in context.items if i.place is not None and i.status == "resolved"]
        else:  # no trigger: only the names count as antecedents (anaphors are resolved where they matter)
            named = [
                m.place for m in local
                if m.place is not None and m.status == "resolved" and m.start - sentence.start >= dateline
            ]  # fmt: skip
        for place in named:
            antecedents.add(sentence.index, place)
            if sentence.index == 0:
                headline_places.add(place.id)
    return _consistent_observations(events, stats)


def _consistent_observations(events: list[Event], stats: Counter[str]) -> list[Event]:
    """The events without observations that a change reported by the same article overtakes: "the army
    captured X on Monday; the town, a rebel stronghold, ..." does not say the rebels hold X today."""
    changes: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        if event.kind != "observation":
            changes[event.place.id].append(event)
    kept = []
    for event in events:
        seen = event.dates.best
        if event.kind == "observation" and seen is not None and any(
            c.gainer != event.gainer and c.dates.best is not None and c.dates.best <= seen for c in changes[event.place.id]
        ):
            stats["skip_overtaken_observation"] += 1
            continue
        kept.append(event)
    return kept


#: A dateline opening a sentence: "DAMASCUS, March 3 (Xinhua) --", "BEIRUT (Reuters) -", "Ankara, 18 March
#: 2018 (MIA) -", "BEIRUT:". Its place is where the report was filed and its date when.
_DATELINE_RE = re.compile(
    r"^\s*(?:[A-Z]{2}[A-Z'’.-]*(?:[ /][A-Z]{2}[A-Z'’.-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)?"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=,\s*(?:\d|[A-Z][a-z]+\.?\s+\d)))"
    r"(?:,\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2})(?:,?\s+\d{4})?)?"
    r"\s*(?:\([^()]{1,40}\))?\s*(?:--?|[–—]|:(?=\s))\s*"
)


def _dateline_end(text: str) -> int:
    """The offset where a sentence's dateline ends (0 without one)."""
    match = _DATELINE_RE.match(text)
    return match.end() if match and match.end() < len(text) else 0


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
    around: Callable[[int], list[ActorSpan]]  # the sides named by the sentence that many before (-) or after (+)
    antecedents: _Antecedents
    headline_places: set[str]
    routes: tuple[HighwayRoute, ...]
    stats: Counter[str]
    holders: dict[str, tuple[str, date | None]]
    dates_before: Callable[[], DateRange | None]
    dateline: int = 0

    def previous_actors(self) -> list[ActorSpan]:
        return self.around(-1)

    def __post_init__(self) -> None:
        self.parentheticals = [m.span() for m in _PARENTHETICAL_RE.finditer(self.text)]
        self.items = self._items()
        self._dated: list[DatedSpan] | None = None
        self._evidence: str | None = None
        self.change_spans: list[tuple[int, int]] = []

    # -- places --------------------------------------------------------------------------------------

    def _items(self) -> list[_Item]:
        actors = [(a.start, a.end) for a in self.actors]
        items = self._mention_items = [
            _Item(m.start - self.offset, m.end - self.offset, m.status, m.place) for m in self.mentions
            if not _MODIFIER_AFTER_RE.match(self.text[m.end - self.offset : m.end - self.offset + 20])
            and m.start - self.offset >= self.dateline  # the dateline's place is where the report was filed
            and not any(s < m.end - self.offset and m.start - self.offset < e for s, e in actors)  # "IS" is a side
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
        kinds = (
            _TOWN_KINDS if noun in {"", "town", "city", "village", "suburb", "stronghold"}
            else _FEATURE_KINDS if noun in {"crossing", "airport", "dam", "base"} else _POINT_KINDS
        )  # fmt: skip
        found = self.antecedents.before(self.index, kinds)
        in_sentence = [
            i.place for i in self._mention_items_before(match.start())
            if i.place is not None and i.place.kind in kinds and not self._regionlike(i)
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

    def _regionlike(self, item: _Item) -> bool:
        """True for a name used as a region or part of one ("East Ghouta region"), not as a town."""
        return bool(
            _REGION_AFTER_RE.match(self.text[item.end : item.end + 20])
            or _DIRECTION_BEFORE_RE.search(self.text[max(0, item.start - 12) : item.start])
        )

    def _mention_items_before(self, position: int) -> list[_Item]:
        return [i for i in self._mention_items if i.end <= position and i.status == "resolved"]

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
        if voice in {"active", "active_line", "expel", "loss", "nominal", "nominal_loss"}:
            items = self._objects(end, next_start)
            if voice == "active_line":
                items = tuple(i for i in items if i.place is not None and i.place.kind in LINE_KINDS)
            elif voice == "nominal_loss" and items and _PREPOSITION_RE.search(self._without_actors(end, items[0].start)):
                items = ()  # "the loss of life in X"
            elif not items and voice in {"active", "loss"}:
                items = self._gap_object(start, previous_end)
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
        claim = _Claim(start, end, trigger, items, gainer, loser, rule.kind)
        if loser == UNKNOWN:
            loser = self._context_loser(gainer, items, self._dates(claim)[0].best)
            if loser != UNKNOWN:
                claim = _Claim(start, end, trigger, items, gainer, loser, rule.kind)
        return claim

    def _usable(self, items: list[_Item]) -> tuple[_Item, ...]:
        """The usable items, counting why the others were skipped."""
        kept: list[_Item] = []
        for item in items:
            if item.usable:
                if any(k.place == item.place for k in kept):
                    continue  # "X, the town ...": one place named twice
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
        if _OBJECT_CLAUSE_RE.search(between):
            return ()  # "took in 2012 in a move that divided the city": another clause's place
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

    def _gap_object(self, start: int, previous_end: int) -> tuple[_Item, ...]:
        """The place a verb without an object acts on through a relative clause: "X, which the army
        lost in 2015", "X was the first district the rebels took"."""
        subject = self._subject(start)
        if subject is None:
            return ()
        match = _GAP_OBJECT_RE.search(self.text, max(previous_end, subject.start - 80), subject.start)
        if match is None:
            return ()
        before = [i for i in self.items if previous_end <= i.start and i.end <= match.start()]
        if not before or self.text[before[-1].end : match.start()].strip():
            return ()
        return self._usable(before[-1:])

    def _without_actors(self, start: int, end: int) -> str:
        """``text[start:end]`` with the actor phrases in it blanked."""
        text = self.text[start:end]
        for actor in self.actors:
            if start <= actor.start and actor.end <= end:
                text = text[: actor.start - start] + " " * (actor.end - actor.start) + text[actor.end - start :]
        return text

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
        """The nearest actor before a trigger in its clause that is not the object of a preposition; a
        named side before an unnamed one ("the SDF, an alliance of Arab militias, drove ...")."""
        generic = None
        for actor in reversed(self.actors):
            if actor.end > start:
                continue
            if _CLAUSE_RE.search(self.text[actor.end : start]):
                break
            if self._inside_parenthetical(actor.start, start):
                continue
            if _NOT_SUBJECT_RE.search(self.text[max(0, actor.start - 15) : actor.start]):
                continue
            if actor.controller != UNKNOWN:
                return actor
            generic = generic or actor
        return generic

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

    def _context_loser(self, gainer: str, items: Sequence[_Item], when: date | None) -> str:
        """The loser the article gives elsewhere: the side it last said held or took the place (not
        after this change), else the one side other than the gainer named by the two sentences before
        and the one after."""
        for item in items[:1]:
            holder, since = self.holders.get(item.place.id, (None, None)) if item.place is not None else (None, None)
            if holder is not None and holder != gainer and holder not in _NOT_FALLBACK and (
                since is None or when is None or since <= when
            ):
                return holder
        sides = {
            a.controller for offset in (-2, -1, 1) for a in self.around(offset)
            if a.controller not in _NOT_FALLBACK and a.controller != gainer
        }  # fmt: skip
        return sides.pop() if len(sides) == 1 else UNKNOWN

    def _pronoun_side(self, gainer: str, start: int) -> str:
        """The side "it" or "them" stands for: the last one named before, in this sentence or the previous one."""
        for actors in ([a for a in self.actors if a.end <= start], self.around(-1)):
            for actor in reversed(actors):
                if actor.controller not in _NOT_FALLBACK and actor.controller != gainer:
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
                if not inside and _PRONOUN_RE.search(self.text, start, end):  # "drove it from X"
                    loser = self._pronoun_side(gainer or UNKNOWN, start)
            elif voice == "declared":
                after = self._actor_after(end, reach_end, None, reach=30)
                loser = after.controller if after else UNKNOWN
            else:
                loser = from_actor.controller if from_actor else None
            if gainer is None:
                gainer = self._context_gainer(loser or UNKNOWN)
            return gainer, loser if loser is not None else self._other_side(gainer, (start, end))
        if voice == "nominal_loss":
            owner = self._adjacent_before(start) or next(
                (a for a in self.actors if end <= a.start and a.end <= place_end), None)
            to_actor = self._actor_after(place_end, reach_end, _TO_RE, reach=30)
            if owner is None and to_actor is not None:  # "after the loss of X to government forces, rebels..."
                return to_actor.controller, self._other_side(to_actor.controller, (start, to_actor.end))
            if owner is None:
                self.stats["skip_nominal_without_agent"] += 1
                return None
            gainer = to_actor.controller if to_actor else self._other_side(owner.controller, (start, place_end))
            return gainer, owner.controller
        if voice == "nominal":
            agent = self._adjacent_before(start) or self._actor_after(place_end, reach_end, _BY_AGENT_RE, reach=30)
            if agent is None and _ANNOUNCED_RE.search(self.text, max(0, start - 30), start):
                agent = self._subject(start)  # "the army announced the capture of X"
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
        voice = rule.voice
        adjacent = self._adjacent_before(start) if voice != "obs_before" else None
        head = adjacent.start if adjacent is not None else start  # "had been the biggest rebel-held"
        if _FORMERLY_RE.search(self.text, max(0, head - 40), head):
            return None
        if voice == "obs_before":
            actor = self._actor_after(end, len(self.text), None, reach=40)
            candidates = [i for i in self.items if i.end <= start and start - i.end <= 2]
            items = self._usable(candidates[-1:])
        else:
            actor = adjacent
            if voice == "obs_after":
                after = [i for i in self.items if i.start >= end and _OBS_GAP_RE.match(self.text[end : i.start])]
                gap = self.text[end : after[0].start] if after else ""
                items = self._usable(after[:1]) if after and not _DIRECTION_BEFORE_RE.search(gap) and not _PART_OF_RE.search(
                    gap) else ()  # "the rebel-held district of Aleppo" is part of Aleppo
            else:
                towns = [
                    i for i in self.items
                    if i.end <= start and i.place is not None and i.place.kind in _TOWN_KINDS
                    and not self._regionlike(i)
                ]  # fmt: skip
                items = self._usable(towns[-1:])
        if actor is None or not items or actor.controller == UNKNOWN:
            return None
        return _Claim(start, end, self.text[start:end], items, actor.controller, "", "observation")

    # -- claims to events ----------------------------------------------------------------------------

    def _dated_spans(self) -> list[DatedSpan]:
        if self._dated is None:
            spans = resolve_expressions(self.text, self.article.published)
            if any(s.relative.startswith("later:") and s.dates.best is None for s in spans):
                spans = resolve_expressions(self.text, self.article.published, self.dates_before())
            self._dated = spans
        return self._dated

    def _dates(self, claim: _Claim) -> tuple[DateRange, str, str]:
        """(range, relative code, date flag) of a claim from its time expression (see the module doc)."""
        published = self.article.published
        span = self._expression_of(claim)
        if span is not None:
            dates = span.dates
            said = span.start < self.dateline or (
                span.start >= claim.trigger_end and bool(_SAID_BEFORE_RE.search(self.text[: span.start])))
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
            gap = max(span.start - trigger[1], trigger[0] - span.end, 0)
            # a time expression belongs to its own clause: "took X in May, before losing it ten months later"
            return gap + 10_000 * self._crosses_clause(min(span.end, trigger[1]), max(span.start, trigger[0]))

        def owner(span: DatedSpan) -> tuple[int, int]:
            return min(triggers, key=lambda t: (distance(span, t), t[0]))

        own = (claim.trigger_start, claim.trigger_end)
        # "two days after rebels withdrew" dates only the clause after it
        spans = [s for s in spans if s.scope != "following" or s.end <= claim.trigger_start]
        if not spans:
            return None
        for trigger in (own, triggers[0]):
            mine = [s for s in spans if owner(s) == trigger]
            if mine:
                return min(mine, key=lambda s: (distance(s, trigger), s.start))
        return None if claim.kind != "observation" else min(spans, key=lambda s: (distance(s, own), s.start))

    def _crosses_clause(self, start: int, end: int) -> bool:
        """True when ``text[start:end]``, parenthetical clauses aside, holds a clause boundary."""
        if end <= start:
            return False
        text = self.text[start:end]
        for s, e in self.parentheticals:
            if start <= s and e <= end:
                text = text[: s - start] + " " * (e - s) + text[e - start :]
        return bool(_DATE_CLAUSE_RE.search(text))

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
