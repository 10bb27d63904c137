"""The compact JSON a map draws from: places, their state intervals, events and their sources.

Days are integers counted from ``base`` (the first day shown). Field order (arrays, not objects,
to keep 100k events small):

* ``controllers``: ``[key, label, colour]``; everything else refers to a controller by index.
* ``places``: ``[id, name, name_ar, lat, lon, kind, line, intervals, event_indexes, admin]`` where
  kind is ``p`` (point), ``j`` (junction) or ``h`` (highway drawn from ``line``, a list of
  ``[lat, lon]``; 0 otherwise) and ``intervals`` is flat, six numbers per interval:
  ``start, end, controller, certainty, other, since`` (None = open or unknown; other -1 = none);
  ``event_indexes`` is ``[first, count]``: a place's events are contiguous in ``events``.
* ``events``: flat ``[kind, gainer, loser, earliest, latest, best, precision, flags, expression,
  then outlet, evidence, url, published for each source]``; kind and precision index ``kinds``
  and ``precisions``, text fields index ``strings`` (loser -1 = unknown). In the timeline map an
  evidence text longer than ``EVIDENCE_LIMIT`` is cut at a word and ends with "…" (the full text
  stays in events.csv and in snapshot popups).

Text is never HTML here: the page writes it with ``textContent``, and the blob is embedded with
``<``, ``>`` and ``&`` as JSON escapes so no article text can close its ``<script>``. A blob larger
than ``COMPRESS_ABOVE`` bytes is embedded deflated (zlib) and base64-encoded instead, which the page
inflates with the browser's ``DecompressionStream`` (``script_blob``).
"""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Mapping
from datetime import date
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from frontlines.models import Event, Place
from frontlines.render.style import UNKNOWN, controller_styles, style_of
from frontlines.timeline import Timeline, event_date

Lines = Mapping[str, BaseGeometry] | None
CERTAINTIES = ("reported", "inferred", "changing", "contested")
RECENT_DAYS = 7
#: Evidence longer than this is shortened in the timeline map (popups only show a quote).
EVIDENCE_LIMIT = 240
#: JSON blobs larger than this (bytes) are embedded deflated and base64-encoded.
COMPRESS_ABOVE = 2_000_000
#: zlib level for large blobs: 5 is within 4% of 9 in size at a sixth of the time (100k events).
ZLIB_LEVEL = 5
_KINDS = {"highway": "h", "junction": "j"}


def _round(x: float) -> float:
    return round(float(x), 5)


def shorten(text: str, limit: int = EVIDENCE_LIMIT) -> str:
    """``text`` cut at the last word break before ``limit`` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + "…"


def _line(place: Place, lines: Lines = None) -> list[list[float]] | None:
    """A highway's route as ``[lat, lon]`` pairs: from ``lines`` when it names the place, else its WKT."""
    if place.kind != "highway":
        return None
    geom = (lines or {}).get(place.id)
    if geom is None:
        if not place.geometry_wkt:
            return None
        geom = shapely.from_wkt(place.geometry_wkt)
    parts = getattr(geom, "geoms", [geom])
    coords = [[_round(y), _round(x)] for part in parts for x, y in part.coords]
    return coords or None


def drawable(place: Place, lines: Lines = None) -> bool:
    """True when the place has a point or (highway) line to draw, inside the mapped region."""
    if place.outside:
        return False
    return _line(place, lines) is not None or (place.lat is not None and place.lon is not None)


