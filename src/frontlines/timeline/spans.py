"""Per-place control segments: changes, observations and interdictions as stretches of days.

The rules are those of the package doc (``frontlines.timeline``) for one place; ``routes`` cuts
highways into the places these rules run on, and ``control`` puts them together.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from frontlines.models import Certainty, Event
from frontlines.schema import FAR_NAMESAKE, UNCONFIRMED

UNKNOWN = "unknown"
CONTESTED_DATE_FLAG = "contested_date"
INTERDICTION = "interdiction"
#: How far back "held by the loser before the first change" reaches, by default.
INFER_DAYS = 60
#: A change dated by a range wider than this (or with month or year precision) is vague.
VAGUE_DAYS = 7
_NEG = -math.inf
_POS = math.inf


@dataclass(frozen=True, slots=True)
class Span:
    """One stretch of days over which a place's state does not change (None = open bound)."""

    start: date | None
    end: date | None
    controller: str
    certainty: Certainty
    other: str = ""
    since: date | None = None
    last_event_id: str = ""
    since_latest: date | None = None


class Seg(NamedTuple):
    """A span on day ordinals, with infinite bounds for open ends (a tuple: made and compared in C)."""

    start: float
    end: float
    controller: str
    certainty: Certainty
    other: str
    since: date | None
    event_id: str
    since_latest: date | None = None


def _cut(seg: Seg, start: float, end: float) -> Seg:
    """``seg`` over other days."""
    return Seg(start, end, seg[2], seg[3], seg[4], seg[5], seg[6], seg[7])


class DaySpan(NamedTuple):
    """A :class:`Span` on day ordinals (``date.toordinal()``; None = open bound), for bulk readers."""

    start: int | None
    end: int | None
    controller: str
    certainty: Certainty
    other: str
    since: date | None
    last_event_id: str
    since_latest: date | None = None


def is_change(event: Event) -> bool:
    """True for captures, recaptures and withdrawals reported as news (see ``Event.changes_control``)."""
    return event.changes_control


def is_vague(event: Event) -> bool:
    """True when an event's date is vague: month or year precision, an open bound, or a range of
    more than ``VAGUE_DAYS`` days. Vague changes get no "recent change" halo and no snapshot page."""
    d = event.dates
    if d.precision in ("month", "year") or d.earliest is None or d.latest is None:
        return True
    return (d.latest - d.earliest).days > VAGUE_DAYS


def event_date(event: Event) -> date | None:
    """The single date an event is shown at: best, else latest, else earliest."""
    d = event.dates
    return d.best or d.latest or d.earliest


def sort_key(event: Event) -> tuple[bool, date, date, date, str]:
    d = event.dates
    anchor = d.best or d.earliest or d.latest
    undated = anchor is None
    return (undated, anchor or date.min, d.earliest or date.min, d.latest or date.min, event.id)


def _known(side: str) -> bool:
    return bool(side) and side != UNKNOWN


def _windows(changes: list[Event]) -> list[tuple[float, float]]:
    """The ``changing`` window of each (sorted) change, as day ordinals; empty when end < start."""
    n = len(changes)
    lo = [c.dates.earliest.toordinal() if c.dates.earliest else None for c in changes]
    hi = [c.dates.latest.toordinal() if c.dates.latest else None for c in changes]
    for i, c in enumerate(changes):
        best = c.dates.best.toordinal() if c.dates.best else None
        if lo[i] is None and best is not None:
            lo[i] = best  # an open lower bound starts at the best date, not at the beginning of time
        if hi[i] is None and best is not None and c.dates.earliest is None:
            hi[i] = best
    starts: list[float] = []
    for i in range(n):
        low, prev_hi = lo[i], hi[i - 1] if i else None
        if low is not None:
            s: float = low
        elif i == 0:
            s = _NEG
        elif prev_hi is not None:
            s = prev_hi + 1
        else:
            anchor = changes[i].dates.best or changes[i].dates.latest
            s = anchor.toordinal() if anchor else _POS
        if i:
            floor = max(starts[i - 1], prev_hi if prev_hi is not None else _NEG)
            if floor != _POS:
                s = max(s, floor + 1)
        starts.append(s)
    ends: list[float] = []
    for i in range(n):
        # States are as at the end of the day: on its latest date a change is complete.
        high = hi[i]
        e: float = high - 1 if high is not None else _POS
        if i + 1 < n:
            e = min(e, starts[i + 1] - 1)
        ends.append(e)
    return list(zip(starts, ends))


def _since(change: Event) -> tuple[date | None, date | None]:
    """``since`` and ``since_latest`` of the state a change leaves: its day, or its range when vague."""
    if is_vague(change):
        return change.dates.earliest, change.dates.latest
    return event_date(change), None


def _change_segments(
    changes: list[Event], windows: list[tuple[float, float]], infer_days: int | None
) -> list[Seg]:
    segs: list[Seg] = []
    first = changes[0]
    start = windows[0][0]
    if start > _NEG and start != _POS and _known(first.loser) and first.dates.earliest is not None:
        reach = _NEG if infer_days is None else start - infer_days
        segs.append(Seg(reach, start - 1, first.loser, "inferred", "", None, first.id))
    for i, (change, (s, e)) in enumerate(zip(changes, windows)):
        if s == _POS:  # undated after an undated change: no day to place it on
            continue
        if e >= s:
            certainty: Certainty = "contested" if CONTESTED_DATE_FLAG in change.flags else "changing"
            since = date.fromordinal(int(s)) if s > _NEG else None
            ranged = (
                change.dates.earliest is not None and change.dates.latest is not None and is_vague(change)
            )
            holder = change.loser if _known(change.loser) and not ranged else UNKNOWN
            segs.append(Seg(s, e, holder, certainty, change.gainer, since, change.id))
        after_end = windows[i + 1][0] - 1 if i + 1 < len(changes) else _POS
        after_start = max(e, s - 1) + 1
        if after_start <= after_end and after_start != _POS:
            since, since_latest = _since(change)
            # a hedged report, or one whose place may be a namesake far away, is drawn as a claim
            claimed = (UNCONFIRMED in change.flags and _known(change.loser)) or FAR_NAMESAKE in change.flags
            other = change.loser if claimed and _known(change.loser) else ""
            segs.append(
                Seg(after_start, after_end, change.gainer, "claimed" if claimed else "reported",
                     other, since, change.id, since_latest)
            )  # fmt: skip
    return segs


