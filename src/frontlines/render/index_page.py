"""The index page of a build: links to every map and a table of the changes (a Jinja template,
autoescaped, in ``templates/index.html.j2``)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache

from jinja2 import Environment, PackageLoader, Template, select_autoescape

from frontlines.models import DateRange, Event
from frontlines.render.page import long_date
from frontlines.timeline import is_change, is_vague


@cache
def _template() -> Template:
    env = Environment(
        loader=PackageLoader("frontlines.render", "templates"), autoescape=select_autoescape(("html", "j2")),
        keep_trailing_newline=True,
    )  # fmt: skip
    return env.get_template("index.html.j2")


def range_text(d: DateRange) -> str:
    """A vague date as the range it is: "between 13 and 27 February 2020", "by 27 February 2020"."""
    lo, hi = d.earliest, d.latest
    if lo is None:
        return f"by {long_date(hi)}" if hi is not None else "date unknown"
    if hi is None:
        return f"after {long_date(lo)}"
    if lo == hi:
        return long_date(lo)
    first = long_date(lo)
    if lo.year == hi.year:
        first = str(lo.day) if lo.month == hi.month else first.rsplit(" ", 1)[0]
    return f"between {first} and {long_date(hi)}"


def index_page(
    corpus: str, articles: int, events: list[Event], snapshots: list[date], timeline: bool = True
) -> str:
    """A plain HTML page listing the maps and a table of the changes (all text escaped).

    ``timeline`` is False when no timeline map was written (no change has a date to slide to).
    """
    rows = []
    for event in events:
        if not is_change(event) and event.kind != "interdiction":
            continue
        d = event.dates
        vague = is_vague(event)
        when = range_text(d) if vague else (d.best.isoformat() if d.best else "unknown")
        outlets = Counter(s.outlet or s.article_id for s in event.sources)
        n_articles = len({s.article_id for s in event.sources})
        sources = f"{_count(len(event.sources), 'report')} in {_count(n_articles, 'article')}: " + "; ".join(
            f"{name} ×{n}" if n > 1 else name for name, n in sorted(outlets.items())
        )
        link = d.best.isoformat() if not vague and d.best is not None and d.best in snapshots else ""
        rows.append({
            "when": when, "link": link, "span": f"{d.earliest or '…'} – {d.latest or '…'}", "precision": d.precision,
            "place": event.place.name, "loser": event.loser or "?", "gainer": event.gainer, "kind": event.kind,
            "sources": sources, "flags": ", ".join(event.flags),
        })  # fmt: skip
    return _template().render(
        corpus=corpus,
        articles=articles,
        events=len(events),
        snapshots=[d.isoformat() for d in snapshots],
        rows=rows,
        timeline=timeline,
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
