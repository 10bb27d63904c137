"""Homonyms settled by an article's geography: the candidate of each name that keeps the article's
places closest together (``Resolver.choose_in_article`` gathers the names and calls these)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import accumulate, chain
from typing import Literal, NamedTuple

import numpy as np

from frontlines.gazetteer.nearby import coordinates as _coordinates
from frontlines.gazetteer.nearby import haversine_km
from frontlines.models import Candidate, MatchKind, MentionStatus, Place

#: A homonym is settled by geography when its best candidate lies within NEAR_KM of another place of
#: the article and the runner-up lies, on average over the article's places, MARGIN_KM farther.
NEAR_KM = 60.0
MARGIN_KM = 15.0
#: A place farther than this from a candidate says no more about it: distances are capped here.
FAR_KM = 300.0
#: Places of the homonym's own sentence (its list, its clause) weigh more than the others, and a
#: name that is itself still a homonym weighs less.
SENTENCE_WEIGHT = 2.0
UNSETTLED_WEIGHT = 0.5
#: Failing that, a homonym (but a big town with a settled place near it) is the one candidate within
#: LIST_KM of a settled place of its own sentence, if only one is (``_by_list_neighbour``).
LIST_KM = 15.0
#: A candidate farther than this on average from the article's places is no choice at all.
MAX_MEAN_KM = 150.0


@dataclass(frozen=True, slots=True)
class Choice:
    """The outcome of resolving one mention."""

    status: MentionStatus
    place: Place | None
    match: MatchKind | Literal[""]
    candidates: tuple[Candidate, ...]


def candidate_distances(
    pools: list[tuple[Candidate, ...]], fixed: list[Place | None]
) -> tuple[np.ndarray, dict[str, int]]:
    """One haversine for an article's homonyms: from every candidate of every pool (a row each, pool after
    pool) to every place that may be a name's point in either round of ``choose_in_article`` (its fixed
    place, or its pool's candidates, or the one of them it settles on), with each place's column by id."""
    cands = [c.place for pool in pools for c in pool]
    column_of: dict[str, int] = {}
    places: list[Place] = []
    for place in chain(cands, (p for p in fixed if p is not None)):
        if place.id not in column_of:
            column_of[place.id] = len(places)
            places.append(place)
    cand_lat, cand_lon = _coordinates(cands)
    lat, lon = _coordinates(places)
    return haversine_km(cand_lat[:, None], cand_lon[:, None], lat[None, :], lon[None, :]), column_of


def nearest_by_name(
    pools: list[tuple[Candidate, ...]],
    points: list[list[Place]],
    groups: list[int],
    distances: tuple[np.ndarray, dict[str, int]],
) -> list[np.ndarray]:
    """For each pool, its candidates' capped distance to the nearest point of each name of ``groups``
    (the names that have points): their columns in ``candidate_distances``, then a minimum per name."""
    matrix, column_of = distances
    columns = [column_of[p.id] for j in groups for p in points[j]]
    starts = list(accumulate((len(points[j]) for j in groups[:-1]), initial=0))
    nearest = np.minimum(np.minimum.reduceat(matrix[:, columns], starts, axis=1), FAR_KM)  # candidate x name
    bounds = list(accumulate((len(pool) for pool in pools), initial=0))
    empty = nearest[:0]  # a name without homonyms has no row
    return [nearest[bounds[i] : bounds[i + 1]] if pool else empty for i, pool in enumerate(pools)]


class Others(NamedTuple):
    """The names a homonym is weighed against, the same in both rounds: their columns among
    ``nearest_by_name``'s groups, the names, and whether each shares a sentence with the homonym."""

    columns: list[int]
    names: list[int]
    listed: list[bool]


def others_of(groups: list[int], own: frozenset[int], sentences: list[set[int]]) -> Others:
    """The names of ``groups`` but ``own`` (the name itself, and its uses with other qualifiers or
    surfaces, which say nothing about where it is), and whether each shares a sentence with them."""
    own_sentences = set().union(*(sentences[j] for j in own))
    columns = [k for k, j in enumerate(groups) if j not in own]
    names = [groups[k] for k in columns]
    return Others(columns, names, [not own_sentences.isdisjoint(sentences[j]) for j in names])


#: The weight of another name in a homonym's mean distance, by (settled, of the same sentence).
_WEIGHTS = {
    (f, s): (1.0 if f else UNSETTLED_WEIGHT) * (SENTENCE_WEIGHT if s else 1.0)
    for f in (False, True)
    for s in (False, True)
}


