"""The baseline the team forecast is held against: how fast cases have left the jobcentre before, learned from
the history of cases with a Kaplan–Meier estimate per target group (lifelines), and applied to the open cases.

An exit is a case closed for one of the outcomes a forecast can name (ordinary job, education, flex job,
resource programme, disability pension). Cases closed for other reasons (moved, other support …) and cases
still open are censored at that date: they count as "not yet left" for as long as they were followed.
Counts only; no citizen is named.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, Case, Count, DateField, F, Max, Q, Sum, Value, When

from jobspor.cases.choices import CloseReason
from jobspor.cases.models import Case as CaseModel
from jobspor.core.dbfunctions import DaysBetween

from .choices import Outcome

# Close reasons that are the exits a forecast names, and the outcome each one fulfils.
EXIT_REASON_OUTCOME = {
    CloseReason.ORDINARY_EMPLOYMENT: Outcome.JOB,
    CloseReason.ORDINARY_EDUCATION: Outcome.EDUCATION,
    CloseReason.FLEX_JOB: Outcome.FLEX,
    CloseReason.RESOURCE_PROGRAMME: Outcome.REHAB,
    CloseReason.DISABILITY_PENSION: Outcome.PENSION,
}
EXIT_OUTCOMES = tuple(EXIT_REASON_OUTCOME.values())
ALL_GROUPS = 0  # the curve over every target group: for cases without one, and groups with too little history
MIN_CASES = 30  # a target group needs this many cases of history for a curve of its own


@dataclass
class History:
    """Cases counted by (target group, days followed, ended in an exit): what Kaplan–Meier needs, aggregated
    in the database so that 100,000 cases come back as a few thousand rows."""

    groups: np.ndarray
    durations: np.ndarray
    exited: np.ndarray
    weights: np.ndarray

    @property
    def cases(self) -> int:
        return int(self.weights.sum())


def _days(end) -> DaysBetween:
    return DaysBetween(end, F("opened"))


def _as_days(value) -> int:
    return max(int(value), 0)


def history_as_of(on: dt.date, cases=None) -> History:
    """What was known on `on` about the cases opened before it. A case closed on or after `on` was still open
    then: censored at `on`."""
    cases = CaseModel.objects.all() if cases is None else cases
    ended = Q(closed__lt=on)
    rows = (cases.filter(opened__lt=on)
            .annotate(followed=_days(Case(When(ended, then=F("closed")), default=Value(on),
                                          output_field=DateField())),
                      exited=Case(When(ended & Q(close_reason__in=list(EXIT_REASON_OUTCOME)), then=Value(True)),
                                  default=Value(False), output_field=BooleanField()))
            .values_list("target_group", "followed", "exited").annotate(n=Count("pk")).order_by())
    rows = list(rows)
    return History(groups=np.asarray([g or ALL_GROUPS for g, _, _, _ in rows], dtype=int),
                   durations=np.asarray([_as_days(d) for _, d, _, _ in rows], dtype=float),
                   exited=np.asarray([bool(e) for _, _, e, _ in rows], dtype=bool),
                   weights=np.asarray([n for _, _, _, n in rows], dtype=float))


def open_on(cases, on: dt.date) -> list[tuple[int, int, int]]:
    """(target group, days open, number of cases) of the cases in `cases` that were open on `on`."""
    rows = (cases.filter(Q(closed__isnull=True) | Q(closed__gte=on), opened__lte=on)
            .annotate(followed=_days(Value(on, output_field=DateField())))
            .values_list("target_group", "followed").annotate(n=Count("pk")).order_by())
    return [(g or ALL_GROUPS, _as_days(d), n) for g, d, n in rows]


@dataclass
class Curve:
    """A Kaplan–Meier survival curve as a step function: S(t) = survival[i] for timeline[i] <= t < timeline[i+1]."""

    timeline: np.ndarray
    survival: np.ndarray
    cases: int

    def at(self, days: np.ndarray) -> np.ndarray:
        index = np.searchsorted(self.timeline, days, side="right") - 1
        return np.where(index >= 0, self.survival[np.clip(index, 0, None)], 1.0)


CURVES_CACHE_SECONDS = 6 * 3600


def curves_as_of(on: dt.date) -> tuple[dict[int, Curve], int]:
    """`fit_curves(history_as_of(on))` over every case, and the number of cases it learned from.

    The same for every viewer, and the costliest part of a team forecast (a scan of every case, then lifelines),
    so it is cached. The key holds what the history reads from: the number of cases, the newest id and the sum of
    their versions (`lock_version` goes up on every save) — any case opened, closed or edited gives a new key, so
    the figures stay live; an unchanged jobcentre reuses the fit."""
    seen = CaseModel.objects.aggregate(n=Count("pk"), last=Max("pk"), versions=Sum("lock_version"))
    key = f"forecast:curves:{connection.alias}:{on.isoformat()}:{seen['n']}:{seen['last']}:{seen['versions']}"
    found = cache.get(key)
    if found is None:
        history = history_as_of(on)
        found = (fit_curves(history), history.cases)
        cache.set(key, found, CURVES_CACHE_SECONDS)
    return found


def fit_curves(history: History) -> dict[int, Curve]:
    """One curve per target group with enough history, and one over all (key ALL_GROUPS)."""
    from lifelines import KaplanMeierFitter  # imported here: lifelines pulls in pandas, slow to load

    curves = {}
    if not len(history.durations):
        return curves
    selections = {ALL_GROUPS: np.ones(len(history.groups), dtype=bool)}
    for group in np.unique(history.groups):
        if group != ALL_GROUPS:
            selections[int(group)] = history.groups == group
    for group, selected in selections.items():
        cases = int(history.weights[selected].sum())
        if cases < MIN_CASES and group != ALL_GROUPS:
            continue
        fitter = KaplanMeierFitter().fit(history.durations[selected], event_observed=history.exited[selected],
                                         weights=history.weights[selected])
        curves[group] = Curve(timeline=fitter.survival_function_.index.to_numpy(dtype=float),
                              survival=fitter.survival_function_.iloc[:, 0].to_numpy(dtype=float),
                              cases=cases)
    return curves


def expected_exits(curves: dict[int, Curve], open_cases, on: dt.date, months: list[dt.date],
                   end: dt.date) -> list[float]:
    """Expected number of exits in each month of `months` (first days; the last month ends before `end`) among
    `open_cases`, as `open_on` gives them: for a case open d days, the chance to leave between day a and day b
    from `on` is (S(d + a) - S(d + b)) / S(d)."""
    totals = np.zeros(len(months))
    if not curves or not open_cases:
        return totals.tolist()
    bounds = np.clip(np.asarray([(m - on).days for m in months] + [(end - on).days], dtype=float), 0, None)
    by_group: dict[int, list[tuple[int, int]]] = {}
    for group, days, n in open_cases:
        by_group.setdefault(group if group in curves else ALL_GROUPS, []).append((days, n))
    for group, pairs in by_group.items():
        curve = curves[group]
        followed = np.asarray([d for d, _ in pairs], dtype=float)
        counts = np.asarray([n for _, n in pairs], dtype=float)
        now = curve.at(followed)
        alive = now > 0
        if not alive.any():
            continue
        at_bounds = curve.at(followed[alive, None] + bounds[None, :])  # case groups × (months + 1)
        left = (at_bounds[:, :-1] - at_bounds[:, 1:]) / now[alive, None]
        totals += (left * counts[alive, None]).sum(axis=0)
    return totals.tolist()
