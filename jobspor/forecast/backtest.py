"""How good have the forecasts been? Two backtests on history, both shown on the team forecast page:

1. Month by month, from a cut-off twelve months back: the exits that happened among the cases open then,
   against what the baseline (Kaplan–Meier, fitted only on what was known at the cut-off) and the
   caseworkers' forecasts current at the cut-off expected.
2. Every recorded forecast whose time has come: did the outcome happen (within GRACE_DAYS after the expected
   date), and on time (within ON_TIME_DAYS of it)? By outcome and by the risk the caseworker gave.

Counts only; the cases are those the viewer may see (case_scope_q), the baseline learns from all cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format

from jobspor.cases.models import Case
from jobspor.cases.permissions import case_scope_q
from jobspor.core.dbfunctions import MonthStart
from jobspor.placements.models import WeekHours

from . import baseline
from .choices import Outcome, Risk
from .models import Forecast

GRACE_DAYS = 90  # an outcome that comes this long after the expected date still counts as having happened
ON_TIME_DAYS = 31  # "on time": within about a month of the expected date
BACKTEST_MONTHS = 12


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


# --- 1. month by month --------------------------------------------------------------------------------------

@dataclass
class MonthBacktest:
    month: dt.date
    actual_all: int = 0
    baseline_all: float = 0.0
    actual_forecast: int = 0
    forecast: int = 0
    baseline_forecast: float = 0.0

    @property
    def label(self) -> str:
        return date_format(self.month, "F Y")


@dataclass
class MonthsBacktest:
    cutoff: dt.date
    rows: list[MonthBacktest]
    open_cases: int
    forecast_cases: int
    baseline_cases: int  # cases the baseline learned from

    def _total(self, name):
        return sum(getattr(r, name) for r in self.rows)

    def _error(self, predicted, actual):
        """Mean absolute difference per month between what was expected and what happened."""
        if not self.rows:
            return None
        return sum(abs(getattr(r, predicted) - getattr(r, actual)) for r in self.rows) / len(self.rows)

    @property
    def totals(self) -> MonthBacktest:
        return MonthBacktest(month=self.cutoff, **{name: self._total(name) for name in (
            "actual_all", "baseline_all", "actual_forecast", "forecast", "baseline_forecast")})

    @property
    def errors(self) -> dict:
        return {"baseline_all": self._error("baseline_all", "actual_all"),
                "forecast": self._error("forecast", "actual_forecast"),
                "baseline_forecast": self._error("baseline_forecast", "actual_forecast")}


def _as_date(value):
    return value.date() if isinstance(value, dt.datetime) else value


def _by_month(queryset, column: str) -> dict[dt.date, int]:
    rows = queryset.annotate(month=MonthStart(column)).values("month").annotate(n=Count("pk")).order_by()
    return {_as_date(row["month"]): row["n"] for row in rows}


def months_backtest(*, employee, today: dt.date, months: int = BACKTEST_MONTHS, cases=None) -> MonthsBacktest:
    """Aggregates only (a dozen queries, whatever the number of cases). `cases`: the cases shown (default: every
    case the viewer may see)."""
    cutoff = add_months(first_of_month(today), -months)
    month_starts = [add_months(cutoff, i) for i in range(months)]
    end = first_of_month(today)
    curves, learned_from = baseline.curves_as_of(cutoff)

    cases = Case.objects.filter(case_scope_q(employee)) if cases is None else cases
    open_then = (cases.filter(opened__lte=cutoff)
                 .filter(Q(closed__isnull=True) | Q(closed__gte=cutoff)))
    # The forecast current at the cut-off: the newest recorded before it, per case.
    before = timezone.make_aware(dt.datetime.combine(cutoff, dt.time.min))
    newer = Forecast.objects.filter(case_id=OuterRef("case_id"), recorded_at__lt=before,
                                    recorded_at__gt=OuterRef("recorded_at"))
    then = (Forecast.objects.filter(case_id__in=open_then.values("pk"), recorded_at__lt=before)
            .exclude(Exists(newer)))
    with_forecast = open_then.filter(pk__in=then.values("case_id"))
    exits = Q(closed__gte=cutoff, closed__lt=end, close_reason__in=list(baseline.EXIT_REASON_OUTCOME))
    actual_all = _by_month(open_then.filter(exits), "closed")
    actual_fc = _by_month(with_forecast.filter(exits), "closed")
    expected_fc = _by_month(then.filter(outcome__in=list(baseline.EXIT_OUTCOMES), expected_date__gte=cutoff,
                                        expected_date__lt=end), "expected_date")
    open_all = baseline.open_on(open_then, cutoff)
    open_fc = baseline.open_on(with_forecast, cutoff)
    base_all = baseline.expected_exits(curves, open_all, cutoff, month_starts, end)
    base_fc = baseline.expected_exits(curves, open_fc, cutoff, month_starts, end)
    rows = [MonthBacktest(month=m, actual_all=actual_all.get(m, 0), baseline_all=a, actual_forecast=actual_fc.get(m, 0),
                          forecast=expected_fc.get(m, 0), baseline_forecast=b)
            for m, a, b in zip(month_starts, base_all, base_fc, strict=True)]
    return MonthsBacktest(cutoff=cutoff, rows=rows, open_cases=sum(n for _, _, n in open_all),
                          forecast_cases=sum(n for _, _, n in open_fc), baseline_cases=learned_from)


# --- 2. every forecast whose time has come ------------------------------------------------------------------

@dataclass
class HitRow:
    key: str
    label: str
    evaluated: int = 0
    happened: int = 0
    on_time: int = 0

    @property
    def happened_pct(self):
        return round(100 * self.happened / self.evaluated) if self.evaluated else None

    @property
    def on_time_pct(self):
        return round(100 * self.on_time / self.evaluated) if self.evaluated else None


@dataclass
class Accuracy:
    by_outcome: list[HitRow]
    by_risk: list[HitRow]
    total: HitRow
    pending: int = 0  # forecasts whose time has not come yet
    notes: list[str] = field(default_factory=list)


def judge(*, outcome, expected: dt.date, recorded: dt.date, closed, reason, first_hours_week, today: dt.date):
    """(evaluable, happened, on_time) for one forecast; the rules the page states. A closed case is judged at
    once (nothing more will happen on it); an open one when the expected date plus GRACE_DAYS has passed."""
    if closed is not None and closed < recorded:
        return False, False, False  # recorded on a case already closed: nothing to judge
    window_end = expected + dt.timedelta(days=GRACE_DAYS)
    if outcome == Outcome.NO_CHANGE:
        if closed is not None and reason in baseline.EXIT_REASON_OUTCOME and closed <= expected:
            return True, False, False
        if closed is None and today <= expected:
            return False, False, False
        return True, True, True
    if outcome == Outcome.HOURS:
        event = first_hours_week if first_hours_week is not None and first_hours_week <= window_end else None
    else:
        matched = closed is not None and baseline.EXIT_REASON_OUTCOME.get(reason) == outcome and closed <= window_end
        event = closed if matched else None
    if event is not None:
        return True, True, abs((event - expected).days) <= ON_TIME_DAYS
    if closed is None and today <= window_end:
        return False, False, False
    return True, False, False


def forecast_accuracy(*, employee, today: dt.date, cases=None) -> Accuracy:
    """Every forecast recorded on a case the viewer may see (or of `cases`), judged by `judge`. One query."""
    first_hours = (WeekHours.objects.filter(placement__case_id=OuterRef("case_id"), ordinary_hours__gt=0,
                                            week__gte=OuterRef("recorded_on"))
                   .order_by("week").values("week")[:1])
    visible = (Case.objects.filter(case_scope_q(employee)) if cases is None else cases).values("pk")
    forecasts = (Forecast.objects.filter(case_id__in=visible).annotate(recorded_on=TruncDate("recorded_at"))
                 .annotate(first_hours_week=models.Case(  # the look-up only where it matters
                     models.When(outcome=Outcome.HOURS, then=Subquery(first_hours)), default=None,
                     output_field=models.DateField()))
                 .values_list("outcome", "risk", "expected_date", "recorded_on", "case__closed",
                              "case__close_reason", "first_hours_week").order_by())
    outcomes = {o.value: HitRow(o.value, o.label) for o in Outcome}
    risks = {r.value: HitRow(r.value, r.label) for r in Risk}
    total = HitRow("total", "")
    pending = 0
    for outcome, risk, expected, recorded, closed, reason, first_week in forecasts:
        if isinstance(recorded, dt.datetime):
            recorded = recorded.date()
        evaluable, happened, on_time = judge(outcome=outcome, expected=expected, recorded=recorded, closed=closed,
                                             reason=reason, first_hours_week=first_week, today=today)
        if not evaluable:
            pending += 1
            continue
        for row in (outcomes[outcome], risks[risk], total):
            row.evaluated += 1
            row.happened += happened
            row.on_time += on_time
    return Accuracy(by_outcome=list(outcomes.values()), by_risk=list(risks.values()), total=total,
                    pending=pending)
