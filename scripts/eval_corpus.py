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
from datetime import date
from pathlib import Path

from eval_common import SetScore
from eval_devset2 import Document, GoldPlace, GoldRow, score_documents

from frontlines.gazetteer import Resolver
from frontlines.models import DateRange


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


def missing_texts(folder: Path) -> list[str]:
    """The article ids whose text is not in ``eval/texts``."""
    with (folder / "articles.csv").open(encoding="utf-8") as handle:
        return [
            row["id"]
            for row in csv.DictReader(handle)
            if not (folder / "texts" / f"{row['id']}.txt").is_file()
        ]


def score(folder: Path, resolver: Resolver) -> SetScore:
    documents = []
    with (folder / "articles.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = (folder / "texts" / f"{row['id']}.txt").read_text(encoding="utf-8")
            published = "" if row["published"] == "unknown" else row["published"]
            documents.append(Document(row["id"], row["role"], published, row["outlet"], row["url"], text))
    return score_documents(
        "eval/ (own annotations, whole articles)", documents, load_gold(folder, resolver), resolver
    )
