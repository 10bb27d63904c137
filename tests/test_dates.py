"""Date expressions: explicit dates, datelines, and expressions relative to a publication date."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.dates import (
    DatedSpan,
    find_publication_date,
    parse_date,
    parse_iso,
    resolve_expressions,
    resolve_relative,
    unknown_date,
    weekday_of,
)
from frontlines.errors import DateError
from frontlines.models import DateRange, Relative

THU = date(2020, 2, 27)  # a Thursday
TUE = date(2020, 2, 25)
D = date.fromisoformat


def one(text: str, published: date | None = THU) -> DatedSpan:
    spans = resolve_expressions(text, published)
    assert len(spans) == 1, spans
    return spans[0]


def bounds(text: str, published: date | None = THU) -> tuple[str, str, str, str]:
    r = one(text, published).dates
    return (str(r.earliest), str(r.latest), str(r.best), r.precision)


# --- parse_iso / parse_date ----------------------------------------------------------------------


def test_parse_iso_accepts_a_real_date() -> None:
    assert parse_iso(" 2020-02-27 ") == THU


@pytest.mark.parametrize("value", ["2020-02-30", "2020-13-01", "27/02/2020", "yesterday", ""])
def test_parse_iso_rejects_with_a_clear_message(value: str) -> None:
    with pytest.raises(DateError, match="date"):
        parse_iso(value)


@pytest.mark.parametrize(
    "text",
    [
        "February 27, 2020",
        "27 February 2020",
        "27th of February 2020",
        "Feb 27, 2020",
        "Feb. 27, 2020",
        "2020-02-27",
        "27/02/2020",
        "February 27, 2020 at 1:59 pm",
        "15:14, February 27, 2020",
        "Thursday 27 February 2020 14:02 GMT",
    ],
)
def test_parse_date_explicit_forms(text: str) -> None:
    assert parse_date(text) == THU


def test_parse_date_yearless_needs_a_reference() -> None:
    assert parse_date("Feb. 26") is None
    assert parse_date("Feb. 26", reference=THU) == D("2020-02-26")
    assert parse_date("December 30", reference=date(2020, 1, 5)) == D("2019-12-30")
    assert parse_date("February 27, 2020", reference=date(2020, 1, 1)) == THU


@pytest.mark.parametrize(
    "text", ["05/02/2020", "2020-02-30", "rebels entered the town on 27 February 2020", "soon"]
)
def test_parse_date_rejects_ambiguous_invalid_or_prose(text: str) -> None:
    assert parse_date(text) is None


# --- find_publication_date -----------------------------------------------------------------------


def test_dateline_after_slogan_and_headline() -> None:
    lines = ["A slogan of the site since 1999", "Rebels take a town", "February 27, 2020 at 1:59 pm"]
    assert find_publication_date(lines) == (THU, 2)


def test_published_label_wins_over_updated() -> None:
    line = "Published: 15:14, February 27, 2020 | Updated: 07:18, June 6, 2023"
    assert find_publication_date([line, "Headline"]) == (THU, 0)
    reversed_line = "Updated: 07:18, June 6, 2023 | Published: 15:14, February 27, 2020"
    assert find_publication_date([reversed_line]) == (THU, 0)


def test_updated_only_and_body_dates_are_not_publication_dates() -> None:
    assert find_publication_date(["Updated: June 6, 2023"]) is None
    body = (
        "The flag was raised after the fighters entered the town in the province on 27 February 2020 [Photo]"
    )
    assert find_publication_date(["Headline of the story", body]) is None


@pytest.mark.parametrize(
    "line",
    [
        "BEIRUT, Feb. 27, 2020 (Reuters) — Rebels said they had entered the town after a night of shelling.",
        "Idlib, Syria, February 27, 2020 - Government forces pulled back from the crossroads town on Thursday.",
        "AMMAN, 27 February 2020 (AFP) – Fighting raged around the town for a third day, monitors said.",
    ],
)
def test_wire_dateline_opening_a_paragraph(line: str) -> None:
    assert find_publication_date(["Headline of the story", line]) == (THU, 1)


def test_a_dash_after_a_body_date_is_no_dateline() -> None:
    line = "Fighters entered the town on February 27, 2020 after a week of shelling — monitors said."
    assert find_publication_date(["Headline of the story", line]) is None


def test_byline_dateline() -> None:
    assert find_publication_date(["Headline here", "By Jane Doe | 2020-02-25"]) == (TUE, 1)


# --- relative expressions against a Thursday, 2020-02-27 -----------------------------------------


def test_weekday_is_latest_on_or_before_publication() -> None:
    assert bounds("rebels said on Thursday") == ("2020-02-27", "2020-02-27", "2020-02-27", "day")
    assert bounds("Late on Wednesday, troops were killed") == (
        "2020-02-26",
        "2020-02-26",
        "2020-02-26",
        "day",
    )
    assert bounds("began on Friday evening")[2] == "2020-02-21"
    assert bounds("last Thursday")[2] == "2020-02-20"
    assert one("on Thursday").relative == Relative("weekday", day=3)


def test_yesterday_today_and_nights() -> None:
    assert bounds("captured it yesterday", TUE) == ("2020-02-24", "2020-02-24", "2020-02-24", "day")
    assert bounds("in yesterday’s assault", TUE)[2] == "2020-02-24"
    assert bounds("this morning")[:3] == ("2020-02-27", "2020-02-27", "2020-02-27")
    assert bounds("today")[2] == "2020-02-27"
    assert bounds("tonight")[2] == "2020-02-27"
    assert bounds("the clashes last night") == ("2020-02-26", "2020-02-27", "2020-02-26", "day")


def test_the_weekend_is_the_last_saturday_and_sunday() -> None:
    assert bounds("rebels took it over the weekend") == ("2020-02-22", "2020-02-23", "2020-02-22", "day")
    assert bounds("during the weekend", date(2020, 2, 23))[:2] == ("2020-02-22", "2020-02-23")
    assert bounds("last weekend", date(2020, 2, 23))[:2] == ("2020-02-15", "2020-02-16")
    assert bounds("last weekend")[:2] == ("2020-02-22", "2020-02-23")


def test_weeks_days_months_ago() -> None:
    assert bounds("three weeks ago") == ("2020-02-03", "2020-02-09", "2020-02-06", "week")
    assert bounds("two weeks ago") == ("2020-02-10", "2020-02-16", "2020-02-13", "week")
    assert bounds("5 days ago") == ("2020-02-21", "2020-02-23", "2020-02-22", "day")
    assert bounds("a month ago") == ("2020-01-12", "2020-02-11", "2020-01-27", "month")
    assert one("three weeks ago").relative == Relative("ago", 3, "week")


def test_calendar_weeks_and_months() -> None:
    assert bounds("Earlier this week, rebels") == ("2020-02-24", "2020-02-26", "2020-02-25", "week")
    monday = date(2020, 2, 24)
    assert bounds("earlier this week", monday)[:2] == ("2020-02-17", "2020-02-23")
    assert bounds("last week") == ("2020-02-17", "2020-02-23", "2020-02-20", "week")
    assert bounds("earlier this month") == ("2020-02-01", "2020-02-26", "2020-02-13", "month")
    assert bounds("last month")[:2] + bounds("last month")[3:] == ("2020-01-01", "2020-01-31", "month")


def test_parts_of_a_month() -> None:
    assert bounds("at the beginning of February")[:2] == ("2020-02-01", "2020-02-10")
    assert bounds("at the start of February")[:2] == ("2020-02-01", "2020-02-10")
    assert bounds("in early February")[:2] == ("2020-02-01", "2020-02-10")
    assert bounds("in mid-February")[:2] == ("2020-02-11", "2020-02-20")
    assert bounds("in late January") == ("2020-01-21", "2020-01-31", "2020-01-26", "week")
    assert bounds("since the beginning of December")[:2] == ("2019-12-01", "2019-12-10")


def test_month_names_take_the_publication_year_or_the_one_before() -> None:
    assert bounds("in February") == ("2020-02-01", "2020-02-27", "2020-02-14", "month")
    assert bounds("since December")[:2] == ("2019-12-01", "2019-12-31")
    assert bounds("last November")[:2] == ("2019-11-01", "2019-11-30")
    assert bounds("in April last year")[:2] == ("2019-04-01", "2019-04-30")
    assert bounds("in September 2018")[:2] == ("2018-09-01", "2018-09-30")


def test_recent_days_and_recently() -> None:
    assert bounds("in recent days") == ("2020-02-20", "2020-02-27", "2020-02-23", "week")
    assert bounds("over the past few days")[:2] == ("2020-02-20", "2020-02-27")
    assert bounds("recently captured") == ("2020-01-28", "2020-02-27", "2020-02-12", "month")
    assert bounds("in the last 48 hours")[:2] + bounds("in the last 48 hours")[3:] == (
        "2020-02-25",
        "2020-02-27",
        "day",
    )
    assert bounds("in recent weeks")[3] == "month"


def test_explicit_dates_in_sentences() -> None:
    assert bounds("on 27 February 2020 [Photo]") == ("2020-02-27", "2020-02-27", "2020-02-27", "day")
    assert bounds("in the province on Feb 26, 2020.")[2] == "2020-02-26"
    assert bounds("demanded on Feb. 5 that")[2] == "2020-02-05"
    assert one("on 27 February 2020").relative is None
    assert one("on Feb 26").relative == Relative("monthday", month=2, day=26)
    assert bounds("on Thursday, February 27")[2] == "2020-02-27"  # one span, not two


def test_years() -> None:
    assert bounds("a stronghold since 2011") == ("2011-01-01", "2011-12-31", "2011-07-02", "year")
    assert bounds("in 2015")[:2] == ("2015-01-01", "2015-12-31")
    assert resolve_expressions("under the 2018 deal, 2,000 fighters", THU) == []


def test_several_expressions_with_offsets() -> None:
    text = "It fell three weeks ago; on Thursday rebels retook it after fighting since December."
    spans = resolve_expressions(text, THU)
    assert [s.text for s in spans] == ["three weeks ago", "on Thursday", "since December"]
    assert all(text[s.start : s.end] == s.text == s.dates.expression for s in spans)


def test_nothing_after_publication() -> None:
    for text in (
        "next Thursday",
        "later this week",
        "a summit planned for March 6",
        "in March",
        "on 6 June 2023",
    ):
        assert resolve_expressions(text, THU) == [], text
    for span in resolve_expressions(
        "in February, this week, this month, this year, recently, an end-February deadline, late February",
        THU,
    ):
        assert span.dates.latest is not None and span.dates.latest <= THU, span
        assert span.dates.best is not None and span.dates.best <= THU, span


def test_without_publication_date_relative_spans_keep_their_code() -> None:
    spans = resolve_expressions("On Thursday, three weeks ago, on 27 February 2020 and on Feb 26", None)
    assert [s.relative for s in spans] == [
        Relative("weekday", day=3),
        Relative("ago", 3, "week"),
        None,
        Relative("monthday", month=2, day=26),
    ]
    assert spans[0].dates == unknown_date("On Thursday")
    assert spans[2].dates.best == THU


def test_resolve_relative_re_resolves_codes() -> None:
    assert resolve_relative(Relative("weekday", day=3), THU).best == THU
    assert resolve_relative(Relative("ago", 1, "day"), TUE).best == D("2020-02-24")
    assert resolve_relative(Relative("ago", 3, "week"), THU).best == D("2020-02-06")
    assert resolve_relative(Relative("monthday", month=2, day=26), THU, "Feb 26").expression == "Feb 26"
    assert resolve_relative(Relative("weekday", day=3), None) == unknown_date()
    with pytest.raises(DateError):
        resolve_relative(Relative("ago", 2, "hour"), THU)  # no rule reads "hours ago"


def test_weekday_of() -> None:
    assert weekday_of("late on Thursday") == 3
    assert weekday_of("on monday") == 0
    assert weekday_of("three weeks ago") is None


def test_unknown_date() -> None:
    assert unknown_date("soon") == DateRange(None, None, None, "unknown", "soon")


# -- the literal gate in front of the date rules --------------------------------------------------

from frontlines.dates.expressions import RULES as _RULES
from frontlines.dates.expressions import rule_gate as _rule_gate
from frontlines.literals import gate_text

#: Sentences written for these tests: every kind of expression, odd case and digits of other scripts.
DATE_GATE_SENTENCES = [
    "On Thursday, 27 February 2020, the town fell; by Feb. 26 it was surrounded.",
    "The army entered it on 2020-02-27 and left on 03/15/2020, three weeks ago.",
    "In early March, in mid-2019 and at the end of January 2018 the front moved.",
    "Yesterday morning, the day before yesterday and earlier today; tonight and this evening.",
    "LAST NIGHT and overnight, over the past 48 hours, in the last two weeks, in recent months, recently.",
    "Earlier this week, last month, this year and later this month (not reported).",
    "late on Sunday, last Friday night, next Monday; in May 2017, since June, during 2016.",
    "May they hold it? The market in March of last year; a few days ago; a couple of months ago.",
    "\u0663 days ago and \u0661\u0662/\u0660\u0665/\u0662\u0660\u0662\u0660 (Arabic-Indic digits); \u0130n 2011.",
    "no time expression at all",
    "",
]


def _all_rules(text: str) -> set[int]:
    return {rank for rank, (pattern, _) in enumerate(_RULES) if pattern.search(text)}


def test_the_date_gate_never_skips_a_rule_that_matches() -> None:
    for text in DATE_GATE_SENTENCES:
        assert _all_rules(text) <= set(_rule_gate().rules(gate_text(text, digits=True), text)), text


def test_gated_expressions_equal_every_rule_run(monkeypatch: pytest.MonkeyPatch) -> None:
    gated = [resolve_expressions(text, THU) for text in DATE_GATE_SENTENCES]
    monkeypatch.setattr(
        "frontlines.dates.reading.rule_gate",
        lambda: type("All", (), {"rules": lambda self, *a: range(len(_RULES))})(),
    )
    assert [resolve_expressions(text, THU) for text in DATE_GATE_SENTENCES] == gated
    assert any(gated)


# --- seasons and expressions dated from another one ------------------------------------------------


def test_seasons() -> None:
    assert bounds("in the summer of 2012") == ("2012-06-01", "2012-08-31", "2012-07-16", "month")
    assert bounds("during spring 2015")[:2] == ("2015-03-01", "2015-05-31")
    assert bounds("in the winter of 2016-17")[:2] == ("2016-12-01", "2017-02-28")
    assert bounds("in winter 2017")[:2] == ("2016-12-01", "2017-02-28")
    assert one("in the summer of 2012").relative is None
    assert resolve_expressions("a hot summer day", THU) == []


def test_later_counts_from_the_expression_before() -> None:
    spans = resolve_expressions("taken in May last year and lost eight months later", THU)
    assert [s.relative for s in spans] == [
        Relative("month", month=5, qualifier="last_year"),
        Relative("later", 8, "month"),
    ]
    assert (spans[1].dates.earliest, spans[1].dates.latest) == (D("2020-01-01"), D("2020-01-31"))
    assert (
        len(resolve_expressions("taken in May last year and lost ten months later", THU)) == 1
    )  # after publication
    spans = resolve_expressions("taken on 3 February 2020 and lost two days later", THU)
    assert spans[1].dates.best == D("2020-02-05") and spans[1].relative is None
    assert resolve_expressions(
        "the next day", THU, DateRange(D("2020-02-10"), D("2020-02-10"), D("2020-02-10"))
    )[0].dates.best == D("2020-02-11")


def test_later_without_a_date_to_count_from_has_no_lower_bound() -> None:
    span = one("Ten days later the army returned")
    assert (span.dates.earliest, span.dates.latest, span.dates.best) == (None, THU, None)
    assert resolve_relative(Relative("later", 10, "day"), THU).latest == THU


def test_after_dates_the_following_clause_before_the_reference() -> None:
    span = one("less than 24 hours after the rebels left")
    assert (span.dates.earliest, span.dates.latest, span.scope) == (D("2020-02-26"), THU, "following")
    span = one("two days after rebels withdrew")
    assert (span.dates.earliest, span.dates.latest, span.dates.best) == (
        D("2020-02-24"),
        D("2020-02-26"),
        D("2020-02-25"),
    )
    spans = resolve_expressions("On Tuesday, three days after rebels left", THU)
    assert spans[1].dates.best == D("2020-02-22")  # from Tuesday, not from publication
    assert one("hours after the deal").dates.latest == THU
    assert resolve_relative(Relative("after", 2, "day"), THU).best == D("2020-02-25")
    assert one("two days after the deal", None).dates == unknown_date("two days after")


@pytest.mark.parametrize(
    ("text", "precision"),
    [
        ("The town was recently captured.", "month"),
        ("Rebels took the village lately.", "month"),
        ("The army advanced in recent weeks.", "month"),
        ("The town fell three weeks ago.", "week"),
        ("The town fell last week.", "week"),
        ("The town fell in recent days.", "week"),
        ("The town fell earlier this month.", "month"),
        ("The town fell on Thursday.", "day"),
    ],
)
def test_vague_expressions_give_the_documented_precision(text: str, precision: str) -> None:
    """The table in the README ("Dates and their precision"): a month-precision change gets no halo."""
    (found,) = resolve_expressions(text, date(2020, 2, 27))
    assert found.dates.precision == precision
