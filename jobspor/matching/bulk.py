"""Bulk matching: many citizens to many small jobs at once, maximising the total score.

Each opening with p places becomes p columns; each candidate case a row; a pair that fails a hard
requirement (or has no match at all) gets no edge. scipy.optimize.linear_sum_assignment solves the
rectangular assignment problem exactly (maximize=True). Each case also has its own "not assigned" column
of weight 0; pairs without an edge carry a large negative weight and are never chosen, so the proposal
never violates a hard requirement.
"""

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

FORBIDDEN = -1e9


@dataclass
class Proposal:
    case_id: int
    job_id: int
    score: float
    reasons: list[str]


def assign(edges: dict[tuple[int, int], tuple[float, list[str]]], places: dict[int, int]) -> list[Proposal]:
    """`edges`: (case id, job id) → (score, reasons) for allowed pairs; `places`: job id → places.
    Returns the assignment with the largest total score (each case at most once, each job at most its places)."""
    cases = sorted({c for c, _j in edges})
    columns = [job for job in sorted(places) for _ in range(max(0, places[job]))]
    if not cases or not columns:
        return []
    row_of = {c: i for i, c in enumerate(cases)}
    # One "stays unassigned" column (weight 0) per case: leaving someone out must never cost more than a poor match.
    weights = np.full((len(cases), len(columns) + len(cases)), FORBIDDEN)
    weights[:, len(columns):] = 0.0
    col_of = {}
    for j, job in enumerate(columns):
        col_of.setdefault(job, []).append(j)
    for (case_id, job_id), (value, _reasons) in edges.items():
        for j in col_of.get(job_id, []):
            weights[row_of[case_id], j] = value
    rows, cols = linear_sum_assignment(weights, maximize=True)
    result = []
    for r, c in zip(rows, cols, strict=True):
        if c >= len(columns) or weights[r, c] <= FORBIDDEN / 2:
            continue
        case_id, job_id = cases[r], columns[c]
        value, reasons = edges[(case_id, job_id)]
        result.append(Proposal(case_id=case_id, job_id=job_id, score=value, reasons=reasons))
    result.sort(key=lambda p: (-p.score, p.case_id))
    return result


def propose(jobs, *, scope_q=None, case_ids=None, per_job: int | None = None, today=None):
    """The optimal assignment of the selected cases (all active cases the scope allows, or `case_ids`) to
    the openings, on a reduced matrix: for each opening its `per_job` best candidates by full score (default
    3 × places + 10), found with the same upper bounds as a single match (bounds.upper_bounds over the
    selected cases only) and scored from CV data read once for all openings (engine.Preloaded).
    A pair outside an opening's top `per_job` is not considered; hard requirements are applied as always."""
    from django.utils import timezone

    from jobspor.cases.models import Case

    from . import bounds, engine, vocabulary
    from .models import OpeningPlaces

    today = today or timezone.localdate()
    jobs = list(jobs)
    places = dict(OpeningPlaces.objects.filter(opening__in=jobs).values_list("opening_id", "places"))
    places = {job.pk: places.get(job.pk, 1) for job in jobs}
    table = bounds.active()
    rows = None
    if scope_q is not None or case_ids is not None:
        allowed = Case.objects.filter(scope_q) if scope_q is not None else Case.objects.all()
        allowed = np.array(list(allowed.filter(closed__isnull=True).values_list("pk", flat=True)), dtype=np.int64)
        if case_ids is not None:
            allowed = np.intersect1d(allowed, np.array(list(case_ids), dtype=np.int64))
        rows = np.flatnonzero(np.isin(table["pk"], allowed))
    preload = engine.Preloaded(table["pk"][rows].tolist() if rows is not None else table["pk"].tolist(), today)
    edges, refs = {}, {}
    state = vocabulary.current()  # read once for all openings
    for job in jobs:
        ctx = engine._job_context(job, today, state)
        values, pks = bounds.upper_bounds(ctx, today, rows=rows, table=table)
        top = per_job or 3 * places[job.pk] + 10
        for candidate in engine._top_by_bounds(ctx, values.tolist(), pks.tolist(), top, today, preload,
                                               batch_size=2 * top):
            edges[(candidate.case_id, job.pk)] = (candidate.score.total, candidate.score.reasons)
            refs[candidate.case_id] = candidate
    return assign(edges, places), refs
