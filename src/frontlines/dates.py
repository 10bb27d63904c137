"""Date expressions to date ranges: explicit dates, datelines and expressions relative to publication.

Every expression found in a sentence becomes a :class:`DatedSpan` carrying a ``relative`` code
(``"weekday:3"``, ``"days_ago:1"``, ``"weeks_ago:3"``, ``"month:2"`` ...) so that a later stage can
re-resolve it with :func:`resolve_relative` once a missing publication date has been inferred.
Ranges never reach past the publication date; expressions that lie wholly after it ("next Thursday",
"later this week", a yearless date a few weeks ahead) are not reported.
"""

from __future__ import annotations

import calendar
import re
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import ahocorasick_rs

from frontlines.errors import DateError
from frontlines.models import DateRange

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
_PART_WORDS: dict[str, str] = {
    "beginning": "early", "start": "early", "early": "early", "middle": "mid", "mid": "mid",
    "end": "late", "close": "late", "late": "late",
}  # fmt: skip
# A yearless date or month this close after publication is a future reference, not last year's.
_FUTURE_HORIZON_DAYS = 62
# Kinds of relative code that do not depend on the publication date.
_ABSOLUTE_KINDS = frozenset({"date", "month_year", "month_part_year", "year", "year_part", "season"})

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
_SEASON_MONTHS: dict[str, tuple[int, int]] = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
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


@dataclass(frozen=True, slots=True)
class DatedSpan:
    """A time expression in a sentence: character offsets, its resolved range and its relative code.

    ``relative`` is empty for self-contained dates ("27 February 2020", "in 2011"); otherwise it is
    the code :func:`resolve_relative` takes, e.g. ``"weekday:3"`` or ``"weeks_ago:3"``.
    """

    start: int
    end: int
    text: str
    dates: DateRange
    relative: str = ""
    #: "following" for a span that dates only the clause after it ("two days after rebels withdrew").
    scope: str = ""


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
    "By Reuters | Feb 27, 2020"). Dates inside body sentences are not publication dates.
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
        if len(line.strip()) > _DATELINE_MAX_CHARS:
            continue
        found = _search_explicit(line, None)
        if found is not None:
            day, start, end = found
            if len(_residual_words(line[:start] + " " + line[end:])) <= _DATELINE_MAX_WORDS:
                return day, index
    return None


def weekday_of(expression: str) -> int | None:
    """The weekday (0 = Monday) an expression names, e.g. ``3`` for "late on Thursday"."""
    for word in _WORD_RE.findall(expression):
        number = WEEKDAYS.get(word.capitalize())
        if number is not None:
            return number
    return None


def resolve_relative(relative: str, published: date | None, expression: str = "") -> DateRange:
    """Resolve a relative code (see :class:`DatedSpan`) against a publication date.

    Absolute codes resolve without one; relative codes with ``published=None``, and references that
    lie wholly after publication, give :func:`unknown_date`. Raises :class:`DateError` for a code
    this module does not produce.
    """
    resolved = _resolve(relative, published, expression)
    return resolved if resolved is not None else unknown_date(expression)


def resolve_expressions(text: str, published: date | None, anchor: DateRange | None = None) -> list[DatedSpan]:
    """Find the time expressions of one sentence and resolve them against ``published``.

    Overlapping candidates are settled leftmost-longest. Expressions that lie wholly after
    ``published`` are left out; with ``published=None`` the relative ones keep their code and an
    unknown range.

    Expressions dated from another one are resolved from the expression before them in the
    sentence, else from ``anchor`` (the last date of the sentences before), else from publication:
    "N months later" and "the next day" follow that date; "(less than) N hours after" dates the
    clause after it that long before it (or before publication) and has ``scope="following"``.
    """
    candidates: list[tuple[int, int, int, str | None]] = []
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
        kind = code.partition(":")[0]
        if kind in _ANCHORED_KINDS:
            span = _anchored_span(code, start, end, expression, spans, published, anchor)
            if span is not None:
                spans.append(span)
            continue
        resolved = _resolve(code, published, expression)
        if resolved is None:
            continue
        relative = "" if kind in _ABSOLUTE_KINDS else code
        spans.append(DatedSpan(start, end, expression, resolved, relative))
    return spans


