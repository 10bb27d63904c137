"""The compact JSON a map draws from: places, their state intervals, events and their sources.

Days are integers counted from ``base`` (the first day shown). Field order (arrays, not objects,
to keep 100k events small):

* ``controllers``: ``[key, label, colour]``; everything else refers to a controller by index.
* ``places``: ``[id, name, name_ar, lat, lon, kind, line, intervals, event_indexes, admin]``, then
  ``area`` for an area alone, where kind is ``p`` (point), ``j`` (junction), ``h`` (highway drawn
  from ``line``, a list of ``[lat, lon]``; 0 otherwise) or ``a`` (a neighbourhood or region drawn
  as its outline: ``area`` is a list of rings of ``[lat, lon]``, every polygon's shell and holes,
  filled even-odd; lat, lon is its point, where a popup opens) and ``intervals`` is flat, seven numbers per interval:
  ``start, end, controller, certainty, other, since, since_latest`` (None = open or unknown; other
  -1 = none; ``since_latest`` is set when the change's date is vague: it happened between the two);
  ``event_indexes`` is ``[first, count]``: a place's events are contiguous in ``events``.
* ``events``: flat ``[kind, gainer, loser, earliest, latest, best, precision, flags, expression,
  then outlet, evidence, url, published for each source]``; kind and precision index ``kinds``
  and ``precisions``, text fields index ``strings`` (loser -1 = unknown). In the timeline map an
  evidence text longer than ``EVIDENCE_LIMIT`` is cut at a word and ends with "…" (the full text
  stays in events.csv and in snapshot popups).

Text is never HTML here: the page writes it with ``textContent``, and the blobs are embedded with
``<``, ``>`` and ``&`` as JSON escapes so no article text can close its ``<script>``. The page holds
two blobs (``script_blobs``): the payload without ``strings``, then ``strings`` alone, which is most
of the bytes and only needed by popups, so the map can be drawn before it is read. A blob larger
than ``COMPRESS_ABOVE`` bytes is embedded deflated (zlib) and base64-encoded instead, which the page
inflates with the browser's ``DecompressionStream``.
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
from frontlines.schema import AREA_KINDS
from frontlines.timeline import CHANGE_KINDS, VAGUE_DAYS, Timeline, event_date

Lines = Mapping[str, BaseGeometry] | None
CERTAINTIES = ("reported", "inferred", "changing", "contested", "claimed")
_CERTAINTY_INDEX = {c: i for i, c in enumerate(CERTAINTIES)}
RECENT_DAYS = 7
#: Numbers per interval in ``places[i][7]``.
INTERVAL_FIELDS = 7
#: Evidence longer than this is shortened in the timeline map (popups only show a quote).
EVIDENCE_LIMIT = 240
#: JSON blobs larger than this (bytes) are embedded deflated and base64-encoded.
COMPRESS_ABOVE = 2_000_000
#: zlib level for large blobs: 5 is within 4% of 9 in size at a sixth of the time (100k events).
ZLIB_LEVEL = 5
_KINDS = {"highway": "h", "junction": "j"}
#: Area outlines are simplified to this tolerance (degrees, about 20 m) before their vertices are
#: rounded like points: a city neighbourhood keeps its shape in a few dozen vertices.
AREA_TOLERANCE_DEG = 0.0002


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


def _area(place: Place) -> list[list[list[float]]] | None:
    """An area's outline (see the module doc), simplified to ``AREA_TOLERANCE_DEG``; None unless the
    place is of an area kind with a polygon."""
    if place.kind not in AREA_KINDS or not place.geometry_wkt:
        return None
    geom = shapely.from_wkt(place.geometry_wkt).simplify(AREA_TOLERANCE_DEG, preserve_topology=True)
    rings: list[list[list[float]]] = []
    for part in shapely.get_parts(geom):
        if part.geom_type != "Polygon" or part.is_empty:
            continue
        for ring in (part.exterior, *part.interiors):
            coords: list[list[float]] = []
            for x, y in ring.coords[:-1]:  # the closing vertex repeats the first
                pair = [_round(y), _round(x)]
                if not coords or coords[-1] != pair:
                    coords.append(pair)
            if len(coords) >= 3:
                rings.append(coords)
    return rings or None


def drawable(place: Place, lines: Lines = None) -> bool:
    """True when the place has a point, (highway) line or area to draw, inside the mapped region."""
    if place.outside:
        return False
    return (
        _line(place, lines) is not None
        or (place.lat is not None and place.lon is not None)
        or _area(place) is not None
    )


class _Index(dict[Any, int]):
    """Position of each key in first-seen order, assigned on first lookup (``index[key]``)."""

    def __missing__(self, key: Any) -> int:
        index: int = len(self)
        self[key] = index
        return index


class _Controllers(dict[str, int]):
    """Index of each controller key in ``rows`` (``[key, label, colour]``): the known sides first,
    others added on first use; an empty key means unknown."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        for key, s in controller_styles().items():
            self[key] = len(self.rows)
            self.rows.append([s.controller, s.label, s.colour])

    def __missing__(self, key: str) -> int:
        real = key or UNKNOWN
        if real in self:
            index = self[real]
        else:
            style = style_of(real)
            index = self[real] = len(self.rows)
            self.rows.append([real, style.label, style.colour])
        self[key] = index
        return index


