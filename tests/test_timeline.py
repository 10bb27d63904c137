"""Control timeline rules, on hand-built events."""

from __future__ import annotations

from datetime import date
from itertools import pairwise

import pytest

from frontlines.models import DateRange, Event, EventSource, Place
from frontlines.timeline import build_timeline, states_frame

SARAQIB = Place("saraqib", "Saraqib", "populated_place", 35.86447, 36.80591, name_ar="سراقب")
NAYRAB = Place("nayrab", "Nayrab", "populated_place", 35.86972, 36.72028)
NOWHERE = Place("nowhere", "Tall Nowhere", "populated_place", None, None)


def ev(eid: str, place: Place, gainer: str, loser: str, lo: date | None, hi: date | None,
       best: date | None = None, kind: str = "capture", flags: tuple[str, ...] = ()) -> Event:  # fmt: skip
    dates = DateRange(lo, hi, best if best is not None else hi, "day" if lo == hi else "week")
    source = EventSource("a1", "Reuters", f"{gainer} took {place.name}.")
    return Event(eid, place, gainer, loser, kind, dates, (source,), flags)


def obs(eid: str, place: Place, seen: str, on: date) -> Event:
    return ev(eid, place, seen, "", on, on, kind="observation")


CAPTURE = ev("c1", SARAQIB, "government", "opposition", date(2020, 2, 5), date(2020, 2, 7), date(2020, 2, 6))
RECAPTURE = ev(
    "c2", SARAQIB, "opposition", "government", date(2020, 2, 27), date(2020, 2, 27), kind="recapture"
)


def state(tl, place: Place, d: date):
    return tl.state_of(place.id, d)


def test_before_first_change_the_loser_holds_it_inferred():
    s = state(build_timeline([CAPTURE]), SARAQIB, date(2020, 1, 1))
    assert (s.controller, s.certainty, s.since, s.last_event_id) == ("opposition", "inferred", None, "c1")


def test_inside_the_range_the_place_is_changing():
    tl = build_timeline([CAPTURE])
    for d in (date(2020, 2, 5), date(2020, 2, 6)):
        s = state(tl, SARAQIB, d)
        assert (s.controller, s.certainty, s.other) == ("opposition", "changing", "government")


def test_states_are_as_at_the_end_of_the_day():
    assert state(build_timeline([CAPTURE]), SARAQIB, date(2020, 2, 7)).controller == "government"
    tl = build_timeline([CAPTURE, RECAPTURE])
    assert state(tl, SARAQIB, date(2020, 2, 26)).controller == "government"
    s = state(tl, SARAQIB, date(2020, 2, 27))  # a change dated to one day is complete that day
    assert (s.controller, s.certainty) == ("opposition", "reported")


def test_after_the_range_the_gainer_holds_it_since_the_best_date():
    s = state(build_timeline([CAPTURE]), SARAQIB, date(2020, 2, 8))
    assert (s.controller, s.certainty, s.since, s.other) == ("government", "reported", date(2020, 2, 6), "")


def test_a_recapture_hands_it_back():
    tl = build_timeline([RECAPTURE, CAPTURE])  # order of input does not matter
    assert state(tl, SARAQIB, date(2020, 2, 20)).controller == "government"
    s = state(tl, SARAQIB, date(2020, 3, 1))
    assert (s.controller, s.since, s.last_event_id) == ("opposition", date(2020, 2, 27), "c2")
    assert [e.id for e in tl.history("saraqib")] == ["c1", "c2"]
    assert tl.change_dates() == [date(2020, 2, 6), date(2020, 2, 27)]


def test_unknown_loser_gives_no_state_before_the_change():
    tl = build_timeline([ev("c1", NAYRAB, "government", "", date(2020, 2, 20), date(2020, 2, 21))])
    assert state(tl, NAYRAB, date(2020, 2, 1)) is None
    assert state(tl, NAYRAB, date(2020, 2, 22)).controller == "government"


