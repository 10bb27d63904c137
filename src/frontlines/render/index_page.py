"""The index page of a build: links to every map and a table of the changes."""

from __future__ import annotations

import html
from collections import Counter
from datetime import date

from frontlines.models import Event


def index_page(corpus: str, articles: int, events: list[Event], snapshots: list[date]) -> str:
    """A plain HTML page listing the maps and a table of the changes (all text escaped)."""
    e = html.escape
    links = "".join(f'<li><a href="{d.isoformat()}.html">{d.isoformat()}</a></li>' for d in snapshots)
    rows = []
    for event in events:
        if event.kind == "observation":
            continue
        d = event.dates
        when = d.best.isoformat() if d.best else "unknown"
        if d.best is not None and d.best in snapshots:
            when = f'<a href="{d.best.isoformat()}.html">{when}</a>'
        else:
            when = e(when)
        span = f"{d.earliest or '…'} – {d.latest or '…'}"
        outlets = Counter(s.outlet or s.article_id for s in event.sources)
        articles = len({s.article_id for s in event.sources})
        sources = f"{_count(len(event.sources), 'report')} in {_count(articles, 'article')}: " + "; ".join(
            f"{name} ×{n}" if n > 1 else name for name, n in sorted(outlets.items())
        )
        rows.append(
            f"<tr><td>{when}</td><td class=nw>{e(span)}</td><td>{e(d.precision)}</td><td>{e(event.place.name)}</td>"
            f"<td>{e(event.loser or '?')} → {e(event.gainer)}</td><td>{e(event.kind)}</td>"
            f"<td>{e(sources)}</td><td>{e(', '.join(event.flags))}</td></tr>"
        )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>frontlines: {e(corpus)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}}
table{{border-collapse:collapse;width:100%}}th,td{{border-bottom:1px solid #ddd;padding:.3em .5em;text-align:left;vertical-align:top}}
th{{background:#f4f4f4}}.nw{{white-space:nowrap}}ul.maps{{columns:4}}</style></head><body>
<h1>Control maps of {e(corpus)}</h1>
<p>{articles} articles, {len(events)} events. <a href="timeline.html">Timeline map with a date slider</a> ·
<a href="events.csv">events.csv</a> · <a href="events.geojson">events.geojson</a></p>
<h2>Snapshots (each date control changed, and the day before)</h2><ul class="maps">{links}</ul>
<h2>Changes</h2>
<table><thead><tr><th>date</th><th>range</th><th>precision</th><th>place</th><th>change</th><th>kind</th><th>sources</th><th>flags</th></tr></thead>
<tbody>{"".join(rows)}</tbody></table>
</body></html>
"""


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
