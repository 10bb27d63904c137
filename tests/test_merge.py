"""Merging reports: intersections, contested dates, reversals, stable ids and inferred dates."""

from __future__ import annotations

import random
from datetime import date, timedelta

from frontlines.dates import resolve_relative, unknown_date
from frontlines.events import merge_events
from frontlines.models import DateRange, Event, EventSource, Place, Relative

TOWN = Place("C4068", "Kafr Nabl", "populated_place", 35.61, 36.56)
PUBLISHED = date(2019, 5, 16)  # a Thursday


def report(article: str, dates: DateRange, gainer: str = "government", loser: str = "opposition",
           kind: str = "capture", relative: Relative | None = None, published: date | None = PUBLISHED,
           place: Place = TOWN) -> Event:  # fmt: skip
    source = EventSource(article, f"Outlet {article}", f"Evidence of {article}.", published=published,
                         dates=dates, relative=relative)  # fmt: skip
    return Event(f"rp-{article}", place, gainer, loser, kind, dates, (source,))


def day(d: date) -> DateRange:
    return DateRange(d, d, d, "day")


def test_three_reports_become_one_event_with_the_intersection() -> None:
    reports = [
        report(
            "a",
            DateRange(date(2019, 5, 13), date(2019, 5, 15), date(2019, 5, 14), "week", "earlier this week"),
        ),
        report("b", day(date(2019, 5, 14))),
        report("c", DateRange(None, PUBLISHED, PUBLISHED, "unknown"), loser="unknown"),
    ]
    (event,) = merge_events(reports)
    assert [s.article_id for s in event.sources] == ["a", "b", "c"]
    assert (event.dates.earliest, event.dates.latest, event.dates.best) == (date(2019, 5, 14),) * 3
    assert event.dates.precision == "day" and event.loser == "opposition"
    assert "contested_date" not in event.flags


def test_conflicting_reports_are_flagged_with_the_sources_on_each_side() -> None:
    weeks3, weeks2 = Relative("ago", 3, "week"), Relative("ago", 2, "week")
    three, two = resolve_relative(weeks3, PUBLISHED), resolve_relative(weeks2, PUBLISHED)
    reports = [report("a", three, relative=weeks3), report("b", three, relative=weeks3),
               report("c", two, relative=weeks2)]  # fmt: skip
    (event,) = merge_events(reports)
    assert "contested_date" in event.flags
    assert event.dates.best == PUBLISHED - timedelta(weeks=3)
    assert event.dates.earliest == three.earliest and event.dates.latest == two.latest
    (note,) = [n for n in event.notes if n.startswith("dates disagree")]
    agree, disagree = note.split(" vs ")
    assert "a (Outlet a)" in agree and "b (Outlet b)" in agree and "c (Outlet c)" in disagree


def test_reversals_and_distant_changes_stay_apart() -> None:
    reports = [
        report("a", day(date(2019, 2, 5))),
        report("b", day(date(2019, 2, 25)), gainer="opposition", loser="government", kind="recapture"),
        report("c", day(date(2019, 2, 27))),
        report("d", day(date(2019, 8, 1))),
    ]
    merged = merge_events(reports)
    assert [(e.gainer, e.dates.best) for e in merged] == [
        ("government", date(2019, 2, 5)), ("opposition", date(2019, 2, 25)), ("government", date(2019, 2, 27)),
        ("government", date(2019, 8, 1)),
    ]  # fmt: skip


def test_ids_and_order_do_not_depend_on_input_order() -> None:
    reports = [
        report("a", day(date(2019, 5, 14))), report("b", day(date(2019, 5, 14))),
        report("c", day(date(2019, 5, 1)), gainer="opposition", loser="government"),
        report("d", day(date(2019, 5, 16)), gainer="opposition", loser="", kind="observation"),
    ]  # fmt: skip
    expected = merge_events(reports)
    for seed in range(5):
        shuffled = reports[:]
        random.Random(seed).shuffle(shuffled)
        assert merge_events(shuffled) == expected
    assert len({e.id for e in expected}) == len(expected) == 3


def test_an_undated_weekday_report_takes_the_date_of_the_same_change() -> None:
    thursday = date(2020, 2, 27)
    on_thursday = Relative("weekday", day=3)
    dated = report("dated", day(thursday), published=thursday, relative=on_thursday)
    undated = report("undated", unknown_date("on Thursday"), published=None, relative=on_thursday)
    background = report("undated", unknown_date("three weeks ago"), published=None, relative=Relative("ago", 3, "week"),
                        place=Place("C3916", "Saraqib", "populated_place", 35.86, 36.8))  # fmt: skip
    merged = merge_events([undated, dated, background])
    main = next(e for e in merged if e.place.id == TOWN.id)
    assert main.dates.best == thursday and {s.article_id for s in main.sources} == {"dated", "undated"}
    assert "date_inferred" in main.flags
    other = next(e for e in merged if e.place.id == "C3916")
    assert other.dates.best == thursday - timedelta(weeks=3) and "date_inferred" in other.flags


def test_an_undated_report_without_a_witness_keeps_an_unknown_date() -> None:
    (event,) = merge_events(
        [report("x", unknown_date("on Friday"), published=None, relative=Relative("weekday", day=4))]
    )
    assert event.dates.best is None and "date_unknown" in event.flags


def test_a_loss_of_the_gainer_is_never_absorbed_into_its_gain() -> None:
    """One article: "[G] entered X for the first time since they lost it in 2014" gives G's undated gain
    and a dated loss of G's to a gainer unknown; the loss is a change of its own, not G's gain from G."""
    undated = DateRange(None, None, None, "unknown")
    reports = [
        report("a", undated, loser="unknown", published=None),
        report("a", DateRange(date(2014, 1, 1), date(2014, 12, 31), date(2014, 7, 2), "year"), gainer="unknown",
               loser="government", published=None),
    ]  # fmt: skip
    merged = merge_events(reports)
    assert all(e.gainer != e.loser for e in merged)
    assert sorted((e.gainer, e.loser) for e in merged) == [
        ("government", "unknown"),
        ("unknown", "government"),
    ]
