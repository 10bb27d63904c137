"""Score event extraction on ``../shared/devset2`` (whole articles, many outlets, 2012–2019).

As its README says: each article is fed with its four header lines stripped and ``published`` from
the manifest (``unknown`` stays empty, so the extractor may look for a date in the text, as it does
on any corpus). An event matches a gold change (capture, recapture, withdrawal) of the same article
when

- its place lies within the gold place's ``tolerance_km`` of the gold coordinate; a gold place with
  no coordinate matches by name: the event's place id is the gold P-code, or one of the gazetteer's
  candidates for the row's ``place`` or the place's ``spellings_seen``;
- the gainer agrees (gold ``unknown`` accepts any); ``opposition`` and ``hts`` count as one side when
  the article never names HTS or Nusra; ``turkey`` and ``opposition`` count as one side when the
  evidence names Turkish forces and Syrian factions together (Operation Olive Branch);
- the loser agrees where the gold knows it (same equivalences);
- the date ranges overlap with a day of slack on each side.

Matching is one to one (a second event for one change is a false positive). Predictions that match a
``claimed`` row (place and gainer) or a ``background`` row (place, gainer, dates) are neither
rewarded nor counted; ``attempt_not_change`` rows must not be extracted: an event matching one by
place is a false positive and is counted apart. Observations are not scored here (the set has none).
"""

from __future__ import annotations

import csv
import math
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eval_common import (
    ArticleScore,
    SetScore,
    best_within_a_day,
    dates_agree,
    describe,
    match_one_to_one,
    short_id,
)

from frontlines.corpus import read_article
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import DateRange, Event, Mention, Place
from frontlines.pipeline import extract
from frontlines.schema import CHANGE_KINDS

CHANGES = frozenset({"capture", "recapture", "withdrawal"})
HEADER_LINES = 4
_HTS_RE = re.compile(r"(?i)\b(?:nusra|hay.at tahrir|tahrir al-?sham|\bHTS\b|fat[he]h al-?sham|jfs)")
_TURKEY_RE = re.compile(r"(?i)\bturk")
_FACTIONS_RE = re.compile(r"(?i)free syrian army|\bFSA\b|rebels|factions")


@dataclass(frozen=True)
class GoldPlace:
    canonical: str
    lat: float | None
    lon: float | None
    tolerance_km: float
    ids: frozenset[str]  # the P-code and the gazetteer's candidates for its spellings


