"""Shared scoring for the development sets: one-to-one matching, micro and macro P/R/F1, one table."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from frontlines.models import DateRange, Event

G = TypeVar("G")

#: One day of slack on each side of a gold range when comparing dates.
SLACK = timedelta(days=1)


@dataclass
class ArticleScore:
    """One article's counts: gold rows to find and how many were found, predictions and how many were right."""

    article: str
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    @property
    def f1(self) -> float:
        return f1(
            self.correct / self.predicted if self.predicted else 0.0,
            self.found / self.gold if self.gold else 0.0,
        )


@dataclass
class SetScore:
    """Everything one table row needs, plus the lines ``--details`` prints."""

    name: str
    articles: list[ArticleScore] = field(default_factory=list)
    dated: int = 0  # matched rows with a gold best date
    dated_ok: int = 0  # ... whose predicted best date is within a day
    negative_events: int = 0
    negative_articles: int = 0
    ignored: int = 0  # predictions matching rows that are neither required nor wrong
    notes: list[str] = field(default_factory=list)
    totals: ArticleScore | None = None  # micro counts when events are not per article (merged across the set)
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    miss_classes: Counter[str] = field(default_factory=Counter)
    false_positive_classes: Counter[str] = field(default_factory=Counter)
    groups: dict[str, str] = field(default_factory=dict)  # article -> year of publication ("undated")

    def total(self) -> ArticleScore:
        if self.totals is not None:
            return self.totals
        return ArticleScore(
            "all",
            *(sum(getattr(a, k) for a in self.articles) for k in ("gold", "found", "predicted", "correct")),
        )

    def micro(self) -> tuple[float, float, float]:
        t = self.total()
        p = t.correct / t.predicted if t.predicted else 1.0
        r = t.found / t.gold if t.gold else 1.0
        return p, r, f1(p, r)

    def macro(self) -> tuple[float, float, float]:
        """Means over articles: P over those with predictions, R over those with gold, F1 over either."""
        ps = [a.correct / a.predicted for a in self.articles if a.predicted]
        rs = [a.found / a.gold for a in self.articles if a.gold]
        fs = [a.f1 for a in self.articles if a.gold or a.predicted]
        return _mean(ps), _mean(rs), _mean(fs)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 1.0


def dates_agree(event: DateRange, gold: DateRange) -> bool:
    """Overlap with a day of slack on each side of the gold range (an empty bound is open)."""
    widened = DateRange(
        gold.earliest - SLACK if gold.earliest else None,
        gold.latest + SLACK if gold.latest else None,
        gold.best,
    )
    return event.overlaps(widened)


def best_within_a_day(event: Event, best: date | None) -> bool:
    return best is not None and event.dates.best is not None and abs((event.dates.best - best).days) <= 1


def match_one_to_one(
    events: Sequence[Event], rows: Sequence[G], agree: Callable[[Event, G], bool]
) -> dict[int, int]:
    """A maximum one-to-one matching of events to rows (event index -> row index), by augmenting paths."""
    options = [[j for j, row in enumerate(rows) if agree(event, row)] for event in events]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in options[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(events)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def short_id(name: str) -> str:
    """An article's id for a details line: the part of its file name before the first "_" ("101" of
    "101_army-captures-x.txt"), or the whole id ("e127")."""
    return name.split("_", 1)[0]


def describe(event: Event) -> str:
    d = event.dates
    flags = f" [{','.join(event.flags)}]" if event.flags else ""
    return (f"{event.place.name} ({event.place.id}) {event.loser or '-'}->{event.gainer} {event.kind} "
            f"{d.earliest}..{d.latest} best {d.best}{flags}")  # fmt: skip


def print_table(scores: Sequence[SetScore]) -> None:
    """One compact block per set."""
    for s in scores:
        p, r, f = s.micro()
        mp, mr, mf = s.macro()
        t = s.total()
        date_share = f"{s.dated_ok / s.dated:.2f} ({s.dated_ok}/{s.dated})" if s.dated else "n/a"
        print(f"== {s.name}")
        print(
            f"  changes     micro  P {p:.2f}  R {r:.2f}  F1 {f:.2f}   ({t.correct}/{t.predicted} predicted right, {t.found}/{t.gold} gold found)"
        )
        print(
            f"              macro  P {mp:.2f}  R {mr:.2f}  F1 {mf:.2f}   ({len([a for a in s.articles if a.gold or a.predicted])} articles)"
        )
        print(f"  best date within a day: {date_share}")
        print(
            f"  events from negative articles: {s.negative_events} (in {s.negative_articles} negative articles)"
        )
        for note in s.notes:
            print(f"  {note}")


def by_group(score: SetScore) -> list[tuple[str, ArticleScore, int]]:
    """Summed counts per group of articles (year of publication), with the number of articles in each."""
    sums: dict[str, ArticleScore] = {}
    sizes: Counter[str] = Counter()
    for a in score.articles:
        key = score.groups.get(a.article, "undated")
        total = sums.setdefault(key, ArticleScore(key))
        total.gold, total.found = total.gold + a.gold, total.found + a.found
        total.predicted, total.correct = total.predicted + a.predicted, total.correct + a.correct
        sizes[key] += 1
    return [(key, sums[key], sizes[key]) for key in sorted(sums)]


def print_details(scores: Sequence[SetScore]) -> None:
    for s in scores:
        if s.groups:
            print(f"\n== {s.name}: by year of publication")
            for key, t, n in by_group(s):
                f1_text = f"F1 {t.f1:.2f}" if t.gold or t.predicted else "no gold, no prediction"
                print(f"  {key:8} {n:3} articles  {t.correct}/{t.predicted} predicted right, "
                      f"{t.found}/{t.gold} gold found, {f1_text}")  # fmt: skip
        if s.miss_classes or s.false_positive_classes:
            print(f"\n== {s.name}: error classes")
            print("  missed: " + ", ".join(f"{k} {n}" for k, n in s.miss_classes.most_common()))
            print(
                "  false positives: "
                + ", ".join(f"{k} {n}" for k, n in s.false_positive_classes.most_common())
            )
        print(f"\n== {s.name}: missed gold rows ({len(s.misses)})")
        for line in s.misses:
            print(f"  {line}")
        print(f"== {s.name}: false positives ({len(s.false_positives)})")
        for line in s.false_positives:
            print(f"  {line}")