def test_an_observation_that_agrees_confirms():
    tl = build_timeline([CAPTURE, obs("o1", SARAQIB, "opposition", date(2020, 1, 20))])
    assert state(tl, SARAQIB, date(2020, 1, 10)).certainty == "inferred"
    s = state(tl, SARAQIB, date(2020, 1, 25))
    assert (s.controller, s.certainty, s.last_event_id) == ("opposition", "reported", "o1")


def test_an_observation_that_conflicts_makes_it_contested():
    tl = build_timeline([CAPTURE, obs("o1", SARAQIB, "hts", date(2020, 2, 15))])
    s = state(tl, SARAQIB, date(2020, 2, 16))
    assert (s.controller, s.certainty, s.other, s.last_event_id) == ("government", "contested", "hts", "o1")
    assert state(tl, SARAQIB, date(2020, 2, 14)).certainty == "reported"


def test_a_contested_conflict_ends_at_the_next_change():
    tl = build_timeline([CAPTURE, RECAPTURE, obs("o1", SARAQIB, "hts", date(2020, 2, 15))])
    assert state(tl, SARAQIB, date(2020, 2, 26)).certainty == "contested"
    assert state(tl, SARAQIB, date(2020, 2, 28)).certainty == "reported"


def test_an_observation_alone_gives_a_reported_state_from_its_date():
    tl = build_timeline([obs("o1", NAYRAB, "hts", date(2020, 3, 1))])
    assert state(tl, NAYRAB, date(2020, 2, 1)) is None
    s = state(tl, NAYRAB, date(2020, 3, 5))
    assert (s.controller, s.certainty, s.since) == ("hts", "reported", date(2020, 3, 1))


def test_an_unconfirmed_change_leaves_a_claimed_state_ringed_with_the_loser():
    claim = ev("c1", SARAQIB, "opposition", "government", date(2020, 3, 2), date(2020, 3, 2),
               flags=("unconfirmed",))  # fmt: skip
    s = state(build_timeline([claim]), SARAQIB, date(2020, 3, 5))
    assert (s.controller, s.certainty, s.other) == ("opposition", "claimed", "government")


def test_a_far_namesake_is_drawn_as_a_claim_and_its_observation_only_fills_a_gap():
    change = ev(
        "c1", SARAQIB, "opposition", "unknown", date(2020, 3, 2), date(2020, 3, 2), flags=("far_namesake",)
    )
    s = state(build_timeline([change]), SARAQIB, date(2020, 3, 5))
    assert (s.controller, s.certainty, s.other) == ("opposition", "claimed", "")
    seen = ev(
        "o1",
        NAYRAB,
        "hts",
        "",
        date(2020, 3, 1),
        date(2020, 3, 1),
        kind="observation",
        flags=("far_namesake",),
    )
    assert state(build_timeline([seen]), NAYRAB, date(2020, 3, 1)).certainty == "claimed"
    reported = ev("c2", NAYRAB, "government", "hts", date(2020, 2, 1), date(2020, 2, 1))
    s = state(build_timeline([reported, seen]), NAYRAB, date(2020, 3, 1))
    assert (s.controller, s.certainty) == ("government", "reported")


def test_contested_date_flag_makes_the_range_contested():
    change = ev("c1", SARAQIB, "government", "opposition", date(2020, 3, 2), date(2020, 3, 3),
                flags=("contested_date",))  # fmt: skip
    tl = build_timeline([change])
    s = state(tl, SARAQIB, date(2020, 3, 2))
    assert (s.controller, s.certainty, s.other) == ("opposition", "contested", "government")
    assert state(tl, SARAQIB, date(2020, 3, 4)).certainty == "reported"


def test_a_change_with_no_dates_does_not_crash_and_comes_last():
    undated = ev("c9", SARAQIB, "hts", "government", None, None)
    tl = build_timeline([undated, CAPTURE])
    assert [e.id for e in tl.history("saraqib")] == ["c1", "c9"]
    assert state(tl, SARAQIB, date(2020, 1, 1)).controller == "opposition"
    s = state(tl, SARAQIB, date(2021, 1, 1))
    assert (s.controller, s.certainty, s.other) == ("government", "changing", "hts")
    assert tl.change_dates() == [date(2020, 2, 6)]
    alone = build_timeline([undated])
    assert alone.state_of("saraqib", date(2020, 1, 1)).certainty == "changing"


