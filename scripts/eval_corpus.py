"""Score event extraction on the project's own annotations in ``eval/`` (facts only, see eval/README.md).

``eval/articles.csv`` and ``eval/gold.csv`` are committed; the article texts are not (third-party
text): they live in the git-ignored ``eval/texts/ID.txt``. Without them this set is skipped with a
message. Scoring is devset2's (``eval_devset2.score_documents``): place within tolerance of the gold
point (or, for a gold place without one, its gazetteer id or the candidates of its name), sides,
dates with a day of slack, one-to-one matching, claimed rows neither required nor wrong,
attempt_not_change rows that must not be extracted.
"""

from __future__ import annotations

import csv
import re
from datetime import date
from pathlib import Path

from eval_common import SetScore
from eval_devset2 import Document, GoldPlace, GoldRow, score_documents

from frontlines.gazetteer import Resolver
from frontlines.models import DateRange

#: An article id: a letter prefix and a number (``e43``, ``n15``).
_ID = re.compile(r"(?P<prefix>[a-z]+)(?P<number>[0-9]+)")


def _day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def load_gold(folder: Path, resolver: Resolver) -> list[GoldRow]:
    rows = []
    with (folder / "gold.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            ids = {row["place_id"]} if row["place_id"] else set()
            if not row["lat"]:
                ids |= {c.place.id for c in resolver.resolve_name(row["place"])}
            where = GoldPlace(
                f"{row['article']}:{row['place']}", float(row["lat"]) if row["lat"] else None,
                float(row["lon"]) if row["lon"] else None, float(row["tolerance_km"] or 0), frozenset(ids),
            )  # fmt: skip
            dates = DateRange(_day(row["date_earliest"]), _day(row["date_latest"]), _day(row["event_date"]))
            rows.append(
                GoldRow(
                    row["article"], row["place"], where, row["gainer"], row["loser"], row["kind"], dates, ""
                )
            )
    return rows


def parse_ids(spec: str) -> frozenset[str]:
    """Article ids from ``e43,e45`` or ranges of one prefix such as ``e43-e62,n15-n20``."""
    ids: set[str] = set()
    for part in filter(None, (p.strip() for p in spec.split(","))):
        first, _, last = part.partition("-")
        if not last:
            ids.add(first)
            continue
        low, high = _ID.fullmatch(first), _ID.fullmatch(last)
        if low is None or high is None or low["prefix"] != high["prefix"]:
            raise ValueError(f"bad id range {part!r}: both ends need one prefix and a number")
        width = len(low["number"])
        for n in range(int(low["number"]), int(high["number"]) + 1):
            ids.add(f"{low['prefix']}{n:0{width}d}")
    return frozenset(ids)


def article_ids(folder: Path, only: frozenset[str] | None = None) -> list[str]:
    """The article ids of ``articles.csv`` (those in ``only`` when given), in file order."""
    with (folder / "articles.csv").open(encoding="utf-8") as handle:
        return [row["id"] for row in csv.DictReader(handle) if only is None or row["id"] in only]


def missing_texts(folder: Path, only: frozenset[str] | None = None) -> list[str]:
    """The article ids (of ``only`` when given) whose text is not in ``eval/texts``."""
    return [i for i in article_ids(folder, only) if not (folder / "texts" / f"{i}.txt").is_file()]


def score(
    folder: Path, resolver: Resolver, only: frozenset[str] | None = None, why: str = "--only-ids"
) -> SetScore:
    """Score the set, or only the articles whose ids are in ``only`` (their gold rows alone; ``why`` says
    what chose them)."""
    documents = []
    with (folder / "articles.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if only is not None and row["id"] not in only:
                continue
            text = (folder / "texts" / f"{row['id']}.txt").read_text(encoding="utf-8")
            published = "" if row["published"] == "unknown" else row["published"]
            documents.append(Document(row["id"], row["role"], published, row["outlet"], row["url"], text))
    gold = [g for g in load_gold(folder, resolver) if only is None or g.article in only]
    title = "eval/ (own annotations, whole articles)"
    if only is not None:
        title = f"eval/ restricted to {len(documents)} articles ({why})"
    return score_documents(title, documents, gold, resolver)