def _shift(day: date, unit: str, count: int) -> date:
    """``day`` moved by ``count`` units (hours round toward zero to whole days)."""
    if unit in {"month", "year"}:
        return _add_months(day, count * (12 if unit == "year" else 1))
    days = {"week": 7 * count, "day": count}.get(unit, int(count / 24))
    return day + timedelta(days=days)


def _anchored_span(
    code: str, start: int, end: int, expression: str, before: list[DatedSpan], published: date | None,
    anchor: DateRange | None,
) -> DatedSpan | None:
    """A "later" or "after" span resolved from the expression before it, ``anchor`` or publication."""
    kind, args = _parts(code)
    count, unit, strict = int(args[0]), args[1], args[2:] == ["lt"]
    base = before[-1].dates if before and before[-1].dates.best is not None else None
    relative = "" if base is not None and not before[-1].relative else code
    if kind == "later":
        base = base or (anchor if anchor is not None and anchor.best is not None else None)
        if base is None or count == 0:
            # no date to count from, or only "days later": some time after it, up to publication
            if base is None:
                latest = published
                return DatedSpan(start, end, expression, DateRange(None, latest, None, "unknown", expression), code)
            earliest = base.earliest or base.best
            latest = published or _shift(base.latest or base.best, unit, 6)
            resolved = _make(earliest, max(earliest, latest), "unknown", expression, published) if earliest else None
            return DatedSpan(start, end, expression, resolved, code) if resolved else None
        low = _shift(base.earliest or base.best, unit, count)
        high = _shift(base.latest or base.best, unit, count)
        resolved = _make(low, high, base.precision if unit in {"hour", "day"} else unit, expression, published,
                         _shift(base.best, unit, count))
        return DatedSpan(start, end, expression, resolved, relative) if resolved else None
    # before_ref: the clause after the span happened ``count`` units before the reference
    reference = base.best if base is not None else published
    if reference is None:
        return DatedSpan(start, end, expression, unknown_date(expression), code, "following")
    if count == 0:  # "hours after", "days after"
        span_days = {"hour": 1, "day": 7, "week": 28}.get(unit, 30)
        low, high = reference - timedelta(days=span_days), reference - timedelta(days=0 if unit == "hour" else 1)
        best = reference if unit == "hour" else reference - timedelta(days=2 if unit == "day" else 14)
    elif strict:
        low = reference - timedelta(days=-(-count // 24)) if unit == "hour" else _shift(reference, unit, -count)
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
    resolved = _make(low, min(high, reference), "day" if unit in {"hour", "day"} else unit, expression, published, best)
    return DatedSpan(start, end, expression, resolved, relative, "following") if resolved else None


# --- literal gates: which rules of a set can match a text at all -------------------------------------
#
# Running every rule regex over every sentence is the costly part of reading dates, triggers and actors.
# A rule can only match a text that holds one of its *required literals*: strings derived from the
# rule's parsed regex, one of which every match contains ("ago" for "three weeks ago", "captur" ...).
# One Aho-Corasick pass over the text finds the literals present, and only the rules they name run.
# The derivation is conservative by construction (a rule it cannot analyse has no requirement and
# always runs), so the result is the same as running every rule.

try:  # Python >= 3.11
    import re._constants as _sre
    import re._parser as _sre_parse
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

#: Non-ASCII characters that a case-insensitive regex matches for an ASCII letter (checked by a test).
IGNORECASE_SPECIALS: dict[str, str] = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}
_GATE_FOLD = str.maketrans({**{chr(c): chr(c + 32) for c in range(65, 91)}, **IGNORECASE_SPECIALS})
_GATE_FOLD_DIGITS = str.maketrans(
    {**{chr(c): chr(c + 32) for c in range(65, 91)}, **IGNORECASE_SPECIALS, **{str(d): "0" for d in range(10)}}
)
_SPECIALS_ONLY = str.maketrans(IGNORECASE_SPECIALS)
_NON_ASCII_DIGIT_RE = re.compile(r"[^\x00-\x7f]")
_MAX_EXACT = 256  # strings an exact finite language may hold before it is cut


def gate_text(text: str, *, digits: bool = False, folded: str | None = None) -> str:
    r"""The text a :class:`LiteralGate` looks for literals in: ASCII lowercased, the characters a
    case-insensitive regex takes for ASCII letters mapped to them and, with ``digits``, every decimal
    digit (any script: ``\d`` matches them all) written ``0``. ``folded`` is the ASCII-lowercased text
    when the caller has it (without ``digits`` only)."""
    if digits:
        out = text.translate(_GATE_FOLD_DIGITS)
        if not text.isascii():
            out = "".join("0" if c.isdecimal() else c for c in out) if any(
                c.isdecimal() for c in _NON_ASCII_DIGIT_RE.findall(out)) else out
        return out
    if folded is not None:
        return folded if text.isascii() else folded.translate(_SPECIALS_ONLY)
    return text.translate(_GATE_FOLD)


_PRIVATE = 0xF0000  # a case-insensitive letter while a literal is built (see _decode)


def _gate_char(char: str, digits: bool, cased: bool = False) -> str | None:
    """A literal character as it reads in a gate text; None when it cannot be relied on.

    With ``cased`` (a case-sensitive part of the pattern) an ASCII letter keeps its case; otherwise it
    is marked case-insensitive until :func:`_decode`.
    """
    if char.isdecimal():
        return "0" if digits else (char if char.isascii() else None)
    if char.isascii():
        if not char.isalpha():
            return char
        return char if cased else chr(_PRIVATE + ord(char.lower()))
    return None if char.lower() != char.upper() or char in IGNORECASE_SPECIALS else char


def _decode(literal: str) -> str:
    """A built literal as the gate looks for it: kept as written (and looked for in the original text)
    when it has a capital and every letter is case-sensitive, else lowercased (in the gate text)."""
    if any(ord(c) >= _PRIVATE for c in literal) or not any(c.isupper() for c in literal) or "0" in literal:
        return "".join(chr(ord(c) - _PRIVATE) if ord(c) >= _PRIVATE else c for c in literal).lower()
    return literal


#: What a regex node says: its exact finite language (None: too large or unknown) and its
#: requirement, a tuple of clauses each of which a match satisfies (holds one of the clause's strings).
_Info = tuple["frozenset[str] | None", "tuple[frozenset[str], ...]"]
_MAX_CLAUSES = 3


def _minimal(literals: Iterable[str]) -> frozenset[str] | None:
    """A clause without its redundant members (one containing another); None if one is empty."""
    found = {_decode(s) for s in literals}
    if not found or "" in found:
        return None
    return frozenset(s for s in found if not any(t != s and t in s for t in found))


def _score(clause: frozenset[str]) -> tuple[int, int]:
    return min(len(s) for s in clause), -len(clause)


def _clauses(candidates: Iterable[frozenset[str] | None]) -> tuple[frozenset[str], ...]:
    """The strongest few distinct clauses, strongest first."""
    known = sorted({c for c in candidates if c}, key=lambda c: (_score(c), sorted(c)), reverse=True)
    return tuple(known[:_MAX_CLAUSES])


def _exact_info(exact: Iterable[str]) -> _Info:
    exact = frozenset(exact)
    return exact, _clauses([_minimal(exact)])


def _sequence_info(items: Sequence, digits: bool, cased: bool) -> _Info:
    exact: set[str] = {""}
    candidates: list[frozenset[str] | None] = []
    cut = False
    for op, av in items:
        node_exact, node_clauses = _node_info(op, av, digits, cased)
        if node_exact is not None and len(exact) * len(node_exact) <= _MAX_EXACT:
            exact = {a + b for a in exact for b in node_exact}
            continue
        cut = True
        candidates.append(_minimal(exact))
        if node_exact is not None:
            exact = set(node_exact)
        else:
            candidates.extend(node_clauses)
            exact = {""}
    if not cut:
        return _exact_info(exact)
    candidates.append(_minimal(exact))
    return None, _clauses(candidates)


def _node_info(op, av, digits: bool, cased: bool) -> _Info:  # noqa: C901 - one branch per opcode
    if op is _sre.LITERAL:
        char = _gate_char(chr(av), digits, cased)
        return _exact_info({char}) if char is not None else (None, ())
    if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
        return frozenset({""}), ()  # zero-width: ignoring what it asserts only weakens the gate
    if op is _sre.IN:
        chars: set[str] = set()
        for item_op, item_av in av:
            if item_op is _sre.LITERAL:
                mapped = {_gate_char(chr(item_av), digits, cased)}
            elif item_op is _sre.RANGE and item_av[1] - item_av[0] < 16:
                mapped = {_gate_char(chr(c), digits, cased) for c in range(item_av[0], item_av[1] + 1)}
            elif item_op is _sre.CATEGORY and digits and item_av is _sre.CATEGORY_DIGIT:
                mapped = {"0"}
            else:
                return None, ()
            if None in mapped:
                return None, ()
            chars |= mapped  # type: ignore[arg-type]
        return _exact_info(chars)
    if op is _sre.BRANCH:
        infos = [_sequence_info(branch, digits, cased) for branch in av[1]]
        if all(e is not None for e, _ in infos) and sum(len(e) for e, _ in infos) <= _MAX_EXACT:
            return _exact_info(frozenset().union(*(e for e, _ in infos)))
        if any(not c for _, c in infos):
            return None, ()
        # (A1 and A2) or (B1 and B2) implies (A1 or B1) and (A2 or B2)
        depth = min(len(c) for _, c in infos)
        return None, _clauses([_minimal(s for _, c in infos for s in c[n]) for n in range(depth)])
    if op is _sre.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        if add_flags & _sre.SRE_FLAG_IGNORECASE:
            cased = False
        elif del_flags & _sre.SRE_FLAG_IGNORECASE:
            cased = True
        return _sequence_info(sub, digits, cased)
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return _sequence_info(av, digits, cased)
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        sub_exact, sub_clauses = _sequence_info(sub, digits, cased)
        if sub_exact is not None and high is not _sre.MAXREPEAT and high <= 4:
            exact = {""} if low == 0 else set()
            power = {""}
            for count in range(1, high + 1):
                power = {a + b for a in power for b in sub_exact}
                if len(power) + len(exact) > _MAX_EXACT:
                    break
                if count >= low:
                    exact |= power
            else:
                return _exact_info(exact)
        return None, sub_clauses if low >= 1 else ()
    return None, ()  # ANY, NOT_LITERAL, GROUPREF, ...: no information


def required_literals(pattern: str, flags: int = 0, *, digits: bool = False) -> tuple[frozenset[str], ...]:
    r"""What every match of ``pattern`` holds, as it reads in :func:`gate_text`: clauses of literals,
    each match holding one literal of every clause (at most three clauses, the most selective).

    An empty tuple when the pattern gives no such guarantee (it may match a text without any
    literal), e.g. ``\w+``. With ``digits``, ``\d`` and the digits are the literal ``0``. A literal
    with a capital comes from a case-sensitive part and is looked for in the original text.
    """
    parsed = _sre_parse.parse(pattern, flags)
    if parsed.getwidth()[0] == 0:
        return ()
    return _sequence_info(list(parsed), digits, not parsed.state.flags & _sre.SRE_FLAG_IGNORECASE)[1]


def min_width(pattern: str, flags: int = 0) -> int:
    """The least number of characters ``pattern`` matches."""
    return _sre_parse.parse(pattern, flags).getwidth()[0]


_MAX_CHECKED = 16  # literals of a secondary clause checked with ``in``; longer clauses are skipped


def _is_cased(literal: str) -> bool:
    return any(c.isupper() for c in literal)


class LiteralGate:
    """Which of a list of rules may match a text: those that meet every clause of their required literals.

    ``requirements[i]`` is rule i's :func:`required_literals` (empty: the rule always runs). One
    Aho-Corasick pass over the :func:`gate_text` looks for the literals of each rule's first clause
    without capitals; the rules it finds then check their other clauses with ``in`` (a literal with
    a capital in the original text). A rule with no such clause checks all of them.
    """

    def __init__(self, requirements: Sequence[tuple[frozenset[str], ...]]):
        self.requirements = tuple(requirements)
        primary: list[frozenset[str] | None] = []
        self._more: list[tuple[tuple[tuple[str, bool], ...], ...]] = []
        for clauses in requirements:
            first = next((c for c in clauses if not any(_is_cased(s) for s in c)), None)
            primary.append(first)
            # other clauses are checked one literal at a time: only the short ones pay off
            self._more.append(tuple(
                tuple((s, _is_cased(s)) for s in sorted(c)) for c in sorted(clauses, key=len)
                if c is not first and (first is None or len(c) <= _MAX_CHECKED)
            ))  # fmt: skip
        self.always = tuple(i for i, first in enumerate(primary) if first is None)
        literals = sorted({s for first in primary if first for s in first})
        self._rules_of = [tuple(i for i, first in enumerate(primary) if first and s in first) for s in literals]
        self._automaton = (
            ahocorasick_rs.AhoCorasick(literals, matchkind=ahocorasick_rs.MatchKind.Standard) if literals else None
        )

    def rules(self, text: str, original: str | None = None) -> list[int]:
        """Indices (ascending) of the rules that may match ``original`` (``text`` is its gate text)."""
        if self._automaton is None:
            return self._checked(self.always, text, original)
        hits = self._automaton.find_matches_as_indexes(text, overlapping=True)
        if not hits:
            return self._checked(self.always, text, original)
        rules_of = self._rules_of
        return self._checked({rule for literal, _, _ in hits for rule in rules_of[literal]}.union(self.always),
                             text, original)  # fmt: skip

    def rules_by_span(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """The rules whose first clause each ``text[start:end]`` meets, for sorted, disjoint ``spans``, with
        one pass over ``text``: a superset of :meth:`rules` of the span, which :meth:`checked` narrows."""
        always = set(self.always)
        if self._automaton is None:
            return [sorted(always) for _ in spans]
        found: list[set[int] | None] = [None] * len(spans)
        starts = [start for start, _ in spans]
        rules_of = self._rules_of
        for literal, start, end in self._automaton.find_matches_as_indexes(text, overlapping=True):
            index = bisect_right(starts, start) - 1
            if index >= 0 and end <= spans[index][1]:
                rules = found[index]
                if rules is None:
                    found[index] = set(rules_of[literal])
                else:
                    rules.update(rules_of[literal])
        return [sorted(rules | always) if rules else sorted(always) for rules in found]

    def checked(self, candidates: Iterable[int], text: str, original: str | None = None) -> list[int]:
        """The candidates of :meth:`rules_by_span` for one span that also meet their other clauses:
        :meth:`rules` of ``original`` (``text`` is its gate text)."""
        return self._checked(candidates, text, original)

    def _checked(self, candidates: Iterable[int], text: str, original: str | None) -> list[int]:
        more = self._more
        kept = []
        for rule in candidates:
            for clause in more[rule]:
                for literal, cased in clause:
                    if cased:
                        if original is None or literal in original:
                            break
                    elif literal in text:
                        break
                else:
                    break  # a clause none of whose literals occurs
            else:
                kept.append(rule)
        kept.sort()
        return kept


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


def _explicit_code(match: re.Match[str]) -> str | None:
    """Code of an explicit date match: ``date:YYYY-MM-DD`` or yearless ``monthday:M:D``."""
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
        return f"monthday:{month}:{day}" if _valid(2000, month, day) else None
    found = _valid(int(match["y"]), month, day)
    return f"date:{found.isoformat()}" if found else None


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
            resolved = _resolve(code, reference if code.startswith("monthday") else None, "")
            if resolved is not None and resolved.best is not None:
                best = (resolved.best, match.start(), match.end())
                break
    return best


def _residual_words(text: str) -> list[str]:
    """Words left once times, weekdays, "at"/"on" and punctuation are removed."""
    return _FILLER_RE.sub(" ", _TIME_RE.sub(" ", text)).split()


def _month_part_code(match: re.Match[str]) -> str:
    part = _PART_WORDS[(match["p1"] or match["p2"]).lower()]
    month = _month_number(match["m"])
    if match["y"]:
        return f"month_part_year:{match['y']}-{month:02d}:{part}"
    return f"month_part:{month}:{part}"


def _month_code(match: re.Match[str]) -> str:
    month = _month_number(match["m"])
    if match["ly"]:
        return f"month:{month}:last_year"
    return f"month:{month}:last" if match["prep"].lower() == "last" else f"month:{month}"


def _year_code(match: re.Match[str]) -> str:
    part = (match["part"] or match["prep"]).lower()
    return f"year_part:{match['y']}:{part}" if part in _PART_MONTHS else f"year:{match['y']}"


def _weekday_code(match: re.Match[str]) -> str | None:
    rel = (match["rel"] or "").lower()
    if rel == "next":
        return None
    number = WEEKDAYS[match["wd"]]
    return f"weekday:{number}:last" if rel == "last" else f"weekday:{number}"


def _ago_code(match: re.Match[str]) -> str:
    return f"{match['unit'].lower()}s_ago:{_number(match['n'])}"


def _past_code(match: re.Match[str]) -> str:
    unit = match["unit"].lower()
    word = " ".join(match["n"].lower().split()) if match["n"] else ""
    if word in _VAGUE_NUMBERS or (not word and match["plural"]):
        return f"past_days:{_RECENT_DAYS[unit]}"
    count = _number(word) if word else 1
    if unit == "hour":
        return f"past_days:{max(1, -(-count // 24))}"
    return f"past_days:{count * _UNIT_DAYS[unit]}"


def _recent_code(match: re.Match[str]) -> str:
    unit = match["unit"]
    return f"past_days:{_RECENT_DAYS[unit.lower()]}" if unit else "past_days:14"


def _later_code(match: re.Match[str]) -> str:
    if match["next"]:
        unit = match["next"].lower()
        return f"later:1:{'day' if unit == 'morning' else unit}"
    if match["bare"]:
        return f"later:0:{match['bare'].lower()}"
    return f"later:{_number(match['n'])}:{match['unit'].lower()}"


def _after_code(match: re.Match[str]) -> str:
    if match["bare"]:
        return f"before_ref:0:{match['bare'].lower()}"
    code = f"before_ref:{_number(match['n'])}:{match['unit'].lower()}"
    return code + ":lt" if match["lt"] else code


def _calendar_code(match: re.Match[str]) -> str | None:
    if match["mod"]:
        return None if match["mod"].lower() == "later" else f"this_{match['u1'].lower()}:earlier"
    return f"{match['rel'].lower()}_{match['u2'].lower()}"


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str | None]], ...] = (
    (_ISO_RE, _explicit_code),
    (_SLASH_RE, _explicit_code),
    (_DAY_MONTH_RE, _explicit_code),
    (_MONTH_DAY_RE, _explicit_code),
    (_MONTH_PART_RE, _month_part_code),
    (_MONTH_YEAR_RE, lambda m: f"month_year:{m['y']}-{_month_number(m['m']):02d}"),
    (_MONTH_RE, _month_code),
    (_YEAR_RE, _year_code),
    (_YESTERDAY_RE, lambda m: "days_ago:2" if m["before"] else "days_ago:1"),
    (_TODAY_RE, lambda m: "days_ago:0"),
    (_LAST_NIGHT_RE, lambda m: "last_night"),
    (_AGO_RE, _ago_code),
    (_PAST_RE, _past_code),
    (_RECENT_RE, _recent_code),
    (_CALENDAR_RE, _calendar_code),
    (_WEEKDAY_RE, _weekday_code),
    (_SEASON_RE, lambda m: f"season:{m['y']}:{m['season'].lower()}:{int(bool(m['y2']))}"),
    (_LATER_RE, _later_code),
    (_AFTER_RE, _after_code),
)
#: Kinds resolved from another expression of the sentence (or its context) rather than publication.
_ANCHORED_KINDS = frozenset({"later", "before_ref"})



