"""The resolver a run uses, gazetteer coverage, and the records that ``resolve``, ``coverage`` and
``extract --debug`` print."""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from frontlines.corpus import iter_articles
from frontlines.errors import FrontlinesError, FrontlinesWarning, GazetteerInvalid
from frontlines.events import extract_events
from frontlines.events.highways import HighwayRoute, highway_routes
from frontlines.gazetteer import Resolver, load_gazetteer
from frontlines.gazetteer.validate import validate_gazetteer
from frontlines.mentions import find_mentions
from frontlines.models import Candidate, Mention, Place
from frontlines.schema import MAX_ARTICLE_BYTES, MentionStatus

if TYPE_CHECKING:  # the geocoder is imported where it is used: start-up stays fast
    from frontlines.gazetteer.online import Geocoder


#: Statuses that count as covered by the gazetteer.
COVERED = frozenset({"resolved", "outside"})


def make_resolver(gazetteer_dir: Path | None = None, *, check: bool = True) -> Resolver:
    """A resolver over the shipped gazetteer, or over a user's gazetteer directory (checked first)."""
    if check:
        check_gazetteer(gazetteer_dir)
    gazetteer = load_gazetteer(gazetteer_dir)
    if check and gazetteer.problems:
        raise GazetteerInvalid(f"{len(gazetteer.problems)} problems; fix them first", gazetteer_dir,
                               errors=tuple(gazetteer.problems))  # fmt: skip
    return Resolver(gazetteer)


_checked: set[str] = set()


def check_gazetteer(gazetteer_dir: Path | None) -> None:
    """Run the validator's fast checks on a user's gazetteer once per process.

    Errors raise ``GazetteerInvalid`` (every one, file:line); notes become one warning each. The
    shipped gazetteer is checked by the test suite instead, so it costs nothing at run time.
    """
    if gazetteer_dir is None or str(gazetteer_dir) in _checked:
        return
    report = validate_gazetteer(Path(gazetteer_dir), fast=True)
    if report.errors:
        raise GazetteerInvalid(f"{len(report.errors)} errors; fix them first (frontlines gazetteer validate)",
                               gazetteer_dir, errors=report.errors)  # fmt: skip
    _checked.add(str(gazetteer_dir))
    for note in report.notes:
        warnings.warn(str(note), FrontlinesWarning, stacklevel=2)


@dataclass
class CoverageReport:
    """Every place-like mention of a corpus and whether the gazetteer covers it."""

    corpus: str
    gazetteer: str
    articles: int = 0
    mentions: list[Mention] = field(default_factory=list)
    problems: list[FrontlinesError] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)  # each mention's kind (see ``mention_kind``)

    @property
    def counts(self) -> dict[str, int]:
        """Mentions per status."""
        counted = Counter(m.status for m in self.mentions)
        return {s: counted.get(s, 0) for s in ("resolved", "outside", "ambiguous", "unresolved")}

    @property
    def counts_by_kind(self) -> dict[str, dict[str, int]]:
        """Mentions per kind of place and status, kinds sorted."""
        counted = Counter(zip(self.kinds, (m.status for m in self.mentions), strict=True))
        statuses: tuple[MentionStatus, ...] = ("resolved", "outside", "ambiguous", "unresolved")
        return {k: {s: counted.get((k, s), 0) for s in statuses} for k in sorted(set(self.kinds))}

    @property
    def coverage_pct(self) -> float:
        """Share of mentions that resolve to one place (inside or outside the region), 0–100."""
        if not self.mentions:
            return 100.0
        return round(100.0 * sum(m.status in COVERED for m in self.mentions) / len(self.mentions), 1)


def coverage(
    corpus: Path,
    resolver: Resolver,
    progress: Callable[[], None] | None = None,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
) -> CoverageReport:
    """Find and resolve every place mention of a corpus; bad articles are reported, not fatal."""
    report = CoverageReport(corpus=str(corpus), gazetteer=resolver.gazetteer.source)
    report.problems.extend(resolver.gazetteer.problems)
    for item in iter_articles(corpus, max_article_bytes):
        if isinstance(item, FrontlinesError):
            report.problems.append(item)
            continue
        report.articles += 1
        found = find_mentions(item, resolver)
        report.mentions.extend(found)
        report.kinds.extend(mention_kind(item.text, m) for m in found)
        if progress is not None:
            progress()
    return report


def explain_extraction(
    corpus: Path, resolver: Resolver, max_article_bytes: int = MAX_ARTICLE_BYTES
) -> list[str]:
    """Why each trigger of a corpus, in a sentence that names a place, did or did not become an event
    (``extract --debug``): one line each, in corpus order (see :mod:`frontlines.events.explain`)."""
    lines: list[str] = []
    for item in iter_articles(corpus, max_article_bytes):
        if not isinstance(item, FrontlinesError):
            mentions = find_mentions(item, resolver, suggest=False)
            extract_events(item, mentions, highways=routes_of(resolver), trace=lines)
    return lines


