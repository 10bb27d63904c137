"""Who held each place on each date, from control changes, observations and interdictions.

Rules, per place (a change is a capture, recapture or withdrawal; ``gainer`` takes it from ``loser``):

* Before the first change the place is held by that change's loser (certainty ``inferred``) for at
  most ``infer_days`` days (60 by default); before that it has no state. There is no inferred state
  when the loser is unknown, or when the change has no earliest date ("by 26 February": it may
  have happened long before).
* A state is the state at the end of its day. From a change's ``dates.earliest`` to the day
  before its ``dates.latest`` the place is ``changing``: the controller is still the loser (``unknown``
  when the date is a vague range, see ``is_vague``: it may have changed on any of those days) and
  ``other`` is the gainer. A change flagged ``contested_date`` is ``contested`` instead over the
  same days. A change dated to one day (earliest = latest) is complete on that day.
* From ``dates.latest`` on, the gainer holds it (``reported``, ``since`` = the change's best date)
  until the next change's window opens.
* Open bounds: an unknown ``earliest`` opens the window at the change's best date, else the day
  after the previous change's window (or at the beginning of time); an unknown ``latest`` keeps it
  open until the day before the next change's window (or for ever). When both sides of a boundary are open the boundary is
  the later change's best (else latest) date. Windows never overlap: a window that starts inside
  the previous one is moved after it.
* Changes are ordered by best date (else earliest, else latest), then id. A change with no date at
  all is placed after every dated change of its place: its window opens after theirs and never
  closes, so the place shows as ``changing`` towards its gainer from then on.
* An observation (``gainer`` = the side seen holding the place) applies from its best (else
  latest, else earliest) date until the next event of the place. Where it agrees with the state
  the changes imply it makes the state ``reported``; where it disagrees the state becomes
  ``contested`` with ``other`` = the observed side (the controller stays the one the changes
  imply). During a ``changing`` window an observation of either side changes nothing. A place
  with observations only is held by the observed side from the observation on. Undated
  observations are kept in the history but set no state.
* An interdiction (a road cut, blocked or within firing range; ``gainer`` = the side that cut it)
  changes nobody's control. On a highway segment, from its date to the next change, the state is
  ``contested`` with ``other`` = that side (unless it already holds the segment); an interdiction at a
  town sets the segments next to it (of the highway its ``highway:`` note names, if any), and
  leaves the town's own state alone.
* A change whose date is vague (month or year precision, an open bound, or a range over
  ``VAGUE_DAYS`` days) gives ``since`` = its earliest day and ``since_latest`` = its latest.

Places at one spot (points within ``SAME_SPOT_KM`` of each other, such as a town and the junction
beside it) share one state, built from the events of them all.

Highways are held by segment. A route is cut at its vertices (the towns it passes) and at every
place with an event within ``NEAR_ROUTE_KM`` of it. A change, observation or interdiction at such
a place sets the route on each side of it, up to the next town and at most ``SEGMENT_REACH_KM``
away; an event on the highway itself sets the parts next to the places of its ``at:`` flags, or
the whole route with the ``full_length`` flag (see ``models``); one with neither sets nothing.
Consecutive parts with the same states are one segment: a place of kind ``highway`` with id
``<highway id>@<from km>-<to km>``, whose history is the events that set it.
"""

from frontlines.schema import CHANGE_KINDS
from frontlines.timeline.control import Timeline, build_timeline, states_frame
from frontlines.timeline.spans import (
    INFER_DAYS,
    UNKNOWN,
    VAGUE_DAYS,
    DaySpan,
    Span,
    event_date,
    is_change,
    is_vague,
)

__all__ = [
    "CHANGE_KINDS",
    "INFER_DAYS",
    "UNKNOWN",
    "VAGUE_DAYS",
    "DaySpan",
    "Span",
    "Timeline",
    "build_timeline",
    "event_date",
    "is_change",
    "is_vague",
    "states_frame",
]
