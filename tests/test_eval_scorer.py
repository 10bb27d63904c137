"""The development-set scorer (scripts/eval_common.py): one-to-one matching and dates with a day of slack."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from frontlines.models import DateRange, Event, Place

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from eval_common import ArticleScore, SetScore, by_group, dates_agree, match_one_to_one, short_id

PLACE = Place("T1", "Saraqib", "populated_place", 35.86, 36.80)


def _event(day: date, gainer: str = "government") -> Event:
    return Event(f"ev-{day}", PLACE, gainer, "opposition", "capture", DateRange(day, day, day), ())


def test_two_reports_of_one_change_match_one_gold_row_once() -> None:
    rows = ["row-a"]
    events = [_event(date(2020, 2, 6)), _event(date(2020, 2, 7))]
    pairs = match_one_to_one(events, rows, lambda e, r: True)
    assert len(pairs) == 1


def test_matching_finds_the_assignment_that_covers_most_rows() -> None:
    # The first event fits both rows, the second only the first row: both rows can still be found.
    events = [_event(date(2020, 2, 6)), _event(date(2020, 2, 7))]
    fits = {("ev-2020-02-06", "a"), ("ev-2020-02-06", "b"), ("ev-2020-02-07", "a")}
    pairs = match_one_to_one(events, ["a", "b"], lambda e, r: (e.id, r) in fits)
    assert sorted(pairs.items()) == [(0, 1), (1, 0)]


def test_dates_overlap_with_one_day_of_slack_and_open_bounds() -> None:
    gold = DateRange(date(2020, 2, 10), date(2020, 2, 12), date(2020, 2, 11))
    assert dates_agree(DateRange(date(2020, 2, 13), date(2020, 2, 13), None), gold)
    assert not dates_agree(DateRange(date(2020, 2, 14), date(2020, 2, 14), None), gold)
    assert dates_agree(DateRange(None, None, None), gold)


def test_micro_and_macro_scores() -> None:
    scores = SetScore(
        "s", [ArticleScore("a", gold=2, found=2, predicted=2, correct=2), ArticleScore("b", 2, 0, 2, 0)]
    )
    assert scores.micro() == (0.5, 0.5, 0.5)
    assert scores.macro() == (0.5, 0.5, 0.5)


def test_counts_are_summed_per_year_and_undated_articles_kept_apart() -> None:
    score = SetScore(
        "set", [ArticleScore("a", 2, 1, 2, 1), ArticleScore("b", 1, 1, 1, 1), ArticleScore("c", 1, 0, 0, 0)]
    )
    score.groups = {"a": "2014", "b": "2014"}
    rows = by_group(score)
    assert [(key, n) for key, _, n in rows] == [("2014", 2), ("undated", 1)]
    total = rows[0][1]
    assert (total.gold, total.found, total.predicted, total.correct) == (3, 2, 3, 2)


def test_only_ids_reads_single_ids_and_ranges_of_one_prefix() -> None:
    from eval_corpus import parse_ids

    assert parse_ids("e43-e45,n15, n17") == {"e43", "e44", "e45", "n15", "n17"}
    assert parse_ids("e08-e10") == {"e08", "e09", "e10"}
    try:
        parse_ids("e43-n15")
    except ValueError as error:
        assert "prefix" in str(error)
    else:
        raise AssertionError("a range across prefixes must be refused")


def test_missing_texts_are_listed_and_the_rest_can_be_scored(tmp_path: Path) -> None:
    from eval_corpus import article_ids, missing_texts

    (tmp_path / "texts").mkdir()
    (tmp_path / "articles.csv").write_text(
        "id,role,published,outlet,url\ne01,change,unknown,A,u1\ne02,change,unknown,B,u2\nn01,negative,unknown,C,u3\n",
        encoding="utf-8",
    )
    (tmp_path / "texts" / "e02.txt").write_text("text", encoding="utf-8")
    assert article_ids(tmp_path) == ["e01", "e02", "n01"]
    assert missing_texts(tmp_path) == ["e01", "n01"]
    assert missing_texts(tmp_path, frozenset({"e02", "n01"})) == ["n01"]


def test_details_name_an_article_by_its_whole_id() -> None:
    # ids of four characters and more ("e127") were cut to three in the details lines
    assert short_id("e127") == "e127"
    assert short_id("n54") == "n54"
    assert short_id("101_army-captures-a-town.txt") == "101"
