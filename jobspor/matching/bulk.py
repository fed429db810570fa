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


def propose(jobs, *, scope_q=None, per_job: int = 200):
    """Candidates for each opening (hard requirements applied by the engine), then the optimal assignment."""
    from . import engine
    from .models import OpeningPlaces

    places = dict(OpeningPlaces.objects.filter(opening__in=jobs).values_list("opening_id", "places"))
    edges = {}
    refs = {}
    for job in jobs:
        for candidate in engine.candidates_for_job(job, scope_q=scope_q, top=per_job):
            edges[(candidate.case_id, job.pk)] = (candidate.score.total, candidate.score.reasons)
            refs[candidate.case_id] = candidate
    return assign(edges, {job.pk: places.get(job.pk, 1) for job in jobs}), refs
