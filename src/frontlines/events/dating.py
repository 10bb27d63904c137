"""Dates of a claim: the time expression of the sentence nearest its trigger, resolved against publication.

"said on Thursday" bounds only the latest day; a change with no expression is dated ``published``
with no lower bound (the day before for one told in the past perfect); an observation with none
holds on ``published``. A dateline ("DAMASCUS, March 3 (Xinhua) --") dates the report, not the change.
"""

from __future__ import annotations

import re
from datetime import timedelta

from frontlines.dates import DatedSpan, resolve_expressions, unknown_date
from frontlines.events.cues import past_perfect, relative_past_perfect
from frontlines.events.sentence import Claim, Sentence
from frontlines.models import DateRange, Relative

#: Flag of a report whose date expression dates the statement ("said on Thursday"), not the change.
SAID_DATE_FLAG = "said_date"
#: Flag of a report told in the past perfect with no time expression: dated the day before publication.
PAST_PERFECT_FLAG = "past_perfect"

#: Clause boundaries a time expression does not reach across when a nearer trigger lies on its side.
_DATE_CLAUSE_RE = re.compile(
    r"[,;:()]|\s[–—-]\s|\b(?:before|after|but|and|while|whereas|when|then|until|since)\b", re.IGNORECASE
)
_SAID_BEFORE_RE = re.compile(
    r"\b(?:said|says|say|reported|reports|announced|told|added|stated|claimed|confirmed|declared|according)\b"
    r"[^.;]{0,25}$",
    re.IGNORECASE,
)
#: How far before a time expression ``_SAID_BEFORE_RE`` can start (its longest verb and 25 characters).
_SAID_REACH = 40
_AFTER_RE = re.compile(r"^\W*(?:shortly\s+|soon\s+|days\s+|weeks\s+)?after\s+$", re.IGNORECASE)
_SINCE_RE = re.compile(r"\bsince\s+(?:(?:early|late|mid|the)[\s-]+)?$", re.IGNORECASE)
#: A sentence that opens with an "after" clause up to a trigger: "After government forces withdrew from X, ...".
_AFTER_OPENING_RE = re.compile(r"^\W*after\s+(?:the\s+)?(?P<subject>[^,;:()–—]+?)\s+$", re.IGNORECASE)
#: A change this many days before its article's publication is history told as background.
BACKGROUND_DAYS = 21
#: A dateline opening a sentence: "DAMASCUS, March 3 (Xinhua) --", "BEIRUT (Reuters) -", "Ankara, 18 March
#: 2018 (MIA) -", "BEIRUT:", "Afrin, Aleppo, Syria –". Its place is where the report was filed and its date when.
_DATELINE_RE = re.compile(
    r"^\s*(?:[A-Z]{2}[A-Z'’._-]*(?:[ /][A-Z]{2}[A-Z'’._-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)?)?"
    r"|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?(?:,\s*[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?){1,2}"
    r"(?=\s*(?:\([^()]{1,40}\))?\s*(?:[–—]|\s--?\s))"
    r"|[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?(?=,\s*(?:\d|[A-Z][a-z]+\.?\s+\d)))"
    r"(?:,\s*(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2})(?:,?\s+\d{4})?)?"
    r"\s*(?:\([^()]{1,40}\)\s*(?:(?:--?|[–—]|:(?=\s))\s*)?|(?:--?|[–—]|:(?=\s))\s*)"
)
#: A dateline that names its agency ("DAMASCUS, Syria (AP) —"): one opens a paragraph anywhere in a page.
_AGENCY_RE = re.compile(r"\([A-Z][\w .&-]{0,30}\)\s*(?:(?:--?|[–—]|:)\s*)?$")


def dateline_end(text: str, anywhere: bool = False) -> int:
    """The offset where a sentence's dateline ends (0 without one). ``anywhere``: a sentence far into
    the page, whose dateline must name its agency."""
    match = _DATELINE_RE.match(text)
    if match is None or match.end() >= len(text) or (anywhere and not _AGENCY_RE.search(match.group())):
        return 0
    return match.end()


def _dated_spans(s: Sentence) -> list[DatedSpan]:
    if s.dated is None:
        published = s.context.article.published
        spans = resolve_expressions(s.text, published)
        if any(d.relative is not None and d.relative.kind == "later" and d.dates.best is None for d in spans):
            spans = resolve_expressions(s.text, published, s.context.dates_before(s.number))
        s.dated = spans
    return s.dated


def claim_dates(s: Sentence, claim: Claim) -> tuple[DateRange, Relative | None, str]:
    """(range, relative expression, date flag) of a claim from its time expression (see the module doc)."""
    key = (claim.trigger_start, claim.trigger_end, claim.kind)
    found = s.dated_claims.get(key)
    if found is None:
        found = s.dated_claims[key] = _claim_dates(s, claim)
    return found


