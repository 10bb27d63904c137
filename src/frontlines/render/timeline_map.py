"""One page with a date slider and a play button: control on every day of the corpus."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Unpack

from shapely.geometry import LineString

from frontlines.errors import RenderError
from frontlines.render.data import build_payload
from frontlines.render.page import PageOptions, render_page
from frontlines.timeline import Timeline

PAD_DAYS = 1


def timeline_days(
    timeline: Timeline, start: date | None = None, end: date | None = None
) -> tuple[date, date]:
    """The slider's first and last day: the day before the first change to the day after the last.

    The slider moves one day at a time over every day in between (not only the change dates), so
    that playing it shows time passing evenly; its buttons jump from change to change.
    """
    changes = timeline.change_dates()
    if not changes and (start is None or end is None):
        raise RenderError("the timeline has no dated control change: give start and end")
    first = start or changes[0] - timedelta(days=PAD_DAYS)
    last = end or changes[-1] + timedelta(days=PAD_DAYS)
    if last < first:
        raise RenderError(f"the timeline ends ({last}) before it starts ({first})")
    return first, last


def render_timeline(
    timeline: Timeline,
    out: Path | str | None = None,
    *,
    start: date | None = None,
    end: date | None = None,
    lines: dict[str, LineString] | None = None,
    **options: Unpack[PageOptions],
) -> str:
    """Render the slider map of ``start``..``end`` (default: see ``timeline_days``) and return the HTML.

    The page holds the compact JSON of ``render.data`` (places with their state intervals, events,
    sources), so its size grows with places + events, not with days; one canvas layer draws every
    place and is redrawn in one pass when the slider moves. It opens on the last day with a change
    (within ``start``..``end``). Options as for ``render_snapshot``.
    """
    first, last = timeline_days(timeline, start, end)
    changes = [d for d in timeline.change_dates() if first <= d <= last]
    opening = changes[-1] if changes else last
    payload = build_payload(timeline, first=first, last=last, snapshot=False, lines=lines, opening=opening)
    return render_page(payload, out, opening, **options)