@lru_cache(maxsize=1)
def _rule_gate() -> LiteralGate:
    return LiteralGate([required_literals(pattern.pattern, pattern.flags, digits=True) for pattern, _ in _RULES])


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
    precision: str,
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


def _parts(relative: str) -> tuple[str, list[str]]:
    kind, _, rest = relative.partition(":")
    return kind, rest.split(":") if rest else []


def _resolve(relative: str, published: date | None, expression: str) -> DateRange | None:
    """Resolve a code; None when it lies wholly after ``published``."""
    kind, args = _parts(relative)
    try:
        if kind in _ABSOLUTE_KINDS:
            return _resolve_absolute(kind, args, published, expression)
        if published is None:
            return unknown_date(expression)
        return _resolve_relative(kind, args, published, expression)
    except (KeyError, IndexError, ValueError) as exc:
        raise DateError(f"malformed relative date code {relative!r} ({exc})") from None


def _resolve_absolute(
    kind: str, args: list[str], published: date | None, expression: str
) -> DateRange | None:
    if kind == "date":
        day = date.fromisoformat(args[0])
        return _make(day, day, "day", expression, published)
    if kind == "year":
        year = int(args[0])
        return _make(date(year, 1, 1), date(year, 12, 31), "year", expression, published)
    if kind == "year_part":
        first, last = _PART_MONTHS[args[1]]
        year = int(args[0])
        return _make(date(year, first, 1), _month_end(year, last), "year", expression, published)
    if kind == "season":
        year, season = int(args[0]), args[1]
        if season == "winter":  # "winter 2016-17" from December 2016; "winter 2017" to its February
            first = date(year, 12, 1) if args[2:] == ["1"] else date(year - 1, 12, 1)
            return _make(first, _month_end(first.year + 1, 2), "month", expression, published)
        low, high = _SEASON_MONTHS[season]
        return _make(date(year, low, 1), _month_end(year, high), "month", expression, published)
    year, month = (int(x) for x in args[0].split("-"))
    if kind == "month_year":
        return _make(date(year, month, 1), _month_end(year, month), "month", expression, published)
    first, last = _PART_DAYS[args[1]]
    end = min(last, _month_end(year, month).day)
    return _make(date(year, month, first), date(year, month, end), "week", expression, published)


