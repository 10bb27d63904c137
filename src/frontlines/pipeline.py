"""End-to-end operations the CLI exposes, as plain functions returning plain data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from frontlines.corpus import iter_articles
from frontlines.errors import FrontlinesError
from frontlines.gazetteer import Resolver, load_gazetteer
from frontlines.mentions import find_mentions
from frontlines.models import Article, Candidate, Mention, Place

#: Statuses that count as covered by the gazetteer.
COVERED = frozenset({"resolved", "outside"})


def make_resolver(gazetteer_dir: Path | None = None) -> Resolver:
    """A resolver over the shipped gazetteer, or over a user's gazetteer directory."""
    return Resolver(load_gazetteer(gazetteer_dir))


@dataclass
class CoverageReport:
    """Every place-like mention of a corpus and whether the gazetteer covers it."""

    corpus: str
    gazetteer: str
    articles: int = 0
    mentions: list[Mention] = field(default_factory=list)
    problems: list[FrontlinesError] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Mentions per status."""
        counted = Counter(m.status for m in self.mentions)
        return {s: counted.get(s, 0) for s in ("resolved", "outside", "ambiguous", "unresolved")}

    @property
    def coverage_pct(self) -> float:
        """Share of mentions that resolve to one place (inside or outside the region), 0–100."""
        if not self.mentions:
            return 100.0
        return round(100.0 * sum(m.status in COVERED for m in self.mentions) / len(self.mentions), 1)


def coverage(
    corpus: Path,
    resolver: Resolver,
    progress: Callable[[Article], None] | None = None,
) -> CoverageReport:
    """Find and resolve every place mention of a corpus; bad articles are reported, not fatal."""
    report = CoverageReport(corpus=str(corpus), gazetteer=resolver.gazetteer.source)
    report.problems.extend(resolver.gazetteer.problems)
    for item in iter_articles(corpus):
        if isinstance(item, FrontlinesError):
            report.problems.append(item)
            continue
        report.articles += 1
        report.mentions.extend(find_mentions(item, resolver))
        if progress is not None:
            progress(item)
    return report


def place_record(place: Place) -> dict[str, object]:
    """The JSON form of a place."""
    return {
        "id": place.id, "name": place.name, "kind": place.kind, "lat": place.lat, "lon": place.lon,
        "admin1": place.admin1,
    }  # fmt: skip


def candidate_record(candidate: Candidate) -> dict[str, object]:
    """The JSON form of a candidate: the place and how it matched."""
    record = place_record(candidate.place) | {"match": candidate.match}
    if candidate.distance_km is not None:
        record["distance_km"] = candidate.distance_km
    return record


def mention_record(mention: Mention, resolver: Resolver) -> dict[str, object]:
    """The JSON form of a mention (see the README for the schema)."""
    place = mention.place
    places = resolver.gazetteer.places
    return {
        "article": mention.article_id,
        "surface": mention.surface,
        "start": mention.start,
        "end": mention.end,
        "sentence": mention.sentence_index,
        "status": mention.status,
        "place_id": place.id if place else None,
        "name": place.name if place else None,
        "kind": place.kind if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "match": mention.match or None,
        "candidates": [candidate_record(c) for c in mention.candidates] if mention.status == "ambiguous" else [],
        "suggestions": [place_record(places[p]) for p in mention.suggestions if p in places],
    }


def coverage_record(report: CoverageReport, resolver: Resolver) -> dict[str, object]:
    """The JSON document `frontlines coverage --json` prints."""
    return {
        "corpus": report.corpus,
        "gazetteer": report.gazetteer,
        "articles": report.articles,
        "coverage_pct": report.coverage_pct,
        "counts": report.counts,
        "mentions": [mention_record(m, resolver) for m in report.mentions],
        "problems": [str(p) for p in report.problems],
    }


def resolve_record(query: str, resolver: Resolver) -> dict[str, object]:
    """The JSON form of `frontlines resolve NAME`: candidates best first, or fuzzy suggestions."""
    candidates = resolver.resolve_name(query)
    return {
        "query": query,
        "candidates": [candidate_record(c) for c in candidates],
        "suggestions": [] if candidates else [candidate_record(c) for c in resolver.suggestions(query)],
    }