#: Words next to a name that say what kind of place the text calls it ("the X camp", "the town of X").
_KIND_WORDS = {
    **dict.fromkeys(("town", "village", "city"), "populated_place"),
    **dict.fromkeys(("province", "governorate", "countryside"), "governorate"),
    **dict.fromkeys(("district", "neighbourhood", "neighborhood", "quarter", "suburb"), "neighbourhood"),
    **dict.fromkeys(("camp",), "camp"), **dict.fromkeys(("crossing", "border"), "crossing"),
    **dict.fromkeys(("airport", "airbase", "base", "airfield"), "airbase"), **dict.fromkeys(("dam",), "dam"),
    **dict.fromkeys(("hill", "hills", "mount", "mountain"), "hill"), **dict.fromkeys(("road", "street"), "road"),
    **dict.fromkeys(("highway", "motorway"), "highway"),
    **dict.fromkeys(("region", "plain", "plains", "valley", "area", "basin"), "region"),
}  # fmt: skip
_WORD_AFTER = re.compile(r"[\s-]+(\w+)")
_WORD_OF_BEFORE = re.compile(r"(\w+)\s+of\s+(?:the\s+)?$")


def mention_kind(text: str, mention: Mention) -> str:
    """The kind of place a mention is: its place's, its best candidate's, or the one its words name.

    An unresolved mention is of the kind a word beside it names ("the X camp", "the town of X"), or
    ``unknown``.
    """
    if mention.place is not None:
        return mention.place.kind
    if mention.candidates:
        return mention.candidates[0].place.kind
    after = _WORD_AFTER.match(text, mention.end)
    before = _WORD_OF_BEFORE.search(text[max(0, mention.start - 40) : mention.start])
    for match in (after, before):
        if match and match.group(1).lower() in _KIND_WORDS:
            return _KIND_WORDS[match.group(1).lower()]
    return "unknown"


def homonym_decisions(mentions: Iterable[Mention]) -> list[str]:
    """One line per mention whose homonym geography decided: the choice, its distance and the runner-up's.

    The distance is the candidate's mean distance to the article's other places (see
    ``Resolver.choose_in_article``), the figure that ranked it; for a spelling read by proximity
    (match ``fuzzy``, ``Resolver.nearby_spelling``), its distance to the nearest settled place.
    """
    lines = []
    for m in mentions:
        ranked = [c for c in m.candidates if c.distance_km is not None]
        if m.place is None or m.match not in ("context", "fuzzy") or not ranked:
            continue
        best, *rest = ranked
        how = " (spelling near a settled place)" if m.match == "fuzzy" else ""
        line = f"{m.article_id}: {m.surface!r} at {m.start} -> {_where(best)} at {best.distance_km} km{how}"
        if rest:
            line += f"; next {_where(rest[0])} at {rest[0].distance_km} km"
        lines.append(line)
    return lines


def _where(candidate: Candidate) -> str:
    place = candidate.place
    return f"{place.name} ({place.id}, {place.admin1 or place.kind})"


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
        "candidates": [candidate_record(c) for c in mention.candidates]
        if mention.status == "ambiguous"
        else [],
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
        "counts_by_kind": report.counts_by_kind,
        "mentions": [mention_record(m, resolver) for m in report.mentions],
        "problems": [str(p) for p in report.problems],
    }


def resolve_record(query: str, resolver: Resolver, geocoder: Geocoder | bool = False) -> dict[str, object]:
    """The JSON form of `frontlines resolve NAME`: candidates best first, or fuzzy suggestions.

    With ``geocoder`` (True for Nominatim, or a geopy geocoder), a name the gazetteer lacks is also
    looked up online; those candidates are labelled ``geocoded``.
    """
    candidates = resolver.resolve_name(query)
    if not candidates and geocoder:
        from frontlines.gazetteer.online import geocoded_candidates

        candidates = geocoded_candidates(query, None if geocoder is True else geocoder)
    return {
        "query": query,
        "candidates": [candidate_record(c) for c in candidates],
        "suggestions": [] if candidates else [candidate_record(c) for c in resolver.suggestions(query)],
    }


#: The highway routes of each resolver's gazetteer, by resolver id (the resolver is kept alive with them).
_routes: dict[int, tuple[Resolver, tuple[HighwayRoute, ...]]] = {}


def routes_of(resolver: Resolver) -> tuple[HighwayRoute, ...]:
    """The highways of the gazetteer in use: a user's gazetteer is the whole gazetteer, highways included."""
    cached = _routes.get(id(resolver))
    if cached is None or cached[0] is not resolver:
        cached = _routes[id(resolver)] = (resolver, highway_routes(resolver.gazetteer.places.values()))
    return cached[1]