def _resolve_relative(kind: str, args: list[str], pub: date, expression: str) -> DateRange | None:
    n = int(args[0]) if args and args[0].isdigit() else 0
    if kind == "weekday":
        back = (pub.weekday() - n) % 7
        if back == 0 and args[1:] == ["last"]:
            back = 7
        day = pub - timedelta(days=back)
        return _make(day, day, "day", expression, pub)
    if kind == "days_ago":
        day = pub - timedelta(days=n)
        spread = 0 if n <= 1 else 1
        return _make(day - timedelta(days=spread), day + timedelta(days=spread), "day", expression, pub, day)
    if kind == "last_night":
        return _make(pub - timedelta(days=1), pub, "day", expression, pub, pub - timedelta(days=1))
    if kind == "weeks_ago":
        day = pub - timedelta(days=7 * n)
        return _make(day - timedelta(days=3), day + timedelta(days=3), "week", expression, pub, day)
    if kind == "months_ago":
        day = _add_months(pub, -n)
        return _make(day - timedelta(days=15), day + timedelta(days=15), "month", expression, pub, day)
    if kind == "years_ago":
        day = _add_months(pub, -12 * n)
        return _make(day - timedelta(days=182), day + timedelta(days=182), "year", expression, pub, day)
    if kind == "past_days":
        precision = "day" if n <= 3 else "week" if n <= 14 else "month" if n <= 90 else "year"
        return _make(pub - timedelta(days=n), pub, precision, expression, pub)
    if kind in {"this_week", "last_week"}:
        monday = pub - timedelta(days=pub.weekday())
        if kind == "last_week" or (args == ["earlier"] and pub.weekday() == 0):
            return _make(monday - timedelta(days=7), monday - timedelta(days=1), "week", expression, pub)
        latest = pub - timedelta(days=1) if args == ["earlier"] else pub
        return _make(monday, latest, "week", expression, pub)
    if kind in {"this_month", "last_month"}:
        anchor = pub - timedelta(days=1) if args == ["earlier"] else pub
        if kind == "last_month":
            anchor = pub.replace(day=1) - timedelta(days=1)
        return _make(
            anchor.replace(day=1), _month_end(anchor.year, anchor.month), "month", expression, anchor
        )
    if kind in {"this_year", "last_year"}:
        anchor = pub - timedelta(days=1) if args == ["earlier"] else pub
        year = anchor.year - 1 if kind == "last_year" else anchor.year
        return _make(date(year, 1, 1), date(year, 12, 31), "year", expression, anchor)
    if kind in _ANCHORED_KINDS:
        span = _anchored_span(":".join([kind, *args]), 0, len(expression), expression, [], pub, None)
        return span.dates if span is not None else None
    if kind == "monthday":
        month, day = n, int(args[1])
        year = _year_for(month, day, pub)
        return (
            None
            if year is None
            else _resolve_absolute("date", [f"{year:04d}-{month:02d}-{day:02d}"], pub, expression)
        )
    if kind in {"month", "month_part"}:
        if args[1:] == ["last_year"]:
            year: int | None = pub.year - 1
        elif args[1:] == ["last"]:
            year = pub.year if n < pub.month else pub.year - 1
        else:
            year = _year_for(n, 1, pub)
        if year is None:
            return None
        if kind == "month":
            return _resolve_absolute("month_year", [f"{year:04d}-{n:02d}"], pub, expression)
        return _resolve_absolute("month_part_year", [f"{year:04d}-{n:02d}", args[1]], pub, expression)
    raise ValueError(f"unknown kind {kind!r}")