@pytest.mark.parametrize(
    ("lo", "hi", "inside", "after"),
    [
        (
            None,
            date(2020, 2, 9),
            date(2020, 2, 8),
            date(2020, 2, 9),
        ),  # open start: changing from the best date
        (date(2020, 2, 5), None, date(2030, 1, 1), None),  # open end: changing for ever
    ],
)
def test_open_bounds(lo, hi, inside, after):
    best = date(2020, 2, 6) if lo is None else lo
    tl = build_timeline([ev("c1", SARAQIB, "government", "opposition", lo, hi, best=best)])
    if lo is None:
        # not changing since the dawn of time, and not inferred: "by 9 February" says nothing about before
        assert state(tl, SARAQIB, date(2019, 1, 1)) is None and state(tl, SARAQIB, date(2020, 2, 5)) is None
    assert state(tl, SARAQIB, inside).certainty == "changing"
    if after:
        assert state(tl, SARAQIB, after).controller == "government"


def test_overlapping_ranges_do_not_overlap_in_the_states():
    a = ev("c1", SARAQIB, "government", "opposition", date(2020, 2, 1), date(2020, 2, 10))
    b = ev("c2", SARAQIB, "opposition", "government", date(2020, 2, 5), date(2020, 2, 12), kind="recapture")
    tl = build_timeline([a, b])
    spans = tl.spans("saraqib")
    assert all(x.end < y.start for x, y in pairwise(spans) if x.end and y.start)
    assert state(tl, SARAQIB, date(2020, 2, 13)).controller == "opposition"


def test_places_without_coordinates_still_get_states():
    tl = build_timeline([ev("c1", NOWHERE, "sdf", "isis", date(2019, 3, 1), date(2019, 3, 2))])
    assert state(tl, NOWHERE, date(2019, 4, 1)).controller == "sdf"


def test_state_on_is_sorted_and_deterministic():
    events = [CAPTURE, ev("c3", NAYRAB, "government", "opposition", date(2020, 2, 20), date(2020, 2, 21))]
    on = date(2020, 3, 1)
    a = build_timeline(events).state_on(on)
    b = build_timeline(list(reversed(events))).state_on(on)
    assert a == b and [s.place.id for s in a] == ["nayrab", "saraqib"]


def test_states_frame_columns_and_geometry():
    tl = build_timeline([CAPTURE, ev("c5", NOWHERE, "sdf", "isis", date(2019, 3, 1), date(2019, 3, 2))])
    frame = states_frame(tl.state_on(date(2020, 3, 1)))
    assert list(frame.columns) == [
        "place_id", "place", "lat", "lon", "controller", "since", "certainty", "last_event_id", "geometry",
    ]  # fmt: skip
    assert list(frame.place_id) == ["nowhere", "saraqib"]
    assert frame.geometry.iloc[0] is None and frame.geometry.iloc[1].x == pytest.approx(36.80591)
    assert frame.crs.to_epsg() == 4326


def test_day_spans_are_the_spans_on_day_ordinals():
    undated = ev("c4", SARAQIB, "hts", "government", None, None, best=None, kind="recapture")
    seen = obs("o1", SARAQIB, "government", date(2020, 2, 20))
    tl = build_timeline(
        [CAPTURE, RECAPTURE, undated, seen, ev("c3", NAYRAB, "government", "", None, date(2020, 2, 2))]
    )
    for place in ("saraqib", "nayrab", "nowhere"):
        spans, days = tl.spans(place), tl.day_spans(place)
        assert len(spans) == len(days)
        for s, d in zip(spans, days):
            assert (d.start, d.end) == tuple(None if x is None else x.toordinal() for x in (s.start, s.end))
            assert (d.controller, d.certainty, d.other, d.since, d.last_event_id) == (
                s.controller, s.certainty, s.other, s.since, s.last_event_id)  # fmt: skip
    assert tl.day_spans("saraqib")[0].start == date(2020, 2, 5).toordinal() - 60
    assert tl.day_spans("saraqib")[-1].end is None


