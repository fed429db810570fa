"""Reads of forecasts. The case tab reads one case that the case page has already checked and logged; the team
page shows counts only (no citizen is named), scoped with case_scope_q."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.formats import date_format

from jobspor.cases import selectors as case_selectors
from jobspor.cases.models import Case
from jobspor.cases.permissions import case_scope_q
from jobspor.core.dbfunctions import MonthStart

from . import backtest, baseline
from .choices import Outcome
from .models import Forecast

PURPOSE_FORECAST = "Prognose for sagen"


def case_for_forecast(*, user, pk, path=""):
    """The case behind a forecast page (checked and logged as a look at the case)."""
    return case_selectors.case_get(user=user, pk=pk, path=path, purpose=PURPOSE_FORECAST)


def forecast_tab(*, case) -> dict:
    rows = list(Forecast.objects.filter(case=case).select_related("recorded_by").order_by("-recorded_at", "-id"))
    current = next((f for f in rows if f.is_current), None)
    return {"forecast": current, "forecast_history": [f for f in rows if not f.is_current]}


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


@dataclass
class MonthRow:
    month: dt.date | None  # None: expected before this month (the date has passed)
    counts: list[int]
    total: int

    @property
    def label(self) -> str:
        return date_format(self.month, "F Y") if self.month else ""


@dataclass
class BaselineRow:
    month: dt.date
    forecast: int  # exits the current forecasts expect this month
    baseline_forecast: float  # what the baseline expects of the same cases
    baseline_all: float  # what the baseline expects of every open case

    @property
    def label(self) -> str:
        return date_format(self.month, "F Y")


def baseline_comparison(*, employee, today: dt.date, months: list[dt.date], month_rows) -> dict:
    """Exits the current forecasts expect per month, against the baseline for the same cases and for every
    open case the viewer may see (the baseline learned from the whole history up to today)."""
    exit_index = [i for i, o in enumerate(Outcome) if o in baseline.EXIT_OUTCOMES]
    curves = baseline.fit_curves(baseline.history_as_of(today + dt.timedelta(days=1)))
    open_cases = Case.objects.filter(case_scope_q(employee), closed__isnull=True)
    with_forecast = open_cases.filter(pk__in=Forecast.objects.filter(is_current=True).values("case_id"))
    end = _next_month(months[-1])
    open_all, open_fc = baseline.open_on(open_cases, today), baseline.open_on(with_forecast, today)
    expected_all = baseline.expected_exits(curves, open_all, today, months, end)
    expected_fc = baseline.expected_exits(curves, open_fc, today, months, end)
    table = [BaselineRow(month=m, forecast=sum(r.counts[i] for i in exit_index), baseline_forecast=a, baseline_all=b)
             for m, r, a, b in zip(months, month_rows, expected_fc, expected_all, strict=True)]
    return {"baseline_rows": table, "baseline_open_cases": sum(n for _, _, n in open_all),
            "baseline_forecast_cases": sum(n for _, _, n in open_fc),
            "baseline_totals": BaselineRow(month=months[0], forecast=sum(r.forecast for r in table),
                                           baseline_forecast=sum(expected_fc), baseline_all=sum(expected_all))}


@dataclass
class WorkerRow:
    employee_id: int
    name: str
    total: int
    counts: list[int] = field(default_factory=list)

    @property
    def shares(self) -> list[int]:
        return [round(100 * n / self.total) if self.total else 0 for n in self.counts]


def team_forecast(*, employee, today: dt.date) -> dict:
    """Expected exits per month for the next 12 months, and the variation between caseworkers: per primary
    contact, the number of current forecasts and the share expecting each outcome. Three queries."""
    outcomes = list(Outcome)
    index = {o.value: i for i, o in enumerate(outcomes)}
    current = Forecast.objects.filter(is_current=True, case__closed__isnull=True,
                                      case_id__in=Case.objects.filter(case_scope_q(employee)).values("pk"))
    first = _month(today)
    months = [first]
    while len(months) < 12:
        months.append(_next_month(months[-1]))
    end = _next_month(months[-1])
    by_month = {m: [0] * len(outcomes) for m in months}
    past = [0] * len(outcomes)
    for row in (current.filter(expected_date__lt=end).annotate(month=MonthStart("expected_date"))
                .values("month", "outcome").annotate(n=Count("id")).order_by()):
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        target = by_month[month] if month >= first else past
        target[index[row["outcome"]]] += row["n"]
    month_rows = [MonthRow(month=m, counts=c, total=sum(c)) for m, c in by_month.items()]
    past_row = MonthRow(month=None, counts=past, total=sum(past)) if sum(past) else None

    workers: dict[int, WorkerRow] = {}
    for row in (current.filter(case__staff__is_primary=True)
                .values("case__staff__employee_id", "case__staff__employee__name", "outcome")
                .annotate(n=Count("id")).order_by()):
        worker = workers.setdefault(row["case__staff__employee_id"], WorkerRow(
            employee_id=row["case__staff__employee_id"], name=row["case__staff__employee__name"], total=0,
            counts=[0] * len(outcomes)))
        worker.counts[index[row["outcome"]]] += row["n"]
        worker.total += row["n"]
    totals = [0] * len(outcomes)
    for row in current.values("outcome").annotate(n=Count("id")).order_by():
        totals[index[row["outcome"]]] += row["n"]
    overall = WorkerRow(employee_id=0, name="", total=sum(totals), counts=totals)
    context = {"outcomes": outcomes, "month_rows": month_rows, "past_row": past_row,
               "month_totals": [sum(r.counts[i] for r in month_rows) for i in range(len(outcomes))],
               "workers": sorted(workers.values(), key=lambda w: (-w.total, w.name)), "overall": overall}
    context |= baseline_comparison(employee=employee, today=today, months=months, month_rows=month_rows)
    context["months_backtest"] = backtest.months_backtest(employee=employee, today=today)
    context["accuracy"] = backtest.forecast_accuracy(employee=employee, today=today)
    return context
