"""Date ranges: readings resolved against publication, clipped to it, and the spans a sentence holds."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from frontlines.dates.expressions import (
    ANCHORED_KINDS,
    FUTURE_HORIZON_DAYS,
    UNIT_PRECISION,
    Code,
    Fixed,
    month_part_range,
    month_range,
    valid_date,
)
from frontlines.errors import DateError
from frontlines.models import DateRange, Relative
from frontlines.schema import Precision


@dataclass(frozen=True, slots=True)
class DatedSpan:
    """A time expression in a sentence: character offsets, its resolved range and, unless it is
    self-contained ("27 February 2020", "in 2011"), the :class:`Relative` :func:`resolve_relative` takes."""

    start: int
    end: int
    text: str
    dates: DateRange
    relative: Relative | None = None
    #: "following" for a span that dates only the clause after it ("two days after rebels withdrew").
    scope: str = ""


#: The years an article or an event may have; a date outside them is a typo or a trap, never news.
MIN_YEAR = 1900
MAX_YEAR = date.today().year + 1


def plausible(day: date) -> bool:
    """True when ``day`` lies in MIN_YEAR..MAX_YEAR (1900 to next year)."""
    return MIN_YEAR <= day.year <= MAX_YEAR


def plausible_range(dates: DateRange) -> bool:
    return all(plausible(d) for d in (dates.earliest, dates.latest, dates.best) if d is not None)


def unknown_date(expression: str = "") -> DateRange:
    """A range with no bounds and ``unknown`` precision."""
    return DateRange(None, None, None, "unknown", expression)


def resolve_relative(relative: Relative, published: date | None, expression: str = "") -> DateRange:
    """Resolve a relative expression (see :class:`DatedSpan`) against a publication date.

    ``published=None``, and references that lie wholly after publication, give :func:`unknown_date`.
    Raises :class:`DateError` for a combination this module does not produce (a month 13, an "ago" in hours).
    """
    resolved = resolve_code(relative, published, expression)
    return resolved if resolved is not None and plausible_range(resolved) else unknown_date(expression)


def shift(day: date, unit: str, count: int) -> date:
    """``day`` moved by ``count`` units (hours round toward zero to whole days)."""
    if unit in {"month", "year"}:
        return add_months(day, count * (12 if unit == "year" else 1))
    days = {"week": 7 * count, "day": count}.get(unit, int(count / 24))
    return day + timedelta(days=days)


def anchored_span(
    code: Relative,
    start: int,
    end: int,
    expression: str,
    before: list[DatedSpan],
    published: date | None,
    anchor: DateRange | None,
) -> DatedSpan | None:
    """A "later" or "after" span resolved from the expression before it, ``anchor`` or publication."""
    count, unit, strict = code.count, code.unit, code.qualifier == "less_than"
    base = before[-1].dates if before and before[-1].dates.best is not None else None
    relative = None if base is not None and before[-1].relative is None else code
    if code.kind == "later":
        base = base or (anchor if anchor is not None and anchor.best is not None else None)
        if base is None or base.best is None:  # no date to count from: some time up to publication
            return DatedSpan(
                start, end, expression, DateRange(None, published, None, "unknown", expression), code
            )
        origin = base.best
        if count == 0:  # only "days later": some time after it, up to publication
            earliest = base.earliest or origin
            latest = published or shift(base.latest or origin, unit, 6)
            resolved = make_range(earliest, max(earliest, latest), "unknown", expression, published)
            return DatedSpan(start, end, expression, resolved, code) if resolved else None
        resolved = make_range(
            shift(base.earliest or origin, unit, count),
            shift(base.latest or origin, unit, count),
            base.precision if unit in {"hour", "day"} else UNIT_PRECISION[unit],
            expression,
            published,
            shift(origin, unit, count),
        )
        return DatedSpan(start, end, expression, resolved, relative) if resolved else None
    # after: the clause after the span happened ``count`` units before the reference
    reference = base.best if base is not None else published
    if reference is None:
        return DatedSpan(start, end, expression, unknown_date(expression), code, "following")
    if count == 0:  # "hours after", "days after"
        span_days = {"hour": 1, "day": 7, "week": 28}.get(unit, 30)
        low, high = (
            reference - timedelta(days=span_days),
            reference - timedelta(days=0 if unit == "hour" else 1),
        )
        best = reference if unit == "hour" else reference - timedelta(days=2 if unit == "day" else 14)
    elif strict:
        low = (
            reference - timedelta(days=-(-count // 24)) if unit == "hour" else shift(reference, unit, -count)
        )
        high, best = reference, None
    else:
        if unit == "hour":
            back = count // 24
            low, high = reference - timedelta(days=-(-count // 24)), reference - timedelta(days=back)
        else:
            day = shift(reference, unit, -count)
            spread = {"day": 0 if count <= 1 else 1, "week": 3, "month": 15}[unit]
            low, high = day - timedelta(days=spread), day + timedelta(days=spread)
        best = None
    precision: Precision = "day" if unit in {"hour", "day"} else UNIT_PRECISION[unit]
    resolved = make_range(low, min(high, reference), precision, expression, published, best)
    return DatedSpan(start, end, expression, resolved, relative, "following") if resolved else None


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _year_for(month: int, day: int, published: date) -> int | None:
    """Year of a yearless month/day: publication year, the previous one if later, None if ahead."""
    for year in (published.year, published.year - 1, published.year - 4):
        candidate = valid_date(year, month, day)
        if candidate is None:
            continue  # 29 February: try an earlier (leap) year
        if candidate <= published:
            return year
        if (candidate - published).days <= FUTURE_HORIZON_DAYS:
            return None
    return None


def make_range(
    earliest: date,
    latest: date,
    precision: Precision,
    expression: str,
    published: date | None,
    best: date | None = None,
) -> DateRange | None:
    """A DateRange clipped to ``published``; None when it lies wholly after it."""
    if published is not None:
        if earliest > published:
            return None
        latest = min(latest, published)
    if best is None:
        best = earliest + (latest - earliest) // 2
    best = min(max(best, earliest), latest)
    return DateRange(earliest, latest, best, precision, expression)


def resolve_code(code: Code, published: date | None, expression: str) -> DateRange | None:
    """Resolve a rule's reading; None when it lies wholly after ``published`` or past the calendar's ends."""
    try:
        if isinstance(code, Fixed):
            return make_range(code.earliest, code.latest, code.precision, expression, published)
        if published is None:
            return unknown_date(expression)
        return _resolve_relative(code, published, expression)
    except OverflowError:
        return None
    except (KeyError, IndexError, ValueError) as exc:
        if isinstance(exc, ValueError) and "out of range" in str(exc):  # date(10000, 1, 1), year 0
            return None
        raise DateError(f"malformed relative date {code!r} ({exc})") from None


def _resolve_relative(rel: Relative, pub: date, expression: str) -> DateRange | None:
    kind, n, unit = rel.kind, rel.count, rel.unit
    if kind == "weekday":
        back = (pub.weekday() - rel.day) % 7
        if back == 0 and rel.qualifier == "last":
            back = 7
        day = pub - timedelta(days=back)
        return make_range(day, day, "day", expression, pub)
    if kind == "ago" and unit == "day":
        day = pub - timedelta(days=n)
        spread = 0 if n <= 1 else 1
        return make_range(
            day - timedelta(days=spread), day + timedelta(days=spread), "day", expression, pub, day
        )
    if kind == "last_night":
        return make_range(pub - timedelta(days=1), pub, "day", expression, pub, pub - timedelta(days=1))
    if kind == "weekend":  # the Saturday and Sunday last reached, or the ones before on "last weekend"
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if rel.qualifier == "last" and pub.weekday() >= 5:
            saturday -= timedelta(days=7)
        return make_range(saturday, saturday + timedelta(days=1), "day", expression, pub, saturday)
    if kind == "ago" and unit == "week":
        day = pub - timedelta(days=7 * n)
        return make_range(day - timedelta(days=3), day + timedelta(days=3), "week", expression, pub, day)
    if kind == "ago" and unit == "month":
        day = add_months(pub, -n)
        return make_range(day - timedelta(days=15), day + timedelta(days=15), "month", expression, pub, day)
    if kind == "ago" and unit == "year":
        day = add_months(pub, -12 * n)
        return make_range(day - timedelta(days=182), day + timedelta(days=182), "year", expression, pub, day)
    if kind == "past_days":
        precision: Precision = "day" if n <= 3 else "week" if n <= 14 else "month" if n <= 90 else "year"
        return make_range(pub - timedelta(days=n), pub, precision, expression, pub)
    earlier = rel.qualifier == "earlier"
    if kind in {"this", "last"} and unit == "week":
        monday = pub - timedelta(days=pub.weekday())
        if kind == "last" or (earlier and pub.weekday() == 0):
            return make_range(monday - timedelta(days=7), monday - timedelta(days=1), "week", expression, pub)
        latest = pub - timedelta(days=1) if earlier else pub
        return make_range(monday, latest, "week", expression, pub)
    if kind in {"this", "last"} and unit == "month":
        anchor = pub - timedelta(days=1) if earlier else pub
        if kind == "last":
            anchor = pub.replace(day=1) - timedelta(days=1)
        return make_range(*month_range(anchor.year, anchor.month), expression, anchor)
    if kind in {"this", "last"} and unit == "year":
        anchor = pub - timedelta(days=1) if earlier else pub
        year = anchor.year - 1 if kind == "last" else anchor.year
        return make_range(date(year, 1, 1), date(year, 12, 31), "year", expression, anchor)
    if kind in ANCHORED_KINDS:
        span = anchored_span(rel, 0, len(expression), expression, [], pub, None)
        return span.dates if span is not None else None
    if kind == "monthday":
        found = _year_for(rel.month, rel.day, pub)
        if found is None:
            return None
        day = date(found, rel.month, rel.day)
        return make_range(day, day, "day", expression, pub)
    if kind in {"month", "month_part"}:
        if rel.qualifier == "last_year":
            found = pub.year - 1
        elif rel.qualifier == "last":
            found = pub.year if rel.month < pub.month else pub.year - 1
        else:
            found = _year_for(rel.month, 1, pub)
        if found is None:
            return None
        if kind == "month":
            return make_range(*month_range(found, rel.month), expression, pub)
        return make_range(*month_part_range(found, rel.month, rel.qualifier), expression, pub)
    raise ValueError(f"unknown relative date {rel!r}")