@dataclass(frozen=True)
class GoldRow:
    article: str
    place: str
    where: GoldPlace
    gainer: str
    loser: str
    kind: str
    dates: DateRange
    evidence: str


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def load_places(
    devset: Path, resolver: Resolver, gold_spellings: dict[str, set[str]]
) -> dict[str, GoldPlace]:
    places = {}
    with (devset / "gold_places.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            name = row["place_canonical"]
            spellings = {s for s in row["spellings_seen"].split(";") if s} | gold_spellings.get(name, set())
            ids = {row["pcode"]} if row["pcode"] else set()
            if not row["lat"]:
                for spelling in spellings:
                    ids |= {c.place.id for c in resolver.resolve_name(" ".join(spelling.split()))}
            places[name] = GoldPlace(
                name, float(row["lat"]) if row["lat"] else None, float(row["lon"]) if row["lon"] else None,
                float(row["tolerance_km"] or 0), frozenset(ids),
            )  # fmt: skip
    return places


def load_gold(devset: Path, resolver: Resolver) -> list[GoldRow]:
    with (devset / "gold_events.csv").open(encoding="utf-8") as handle:
        raw = list(csv.DictReader(handle))
    spellings: dict[str, set[str]] = {}
    for row in raw:
        spellings.setdefault(row["place_canonical"], set()).add(row["place"])
    places = load_places(devset, resolver, spellings)
    return [
        GoldRow(
            row["article_file"],
            row["place"],
            places[row["place_canonical"]],
            row["gainer"],
            row["loser"],
            row["kind"],
            DateRange(_day(row["date_earliest"]), _day(row["date_latest"]), _day(row["event_date"])),
            row["evidence"],
        )
        for row in raw
    ]


def same_place(event: Event, where: GoldPlace) -> bool:
    return same_place_id(event.place, where)


def same_side(predicted: str, gold: str, text: str, evidence: str) -> bool:
    if gold in ("", "unknown") or predicted == gold:
        return True
    pair = {predicted, gold}
    if pair == {"opposition", "hts"}:
        return not _HTS_RE.search(text)
    if pair == {"opposition", "turkey"}:
        return bool(_TURKEY_RE.search(evidence) and _FACTIONS_RE.search(evidence))
    return False


def _miss_class(
    row: GoldRow, near: list[Event], mentions: list[Mention], text: str, unreachable: bool
) -> str:
    """Why a gold change was missed: the first layer that lost it (gazetteer, mentions, events)."""
    if unreachable:
        return "place not in gazetteer"
    if near:
        e = near[0]
        if not same_side(e.gainer, row.gainer, text, row.evidence):
            return "events: wrong gainer"
        if not same_side(e.loser, row.loser, text, row.evidence):
            return "events: loser unknown" if e.loser in ("", "unknown") else "events: wrong loser"
        return "events: dates disagree"
    if any(m.place is not None and same_place_id(m.place, row.where) for m in mentions):
        return "events: no event at a resolved place"
    words = {w.lower() for w in row.place.split() if len(w) > 3}
    named = [m for m in mentions if words & {w.lower() for w in m.surface.split()}]
    if not named:
        return "mentions: place not found in text"
    if any(m.status == "ambiguous" for m in named):
        return "mentions: ambiguous"
    if all(m.status == "unresolved" for m in named):
        return "mentions: unresolved"
    return "mentions: wrong place"


def same_place_id(place: Place, where: GoldPlace) -> bool:
    if place.id in where.ids:
        return True
    if where.lat is None or where.lon is None or place.lat is None or place.lon is None:
        return False
    return haversine_km(place.lat, place.lon, where.lat, where.lon) <= where.tolerance_km


def _change(event: Event) -> bool:
    return event.kind in CHANGE_KINDS  # background-flagged history included: gold background rows excuse it


@dataclass(frozen=True)
class Document:
    """One article to score: its name, role (``negative`` reports no change), metadata and text."""

    name: str
    role: str
    published: str  # YYYY-MM-DD, or "" when unknown
    outlet: str
    url: str
    text: str


def score(devset: Path, resolver: Resolver) -> SetScore:
    gold = load_gold(devset, resolver)
    with (devset / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = list(csv.DictReader(handle))
    documents = []
    for entry in manifest:
        lines = (
            (devset / "articles" / entry["article_file"])
            .read_text(encoding="utf-8")
            .splitlines(keepends=True)
        )
        documents.append(Document(
            entry["article_file"], entry["role"], "" if entry["published"] == "unknown" else entry["published"],
            entry["outlet"], entry["url"], "".join(lines[HEADER_LINES:]),
        ))  # fmt: skip
    return score_documents("devset2 (whole articles)", documents, gold, resolver)


def score_documents(
    title: str, documents: list[Document], gold: list[GoldRow], resolver: Resolver
) -> SetScore:
    """Extract each document on its own, as the CLI would, and score it against its gold rows."""
    result = SetScore(title)
    unlocated = {g.where.canonical for g in gold if g.where.lat is None}
    unreachable = {g.where.canonical for g in gold if g.where.lat is None and not g.where.ids}
    attempts_extracted = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for doc in documents:
            name, text = doc.name, doc.text
            path = folder / (name if name.endswith(".txt") else name + ".txt")
            path.write_text(text, encoding="utf-8")
            with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow(["file", "outlet", "headline", "published", "url"])
                writer.writerow([path.name, doc.outlet, "", doc.published, doc.url])
            events = [e for e in extract(path, resolver=resolver).events if _change(e)]
            mentions = find_mentions(
                read_article(path, doc.outlet, "", _day(doc.published), doc.url), resolver
            )
            path.unlink()
            rows = [g for g in gold if g.article == name]
            required = [g for g in rows if g.kind in CHANGES]

            def agree(event: Event, row: GoldRow, text: str = text) -> bool:
                return (same_place(event, row.where) and same_side(event.gainer, row.gainer, text, row.evidence)
                        and same_side(event.loser, row.loser, text, row.evidence)
                        and dates_agree(event.dates, row.dates))  # fmt: skip

            pairs = match_one_to_one(events, required, agree)
            counted = []
            for i, event in enumerate(events):
                if i in pairs:
                    counted.append(event)
                    continue
                excused = [g for g in rows if (g.kind == "claimed" and same_place(event, g.where)
                           and same_side(event.gainer, g.gainer, text, g.evidence))
                           or (g.kind == "background" and agree(event, g))]  # fmt: skip
                if excused:
                    result.ignored += 1
                    continue
                counted.append(event)
                attempt = any(g.kind == "attempt_not_change" and same_place(event, g.where) for g in rows)
                attempts_extracted += attempt
                why = "attempt, not a change" if attempt else "no gold change"
                if any(agree(event, g) for g in required):
                    why = "duplicate of a matched change"
                elif not attempt and any(same_place(event, g.where) for g in rows):
                    why = "gold place, other sides or dates"
                result.false_positive_classes[why] += 1
                result.false_positives.append(f"{short_id(name)} {describe(event)}  <{why}>")
            if doc.role == "negative":
                result.negative_articles += 1
                result.negative_events += len(counted)
            result.articles.append(ArticleScore(name, len(required), len(pairs), len(counted), len(pairs)))
            result.groups[name] = doc.published[:4] or "undated"
            found = {j: events[i] for i, j in pairs.items()}
            for j, row in enumerate(required):
                if j in found:
                    if row.dates.best is not None:
                        result.dated += 1
                        result.dated_ok += best_within_a_day(found[j], row.dates.best)
                    continue
                near = [e for e in events if same_place(e, row.where)]
                hint = ("; same place: " + " | ".join(describe(e) for e in near)) if near else ""
                tag = (
                    " [gold place not located, no gazetteer id]" if row.where.canonical in unreachable else ""
                )
                result.miss_classes[_miss_class(row, near, mentions, text, tag != "")] += 1
                result.misses.append(
                    f"{short_id(name)} {row.place!r} {row.loser or '-'}->{row.gainer} {row.kind} "
                    f"{row.dates.earliest}..{row.dates.latest} best {row.dates.best}{tag}{hint}"
                )  # fmt: skip
    result.notes.append(
        f"ignored predictions (claimed/background rows): {result.ignored}; attempts extracted: {attempts_extracted}; "
        f"gold places without coordinates: {len(unlocated)} (matched by name), of which {len(unreachable)} unknown to the gazetteer"
    )  # fmt: skip
    return result