def _overlay(
    segs: list[Seg], lo: float, hi: float, fn: Callable[[Seg | None, float, float], Seg | None]
) -> list[Seg]:
    """Replace the days lo..hi of ``segs`` (and the gaps between them) by what ``fn`` makes of them."""
    out: list[Seg] = []
    cursor = lo
    for seg in segs:
        if seg.end < lo or seg.start > hi:
            out.append(seg)
            continue
        if seg.start < lo:
            out.append(_cut(seg, seg.start, lo - 1))
        a, b = max(seg.start, lo), min(seg.end, hi)
        if a > cursor:
            gap = fn(None, cursor, a - 1)
            if gap:
                out.append(gap)
        inner = fn(_cut(seg, a, b), a, b)
        if inner:
            out.append(inner)
        if seg.end > hi:
            out.append(_cut(seg, hi + 1, seg.end))
        cursor = b + 1
    if cursor <= hi:
        gap = fn(None, cursor, hi)
        if gap:
            out.append(gap)
    out.sort(key=lambda s: s.start)
    return out


def _observe(obs: Event, day: date) -> Callable[[Seg | None, float, float], Seg | None]:
    seen = obs.gainer
    doubtful = FAR_NAMESAKE in obs.flags  # the place may be a namesake: it fills a gap as a claim, no more

    def apply(seg: Seg | None, a: float, b: float) -> Seg | None:
        if seg is None:
            return Seg(a, b, seen, "claimed" if doubtful else "reported", "", day, obs.id)
        if doubtful:
            return seg
        if seg.certainty in ("changing", "contested") and seen in (seg.controller, seg.other):
            return seg
        if seg.controller == seen:
            return Seg(
                seg.start, seg.end, seg.controller, "reported", "", seg.since, obs.id, seg.since_latest
            )
        return Seg(seg.start, seg.end, seg.controller, "contested", seen, seg.since, obs.id, seg.since_latest)

    return apply


def _interdict(event: Event, day: date) -> Callable[[Seg | None, float, float], Seg | None]:
    side = event.gainer

    def apply(seg: Seg | None, a: float, b: float) -> Seg | None:
        if seg is None:
            return Seg(a, b, UNKNOWN, "contested", side, day, event.id)
        if seg.certainty == "changing" or seg.controller == side or not _known(side):
            return seg
        return Seg(
            seg.start, seg.end, seg.controller, "contested", side, seg.since, event.id, seg.since_latest
        )

    return apply


def _merge(segs: list[Seg]) -> list[Seg]:
    out: list[Seg] = []
    for seg in segs:
        prev = out[-1] if out else None
        if prev and prev.end + 1 == seg.start and prev[2:] == seg[2:]:
            out[-1] = _cut(prev, prev.start, seg.end)
        else:
            out.append(seg)
    return out


def place_segments(events: list[Event], infer_days: int | None = INFER_DAYS) -> list[Seg]:
    """The merged segments of one place, from its events sorted by ``sort_key``."""
    changes = [e for e in events if is_change(e)]
    windows = _windows(changes) if changes else []
    segs = _change_segments(changes, windows, infer_days) if changes else []
    change_starts = [w[0] for w in windows]
    observed = [(e, d.toordinal()) for e in events if e.kind == "observation" and (d := event_date(e))]
    obs_days = [day for _, day in observed]
    for i, (obs, day) in enumerate(observed):
        until = min((n - 1 for n in change_starts + obs_days[i + 1 :] if n > day), default=_POS)
        segs = _overlay(segs, day, until, _observe(obs, date.fromordinal(day)))
    for cut, on in ((e, d) for e in events if e.kind == INTERDICTION and (d := event_date(e))):
        day = on.toordinal()
        until = min((n - 1 for n in change_starts if n > day), default=_POS)
        segs = _overlay(segs, day, until, _interdict(cut, date.fromordinal(day)))
    return _merge(segs)


def to_date(x: float) -> date | None:
    """A segment bound as a date (None when open)."""
    return None if math.isinf(x) else date.fromordinal(int(x))


def finite(x: float) -> int | None:
    """A segment bound as a day ordinal (None when open)."""
    return None if x == _NEG or x == _POS else int(x)


def _width(event: Event) -> float:
    d = event.dates
    return math.inf if d.earliest is None or d.latest is None else (d.latest - d.earliest).days


def one_report_per_change(events: list[Event]) -> list[Event]:
    """The events of places at one spot (or of one highway segment), where a change reported at two
    of them (the town and its junction taken the same day) counts once: by its most precise report."""
    kept: list[Event] = []
    for e in sorted(events, key=lambda e: (_width(e), e.id)):
        if is_change(e) and any(
            is_change(k) and k.gainer == e.gainer and k.dates.overlaps(e.dates) for k in kept
        ):
            continue
        kept.append(e)
    return kept
