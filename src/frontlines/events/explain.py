"""Why a trigger did or did not become an event: one line per trigger for ``frontlines extract --debug``.

The extractor calls these only when its article context carries a ``trace`` list. Each line names the
article, sentence and trigger, then the outcome: the places and their role (object, anaphor and its
antecedent, the homonym distance that decided a name), the sides and where they come from (an actor
phrase before or after the trigger, or the article), the date and its source (a time expression, or
the publication day); or why no event was made (a blocking cue, the skip reasons of the place rules,
no sides).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from frontlines.events.sentence import Claim, Item, Sentence
from frontlines.models import DateRange, Event, Mention


def _head(s: Sentence, start: int, end: int) -> str:
    return f"{s.context.article.id} sentence {s.index} {s.text[start:end]!r}"


def _tracing(s: Sentence) -> bool:
    """True when the sentence's lines are asked for: a trace, and a sentence with a trigger and a place."""
    return s.context.trace is not None and bool(s.items)


def _write(s: Sentence, line: str) -> None:
    if s.context.trace is not None:
        s.context.trace.append(line)


def blocked(s: Sentence, start: int, end: int) -> None:
    """A trigger a cue blocked (intention, attempt, denial, condition, idiom)."""
    if not _tracing(s):
        return
    _write(s, f"{_head(s, start, end)}: no event, blocked by a cue before or after it")


def dropped(s: Sentence, start: int, end: int, before: Counter[str], why: str = "") -> None:
    """A trigger that gave no claim: the skip reasons the place and side rules counted meanwhile."""
    if not _tracing(s):
        return
    reasons = sorted((s.stats - before).elements())
    places = "; ".join(_place(s, item) for item in s.items) or "none"
    detail = why or (", ".join(dict.fromkeys(reasons)) if reasons else "no place in its clause, or no sides")
    _write(s, f"{_head(s, start, end)}: no event ({detail}); places in the sentence: {places}")


def made(s: Sentence, claim: Claim, events: Sequence[Event], dates: DateRange, date_flag: str) -> None:
    """The events of a claim: places and roles, sides and their source, date and its source."""
    if not _tracing(s):
        return  # nothing is built for a line nobody reads
    places = "; ".join(_place(s, item) for item in claim.items)
    named = {a.controller for a in s.actors}
    where = []
    for role, side in (("gainer", claim.gainer), ("loser", claim.loser)):
        actor = next((a for a in s.actors if a.controller == side), None)
        if actor is None:
            source = "not named here: from the article" if side not in ("", "unknown") else "unknown"
        else:
            position = "before" if actor.end <= claim.trigger_start else "after"
            source = f"{s.text[actor.start : actor.end]!r} {position} the trigger"
        where.append(f"{role} {side or '-'} ({source})")
    if dates.expression:
        when = f"{dates.best or 'unknown'} from {dates.expression!r}"
    elif s.context.article.published is not None:
        when = f"{dates.best} from no time expression (the publication day)"
    else:
        when = "unknown: no time expression, no publication date"
    flags = sorted({f for e in events for f in e.flags} | ({date_flag} - {""}))
    others = sorted(named - {claim.gainer, claim.loser})
    _write(
        s,
        f"{_head(s, claim.trigger_start, claim.trigger_end)}: {claim.kind} of {places}; {', '.join(where)}"
        + (f"; other sides named: {', '.join(others)}" if others else "")
        + f"; date {when}"
        + (f"; flags {', '.join(flags)}" if flags else ""),
    )


def _place(s: Sentence, item: Item) -> str:
    if item.place is None:
        return f"{s.text[item.start : item.end]!r} ({item.status})"
    role = "anaphor" if item.anaphoric else "named"
    text = f"{item.place.name} ({item.place.id}, {role} {s.text[item.start : item.end]!r})"
    mention = _mention_at(s.mentions, item.start + s.offset)
    if mention is not None and mention.match == "context":
        ranked = [c for c in mention.candidates if c.distance_km is not None]
        if ranked:
            text += f" homonym at {ranked[0].distance_km} km"
            if len(ranked) > 1:
                text += f", next {ranked[1].place.name} ({ranked[1].place.id}) at {ranked[1].distance_km} km"
    return text


def _mention_at(mentions: Sequence[Mention], start: int) -> Mention | None:
    return next((m for m in mentions if m.start == start), None)
