"""ACLED's column layout, out and in.

Out: a capture or recapture is a ``Battles`` event, "Government regains territory" or "Non-state
actor overtakes territory" by the gainer's row in the sides table; a withdrawal is "Strategic
developments / Non-violent transfer of territory"; any other kind (an observation) is "Strategic
developments / Other". What ACLED has no column for (the kind, the place id, the date range and its
precision, the flags) goes into ``tags`` as ``frontlines NAME=VALUE``, so a file written here reads
back as the same events.

In: the two territory sub-event types and the non-violent transfer become events; every other row is
skipped and counted by type. Sides come from actor names through the sides table
(``data/acled_actors.csv``; the ``FRONTLINES_ACLED_ACTORS`` environment variable names a file of
your own). Places are the gazetteer's when the location resolves to a place within 5 km of the row's
coordinates, else a place of their own at those coordinates.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
import warnings
from calendar import monthrange
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import cast

from frontlines.atomic import atomic_open
from frontlines.errors import ExtractionError, FrontlinesError, FrontlinesWarning
from frontlines.events.export import _cell, _sorted, csv_safe, geo_precision, time_precision
from frontlines.gazetteer import Resolver
from frontlines.models import (
    LINE_KINDS,
    DateRange,
    Event,
    EventKind,
    EventSource,
    Place,
    Precision,
    distance_km,
)
from frontlines.schema import PRECISIONS

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
#: The column that tells an ACLED table from extract's.
ACLED_MARKER = "event_id_cnty"
COUNTRY = {"iso": "760", "region": "Middle East", "country": "Syria"}
REGAINS, OVERTAKES = "Government regains territory", "Non-state actor overtakes territory"
TRANSFER, OTHER = "Non-violent transfer of territory", "Other"
BATTLES, STRATEGIC = "Battles", "Strategic developments"
TAG = "frontlines "
#: How far (km) a row's coordinates may lie from the gazetteer place its location names.
NEAR_KM = 5.0
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%m-%Y",
    "%d/%m/%Y",
    "%B %d, %Y",
    "%d-%b-%Y",
    "%Y/%m/%d",
)


@dataclass(frozen=True, slots=True)
class AcledActor:
    """One row of the sides table: an ACLED actor name, its ACLED type, and the side it is."""

    side: str
    actor: str
    inter: str
    regains: bool  # True when its gains are "Government regains territory"


@dataclass(frozen=True)
class SidesTable:
    """The sides table: the first row of a side names it on the way out; every row reads back."""

    rows: tuple[AcledActor, ...]

    def actor(self, side: str) -> AcledActor:
        """The actor written for a side (a side missing from the table is written under its own name)."""
        found = next((r for r in self.rows if r.side == side), None)
        if found is None:
            found = (
                next((r for r in self.rows if r.side == "unknown"), None) if side in ("", "unknown") else None
            )
        return found or AcledActor(side, side, "", False)

    def side(self, actor: str) -> str | None:
        """The side an ACLED actor name is (case-insensitive), None when the table lacks it."""
        key = actor.strip().casefold()
        for row in self.rows:
            if row.actor.casefold() == key or row.side.casefold() == key:
                return row.side
        return None

    def regains(self, side: str) -> bool:
        """True when a side's gains are coded as the government regaining territory."""
        return self.actor(side).regains


def load_sides(path: Path | str | None = None) -> SidesTable:
    """The sides table: ``path``, else ``$FRONTLINES_ACLED_ACTORS``, else the one shipped in ``data/``."""
    chosen = path or os.environ.get("FRONTLINES_ACLED_ACTORS") or None
    name = str(chosen) if chosen else "acled_actors.csv"
    try:
        text = (Path(chosen).read_text(encoding="utf-8-sig") if chosen
                else (resources.files("frontlines") / "data" / "acled_actors.csv").read_text(encoding="utf-8"))  # fmt: skip
    except (OSError, UnicodeDecodeError) as exc:
        raise ExtractionError(f"cannot read the ACLED sides table: {exc}", path=name) from None
    rows = []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        side, actor, inter, territory = (
            (row.get(k) or "").strip() for k in ("side", "actor", "inter", "territory")
        )  # fmt: skip
        if not side or not actor or territory not in ("regains", "overtakes"):
            raise ExtractionError(
                "expected side,actor,inter,territory (territory: regains or overtakes)", name, line
            )
        rows.append(AcledActor(side, actor, inter, territory == "regains"))
    return SidesTable(tuple(rows))


# -- out -----------------------------------------------------------------------------------------