# ---- the inference horizon, places at one spot, vague dates ----


def test_inference_reaches_back_a_bounded_time():
    tl = build_timeline([CAPTURE])  # its window opens on 5 February
    assert state(tl, SARAQIB, date(2019, 12, 7)).certainty == "inferred"  # 60 days before
    assert state(tl, SARAQIB, date(2019, 12, 6)) is None
    assert state(build_timeline([CAPTURE], infer_days=10), SARAQIB, date(2020, 1, 25)) is None
    assert (
        state(build_timeline([CAPTURE], infer_days=None), SARAQIB, date(1990, 1, 1)).certainty == "inferred"
    )


JUNCTION = Place("jct", "M4/M5 junction", "junction", 35.8600, 36.8050)  # about 500 m from SARAQIB


def test_places_at_one_spot_never_disagree():
    town = ev("c1", SARAQIB, "government", "opposition", date(2020, 2, 3), date(2020, 2, 16))
    junction = ev("c2", JUNCTION, "opposition", "government", None, date(2020, 2, 27), kind="capture")
    tl = build_timeline([town, junction])
    day = date(2020, 1, 15)
    while day < date(2020, 3, 10):
        a, b = state(tl, SARAQIB, day), state(tl, JUNCTION, day)
        assert (a and (a.controller, a.certainty)) == (b and (b.controller, b.certainty)), day
        day = date.fromordinal(day.toordinal() + 1)
    assert state(tl, JUNCTION, date(2020, 1, 15)).controller == "opposition"  # inferred from the town
    assert [e.id for e in tl.history("jct")] == ["c2"]  # each keeps its own history


def test_a_vague_change_keeps_its_range_as_since():
    vague = Event("c1", SARAQIB, "government", "opposition", "capture",
                  DateRange(date(2020, 2, 1), date(2020, 2, 27), date(2020, 2, 20), "month", "recently"),
                  (EventSource("a1", "Wire", "The town was recently captured."),))  # fmt: skip
    s = state(build_timeline([vague]), SARAQIB, date(2020, 3, 1))
    assert (s.controller, s.since, s.since_latest) == ("government", date(2020, 2, 1), date(2020, 2, 27))
    inside = state(build_timeline([vague]), SARAQIB, date(2020, 2, 10))  # nobody is said to hold it then
    assert (inside.controller, inside.certainty, inside.other) == ("unknown", "changing", "government")
    assert state(build_timeline([CAPTURE]), SARAQIB, date(2020, 3, 1)).since_latest is None
    assert build_timeline([vague]).change_dates(vague=False) == []


# ---- highways by segment ----

M5 = Place(
    "hwy:M5",
    "M5",
    "highway",
    None,
    None,
    geometry_wkt="LINESTRING (36.75783 35.13179, 36.65095 35.44208, 36.67693 35.6483, "
    "36.80591 35.86447, 37.16117 36.20124)",
)  # Hama, Khan Shaykhun, Maarat, Saraqib, Aleppo
MAARAT = Place("maarat", "Maarat al-Numan", "populated_place", 35.6483, 36.67693)
ALEPPO_SIDE = date(2020, 2, 28)


def highway_state(tl, near: tuple[float, float], on: date):
    """The state of the segment of the M5 nearest to a point (None when that part has no state)."""
    from frontlines.timeline.routes import Route, route_vertices

    best = None
    for place in tl.places:
        if place.id.startswith("hwy:M5@"):
            _, away = Route(route_vertices(place)).locate(*near)
            if best is None or away < best[0]:
                best = (away, place)
    return None if best is None or best[0] > 1 else tl.state_of(best[1].id, on)


