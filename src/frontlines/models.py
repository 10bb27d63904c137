"""Frozen value types shared by every stage: places, articles, mentions, dates, events, states."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar, Literal

from frontlines.schema import (
    ADMIN_KINDS,
    BACKGROUND,
    CHANGE_KINDS,
    EARTH_RADIUS_KM,
    LINE_KINDS,
    OUTSIDE_KINDS,
    Certainty,
    DateUnit,
    EventKind,
    MatchKind,
    MentionStatus,
    PlaceKind,
    Precision,
    RelativeKind,
    RelativeQualifier,
)

if TYPE_CHECKING:
    import shapely

# The vocabulary lives in ``schema``; these names are re-exported for the stages that import them from here.
__all__ = [
    "ADMIN_KINDS", "LINE_KINDS", "OUTSIDE_KINDS", "Article", "Candidate", "Certainty", "ControlState", "DateRange",
    "Event", "EventKind", "EventSource", "MatchKind", "Mention", "MentionStatus", "Place", "PlaceKind", "PlaceName",
    "Precision", "Relative", "Sentence",
]  # fmt: skip


class _Value:
    """Pickled as its class and its field values, so that unpickling is one call of the constructor: the
    field-by-field ``__setstate__`` that ``dataclass(slots=True)`` writes made unpickling the events that
    worker processes send back about twice as slow (0.22 s against 0.10-0.15 s of CPU for 2,000 articles)."""

    __slots__ = ()
    __match_args__: ClassVar[tuple[str, ...]]  # every field, in order (``dataclass`` writes it)

    def __reduce__(self) -> tuple[type[_Value], tuple[object, ...]]:
        return type(self), tuple([getattr(self, name) for name in self.__match_args__])


@dataclass(frozen=True, slots=True)
class Place(_Value):
    """One gazetteer entry: a single id whatever source named it."""

    id: str
    name: str
    kind: PlaceKind
    lat: float | None
    lon: float | None
    name_ar: str = ""
    admin1: str = ""
    admin2: str = ""
    admin3: str = ""
    admin1_pcode: str = ""
    population: int = 0
    source_ids: tuple[str, ...] = ()
    approximate: bool = False
    geometry_wkt: str = ""

    @property
    def outside(self) -> bool:
        """True for places outside the mapped region (other countries and their cities)."""
        return self.kind in OUTSIDE_KINDS

    def shape(self) -> shapely.Geometry | None:
        """The place's geometry (WGS84, x = lon): its own line or area when the gazetteer has one (a
        highway, a region, a neighbourhood), else its point; None when it has neither."""
        import shapely  # here, not at the top: most stages never draw

        if self.geometry_wkt:
            return shapely.from_wkt(self.geometry_wkt)
        if self.lat is not None and self.lon is not None:
            return shapely.Point(self.lon, self.lat)
        return None


@dataclass(frozen=True, slots=True)
class PlaceName(_Value):
    """One spelling of a place, with the language and the source that gave it."""

    place_id: str
    name: str
    lang: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class Sentence(_Value):
    """A sentence of an article: character offsets into ``Article.text``."""

    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Article(_Value):
    """A cleaned article with its metadata and sentences."""

    id: str
    path: str
    text: str
    headline: str = ""
    outlet: str = ""
    url: str = ""
    published: date | None = None
    published_source: str = ""  # "manifest", "metadata" (HTML), "text" or "" when unknown
    sentences: tuple[Sentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate(_Value):
    """A place a mention may refer to, and how the mention matched it."""

    place: Place
    match: MatchKind
    distance_km: float | None = None


@dataclass(frozen=True, slots=True)
class Mention(_Value):
    """A place-like span of an article and what it resolved to."""

    article_id: str
    start: int
    end: int
    surface: str
    status: MentionStatus
    place: Place | None = None
    match: MatchKind | Literal[""] = ""
    candidates: tuple[Candidate, ...] = ()
    suggestions: tuple[str, ...] = ()
    sentence_index: int = -1


@dataclass(frozen=True, slots=True)
class DateRange(_Value):
    """When something happened: bounds, a best estimate and a precision (None = open/unknown)."""

    earliest: date | None
    latest: date | None
    best: date | None
    precision: Precision = "unknown"
    expression: str = ""

    def overlaps(self, other: DateRange) -> bool:
        """True when the two ranges share a day (an open bound overlaps everything on its side)."""
        lo = max((d for d in (self.earliest, other.earliest) if d is not None), default=None)
        hi = min((d for d in (self.latest, other.latest) if d is not None), default=None)
        return lo is None or hi is None or lo <= hi


@dataclass(frozen=True, slots=True)
class Relative(_Value):
    """A date expression read against a reference date (publication, or the expression before it), kept
    so that it can be resolved again once that date is known (``dates.resolve_relative``)."""

    kind: RelativeKind
    #: Units back ("three weeks ago"), forward ("ten months later") or covered ("the past 30 days");
    #: 0 for "days later", "hours after".
    count: int = 0
    unit: DateUnit | Literal[""] = ""
    month: int = 0  # the month named (1-12): "in May", "early May", "Feb 26"
    day: int = 0  # the day of the month ("Feb 26"), or of the week for a weekday (0 = Monday)
    qualifier: RelativeQualifier = ""


@dataclass(frozen=True, slots=True)
class EventSource(_Value):
    """One report of an event: where it was read and what the text said."""

    article_id: str
    outlet: str
    evidence: str
    url: str = ""
    published: date | None = None
    dates: DateRange | None = None
    relative: Relative | None = None  # the date expression read relative to publication, if any


@dataclass(frozen=True, slots=True)
class Event(_Value):
    """A control change (or an observation of control) at one place, from one or more reports."""

    id: str
    place: Place
    gainer: str
    loser: str
    kind: EventKind
    dates: DateRange
    sources: tuple[EventSource, ...]
    flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def changes_control(self) -> bool:
        """True for a capture, recapture or withdrawal reported as news (not an observation, an
        interdiction or a change flagged as background history)."""
        return self.kind in CHANGE_KINDS and BACKGROUND not in self.flags

    @property
    def article_ids(self) -> tuple[str, ...]:
        """The distinct articles reporting the event, in source order (one article's sentences count once)."""
        return tuple(dict.fromkeys(s.article_id for s in self.sources))

    @property
    def outlets(self) -> tuple[str, ...]:
        """The distinct outlets reporting the event (an article without an outlet counts as its own)."""
        return tuple(dict.fromkeys(s.outlet or s.article_id for s in self.sources))


@dataclass(frozen=True, slots=True)
class ControlState(_Value):
    """Who held a place on one date, since when, and how sure the timeline is."""

    place: Place
    on: date
    controller: str
    since: date | None
    certainty: Certainty
    last_event_id: str = ""
    other: str = ""  # the other side while a change is under way or contested
    since_latest: date | None = (
        None  # set when the change's date is vague: it happened from since to this day
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km between two points in degrees; the one scalar distance
    of the package (:func:`frontlines.gazetteer.nearby.haversine_km` is its vectorised twin)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def bearing_degrees(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The compass bearing from the first point to the second, degrees clockwise from north (the
    local flat-earth angle: exact enough at the tens of kilometres it is asked about)."""
    return math.degrees(math.atan2((lon2 - lon1) * math.cos(math.radians(lat1)), lat2 - lat1)) % 360.0
