"""The words and patterns of date expressions, and what each rule reads from a match: a
self-contained range (:class:`Fixed`) or a :class:`~frontlines.models.Relative` to resolve later."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Literal, NamedTuple, get_args

from frontlines.literals import LiteralGate, required_literals
from frontlines.models import Relative
from frontlines.schema import DateUnit, Precision, RelativeQualifier

MONTHS: dict[str, int] = {
    name: number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"Sept": 9}
WEEKDAYS: dict[str, int] = {calendar.day_name[number]: number for number in range(7)}
#: The names of the weekdays and the months (and their abbreviations), lowercase.
CALENDAR_WORDS: frozenset[str] = frozenset(word.lower() for word in (*WEEKDAYS, *MONTHS))
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
FUTURE_HORIZON_DAYS = 62
_UNITS: dict[str, DateUnit] = {unit: unit for unit in get_args(DateUnit)}
UNIT_PRECISION: dict[str, Precision] = {"week": "week", "month": "month", "year": "year"}

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
EXPLICIT_RES = (_ISO_RE, _SLASH_RE, _DAY_MONTH_RE, _MONTH_DAY_RE)

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

TIME_RE = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?i:[ap]\.?m\b\.?))?(?:\s*(?:GMT|UTC|[A-Z]{1,3}T)(?:[+-]\d{1,2})?\b)?"
    r"|\b\d{1,2}\s*(?i:[ap]\.?m\b\.?)"
)
FILLER_RE = re.compile(rf"\b(?:(?i:at|on)|{_WEEKDAY_ALT})\b|[^\w]+")
LABEL_RE = re.compile(
    r"(?:^|(?<=[|•·–—,;]))\s*(?P<label>(?i:first\s+published|published|posted|last\s+updated|updated|"
    r"last\s+modified|modified|date))\b(?:\s+(?i:on|at))?\s*:?"
)
UPDATE_LABEL_RE = re.compile(r"(?i)updated|modified")
WORD_RE = re.compile(r"\w+")
DATELINE_MAX_CHARS = 80
DATELINE_MAX_WORDS = 4
#: A wire dateline opening the first paragraph: "BEIRUT, Feb. 27, 2020 (Reuters) — Rebels ...". The
#: part before the dash is read as a short dateline line.
WIRE_DATELINE_RE = re.compile(r"^(?P<head>[A-Z][^\n]{2,78}?)\s*(?:[—–]|\s-{1,2}\s)")


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".")]


def _number(word: str) -> int:
    word = " ".join(word.lower().split())
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def valid_date(year: int, month: int, day: int) -> date | None:
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


class Fixed(NamedTuple):
    """The bounds of a self-contained expression ("27 February 2020", "in 2011"), before clipping."""

    earliest: date
    latest: date
    precision: Precision


#: What a rule reads: a relative expression, or a self-contained one's bounds.
Code = Relative | Fixed


def explicit_code(match: re.Match[str]) -> Code | None:
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
        return Relative("monthday", month=month, day=day) if valid_date(2000, month, day) else None
    found = valid_date(int(match["y"]), month, day)
    return Fixed(found, found, "day") if found else None


def month_range(year: int, month: int) -> Fixed:
    return Fixed(date(year, month, 1), month_end(year, month), "month")


def month_part_range(year: int, month: int, part: str) -> Fixed:
    """The days of the early (1-10), mid (11-20) or late (21-end) part of a month."""
    first, last = _PART_DAYS[part]
    return Fixed(date(year, month, first), date(year, month, min(last, month_end(year, month).day)), "week")


def _month_part_code(match: re.Match[str]) -> Code:
    part = _PART_WORDS[(match["p1"] or match["p2"]).lower()]
    month = _month_number(match["m"])
    if match["y"]:
        return month_part_range(int(match["y"]), month, part)
    return Relative("month_part", month=month, qualifier=part)


def _month_code(match: re.Match[str]) -> Relative:
    month = _month_number(match["m"])
    if match["ly"]:
        return Relative("month", month=month, qualifier="last_year")
    return Relative("month", month=month, qualifier="last" if match["prep"].lower() == "last" else "")


def _year_code(match: re.Match[str]) -> Fixed:
    part, year = (match["part"] or match["prep"]).lower(), int(match["y"])
    first, last = _PART_MONTHS.get(part, (1, 12))
    return Fixed(date(year, first, 1), month_end(year, last), "year")


def _season_code(match: re.Match[str]) -> Fixed:
    year, season = int(match["y"]), match["season"].lower()
    if season == "winter":  # "winter 2016-17" from December 2016; "winter 2017" to its February
        first = date(year if match["y2"] else year - 1, 12, 1)
        return Fixed(first, month_end(first.year + 1, 2), "month")
    low, high = _SEASON_MONTHS[season]
    return Fixed(date(year, low, 1), month_end(year, high), "month")


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


RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Code | None]], ...] = (
    (_ISO_RE, explicit_code),
    (_SLASH_RE, explicit_code),
    (_DAY_MONTH_RE, explicit_code),
    (_MONTH_DAY_RE, explicit_code),
    (_MONTH_PART_RE, _month_part_code),
    (_MONTH_YEAR_RE, lambda m: month_range(int(m["y"]), _month_number(m["m"]))),
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
ANCHORED_KINDS = frozenset({"later", "after"})


@lru_cache(maxsize=1)
def rule_gate() -> LiteralGate:
    return LiteralGate(
        [required_literals(pattern.pattern, pattern.flags, digits=True) for pattern, _ in RULES]
    )
