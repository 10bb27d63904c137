"""What the rules share while an article is read: the article's state and one sentence under analysis.

:class:`ArticleContext` holds what one article knows so far (the sides each sentence names, the
places named before, who it last said held each place); :class:`Sentence` holds one sentence: its
text, mentions, actors and place items, with offsets into the sentence. Rules are functions of
these (see ``places``, ``sides``, ``dating``); neither type leaves the ``events`` package.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date

from frontlines.dates import DatedSpan, resolve_expressions
from frontlines.events.actors import ActorLexicon, ActorSpan
from frontlines.events.cues import parentheticals
from frontlines.events.highways import HighwayRoute
from frontlines.literals import gate_text, literal_filter
from frontlines.models import ADMIN_KINDS, Article, DateRange, Mention, Place, Relative
from frontlines.schema import NOT_MAPPED_KINDS, EventKind

#: How many sentences back an anaphor looks for its antecedent.
ANAPHOR_REACH = 4


#: An article calling the rebels HTS-led or naming HTS among them: "HTS-led rebels", "insurgents led by Hayat
#: Tahrir al-Sham", "rebels, including members of the Nusra Front", "an alliance that includes the Nusra Front",
#: "HTS fighters and their allies".
_HTS_NAME = r"(?:hts|hay['’]?[ae]t\s+tahrir\s+al[- ]sham|tahrir\s+al[- ]sham)"
_NUSRA_NAME = r"(?:jabhat\s+(?:al[- ])?nusra|(?:al[- ])?nusra\s+front)"
_HTS_LED_RE = re.compile(
    rf"\b{_HTS_NAME}[- ]led\b"
    r"|\bled\s+by\s+(?:the\s+)?(?:(?:islamist|jihadist|militant|former\s+al[- ]qaeda)\s+)*(?:(?:group|faction|alliance)\s+)?"
    rf"{_HTS_NAME}\b"
    rf"|\b(?:includ(?:ing|es|ed)|among\s+them)\s+(?:[\w'’.-]+\s+){{0,6}}?(?:{_HTS_NAME}|{_NUSRA_NAME})\b"
    rf"|\b(?:{_HTS_NAME}|{_NUSRA_NAME})\s+(?:fighters\s+)?and\s+(?:its|their)\s+allies\b",
    re.IGNORECASE,
)

_MAY_BE_HTS_LED = literal_filter(_HTS_LED_RE)
#: The same, for the article's gate text (lowercased, each offset kept: what IGNORECASE matches): every match
#: starts with one of the lookahead's letters, which lets the engine skip the other positions cheaply.
_HTS_LED_GATED_RE = re.compile(rf"(?=[hltiajn])(?:{_HTS_LED_RE.pattern})")


@dataclass(frozen=True, slots=True)
class Item:
    """A place-like span of a sentence (offsets into the sentence)."""

    start: int
    end: int
    status: str
    place: Place | None
    anaphoric: bool = False
    #: Where the phrase naming it starts when another name qualifies it ("the Idlib town of X"): the
    #: text before that is what stands between a trigger and the place.
    lead: int = -1

    @property
    def head(self) -> int:
        """The start of the phrase that names the place (its own start, or its qualifier's)."""
        return self.start if self.lead < 0 else self.lead

    @property
    def usable(self) -> bool:
        """A resolved, mappable place that can change hands (not an admin unit, not outside)."""
        return (
            self.status == "resolved" and self.place is not None
            and self.place.kind not in ADMIN_KINDS and self.place.kind not in NOT_MAPPED_KINDS
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Claim:
    """What one trigger says: the place(s), the sides and the kind."""

    trigger_start: int
    trigger_end: int
    trigger: str
    items: tuple[Item, ...]
    gainer: str
    loser: str
    kind: EventKind
    #: The highway an interdiction cut, when its place is where it was cut.
    highway: Place | None = None
    #: The sentence names no loser: ``loser`` comes from the rest of the article (``loser_inferred``).
    loser_inferred: bool = False


class Antecedents:
    """Places of an article named so far (mentions and resolved anaphors), for later anaphors.

    A sentence's places are worked out when an anaphor first looks back at it (:meth:`defer`): most
    sentences are never looked at, and most articles hold no anaphor that finds a place.
    """

    def __init__(self) -> None:
        self._named: dict[int, list[Place]] = {}
        self._pending: dict[int, list[Callable[[], list[Place]]]] = defaultdict(list)

    def defer(self, sentence_index: int, named: Callable[[], list[Place]]) -> None:
        """Add the places ``named()`` gives, in order, to those of sentence ``sentence_index``, once asked."""
        self._pending[sentence_index].append(named)

    def of(self, sentence_index: int) -> list[Place]:
        """The places sentence ``sentence_index`` named, in order."""
        places = self._named.setdefault(sentence_index, [])
        for named in self._pending.pop(sentence_index, ()):
            places.extend(named())
        return places

    def before(
        self, sentence_index: int, kinds: frozenset[str], skip: Callable[[int, Place], bool] | None = None
    ) -> tuple[int, Place] | None:
        """The first place of one of ``kinds`` in the last sentence before this one that names one
        (``skip``: places that cannot be meant, such as a point of reference).

        The first place of a sentence is usually its subject, the likeliest antecedent of "it" and
        "the town" in the next one.
        """
        for index in range(sentence_index - 1, max(-1, sentence_index - 1 - ANAPHOR_REACH), -1):
            for place in self.of(index):
                if place.kind in kinds and not (skip is not None and skip(index, place)):
                    return index, place
        return None


@dataclass
class ArticleContext:
    """What one article knows while its sentences are read in order."""

    article: Article
    actor_lexicon: ActorLexicon
    #: Which actor rows may match each sentence (None: all of them).
    actor_rows: list[list[int] | None]
    routes: tuple[HighwayRoute, ...]
    stats: Counter[str]
    antecedents: Antecedents = field(default_factory=Antecedents)
    #: Place id -> the side the article last said held or gained it, and when.
    holders: dict[str, tuple[str, date | None]] = field(default_factory=dict)
    #: Sentence number -> (gainer, loser) of its last change claim with a known gainer (the sides an
    #: agentless later sentence continues: "The army took A. B was also taken.").
    changes: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: Sentence number -> (gainer, loser) a change claim of the lead names with no place the extractor can
    #: use ("IS took a village from rebels", "a border crossing was seized by rebels from IS"): the loser
    #: of a later sentence that names the place and only the gainer.
    unplaced: dict[int, tuple[str, str]] = field(default_factory=dict)
    #: Sentence number -> the sides of a coordinated subject of its change ("the army and the SDF took X"):
    #: one camp there, so that neither is taken for the loser.
    joint: dict[int, frozenset[str]] = field(default_factory=dict)
    #: Sides named by each sentence, scanned on demand (most sentences without a trigger never are).
    scanned: dict[int, list[ActorSpan]] = field(default_factory=dict)
    #: Memos of each sentence's actor rows narrowed by all their literals, and of the sides they may name
    #: (``coarse``: the sides of its rows before they are narrowed).
    narrowed: dict[int, list[int]] = field(default_factory=dict)
    sides: dict[int, frozenset[str]] = field(default_factory=dict)
    coarse: dict[int, frozenset[str]] = field(default_factory=dict)
    #: The sides outside each camp that the article names (all when fewer than two, else two or more;
    #: see ``discourse``).
    others_named: dict[frozenset[str], set[str]] = field(default_factory=dict)
    #: Why each trigger did or did not become an event, when asked (``extract --debug``; see ``explain``).
    trace: list[str] | None = None
    #: The article's mentions by sentence index (for a list a later sentence names).
    mentions: dict[int, list[Mention]] = field(default_factory=dict)
    #: Whether the article calls the rebels HTS-led (then HTS and the opposition are one camp), once asked.
    hts_led: bool | None = None
    #: Ids of the villages only far namesakes of the article's places (``namesakes``), once asked.
    far_namesakes: frozenset[str] | None = None
    #: Ids of the villages whose name the article gives a military base ("X army base"), once asked (``items``).
    base_villages: frozenset[str] | None = None

    def headline_places(self) -> set[str]:
        """Ids of the places the headline (sentence 0) names."""
        return {place.id for place in self.antecedents.of(0)}

    def rebels_led_by_hts(self) -> bool:
        """True when the article names HTS as the rebels' leader ("HTS-led rebels", "factions led by HTS")."""
        if self.hts_led is None:
            gated = gate_text(self.article.text)
            self.hts_led = _MAY_BE_HTS_LED(gated) and _HTS_LED_GATED_RE.search(gated) is not None
        return self.hts_led

    def _rows(self, number: int) -> list[int]:
        """The actor rows whose literals sentence ``number`` holds (worked out once)."""
        rows = self.narrowed.get(number)
        if rows is None:
            rows = self.narrowed[number] = self.actor_lexicon.rows(
                self.article.sentences[number].text, self.actor_rows[number]
            )
        return rows

    def possible_sides(self, number: int) -> frozenset[str]:
        """The sides sentence ``number`` may name, from its actor rows' literals (no scan): every side
        :meth:`actors_of` gives is among them."""
        sides = self.sides.get(number)
        if sides is None:
            sides = self.sides[number] = self.actor_lexicon.sides_of(self._rows(number))
        return sides

    def names_only(self, number: int, sides: AbstractSet[str]) -> bool:
        """True when every side sentence ``number`` may name (:meth:`possible_sides`) is among ``sides``;
        the sides of its rows before they are narrowed answer most sentences without narrowing them."""
        coarse = self.coarse.get(number)
        if coarse is None:
            rows = self.actor_rows[number]
            coarse = self.coarse[number] = (
                self.actor_lexicon.sides_of(rows) if rows is not None else self.possible_sides(number)
            )
        return coarse <= sides or self.possible_sides(number) <= sides

    def actors_of(self, number: int, folded: str | None = None) -> list[ActorSpan]:
        """The sides named by sentence ``number`` (none outside the article); ``folded`` is the
        sentence's :func:`~frontlines.events.actors.fold_ascii` when the caller has it."""
        sentences = self.article.sentences
        if not 0 <= number < len(sentences):
            return []
        if number not in self.scanned:
            self.scanned[number] = self.actor_lexicon.find(
                sentences[number].text, folded, self._rows(number), narrowed=True
            )
        return self.scanned[number]

    def dates_before(self, number: int) -> DateRange | None:
        """The last dated expression of the one or two sentences before sentence ``number``."""
        sentences = self.article.sentences
        for back in (number - 1, number - 2):
            if back >= 0:
                spans = [
                    d
                    for d in resolve_expressions(sentences[back].text, self.article.published)
                    if d.dates.best
                ]
                if spans:
                    return spans[-1].dates
        return None


@dataclass
class Sentence:
    """One sentence under analysis (``items`` are filled by :func:`frontlines.events.items.sentence_items`)."""

    context: ArticleContext
    number: int
    index: int
    offset: int
    text: str
    mentions: list[Mention]
    actors: list[ActorSpan]
    dateline: int = 0
    parentheticals: list[tuple[int, int]] = field(init=False)
    #: Place items: mentions, described highways and resolved anaphors, in text order.
    items: list[Item] = field(default_factory=list)
    #: The items that are the sentence's own mentions.
    mention_items: list[Item] = field(default_factory=list)
    #: Spans of the change triggers that were not blocked.
    change_spans: list[tuple[int, int]] = field(default_factory=list)
    dated: list[DatedSpan] | None = None
    #: Memos of :mod:`~frontlines.events.dating`, which asks them once per claim: each claim's dates by
    #: (trigger start, trigger end, kind), the change trigger that owns each time expression (by its
    #: span), and whether a span of the text crosses a clause boundary.
    dated_claims: dict[tuple[int, int, str], tuple[DateRange, Relative | None, str]] = field(
        default_factory=dict
    )
    owners: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    crossings: dict[tuple[int, int], bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.parentheticals = parentheticals(self.text)

    @property
    def stats(self) -> Counter[str]:
        return self.context.stats

    def around(self, offset: int) -> list[ActorSpan]:
        """The sides named by the sentence ``offset`` before (-) or after (+) this one."""
        return self.context.actors_of(self.number + offset)

    def inside_parenthetical(self, position: int, anchor: int) -> bool:
        """True when ``position`` lies in a parenthetical clause that does not hold ``anchor``."""
        return any(s <= position < e and not s <= anchor < e for s, e in self.parentheticals)

    def without_actors(self, start: int, end: int) -> str:
        """``text[start:end]`` with the actor phrases in it blanked."""
        text = self.text[start:end]
        for actor in self.actors:
            if start <= actor.start and actor.end <= end:
                text = (
                    text[: actor.start - start] + " " * (actor.end - actor.start) + text[actor.end - start :]
                )
        return text