def test_a_change_at_a_town_sets_only_the_segments_next_to_it():
    whole = ev("h1", M5, "government", "opposition", None, date(2020, 2, 26), flags=("full_length",))
    retaken = ev(
        "c2", SARAQIB, "opposition", "government", date(2020, 2, 27), date(2020, 2, 27), kind="recapture"
    )
    tl = build_timeline([whole, retaken])
    assert tl.state_of("hwy:M5", ALEPPO_SIDE) is None  # the highway itself is only its segments
    assert highway_state(tl, (35.87, 36.81), ALEPPO_SIDE).controller == "opposition"  # at Saraqib
    assert highway_state(tl, (36.10, 37.06), ALEPPO_SIDE).controller == "government"  # towards Aleppo
    assert highway_state(tl, (35.30, 36.70), ALEPPO_SIDE).controller == "government"  # south of Maarat
    assert highway_state(tl, (35.30, 36.70), date(2020, 2, 20)) is None  # "by 26 February": nothing before
    segment = next(
        p for p in tl.places if p.id.startswith("hwy:M5@") and "10 km north-east of Saraqib" in p.name
    )
    assert {e.id for e in tl.history(segment.id)} == {"h1", "c2"}  # the reports that set it
    assert "10 km" in " ".join(p.name for p in tl.places)


def test_an_interdiction_marks_the_segments_contested_and_changes_no_control():
    whole = ev(
        "h1", M5, "government", "opposition", date(2020, 2, 10), date(2020, 2, 12), flags=("full_length",)
    )
    cut = ev("h2", M5, "opposition", "", date(2020, 2, 27), date(2020, 2, 27), kind="interdiction",
             flags=("at:maarat",))  # fmt: skip
    tl = build_timeline([whole, cut], gazetteer={"maarat": MAARAT})
    s = highway_state(tl, (35.64, 36.675), ALEPPO_SIDE)
    assert (s.controller, s.certainty, s.other) == ("government", "contested", "opposition")
    far = highway_state(tl, (36.10, 37.06), ALEPPO_SIDE)
    assert (far.controller, far.certainty) == ("government", "reported")
    assert tl.state_of("maarat", ALEPPO_SIDE) is None  # an interdiction is no change of the town


def test_a_highway_event_without_a_place_or_full_length_sets_no_segment():
    vague = ev("h1", M5, "opposition", "government", date(2020, 2, 27), date(2020, 2, 27))
    tl = build_timeline([vague])
    assert [p.id for p in tl.places] == [] and [e.id for e in tl.events] == ["h1"]


def test_the_gazetteer_adds_its_highways_where_their_towns_changed():
    retaken = ev(
        "c2", SARAQIB, "opposition", "government", date(2020, 2, 27), date(2020, 2, 27), kind="recapture"
    )
    tl = build_timeline([retaken], gazetteer={"hwy:M5": M5})
    assert highway_state(tl, (35.87, 36.81), ALEPPO_SIDE).controller == "opposition"
    assert highway_state(tl, (35.30, 36.70), ALEPPO_SIDE) is None


def test_an_interdiction_at_a_town_cuts_only_the_highway_its_note_names():
    whole = ev(
        "h1", M5, "government", "opposition", date(2020, 2, 10), date(2020, 2, 12), flags=("full_length",)
    )
    cut = Event("i1", MAARAT, "opposition", "", "interdiction", DateRange(ALEPPO_SIDE, ALEPPO_SIDE, ALEPPO_SIDE, "day"),
                (EventSource("a1", "Wire", "Rebels cut the road near the town."),), notes=("highway: hwy:M4",))  # fmt: skip
    tl = build_timeline([whole, cut])
    assert highway_state(tl, (35.64, 36.675), ALEPPO_SIDE).certainty == "reported"  # the M4, not the M5
    on_m5 = Event(
        "i2", MAARAT, "opposition", "", "interdiction", cut.dates, cut.sources, notes=("highway: hwy:M5",)
    )
    tl = build_timeline([whole, on_m5])
    assert highway_state(tl, (35.64, 36.675), ALEPPO_SIDE).certainty == "contested"
    assert tl.state_of("maarat", ALEPPO_SIDE) is None