class _Builder:
    def __init__(self, base: date, evidence_limit: int | None = None):
        self.base = base.toordinal()
        self.evidence_limit = evidence_limit
        styles = controller_styles()
        self.controllers: list[list[str]] = [[s.controller, s.label, s.colour] for s in styles.values()]
        self.ctrl_index = {key: i for i, key in enumerate(styles)}
        self.strings: list[str] = []
        self.string_index: dict[str, int] = {}
        self.kinds: list[str] = []
        self.precisions: list[str] = []

    def day(self, d: date | None) -> int | None:
        return None if d is None else d.toordinal() - self.base

    def text(self, s: str) -> int:
        index = self.string_index.get(s)
        if index is None:
            index = self.string_index[s] = len(self.strings)
            self.strings.append(s)
        return index

    def ctrl(self, key: str) -> int:
        key = key or UNKNOWN
        if key not in self.ctrl_index:
            style = style_of(key)
            self.ctrl_index[key] = len(self.controllers)
            self.controllers.append([key, style.label, style.colour])
        return self.ctrl_index[key]

    def event(self, e: Event) -> list[Any]:
        for table, value in ((self.kinds, e.kind), (self.precisions, e.dates.precision)):
            if value not in table:
                table.append(value)
        d, day, text, limit = e.dates, self.day, self.text, self.evidence_limit
        row: list[Any] = [
            self.kinds.index(e.kind), self.ctrl(e.gainer), self.ctrl(e.loser) if e.loser else -1,
            day(d.earliest), day(d.latest), day(d.best), self.precisions.index(d.precision),
            text(", ".join(e.flags)), text(d.expression),
        ]  # fmt: skip
        for s in e.sources:
            url = s.url if s.url[:8].lower().startswith(("http://", "https://")) else ""
            evidence = shorten(s.evidence, limit) if limit else s.evidence
            row += [text(s.outlet), text(evidence), text(url), day(s.published)]
        return row


def build_payload(
    timeline: Timeline, *, first: date, last: date, snapshot: bool, lines: Lines = None
) -> dict[str, Any]:
    """The data of a map showing ``first``..``last`` (one day for a snapshot).

    ``lines`` gives highways (by place id) a route when their ``geometry_wkt`` is empty.
    """
    b = _Builder(first, None if snapshot else EVIDENCE_LIMIT)
    places: list[list[Any]] = []
    events: list[list[Any]] = []
    unmapped = 0
    for place in timeline.places:
        if not drawable(place, lines):
            unmapped += 1
            continue
        history = timeline.history(place.id)
        if snapshot:
            history = [e for e in history if (e.dates.earliest or event_date(e) or date.min) <= last]
            state = timeline.state_of(place.id, first)
            spans = [state] if state else []
            intervals = [
                x for s in spans for x in (None, None, b.ctrl(s.controller), CERTAINTIES.index(s.certainty),
                                           b.ctrl(s.other) if s.other else -1, b.day(s.since))
            ]  # fmt: skip
        else:
            intervals = [
                x for s in timeline.spans(place.id) for x in (b.day(s.start), b.day(s.end), b.ctrl(s.controller),
                                                              CERTAINTIES.index(s.certainty),
                                                              b.ctrl(s.other) if s.other else -1, b.day(s.since))
            ]  # fmt: skip
        event_indexes = [len(events), len(history)]
        events += [b.event(e) for e in history]
        admin = " · ".join(dict.fromkeys(a for a in (place.admin3, place.admin2, place.admin1) if a))
        lat = _round(place.lat) if place.lat is not None else None
        lon = _round(place.lon) if place.lon is not None else None
        places.append([
            place.id, place.name, place.name_ar, lat, lon, _KINDS.get(place.kind, "p"),
            _line(place, lines) or 0, intervals, event_indexes, admin,
        ])  # fmt: skip
    return {
        "v": 1,
        "snapshot": snapshot,
        "base": first.isoformat(),
        "days": [0, last.toordinal() - first.toordinal()],
        "recent_days": RECENT_DAYS,
        "controllers": b.controllers,
        "unknown": b.ctrl(UNKNOWN),
        "certainties": list(CERTAINTIES),
        "strings": b.strings,
        "places": places,
        "events": events,
        "kinds": b.kinds,
        "precisions": b.precisions,
        "unmapped": unmapped,
    }


def to_script_json(payload: dict[str, Any]) -> str:
    """Compact, key-sorted JSON safe inside ``<script type="application/json">``."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def script_blob(payload: dict[str, Any]) -> tuple[str, str]:
    """(script type, text) of the data blob: JSON (see ``to_script_json``), or when that is larger than
    ``COMPRESS_ABOVE`` bytes, the same JSON deflated (zlib, ``ZLIB_LEVEL``) and base64-encoded.

    Both are deterministic and contain no ``<``, ``>`` or ``&``.
    """
    text = to_script_json(payload)
    raw = text.encode("utf-8")
    if len(raw) <= COMPRESS_ABOVE:
        return "application/json", text
    return "application/x-frontlines-deflate", base64.b64encode(zlib.compress(raw, ZLIB_LEVEL)).decode("ascii")
