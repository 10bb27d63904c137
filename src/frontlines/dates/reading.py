"""Reading dates in text: a sentence's time expressions, an explicit date, an article's dateline.

The expressions of a sentence become :class:`~frontlines.dates.ranges.DatedSpan` (see the package doc).
"""

from __future__ import annotations

import re
from datetime import date

from frontlines.dates.expressions import (
    ANCHORED_KINDS,
    DATELINE_MAX_CHARS,
    DATELINE_MAX_WORDS,
    EXPLICIT_RES,
    FILLER_RE,
    LABEL_RE,
    RULES,
    TIME_RE,
    UPDATE_LABEL_RE,
    WEEKDAYS,
    WIRE_DATELINE_RE,
    WORD_RE,
    Code,
    explicit_code,
    rule_gate,
)
from frontlines.dates.ranges import DatedSpan, anchored_span, plausible_range, resolve_code
from frontlines.errors import DateError
from frontlines.literals import gate_text
from frontlines.models import DateRange, Relative


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
        labels = list(LABEL_RE.finditer(line))
        if labels:
            for number, label in enumerate(labels):
                if UPDATE_LABEL_RE.search(label.group("label")):
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
    wire = WIRE_DATELINE_RE.match(line)
    if wire is None or _dateline_date(wire.group("head")) is None:
        return None
    return wire.group("head"), line[wire.end() :].lstrip()


def _dateline_date(line: str) -> date | None:
    """The date of a short line that is mostly an explicit date."""
    if len(line.strip()) > DATELINE_MAX_CHARS:
        return None
    found = _search_explicit(line, None)
    if found is None:
        return None
    day, start, end = found
    return day if len(_residual_words(line[:start] + " " + line[end:])) <= DATELINE_MAX_WORDS else None


def weekday_of(expression: str) -> int | None:
    """The weekday (0 = Monday) an expression names, e.g. ``3`` for "late on Thursday"."""
    for word in WORD_RE.findall(expression):
        number = WEEKDAYS.get(word.capitalize())
        if number is not None:
            return number
    return None


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
    candidates: list[tuple[int, int, int, Code | None]] = []
    for rank in rule_gate().rules(gate_text(text, digits=True), text):  # only rules whose literals occur
        pattern, coder = RULES[rank]
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
        if isinstance(code, Relative) and code.kind in ANCHORED_KINDS:
            try:
                span = anchored_span(code, start, end, expression, spans, published, anchor)
            except (OverflowError, ValueError):  # counted past the calendar's ends
                span = None
            if span is not None and plausible_range(span.dates):
                spans.append(span)
            continue
        resolved = resolve_code(code, published, expression)
        if resolved is None or not plausible_range(resolved):
            continue
        spans.append(
            DatedSpan(start, end, expression, resolved, code if isinstance(code, Relative) else None)
        )
    return spans


def _search_explicit(text: str, reference: date | None) -> tuple[date, int, int] | None:
    """The leftmost explicit date in ``text`` that resolves (yearless ones need ``reference``)."""
    best: tuple[date, int, int] | None = None
    for pattern in EXPLICIT_RES:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1]:
                break
            code = explicit_code(match)
            if code is None:
                continue
            resolved = resolve_code(code, reference if isinstance(code, Relative) else None, "")
            if resolved is not None and resolved.best is not None:
                best = (resolved.best, match.start(), match.end())
                break
    return best


def _residual_words(text: str) -> list[str]:
    """Words left once times, weekdays, "at"/"on" and punctuation are removed."""
    return FILLER_RE.sub(" ", TIME_RE.sub(" ", text)).split()