def _claim_dates(s: Sentence, claim: Claim) -> tuple[DateRange, Relative | None, str]:
    published = s.context.article.published
    span = _expression_of(s, claim)
    if span is not None:
        dates = span.dates
        said = span.start < s.dateline or (
            span.start >= claim.trigger_end
            and bool(_SAID_BEFORE_RE.search(s.text, max(0, span.start - _SAID_REACH), span.start))
        )
        if claim.kind == "observation":
            if dates.precision == "day" and dates.best is not None:
                return DateRange(dates.best, dates.best, dates.best, "day", span.text), span.relative, ""
        elif said and dates.latest is not None:
            return (
                DateRange(None, dates.latest, dates.latest, dates.precision, span.text),
                span.relative,
                SAID_DATE_FLAG,
            )
        elif said and published is None:
            return unknown_date(span.text), span.relative, SAID_DATE_FLAG
        else:
            return dates, span.relative, ""
    background = claim.kind != "observation" and past_perfect(s.text, claim.trigger_start)
    flag = PAST_PERFECT_FLAG if background else ""
    if published is None:
        return unknown_date(), None, flag
    if claim.kind == "observation":
        return DateRange(published, published, published, "day"), None, ""
    latest = published - timedelta(days=1) if background else published
    return DateRange(None, latest, latest, "unknown"), None, flag


def _expression_of(s: Sentence, claim: Claim) -> DatedSpan | None:
    """The time expression of a claim: the nearest one that is nearer its trigger than any other
    change trigger; else the main clause's (the sentence's first change trigger's) one."""
    spans = _dated_spans(s)
    if not spans:
        return None
    triggers = s.change_spans or [(claim.trigger_start, claim.trigger_end)]
    own = (claim.trigger_start, claim.trigger_end)
    # "two days after rebels withdrew" dates only the clause after it; "(for the first time) since 2013"
    # dates the state before the change, not the change
    spans = [
        d
        for d in spans
        if (d.scope != "following" or d.end <= claim.trigger_start)
        and not d.text.lower().startswith("since")
        and not _SINCE_RE.search(s.text[max(0, d.start - 20) : d.start])
    ]
    if not spans:
        return None
    for trigger in (own, triggers[0]):
        mine = [d for d in spans if _owner(s, triggers, d) == trigger]
        if mine:
            return min(mine, key=lambda d: (_distance(s, d, trigger), d.start))
    return None if claim.kind != "observation" else min(spans, key=lambda d: (_distance(s, d, own), d.start))


def _distance(s: Sentence, span: DatedSpan, trigger: tuple[int, int]) -> int:
    """How far a time expression lies from a trigger: a clause boundary between them counts 10,000."""
    gap = max(span.start - trigger[1], trigger[0] - span.end, 0)
    # a time expression belongs to its own clause: "took X in May, before losing it ten months later"
    return gap + 10_000 * _crosses_clause(s, min(span.end, trigger[1]), max(span.start, trigger[0]))


def _owner(s: Sentence, triggers: list[tuple[int, int]], span: DatedSpan) -> tuple[int, int]:
    """The change trigger (of the sentence's ``triggers``) a time expression belongs to: the nearest."""
    if len(triggers) == 1:
        return triggers[0]
    key = (span.start, span.end)  # the triggers are the sentence's change triggers: one owner per span
    found = s.owners.get(key)
    if found is None:
        found = s.owners[key] = min(triggers, key=lambda t: (_distance(s, span, t), t[0]))
    return found


def _crosses_clause(s: Sentence, start: int, end: int) -> bool:
    """True when ``text[start:end]``, parenthetical clauses aside, holds a clause boundary."""
    if end <= start:
        return False
    found = s.crossings.get((start, end))
    if found is None:
        found = s.crossings[start, end] = _holds_boundary(s, start, end)
    return found


def _holds_boundary(s: Sentence, start: int, end: int) -> bool:
    text = s.text[start:end]
    for ps, pe in s.parentheticals:
        if start <= ps and pe <= end:
            text = text[: ps - start] + " " * (pe - ps) + text[pe - start :]
    return bool(_DATE_CLAUSE_RE.search(text))


def is_background(s: Sentence, claim: Claim, dates: DateRange) -> bool:
    """True for a change told as history: dated more than :data:`BACKGROUND_DAYS` before publication
    ("which fell to the rebels in 2016"), told in the past perfect in a relative clause ("the rebels,
    who had taken the town"), in a sentence-initial "After taking X, the army went on to ...", or in
    an "after" clause that says what came before the news ("After the army withdrew from X, the town
    became ...", whose subject is a side: undated, it gives no event)."""
    published = s.context.article.published
    if (
        published is not None
        and dates.latest is not None
        and (published - dates.latest).days > BACKGROUND_DAYS
    ) or relative_past_perfect(s.text, claim.trigger_start):
        return True
    return bool(
        _AFTER_RE.match(s.text[: claim.trigger_start])
        and any(start >= claim.trigger_end for start, _ in s.change_spans)
    ) or _after_side_clause(s, claim)


def _after_side_clause(s: Sentence, claim: Claim) -> bool:
    """True for a change told in an opening "after" clause whose subject is a side, closed by a comma
    before the main clause: "After government forces withdrew from X, the town became ..." says what
    came before the news (undated, it gives no event). Not "After a week of clashes, rebels took X"
    (the clause closes before the trigger), nor "After a week of clashes rebels took X, a monitor
    said" (its subject is no side alone)."""
    clause = _AFTER_OPENING_RE.match(s.text[: claim.trigger_start])
    if clause is None or "," not in s.text[claim.trigger_end :]:
        return False
    start, end = clause.span("subject")
    return any(a.start <= start and end <= a.end for a in s.actors)
