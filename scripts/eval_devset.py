"""Score event extraction on the development set: ``python scripts/eval_devset.py DEVSET_DIR``.

Follows the devset README: one document per annotated article made of its evidence sentences in
file order, dated by the manifest; mentions, extraction and merging run as in the pipeline. An event
matches a gold row when the place ids agree (the gold ``place`` resolved by the gazetteer), the
gainer agrees, the loser agrees where the row's is known, and the date ranges overlap. Prints
precision/recall/F1 for changes and observations, date accuracy (best within one day), recall with
and without the anaphoric rows, the rows out of reach, and every miss.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from frontlines.corpus import split_sentences
from frontlines.events import extract_events, highway_routes, merge_events
from frontlines.gazetteer import Resolver, load_gazetteer
from frontlines.mentions import find_mentions
from frontlines.models import Article, DateRange, Event

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
            published[row["file"]] = None if row["published"] in ("", "unknown") else date.fromisoformat(row["published"])
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


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.splitlines()[0])
        return 2
    devset = Path(argv[0])
    resolver = Resolver(load_gazetteer())
    routes = highway_routes(resolver.gazetteer.places.values())
    gold = load_gold(devset, resolver)
    stats: Counter[str] = Counter()
    reports: list[Event] = []
    for article in build_articles(devset, gold):
        reports += extract_events(article, find_mentions(article, resolver), highways=routes, stats=stats)
    events = merge_events(reports)
    for family, is_obs in (("changes", False), ("observations", True)):
        rows = [g for g in gold if g.observation == is_obs]
        predicted = [e for e in events if (e.kind == "observation") == is_obs]
        p, r, f, correct, found = _prf(predicted, rows)
        print(f"{family:13} P={p:.2f} ({correct}/{len(predicted)})  R={r:.2f} ({found}/{len(rows)})  F1={f:.2f}")
    changes = [g for g in gold if not g.observation]
    change_events = [e for e in events if e.kind != "observation"]
    plain = [g for g in changes if not g.anaphoric]
    _, r_plain, _, _, found_plain = _prf(change_events, plain)
    print(f"change recall without the {len(changes) - len(plain)} anaphoric rows: {r_plain:.2f} ({found_plain}/{len(plain)})")
    unresolved = [g for g in gold if not g.place_ids]
    reachable = [g for g in changes if g.place_ids]
    _, r_reach, _, _, found_reach = _prf(change_events, reachable)
    print(f"out of reach (gold place not in the gazetteer): {len(unresolved)} rows; "
          f"change recall over the {len(reachable)} reachable rows: {r_reach:.2f} ({found_reach})")  # fmt: skip
    dated = [(g, e) for g in gold if g.dates.best for e in events if matches(e, g)]
    scored = {}
    for row, event in dated:
        ok = event.dates.best is not None and abs((event.dates.best - row.dates.best).days) <= 1
        scored[id(row)] = scored.get(id(row), False) or ok
    if scored:
        print(f"date accuracy (best within 1 day): {sum(scored.values()) / len(scored):.2f} ({sum(scored.values())}/{len(scored)})")
    print(f"debug: {dict(sorted(stats.items()))}")
    print("\nmissed gold rows:")
    for row in gold:
        if not any(matches(e, row) for e in events):
            why = "place not in gazetteer" if not row.place_ids else ""
            print(f"  {row.article[:3]} {row.place!r} {row.loser or '-'}->{row.gainer} {row.kind} "
                  f"{row.dates.earliest}..{row.dates.latest} {why}")  # fmt: skip
    print("\nunmatched events:")
    for event in events:
        if not any(matches(event, g) for g in gold):
            d = event.dates
            print(f"  {event.place.name!r} ({event.place.id}) {event.loser or '-'}->{event.gainer} {event.kind} "
                  f"{d.earliest}..{d.latest} [{', '.join(s.article_id[:3] for s in event.sources)}]")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