def by_geography(
    pool: tuple[Candidate, ...],
    distances: np.ndarray,
    others: Others,
    settled: list[Place | None],
    incumbent: Place | None,
) -> Choice | None:
    """The candidate of ``pool`` that keeps the article's places closest together, if geography settles it.

    ``distances`` holds each candidate's distance to the nearest point of each name of the groups that
    ``others`` reads.
    """
    if not others.columns:
        return None
    nearest = distances[:, others.columns]  # candidate x other name
    firm = [settled[j] is not None for j in others.names]
    listed = others.listed
    weights = [_WEIGHTS[f, s] for f, s in zip(firm, listed)]
    cost = (nearest @ np.array(weights) / sum(weights)).tolist()
    order = sorted(range(len(pool)), key=lambda k: (cost[k], pool[k].place.id))
    best = order[0]
    runner_up = cost[order[1]] if len(order) > 1 else math.inf
    rows = nearest.tolist()
    near_settled = any(d <= NEAR_KM for d, f in zip(rows[best], firm) if f)
    near_homonyms = sum(d <= NEAR_KM for d, f in zip(rows[best], firm) if not f)  # homonyms that cluster
    held = [k for k, c in enumerate(pool) if c.place.id == incumbent.id] if incumbent is not None else []
    # the incumbent stays beside a settled place, unless the article's places lie on average over
    # MAX_MEAN_KM nearer the best candidate (one mention of Damascus in a report from Raqqa)
    stays = (
        bool(held)
        and any(d <= NEAR_KM for d, f in zip(rows[held[0]], firm) if f)
        and cost[held[0]] - cost[best] <= MAX_MEAN_KM
    )
    if (
        not (near_settled or near_homonyms >= 2)
        or cost[best] > MAX_MEAN_KM
        or runner_up - cost[best] < MARGIN_KM
    ):
        beside = [k for k, (f, s) in enumerate(zip(firm, listed)) if f and s]
        return _by_list_neighbour(pool, nearest[:, beside]) if beside and not stays else None
    if held and (held[0] == best or stays):
        return None  # the big town the name means on its own stays unless no settled place is near it
    ranked = tuple(Candidate(pool[k].place, pool[k].match, round(cost[k], 1)) for k in order)
    return Choice("resolved", pool[best].place, "context", ranked)


def _by_list_neighbour(pool: tuple[Candidate, ...], nearest: np.ndarray) -> Choice | None:
    """The one candidate within LIST_KM of a settled place of its own sentence, if only one is.

    Villages named in one sentence (a list, "X near Y") lie close together: when the article's mean
    distances leave a homonym open, a candidate beside a place of its sentence settles it.
    ``nearest`` holds each candidate's distance to each such place; the figure reported is the least.
    """
    close = nearest.min(axis=1)
    listed = np.flatnonzero(close <= LIST_KM)
    if len(listed) != 1:
        return None
    order = [int(listed[0])] + sorted(set(range(len(pool))) - {int(listed[0])}, key=lambda k: (close[k], k))
    ranked = tuple(Candidate(pool[k].place, pool[k].match, round(float(close[k]), 1)) for k in order)
    return Choice("resolved", pool[order[0]].place, "context", ranked)


def far_defaults(
    choices: list[Choice], ids: list[tuple[str, ...]], anchors: list[Place | None], sentences: list[set[int]]
) -> list[Choice]:
    """``choices`` with the defaults that nothing in the article supports left open.

    A name that spells several settlements and that its spelling and qualifier settle by default
    (``context``: the big town among villages, the seat), or that only a consonant skeleton matches
    (``skeleton``: "Eastern Ahmar" for a Hasakah "Eastern Hamra"), is left ambiguous when every
    candidate lies more than MAX_MEAN_KM from each of at least two other places the article settled
    (``anchors``, by name), one of them in its own sentence (``sentences``, by name), and from every
    candidate of the names still open: a village of a list far from the big town of its name, or
    from the place a skeleton fits, is likelier one the gazetteer lacks. ``ids`` tell a name's own
    uses apart. Only such names change.
    """
    suspects = [
        i
        for i, c in enumerate(choices)
        if c.status == "resolved"
        and (
            (c.match == "context" and sum(cand.place.kind == "populated_place" for cand in c.candidates) > 1)
            or c.match == "skeleton"
        )
        and all(cand.place.lat is not None for cand in c.candidates)
    ]  # fmt: skip
    if not suspects:
        return choices
    out = list(choices)
    for i in suspects:
        others = [(j, p) for j, p in enumerate(anchors) if p is not None and p.id not in ids[i]]
        if len({p.id for _, p in others}) < 2 or not any(sentences[j] & sentences[i] for j, _ in others):
            continue
        support = [p for _, p in others] + [
            cand.place
            for j, c in enumerate(choices)
            if j != i and c.status == "ambiguous"
            for cand in c.candidates
            if cand.place.lat is not None and cand.place.id not in ids[i]
        ]  # "Rasm al-Tina near Qasr Ibn Wardan": an open homonym beside it speaks for it
        lat, lon = _coordinates(support)
        cand_lat, cand_lon = _coordinates([c.place for c in choices[i].candidates])
        if haversine_km(cand_lat[:, None], cand_lon[:, None], lat[None, :], lon[None, :]).min() > MAX_MEAN_KM:
            out[i] = Choice("ambiguous", None, "", choices[i].candidates)
    return out