def acled_type(event: Event, sides: SidesTable) -> tuple[str, str, str]:
    """(disorder_type, event_type, sub_event_type) of an event."""
    if event.kind in ("capture", "recapture"):
        return "Political violence", BATTLES, REGAINS if sides.regains(event.gainer) else OVERTAKES
    if event.kind == "withdrawal":
        return STRATEGIC, STRATEGIC, TRANSFER
    return STRATEGIC, STRATEGIC, OTHER


def _point(event: Event) -> tuple[float | None, float | None]:
    place = event.place
    if place.lat is not None and place.lon is not None:
        return place.lat, place.lon
    geometry = event.place.shape()
    if geometry is None:
        return None, None
    point = (
        geometry.interpolate(0.5, normalized=True)
        if place.kind in LINE_KINDS
        else geometry.representative_point()
    )
    return point.y, point.x


def acled_record(event: Event, sides: SidesTable) -> dict[str, str] | None:
    """One event as an ACLED row, or None when it has no date or no point (ACLED needs both)."""
    d = event.dates
    day = d.best or d.latest or d.earliest
    lat, lon = _point(event)
    if day is None or lat is None:
        return None
    disorder, event_type, sub_type = acled_type(event, sides)
    one, two = sides.actor(event.gainer), sides.actor(event.loser) if event.loser else None
    outlets = list(dict.fromkeys(s.outlet or s.article_id for s in event.sources))
    tags = {
        "kind": event.kind, "place": event.place.id,
        "dates": f"{_iso(d.earliest)}/{_iso(d.latest)}", "precision": d.precision, "flags": ",".join(event.flags),
    }  # fmt: skip
    record = {
        "event_id_cnty": event.id, "event_date": day.isoformat(), "year": str(day.year),
        "time_precision": _cell(time_precision(d)), "disorder_type": disorder, "event_type": event_type,
        "sub_event_type": sub_type, "actor1": one.actor, "assoc_actor_1": "", "inter1": one.inter,
        "actor2": two.actor if two else "", "assoc_actor_2": "", "inter2": two.inter if two else "",
        "interaction": f"{one.inter}-{two.inter}" if two else f"{one.inter} only", "civilian_targeting": "",
        **COUNTRY, "admin1": event.place.admin1, "admin2": event.place.admin2, "admin3": event.place.admin3,
        "location": event.place.name, "latitude": _cell(lat), "longitude": _cell(lon),
        "geo_precision": str(geo_precision(event.place)), "source": "; ".join(outlets),
        "source_scale": "", "notes": " | ".join(s.evidence for s in event.sources), "fatalities": "",
        "tags": "; ".join(f"{TAG}{k}={v}" for k, v in tags.items() if v), "timestamp": "",
    }  # fmt: skip
    return record


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def write_acled(events: Iterable[Event], target: Path, sides: SidesTable | None = None) -> int:
    """Write events in ACLED's columns; return how many were left out for having no date or point."""
    table = sides or load_sides()
    left_out = 0
    with atomic_open(target, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ACLED_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in _sorted(events):
            record = acled_record(event, table)
            if record is None:
                left_out += 1
            else:
                writer.writerow({k: csv_safe(v) for k, v in record.items()})
    return left_out


# -- in ------------------------------------------------------------------------------------------


def parse_table_date(text: str) -> date | None:
    """A date as spreadsheets and ACLED exports write it (2025-05-16, 16 May 2025, 16-05-2025, ...)."""
    value = re.sub(r"[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$", "", text.strip())
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def _tags(text: str) -> dict[str, str]:
    found = {}
    for part in text.split(";"):
        part = part.strip()
        if part.startswith(TAG) and "=" in part:
            key, _, value = part[len(TAG) :].partition("=")
            found[key.strip()] = value.strip()
    return found


def _acled_dates(day: date, precision_code: str, tags: dict[str, str], path: str, line: int) -> DateRange:
    if "dates" in tags:
        lo, _, hi = tags["dates"].partition("/")
        earliest, latest = parse_table_date(lo) if lo else None, parse_table_date(hi) if hi else None
        precision = tags.get("precision", "day")
        if precision not in PRECISIONS:
            raise ExtractionError(
                f"tag precision must be one of {', '.join(PRECISIONS)}, not {precision!r}", path, line
            )
        return DateRange(earliest, latest, day, cast(Precision, precision))
    if precision_code in ("", "1"):
        return DateRange(day, day, day, "day")
    if precision_code == "2":  # the week around the coded day
        return DateRange(day - timedelta(days=3), day + timedelta(days=3), day, "week")
    if precision_code == "3":  # the month of the coded day
        last = monthrange(day.year, day.month)[1]
        return DateRange(day.replace(day=1), day.replace(day=last), day, "month")
    raise ExtractionError(f"time_precision must be 1, 2 or 3, not {precision_code!r}", path, line)


def _distance_km(place: Place, lat: float, lon: float) -> float:
    if place.lat is not None and place.lon is not None:
        return distance_km(place.lat, place.lon, lat, lon)
    if place.geometry_wkt:
        import shapely
        from shapely.geometry import Point

        return float(shapely.from_wkt(place.geometry_wkt).distance(Point(lon, lat))) * 111.0
    return math.inf


def _acled_place(
    row: dict[str, str], tags: dict[str, str], resolver: Resolver, path: str, line: int
) -> Place:
    name = row.get("location", "").strip()
    try:
        lat, lon = float(row.get("latitude", "")), float(row.get("longitude", ""))
    except ValueError:
        raise ExtractionError(f"no coordinates for {name!r}", path, line) from None
    known = resolver.gazetteer.places.get(tags.get("place", ""))
    candidates = [known] if known else [c.place for c in resolver.resolve_name(name)] if name else []
    near = sorted(
        ((_distance_km(p, lat, lon), p.id, p) for p in candidates if not p.outside), key=lambda t: t[:2]
    )
    if near and near[0][0] <= NEAR_KM:
        return near[0][2]
    approximate = row.get("geo_precision", "1").strip() not in ("", "1")
    return Place(f"acled:{name}@{lat:.4f},{lon:.4f}", name or f"{lat:.4f}, {lon:.4f}", "populated_place", lat, lon,
                 admin1=row.get("admin1", ""), admin2=row.get("admin2", ""), admin3=row.get("admin3", ""),
                 approximate=approximate)  # fmt: skip


def read_acled(
    rows: Iterable[dict[str, str]],
    path: str,
    resolver: Callable[[], Resolver],
    events: list[Event],
    problems: list[FrontlinesError],
    skipped: Counter[str],
    sides: SidesTable | None = None,
) -> None:
    """Read an ACLED table's territory changes into ``events``; count the other rows in ``skipped``."""
    table = sides or load_sides()
    unmapped: Counter[str] = Counter()
    for line, raw in enumerate(rows, start=2):
        row = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        sub_type, tags = row.get("sub_event_type", ""), _tags(row.get("tags", ""))
        kind = tags.get("kind") or {REGAINS: "capture", OVERTAKES: "capture", TRANSFER: "withdrawal"}.get(
            sub_type
        )
        if kind is None:
            skipped[f"{row.get('event_type', '')} / {sub_type}"] += 1
            continue
        try:
            events.append(_acled_event(row, kind, tags, table, unmapped, resolver, path, line))
        except FrontlinesError as exc:
            problems.append(exc)
    if unmapped:
        names = ", ".join(f"{a!r}" for a in sorted(unmapped))
        warnings.warn(FrontlinesWarning(f"{path}: ACLED actors not in the sides table are drawn as unknown: {names} "
                                        "(add them to a copy of acled_actors.csv named by FRONTLINES_ACLED_ACTORS)"),
                      stacklevel=2)  # fmt: skip


def _acled_event(
    row: dict[str, str], kind: str, tags: dict[str, str], table: SidesTable, unmapped: Counter[str],
    resolver: Callable[[], Resolver], path: str, line: int,
) -> Event:  # fmt: skip
    day = parse_table_date(row.get("event_date", ""))
    if day is None:
        raise ExtractionError(f"event_date is not a date: {row.get('event_date', '')!r}", path, line)
    one, two = row.get("actor1", ""), row.get("actor2", "")

    def side(actor: str) -> str:
        found = table.side(actor) if actor else ""
        if found is None:
            unmapped[actor] += 1
        return found or ("unknown" if actor else "")

    gainer, loser = side(one), side(two)
    sub_type = row.get("sub_event_type", "")
    # actor1 and actor2 carry no direction: the sub-event type says who gained.
    state_lost = sub_type == REGAINS and table.regains(loser) and not table.regains(gainer)
    state_won = sub_type == OVERTAKES and table.regains(gainer) and not table.regains(loser)
    if loser and (state_lost or state_won):
        gainer, loser = loser, gainer
    if not gainer:
        raise ExtractionError("actor1 is empty", path, line)
    dates = _acled_dates(day, row.get("time_precision", ""), tags, path, line)
    event_id = row.get("event_id_cnty") or f"acled:{Path(path).name}:{line}"
    source = EventSource(event_id, row.get("source", ""), row.get("notes", ""), dates=dates)
    flags = tuple(f for f in tags.get("flags", "").split(",") if f)
    place = _acled_place(row, tags, resolver(), path, line)
    return Event(event_id, place, gainer, loser, cast(EventKind, kind), dates, (source,), flags)
