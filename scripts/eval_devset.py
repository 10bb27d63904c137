"""Score event extraction on ``../shared/devset`` (evidence sentences); ``scripts/eval.py`` runs it.

Follows the devset README: one document per annotated article made of its evidence sentences in
file order, dated by the manifest; mentions, extraction and merging run as in the pipeline. An event
matches a gold row when the place ids agree (the gold ``place`` resolved by the gazetteer), the
gainer agrees, the loser agrees where the row's is known, and the date ranges overlap. Prints
precision/recall/F1 for changes (micro over the merged events; macro over articles, an event counting
for each article among its sources) and observations, date accuracy (best within one day), recall
with and without the anaphoric rows and the rows out of reach.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from eval_common import ArticleScore, SetScore, best_within_a_day, describe, short_id

from frontlines.corpus import split_sentences
from frontlines.events import extract_events, highway_routes, merge_events
from frontlines.gazetteer import Resolver
from frontlines.mentions import find_mentions
from frontlines.models import Article, DateRange, Event
from frontlines.schema import CHANGE_KINDS

ANAPHORIC = ("the ", "The ")  # gold rows whose place is a noun phrase ("the camp")


@dataclass(frozen=True)
class Gold:
    article: str
    place: str
    place_ids: frozenset[str]
    gainer: str
    loser: str
    kind: str
    dates: DateRange
    evidence: str

    @property
    def anaphoric(self) -> bool:
        return self.place.startswith(ANAPHORIC) and self.place.split()[1][:1].islower()

    @property
    def observation(self) -> bool:
        return self.kind == "observation"


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def load_gold(devset: Path, resolver: Resolver) -> list[Gold]:
    rows = []
    with (devset / "gold_events.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            candidates = resolver.resolve_name(row["place"])
            if not candidates and row["place"].startswith(ANAPHORIC):
                candidates = resolver.resolve_name(row["place_canonical"])  # "the town": its referent
            rows.append(Gold(
                row["article_file"], row["place"], frozenset(c.place.id for c in candidates), row["gainer"],
                row["loser"] or "", row["kind"],
                DateRange(_day(row["date_earliest"]), _day(row["date_latest"]), _day(row["event_date"])),
                row["evidence"],
            ))  # fmt: skip
    return rows


def build_articles(devset: Path, gold: list[Gold]) -> list[Article]:
    """One article per annotated file: its distinct evidence sentences in gold-file order."""
    published: dict[str, date | None] = {}
    outlets: dict[str, str] = {}
    with (devset / "manifest.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            published[row["file"]] = (
                None if row["published"] in ("", "unknown") else date.fromisoformat(row["published"])
            )
            outlets[row["file"]] = row["outlet"]
    articles = []
    for name in sorted({g.article for g in gold}):
        evidence = list(dict.fromkeys(g.evidence for g in gold if g.article == name))
        text = "\n\n".join(evidence)
        articles.append(Article(
            id=name, path=name, text=text, outlet=outlets.get(name, ""), published=published.get(name),
            sentences=split_sentences(text),
        ))  # fmt: skip
    return articles


def matches(event: Event, row: Gold) -> bool:
    if event.place.id not in row.place_ids or event.gainer != row.gainer:
        return False
    if (event.kind == "observation") != row.observation:
        return False
    if not row.observation and row.loser not in ("", "unknown") and event.loser != row.loser:
        return False
    return event.dates.overlaps(row.dates)


def _prf(predicted: list[Event], rows: list[Gold]) -> tuple[float, float, float, int, int]:
    correct = sum(any(matches(e, r) for r in rows) for e in predicted)
    found = sum(any(matches(e, r) for e in predicted) for r in rows)
    precision = correct / len(predicted) if predicted else 1.0
    recall = found / len(rows) if rows else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, correct, found


def score(devset: Path, resolver: Resolver) -> SetScore:
    """The devset README's method: sentence documents, events merged over the set, any-match."""
    routes = highway_routes(resolver.gazetteer.places.values())
    gold = load_gold(devset, resolver)
    reports: list[Event] = []
    articles = build_articles(devset, gold)
    for article in articles:
        reports += extract_events(article, find_mentions(article, resolver), highways=routes)
    events = merge_events(reports)
    result = SetScore("devset (evidence sentences)")
    changes = [g for g in gold if not g.observation]
    change_events = [e for e in events if e.kind in CHANGE_KINDS]  # background-flagged history included
    negatives = _negatives(devset)
    for name in sorted({a.id for a in articles} | negatives):
        rows = [g for g in changes if g.article == name]
        mine = [e for e in change_events if any(s.article_id == name for s in e.sources)]
        result.articles.append(ArticleScore(
            name, len(rows), sum(any(matches(e, r) for e in mine) for r in rows),
            len(mine), sum(any(matches(e, r) for r in rows) for e in mine),
        ))  # fmt: skip
    # Micro figures over the merged events, as before: one event counts once whatever its sources.
    result.totals = ArticleScore(
        "all",
        len(changes),
        sum(any(matches(e, r) for e in change_events) for r in changes),
        len(change_events),
        sum(any(matches(e, r) for r in changes) for e in change_events),
    )
    result.negative_articles = len(negatives)
    result.negative_events = sum(
        1 for e in change_events if any(s.article_id in negatives for s in e.sources)
    )
    for row in changes:
        hits = [e for e in change_events if matches(e, row)]
        if hits and row.dates.best:
            result.dated += 1
            result.dated_ok += any(best_within_a_day(e, row.dates.best) for e in hits)
    obs_rows = [g for g in gold if g.observation]
    obs_events = [e for e in events if e.kind == "observation"]
    p, r, f, correct, found = _prf(obs_events, obs_rows)
    result.notes.append(
        f"observations: P {p:.2f} ({correct}/{len(obs_events)})  R {r:.2f} ({found}/{len(obs_rows)})  F1 {f:.2f}"
    )
    plain = [g for g in changes if not g.anaphoric]
    _, r_plain, _, _, found_plain = _prf(change_events, plain)
    reachable = [g for g in changes if g.place_ids]
    _, r_reach, _, _, found_reach = _prf(change_events, reachable)
    result.notes.append(f"recall without the {len(changes) - len(plain)} anaphoric rows {r_plain:.2f} ({found_plain}/{len(plain)}); "
                        f"over the {len(reachable)} rows whose place the gazetteer knows {r_reach:.2f} ({found_reach})")  # fmt: skip
    for row in gold:
        if not any(matches(e, row) for e in events):
            why = " [place not in gazetteer]" if not row.place_ids else ""
            result.misses.append(f"{short_id(row.article)} {row.place!r} {row.loser or '-'}->{row.gainer} {row.kind} "
                                 f"{row.dates.earliest}..{row.dates.latest} best {row.dates.best}{why}")  # fmt: skip
    for event in events:
        if not any(matches(event, g) for g in gold):
            result.false_positives.append(
                f"{'/'.join(short_id(s.article_id) for s in event.sources)} {describe(event)}"
            )
    return result


def _negatives(devset: Path) -> set[str]:
    with (devset / "manifest.csv").open(encoding="utf-8") as handle:
        return {row["file"] for row in csv.DictReader(handle) if row.get("type") == "negative"}
