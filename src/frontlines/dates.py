"""Date expressions to date ranges: explicit dates, datelines and expressions relative to publication.

Every expression found in a sentence becomes a :class:`DatedSpan`; one read against publication
("on Thursday", "yesterday", "three weeks ago", "in February") carries it as a :class:`~frontlines.models.Relative`
so that a later stage can resolve it again with :func:`resolve_relative` once a missing publication date
has been inferred.
Ranges never reach past the publication date; expressions that lie wholly after it ("next Thursday",
"later this week", a yearless date a few weeks ahead) are not reported.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal, NamedTuple, get_args

from frontlines.errors import DateError
from frontlines.literals import LiteralGate, gate_text, required_literals
from frontlines.models import DateRange, Relative
from frontlines.schema import DateUnit, Precision, RelativeQualifier

MONTHS: dict[str, int] = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"Sept": 9}
WEEKDAYS: dict[str, int] = {calendar.day_name[number]: number for number in range(7)}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2, "a few": 3, "few": 3, "several": 4,
}  # fmt: skip
_VAGUE_NUMBERS = frozenset({"a few", "few", "several"})
# "in recent days/weeks/months/years", "the past hours": how many days back.
_RECENT_DAYS: dict[str, int] = {"hour": 1, "day": 7, "week": 28, "month": 90, "year": 730}
_UNIT_DAYS: dict[str, int] = {"day": 1, "week": 7, "month": 30, "year": 365}
_PART_DAYS: dict[str, tuple[int, int]] = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_PART_MONTHS: dict[str, tuple[int, int]] = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
_Part = Literal["early", "mid", "late"]
_PART_WORDS: dict[str, _Part] = {
    "beginning": "early", "start": "early", "early": "early", "middle": "mid", "mid": "mid",
    "end": "late", "close": "late", "late": "late",
}  # fmt: skip
# A yearless date or month this close after publication is a future reference, not last year's.
_FUTURE_HORIZON_DAYS = 62
_UNITS: dict[str, DateUnit] = {unit: unit for unit in get_args(DateUnit)}
_UNIT_PRECISION: dict[str, Precision] = {"week": "week", "month": "month", "year": "year"}

_MONTH_FULL = "|".join(calendar.month_name[1:])
_MONTH_ABBR = "|".join(sorted((m for m in MONTHS if m not in calendar.month_name), key=len, reverse=True))
_WEEKDAY_ALT = "|".join(WEEKDAYS)
_NUMBER_ALT = r"\d{1,3}|" + "|".join(
    w.replace(" ", r"\s+") for w in sorted(NUMBER_WORDS, key=len, reverse=True)
)


def _month(group: str) -> str:
    return rf"(?P<{group}>(?:{_MONTH_FULL})\b|(?:{_MONTH_ABBR})\b\.?)"


# Optional lead-in of an explicit date: "on", "on Thursday,", "Thursday ".
_DATE_LEAD = rf"(?:(?i:on)\s+)?(?:(?:{_WEEKDAY_ALT}),?\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:1[89]|20)\d\d)(?!\d)"

_ISO_RE = re.compile(rf"\b{_DATE_LEAD}(?P<y>\d{{4}})-(?P<m>\d{{2}})-(?P<d>\d{{2}})\b")
_SLASH_RE = re.compile(rf"\b{_DATE_LEAD}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}})\b")
_DAY_MONTH_RE = re.compile(
    rf"\b{_DATE_LEAD}(?P<d>\d{{1,2}}){_ORDINAL}\s+(?:(?i:of)\s+)?{_month('m')}(?:,?\s+{_YEAR})?"
)
_MONTH_DAY_RE = re.compile(
    rf"\b{_DATE_LEAD}{_month('m')}\s+(?P<d>\d{{1,2}}){_ORDINAL}\b(?![:.,]?\d)(?:,?\s+{_YEAR})?"
)
_EXPLICIT_RES = (_ISO_RE, _SLASH_RE, _DAY_MONTH_RE, _MONTH_DAY_RE)

_MONTH_YEAR_RE = re.compile(
    rf"\b(?:(?i:in|since|during|throughout|until|by|from|of)\s+)?{_month('m')},?\s+{_YEAR}\b"
)
_MONTH_PART_RE = re.compile(
    r"(?:\b(?i:(?:at|in|by|from|since|until|to|towards?|around)\s+the\s+"
    r"(?P<p1>beginning|start|middle|end|close)\s+of)\s+"
    r"|\b(?:(?i:in|since|by|from|until)\s+)?(?P<p2>(?i:early|mid|late|end))(?:-|\s+))"
    rf"{_month('m')}(?:,?\s+{_YEAR}\b)?"
)
_MONTH_RE = re.compile(
    rf"\b(?P<prep>(?i:in|since|during|throughout|until|from|by|last))\s+{_month('m')}"
    r"(?P<ly>\s+(?i:(?:of\s+)?last\s+year))?"
)
_YEAR_RE = re.compile(
    r"\b(?P<prep>(?i:in|since|during|throughout|until|by|from|before|after|early|mid|late))(?:-|\s+)"
    rf"(?:(?P<part>(?i:early|mid|late))(?:-|\s+))?{_YEAR}\b(?![,.]\d|\s*%)"
)
_WEEKDAY_RE = re.compile(
    r"\b(?:(?i:(?:late|early)\s+(?:on\s+)?|on\s+|(?P<rel>last|this|next)\s+))?"
    rf"(?P<wd>{_WEEKDAY_ALT})\b(?:\s+(?i:morning|afternoon|evening|night))?"
)
_YESTERDAY_RE = re.compile(
    r"\b(?i:(?P<before>the\s+day\s+before\s+)?yesterday(?:\s+(?:morning|afternoon|evening))?)\b"
)
_TODAY_RE = re.compile(r"\b(?i:(?:earlier\s+)?today|tonight|this\s+(?:morning|afternoon|evening))\b")
_LAST_NIGHT_RE = re.compile(r"\b(?i:last\s+night|overnight)\b")
_WEEKEND_RE = re.compile(r"\b(?i:(?:over|during|at|on)\s+the\s+weekend|(?P<rel>this|last)\s+weekend)\b")
_AGO_RE = re.compile(rf"\b(?i:(?P<n>{_NUMBER_ALT})\s+(?P<unit>day|week|month|year)s?\s+ago)\b")
_PAST_RE = re.compile(
    r"\b(?i:(?:(?:in|over|during|within|for|throughout)\s+)?the\s+(?:last|past)\s+"
    rf"(?:(?P<n>{_NUMBER_ALT})\s+)?(?P<unit>hour|day|week|month|year)(?P<plural>s)?)\b"
)
_RECENT_RE = re.compile(r"\b(?i:in\s+recent\s+(?P<unit>day|week|month|year)s|recently|lately)\b")
_CALENDAR_RE = re.compile(
    r"\b(?i:(?P<mod>earlier|later)\s+this\s+(?P<u1>week|month|year)"
    r"|(?P<rel>this|last)\s+(?P<u2>week|month|year))\b"
)

#: "the summer of 2012", "in spring 2015", "winter 2016-17": a season of a year.
_SEASON_RE = re.compile(
    r"\b(?:(?i:in|during|since|by|until|through|throughout|from)\s+)?(?:(?i:the)\s+)?"
    r"(?:(?P<part>(?i:early|late|mid))[-\s]+)?(?P<season>(?i:spring|summer|autumn|fall|winter))"
    r"(?:\s+(?i:of))?\s+(?P<y>(?:19|20)\d\d)(?:[-/](?P<y2>\d\d(?:\d\d)?))?(?!\d)"
)
_SEASON_MONTHS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
}
#: "ten months later", "days later", "the next day": a span after another expression, dated from it.
_LATER_RE = re.compile(
    rf"\b(?i:(?P<n>{_NUMBER_ALT})\s+(?P<unit>hour|day|week|month|year)s?\s+later"
    r"|(?P<bare>hour|day|week|month)s\s+later"
    r"|the\s+(?:next|following)\s+(?P<next>day|morning|week|month))\b"
)
#: "less than 24 hours after", "two days after", "hours after": the clause that follows happened that
#: long before the sentence's reference time (its other expression, else publication).
_AFTER_RE = re.compile(
    rf"\b(?i:(?P<lt>(?:less\s+than|under|within|just|only|barely|not\s+even)\s+)?(?P<n>{_NUMBER_ALT})"
    r"\s+(?P<unit>hour|day|week|month)s?\s+after"
    r"|(?P<bare>hour|day|week)s\s+after)\b"
)

_TIME_RE = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?i:[ap]\.?m\b\.?))?(?:\s*(?:GMT|UTC|[A-Z]{1,3}T)(?:[+-]\d{1,2})?\b)?"
    r"|\b\d{1,2}\s*(?i:[ap]\.?m\b\.?)"
)
_FILLER_RE = re.compile(rf"\b(?:(?i:at|on)|{_WEEKDAY_ALT})\b|[^\w]+")
_LABEL_RE = re.compile(
    r"(?:^|(?<=[|•·–—,;]))\s*(?P<label>(?i:first\s+published|published|posted|last\s+updated|updated|"
    r"last\s+modified|modified|date))\b(?:\s+(?i:on|at))?\s*:?"
)
_UPDATE_LABEL_RE = re.compile(r"(?i)updated|modified")
_WORD_RE = re.compile(r"\w+")
_DATELINE_MAX_CHARS = 80
_DATELINE_MAX_WORDS = 4
#: A wire dateline opening the first paragraph: "BEIRUT, Feb. 27, 2020 (Reuters) — Rebels ...". The
#: part before the dash is read as a short dateline line.
_WIRE_DATELINE_RE = re.compile(r"^(?P<head>[A-Z][^\n]{2,78}?)\s*(?:[—–]|\s-{1,2}\s)")


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


def _plausible_range(dates: DateRange) -> bool:
    return all(plausible(d) for d in (dates.earliest, dates.latest, dates.best) if d is not None)


def unknown_date(expression: str = "") -> DateRange:
    """A range with no bounds and ``unknown`` precision."""
    return DateRange(None, None, None, "unknown", expression)


def parse_iso(value: str) -> date:
    """Parse a user-supplied ``YYYY-MM-DD`` date or raise :class:`DateError` saying why."""
    text = value.strip()
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise DateError(f"not a date: {value!r} (expected YYYY-MM-DD, e.g. 2020-02-27)")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise DateError(f"not a valid date: {value!r} ({exc})") from None


def parse_date(text: str, reference: date | None = None) -> date | None:
    """Parse a string that is an explicit date, with an optional weekday and time of day.

    Accepts "February 27, 2020", "27 February 2020", "Feb 26, 2020", "2020-02-27", unambiguous
    "27/02/2020", "15:14, February 27, 2020", "February 27, 2020 at 1:59 pm". A yearless date
    ("Feb. 26") takes its year from ``reference`` (the previous year if it would fall after it) and
    is ``None`` without one. Anything else, including ambiguous "05/02/2020", is ``None``.
    """
    found = _search_explicit(text, reference)
    if found is None:
        return None
    day, start, end = found
    return day if not _residual_words(text[:start] + " " + text[end:]) else None


def find_publication_date(lines: list[str]) -> tuple[date, int] | None:
    """The publication date stated in an article's header lines, and the 0-based line index.

    A date counts only on a dateline: a line labelled Published/Posted/Date (an "Updated" or
    "Modified" date is ignored), or a short line that is mostly a date ("February 27, 2020 at 1:59 pm",
    "By Reuters | Feb 27, 2020"), or a wire dateline opening a paragraph ("BEIRUT, Feb. 27, 2020 (AFP) —").
    Dates inside body sentences are not publication dates.
    """
    for index, line in enumerate(lines):
        labels = list(_LABEL_RE.finditer(line))
        if labels:
            for number, label in enumerate(labels):
                if _UPDATE_LABEL_RE.search(label.group("label")):
                    continue
                stop = labels[number + 1].start() if number + 1 < len(labels) else len(line)
                found = _search_explicit(line[label.end() : stop], None)
                if found is not None:
                    return found[0], index
            continue
        wire = split_wire_dateline(line)
        day = _dateline_date(wire[0] if wire else line)
        if day is not None:
            return day, index
    return None


def split_wire_dateline(line: str) -> tuple[str, str] | None:
    """(dateline, rest) for a paragraph opening with a wire dateline, "BEIRUT, Feb. 27, 2020 (AFP) — Rebels ...";
    None for any other line. The dateline must hold an explicit date and little else."""
    wire = _WIRE_DATELINE_RE.match(line)
    if wire is None or _dateline_date(wire.group("head")) is None:
        return None
    return wire.group("head"), line[wire.end() :].lstrip()


def _dateline_date(line: str) -> date | None:
    """The date of a short line that is mostly an explicit date."""
    if len(line.strip()) > _DATELINE_MAX_CHARS:
        return None
    found = _search_explicit(line, None)
    if found is None:
        return None
    day, start, end = found
    return day if len(_residual_words(line[:start] + " " + line[end:])) <= _DATELINE_MAX_WORDS else None


def weekday_of(expression: str) -> int | None:
    """The weekday (0 = Monday) an expression names, e.g. ``3`` for "late on Thursday"."""
    for word in _WORD_RE.findall(expression):
        number = WEEKDAYS.get(word.capitalize())
        if number is not None:
            return number
    return None


def resolve_relative(relative: Relative, published: date | None, expression: str = "") -> DateRange:
    """Resolve a relative expression (see :class:`DatedSpan`) against a publication date.

    ``published=None``, and references that lie wholly after publication, give :func:`unknown_date`.
    Raises :class:`DateError` for a combination this module does not produce (a month 13, an "ago" in hours).
    """
    resolved = _resolve(relative, published, expression)
    return resolved if resolved is not None and _plausible_range(resolved) else unknown_date(expression)


def resolve_expressions(
    text: str, published: date | None, anchor: DateRange | None = None
) -> list[DatedSpan]:
    """Find the time expressions of one sentence and resolve them against ``published``.

    Overlapping candidates are settled leftmost-longest. Expressions that lie wholly after
    ``published`` are left out; with ``published=None`` the relative ones keep their code and an
    unknown range.

    Expressions dated from another one are resolved from the expression before them in the
    sentence, else from ``anchor`` (the last date of the sentences before), else from publication:
    "N months later" and "the next day" follow that date; "(less than) N hours after" dates the
    clause after it that long before it (or before publication) and has ``scope="following"``.
    """
    candidates: list[tuple[int, int, int, _Code | None]] = []
    for rank in _rule_gate().rules(gate_text(text, digits=True), text):  # only rules whose literals occur
        pattern, coder = _RULES[rank]
        for match in pattern.finditer(text):
            candidates.append((match.start(), -match.end(), rank, coder(match)))
    if not candidates:
        return []
    spans: list[DatedSpan] = []
    taken_until = -1
    for start, neg_end, _rank, code in sorted(candidates, key=lambda c: c[:3]):
        end = -neg_end
        if start < taken_until:
            continue
        taken_until = end
        if code is None:
            continue
        expression = text[start:end]
        if isinstance(code, Relative) and code.kind in _ANCHORED_KINDS:
            try:
                span = _anchored_span(code, start, end, expression, spans, published, anchor)
            except (OverflowError, ValueError):  # counted past the calendar's ends
                span = None
            if span is not None and _plausible_range(span.dates):
                spans.append(span)
            continue
        resolved = _resolve(code, published, expression)
        if resolved is None or not _plausible_range(resolved):
            continue
        spans.append(
            DatedSpan(start, end, expression, resolved, code if isinstance(code, Relative) else None)
        )
    return spans


def _shift(day: date, unit: str, count: int) -> date:
    """``day`` moved by ``count`` units (hours round toward zero to whole days)."""
    if unit in {"month", "year"}:
        return _add_months(day, count * (12 if unit == "year" else 1))
    days = {"week": 7 * count, "day": count}.get(unit, int(count / 24))
    return day + timedelta(days=days)


def _anchored_span(
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
            latest = published or _shift(base.latest or origin, unit, 6)
            resolved = _make(earliest, max(earliest, latest), "unknown", expression, published)
            return DatedSpan(start, end, expression, resolved, code) if resolved else None
        resolved = _make(
            _shift(base.earliest or origin, unit, count),
            _shift(base.latest or origin, unit, count),
            base.precision if unit in {"hour", "day"} else _UNIT_PRECISION[unit],
            expression,
            published,
            _shift(origin, unit, count),
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
            reference - timedelta(days=-(-count // 24)) if unit == "hour" else _shift(reference, unit, -count)
        )
        high, best = reference, None
    else:
        if unit == "hour":
            back = count // 24
            low, high = reference - timedelta(days=-(-count // 24)), reference - timedelta(days=back)
        else:
            day = _shift(reference, unit, -count)
            spread = {"day": 0 if count <= 1 else 1, "week": 3, "month": 15}[unit]
            low, high = day - timedelta(days=spread), day + timedelta(days=spread)
        best = None
    precision: Precision = "day" if unit in {"hour", "day"} else _UNIT_PRECISION[unit]
    resolved = _make(low, min(high, reference), precision, expression, published, best)
    return DatedSpan(start, end, expression, resolved, relative, "following") if resolved else None


# --- matching --------------------------------------------------------------------------------------


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".")]


def _number(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _slash_day_month(match: re.Match[str]) -> tuple[int, int] | None:
    """(day, month) of an unambiguous dd/mm or mm/dd date, else None."""
    a, b = int(match["a"]), int(match["b"])
    if a == b or b > 12:
        return (b, a) if b > 12 else (a, b)
    return (a, b) if a > 12 else None


class _Fixed(NamedTuple):
    """The bounds of a self-contained expression ("27 February 2020", "in 2011"), before clipping."""

    earliest: date
    latest: date
    precision: Precision


#: What a rule reads: a relative expression, or a self-contained one's bounds.
_Code = Relative | _Fixed


def _explicit_code(match: re.Match[str]) -> _Code | None:
    """An explicit date (None when it is not one), or a yearless one as a ``monthday`` :class:`Relative`."""
    groups = match.groupdict()
    if "a" in groups:
        day_month = _slash_day_month(match)
        if day_month is None:
            return None
        day, month = day_month
    else:
        day = int(match["d"])
        month = int(match["m"]) if match["m"].isdigit() else _month_number(match["m"])
    if match["y"] is None:
        return Relative("monthday", month=month, day=day) if _valid(2000, month, day) else None
    found = _valid(int(match["y"]), month, day)
    return _Fixed(found, found, "day") if found else None


def _search_explicit(text: str, reference: date | None) -> tuple[date, int, int] | None:
    """The leftmost explicit date in ``text`` that resolves (yearless ones need ``reference``)."""
    best: tuple[date, int, int] | None = None
    for pattern in _EXPLICIT_RES:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1]:
                break
            code = _explicit_code(match)
            if code is None:
                continue
            resolved = _resolve(code, reference if isinstance(code, Relative) else None, "")
            if resolved is not None and resolved.best is not None:
                best = (resolved.best, match.start(), match.end())
                break
    return best


def _residual_words(text: str) -> list[str]:
    """Words left once times, weekdays, "at"/"on" and punctuation are removed."""
    return _FILLER_RE.sub(" ", _TIME_RE.sub(" ", text)).split()


def _month_range(year: int, month: int) -> _Fixed:
    return _Fixed(date(year, month, 1), _month_end(year, month), "month")


def _month_part_range(year: int, month: int, part: str) -> _Fixed:
    """The days of the early (1-10), mid (11-20) or late (21-end) part of a month."""
    first, last = _PART_DAYS[part]
    return _Fixed(date(year, month, first), date(year, month, min(last, _month_end(year, month).day)), "week")


def _month_part_code(match: re.Match[str]) -> _Code:
    part = _PART_WORDS[(match["p1"] or match["p2"]).lower()]
    month = _month_number(match["m"])
    if match["y"]:
        return _month_part_range(int(match["y"]), month, part)
    return Relative("month_part", month=month, qualifier=part)


def _month_code(match: re.Match[str]) -> Relative:
    month = _month_number(match["m"])
    if match["ly"]:
        return Relative("month", month=month, qualifier="last_year")
    return Relative("month", month=month, qualifier="last" if match["prep"].lower() == "last" else "")


def _year_code(match: re.Match[str]) -> _Fixed:
    part, year = (match["part"] or match["prep"]).lower(), int(match["y"])
    first, last = _PART_MONTHS.get(part, (1, 12))
    return _Fixed(date(year, first, 1), _month_end(year, last), "year")


def _season_code(match: re.Match[str]) -> _Fixed:
    year, season = int(match["y"]), match["season"].lower()
    if season == "winter":  # "winter 2016-17" from December 2016; "winter 2017" to its February
        first = date(year if match["y2"] else year - 1, 12, 1)
        return _Fixed(first, _month_end(first.year + 1, 2), "month")
    low, high = _SEASON_MONTHS[season]
    return _Fixed(date(year, low, 1), _month_end(year, high), "month")


def _weekday_code(match: re.Match[str]) -> Relative | None:
    rel = (match["rel"] or "").lower()
    if rel == "next":
        return None
    return Relative("weekday", day=WEEKDAYS[match["wd"]], qualifier="last" if rel == "last" else "")


def _ago_code(match: re.Match[str]) -> Relative:
    return Relative("ago", _number(match["n"]), _UNITS[match["unit"].lower()])


def _past_code(match: re.Match[str]) -> Relative:
    unit = match["unit"].lower()
    word = " ".join(match["n"].lower().split()) if match["n"] else ""
    if word in _VAGUE_NUMBERS or (not word and match["plural"]):
        return Relative("past_days", _RECENT_DAYS[unit], "day")
    count = _number(word) if word else 1
    if unit == "hour":
        return Relative("past_days", max(1, -(-count // 24)), "day")
    return Relative("past_days", count * _UNIT_DAYS[unit], "day")


def _recent_code(match: re.Match[str]) -> Relative:
    unit = match["unit"]  # "recently": month precision
    return Relative("past_days", _RECENT_DAYS[unit.lower()] if unit else 30, "day")


def _later_code(match: re.Match[str]) -> Relative:
    if match["next"]:
        unit = match["next"].lower()
        return Relative("later", 1, "day" if unit == "morning" else _UNITS[unit])
    if match["bare"]:
        return Relative("later", 0, _UNITS[match["bare"].lower()])
    return Relative("later", _number(match["n"]), _UNITS[match["unit"].lower()])


def _after_code(match: re.Match[str]) -> Relative:
    if match["bare"]:
        return Relative("after", 0, _UNITS[match["bare"].lower()])
    qualifier: RelativeQualifier = "less_than" if match["lt"] else ""
    return Relative("after", _number(match["n"]), _UNITS[match["unit"].lower()], qualifier=qualifier)


def _calendar_code(match: re.Match[str]) -> Relative | None:
    if match["mod"]:
        return (
            None
            if match["mod"].lower() == "later"
            else Relative("this", unit=_UNITS[match["u1"].lower()], qualifier="earlier")
        )
    return Relative("this" if match["rel"].lower() == "this" else "last", unit=_UNITS[match["u2"].lower()])


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], _Code | None]], ...] = (
    (_ISO_RE, _explicit_code),
    (_SLASH_RE, _explicit_code),
    (_DAY_MONTH_RE, _explicit_code),
    (_MONTH_DAY_RE, _explicit_code),
    (_MONTH_PART_RE, _month_part_code),
    (_MONTH_YEAR_RE, lambda m: _month_range(int(m["y"]), _month_number(m["m"]))),
    (_MONTH_RE, _month_code),
    (_YEAR_RE, _year_code),
    (_YESTERDAY_RE, lambda m: Relative("ago", 2 if m["before"] else 1, "day")),
    (_TODAY_RE, lambda m: Relative("ago", 0, "day")),
    (_LAST_NIGHT_RE, lambda m: Relative("last_night")),
    (
        _WEEKEND_RE,
        lambda m: Relative("weekend", qualifier="last" if (m["rel"] or "").lower() == "last" else ""),
    ),
    (_AGO_RE, _ago_code),
    (_PAST_RE, _past_code),
    (_RECENT_RE, _recent_code),
    (_CALENDAR_RE, _calendar_code),
    (_WEEKDAY_RE, _weekday_code),
    (_SEASON_RE, _season_code),
    (_LATER_RE, _later_code),
    (_AFTER_RE, _after_code),
)
#: Kinds resolved from another expression of the sentence (or its context) rather than publication.
_ANCHORED_KINDS = frozenset({"later", "after"})


@lru_cache(maxsize=1)
def _rule_gate() -> LiteralGate:
    return LiteralGate(
        [required_literals(pattern.pattern, pattern.flags, digits=True) for pattern, _ in _RULES]
    )


# --- resolving -------------------------------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _year_for(month: int, day: int, published: date) -> int | None:
    """Year of a yearless month/day: publication year, the previous one if later, None if ahead."""
    for year in (published.year, published.year - 1, published.year - 4):
        candidate = _valid(year, month, day)
        if candidate is None:
            continue  # 29 February: try an earlier (leap) year
        if candidate <= published:
            return year
        if (candidate - published).days <= _FUTURE_HORIZON_DAYS:
            return None
    return None


def _make(
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


def _resolve(code: _Code, published: date | None, expression: str) -> DateRange | None:
    """Resolve a rule's reading; None when it lies wholly after ``published`` or past the calendar's ends."""
    try:
        if isinstance(code, _Fixed):
            return _make(code.earliest, code.latest, code.precision, expression, published)
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
        return _make(day, day, "day", expression, pub)
    if kind == "ago" and unit == "day":
        day = pub - timedelta(days=n)
        spread = 0 if n <= 1 else 1
        return _make(day - timedelta(days=spread), day + timedelta(days=spread), "day", expression, pub, day)
    if kind == "last_night":
        return _make(pub - timedelta(days=1), pub, "day", expression, pub, pub - timedelta(days=1))
    if kind == "weekend":  # the Saturday and Sunday last reached, or the ones before on "last weekend"
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if rel.qualifier == "last" and pub.weekday() >= 5:
            saturday -= timedelta(days=7)
        return _make(saturday, saturday + timedelta(days=1), "day", expression, pub, saturday)
    if kind == "ago" and unit == "week":
        day = pub - timedelta(days=7 * n)
        return _make(day - timedelta(days=3), day + timedelta(days=3), "week", expression, pub, day)
    if kind == "ago" and unit == "month":
        day = _add_months(pub, -n)
        return _make(day - timedelta(days=15), day + timedelta(days=15), "month", expression, pub, day)
    if kind == "ago" and unit == "year":
        day = _add_months(pub, -12 * n)
        return _make(day - timedelta(days=182), day + timedelta(days=182), "year", expression, pub, day)
    if kind == "past_days":
        precision: Precision = "day" if n <= 3 else "week" if n <= 14 else "month" if n <= 90 else "year"
        return _make(pub - timedelta(days=n), pub, precision, expression, pub)
    earlier = rel.qualifier == "earlier"
    if kind in {"this", "last"} and unit == "week":
        monday = pub - timedelta(days=pub.weekday())
        if kind == "last" or (earlier and pub.weekday() == 0):
            return _make(monday - timedelta(days=7), monday - timedelta(days=1), "week", expression, pub)
        latest = pub - timedelta(days=1) if earlier else pub
        return _make(monday, latest, "week", expression, pub)
    if kind in {"this", "last"} and unit == "month":
        anchor = pub - timedelta(days=1) if earlier else pub
        if kind == "last":
            anchor = pub.replace(day=1) - timedelta(days=1)
        return _make(*_month_range(anchor.year, anchor.month), expression, anchor)
    if kind in {"this", "last"} and unit == "year":
        anchor = pub - timedelta(days=1) if earlier else pub
        year = anchor.year - 1 if kind == "last" else anchor.year
        return _make(date(year, 1, 1), date(year, 12, 31), "year", expression, anchor)
    if kind in _ANCHORED_KINDS:
        span = _anchored_span(rel, 0, len(expression), expression, [], pub, None)
        return span.dates if span is not None else None
    if kind == "monthday":
        found = _year_for(rel.month, rel.day, pub)
        if found is None:
            return None
        day = date(found, rel.month, rel.day)
        return _make(day, day, "day", expression, pub)
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
            return _make(*_month_range(found, rel.month), expression, pub)
        return _make(*_month_part_range(found, rel.month, rel.qualifier), expression, pub)
    raise ValueError(f"unknown relative date {rel!r}")