class _Builder:
    """Tables shared by a payload (controllers, strings, kinds, precisions) and its event rows."""

    def __init__(self, base: date, evidence_limit: int | None = None):
        self.base = base.toordinal()
        self.evidence_limit = evidence_limit
        self.ctrl = _Controllers()
        self.strings = _Index()
        self.kinds = _Index()
        self.precisions = _Index()

    def day(self, d: date | None) -> int | None:
        return None if d is None else d.toordinal() - self.base

    def events(self, history: list[Event], rows: list[list[Any]]) -> None:
        """Append the rows of ``history`` (see the module doc) to ``rows``."""
        base, ctrl, text, limit = self.base, self.ctrl, self.strings, self.evidence_limit
        kinds, precisions = self.kinds, self.precisions
        for e in history:
            d = e.dates
            lo, hi, best = d.earliest, d.latest, d.best
            row: list[Any] = [
                kinds[e.kind], ctrl[e.gainer], ctrl[e.loser] if e.loser else -1,
                None if lo is None else lo.toordinal() - base, None if hi is None else hi.toordinal() - base,
                None if best is None else best.toordinal() - base, precisions[d.precision],
                text[", ".join(e.flags)], text[d.expression],
            ]  # fmt: skip
            for s in e.sources:
                url = s.url if s.url[:8].lower().startswith(("http://", "https://")) else ""
                evidence = s.evidence
                if limit and len(evidence) > limit:
                    evidence = shorten(evidence, limit)
                published = None if s.published is None else s.published.toordinal() - base
                row += [text[s.outlet], text[evidence], text[url], published]
            rows.append(row)


def build_payload(
    timeline: Timeline,
    *,
    first: date,
    last: date,
    snapshot: bool,
    lines: Lines = None,
    opening: date | None = None,
) -> dict[str, Any]:
    """The data of a map showing ``first``..``last`` (one day for a snapshot), opening on ``opening``
    (default ``last``).

    ``lines`` gives highways (by place id) a route when their ``geometry_wkt`` is empty.
    """
    b = _Builder(first, None if snapshot else EVIDENCE_LIMIT)
    base, ctrl, certainty = b.base, b.ctrl, _CERTAINTY_INDEX
    places: list[list[Any]] = []
    events: list[list[Any]] = []
    unmapped = 0
    for place in timeline.places:
        line = None if place.outside else _line(place, lines)
        area = None if place.outside else _area(place)
        if place.outside or (line is None and area is None and (place.lat is None or place.lon is None)):
            unmapped += 1
            continue
        history = timeline.history(place.id)
        intervals: list[Any] = []
        if snapshot:
            history = [e for e in history if (e.dates.earliest or event_date(e) or date.min) <= last]
            state = timeline.state_of(place.id, first)
            if state:
                intervals += (None, None, ctrl[state.controller], certainty[state.certainty],
                              ctrl[state.other] if state.other else -1, b.day(state.since),
                              b.day(state.since_latest))  # fmt: skip
        else:
            for s in timeline.day_spans(place.id):
                start, end, since, late = s.start, s.end, s.since, s.since_latest
                intervals += (
                    None if start is None else start - base, None if end is None else end - base,
                    ctrl[s.controller], certainty[s.certainty], ctrl[s.other] if s.other else -1,
                    None if since is None else since.toordinal() - base,
                    None if late is None else late.toordinal() - base,
                )  # fmt: skip
        event_indexes = [len(events), len(history)]
        b.events(history, events)
        admin = " · ".join(dict.fromkeys(a for a in (place.admin3, place.admin2, place.admin1) if a))
        lat = _round(place.lat) if place.lat is not None else None
        lon = _round(place.lon) if place.lon is not None else None
        if area is not None and (lat is None or lon is None):
            inside = shapely.from_wkt(place.geometry_wkt).representative_point()
            lat, lon = _round(inside.y), _round(inside.x)
        row = [
            place.id, place.name, place.name_ar, lat, lon, "a" if area else _KINDS.get(place.kind, "p"),
            line or 0, intervals, event_indexes, admin,
        ]  # fmt: skip
        places.append(row + [area] if area else row)
    return {
        "v": 1,
        "snapshot": snapshot,
        "base": first.isoformat(),
        "days": [0, last.toordinal() - first.toordinal()],
        "open": (opening or last).toordinal() - first.toordinal(),
        "recent_days": RECENT_DAYS,
        "vague_days": VAGUE_DAYS,
        "change_kinds": sorted(CHANGE_KINDS),
        "controllers": ctrl.rows,
        "unknown": ctrl[UNKNOWN],
        "certainties": list(CERTAINTIES),
        "strings": list(b.strings),
        "places": places,
        "events": events,
        "kinds": list(b.kinds),
        "precisions": list(b.precisions),
        "unmapped": unmapped,
    }


def to_script_json(payload: Any) -> str:
    """Compact, key-sorted JSON safe inside ``<script type="application/json">``."""
    text = json.dumps(
        payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True, check_circular=False
    )
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _blob(text: str, compress: bool) -> tuple[str, str]:
    if not compress:
        return "application/json", text
    raw = zlib.compress(text.encode("utf-8"), ZLIB_LEVEL)
    return "application/x-frontlines-deflate", base64.b64encode(raw).decode("ascii")


def script_blobs(payload: dict[str, Any]) -> tuple[tuple[str, str], tuple[str, str]]:
    """(script type, text) of the page's two blobs: the payload without ``strings``, and ``strings``.

    Each is JSON (see ``to_script_json``) or, when the two together are larger than ``COMPRESS_ABOVE``
    bytes, deflated (zlib, ``ZLIB_LEVEL``) and base64-encoded. Both forms are deterministic and contain
    no ``<``, ``>`` or ``&``.
    """
    main = to_script_json({k: v for k, v in payload.items() if k != "strings"})
    strings = to_script_json(payload["strings"])
    compress = len(main.encode("utf-8")) + len(strings.encode("utf-8")) > COMPRESS_ABOVE
    return _blob(main, compress), _blob(strings, compress)
