"""Reads of forecasts. The case tab reads one case that the case page has already checked and logged; the team
page shows counts only (no citizen is named), scoped with case_scope_q."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Case as Case_
from django.db.models import Count, Q, When
from django.utils.formats import date_format

from jobspor.cases import selectors as case_selectors
from jobspor.cases.choices import Benefit
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
    """Expected exits in a month, per exit outcome (EXIT_OUTCOMES); `exits` counts only those, `on_track` the
    exits whose forecast's next action is done or not yet due ("if the planned steps are carried out");
    `other` the forecasts in the month that are no exit (small jobs/ordinary hours, no change)."""

    month: dt.date | None  # None: expected before this month (the date has passed)
    counts: list[int]
    on_track: int = 0
    other: list[int] = field(default_factory=list)

    @property
    def exits(self) -> int:
        return sum(self.counts)

    @property
    def total(self) -> int:  # kept for templates and callers: the exits, never the non-exits
        return self.exits

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


def baseline_comparison(*, employee, today: dt.date, months: list[dt.date], month_rows, cases=None) -> dict:
    """Exits the current forecasts expect per month, against the baseline for the same cases and for every
    open case shown (`cases`, default every case the viewer may see; the baseline learned from the whole history
    up to today)."""
    curves, _learned = baseline.curves_as_of(today + dt.timedelta(days=1))
    cases = Case.objects.filter(case_scope_q(employee)) if cases is None else cases
    open_cases = cases.filter(closed__isnull=True)
    with_forecast = open_cases.filter(pk__in=Forecast.objects.filter(is_current=True).values("case_id"))
    end = _next_month(months[-1])
    open_all, open_fc = baseline.open_on(open_cases, today), baseline.open_on(with_forecast, today)
    expected_all = baseline.expected_exits(curves, open_all, today, months, end)
    expected_fc = baseline.expected_exits(curves, open_fc, today, months, end)
    table = [BaselineRow(month=m, forecast=r.exits, baseline_forecast=a, baseline_all=b)
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


EXITS = [o for o in Outcome if o in baseline.EXIT_OUTCOMES]  # what a team forecast counts as an exit
NOT_EXITS = [o for o in Outcome if o not in baseline.EXIT_OUTCOMES]  # shown apart: the case goes on
SPLIT_BENEFITS = (Benefit.SYGEDAGPENGE, Benefit.JOBAFKLARINGSFORLOEB)  # seed 003's split


def on_track_q(today: dt.date) -> Q:
    """A forecast whose next concrete action is done or not yet overdue: "if the planned steps are carried out"
    (seed 003) reads only these."""
    return Q(action_done=True) | Q(action_due__gte=today)


def forecast_cases(*, employee, team=None, benefit=None):
    """The cases a team forecast covers: the team's cases (of those the viewer may see; every case the viewer may
    see when no team is chosen), optionally of one benefit."""
    cases = Case.objects.filter(case_scope_q(employee))
    if team is not None:
        cases = cases.filter(team_id=team.pk)
    if benefit:
        cases = cases.filter(benefit=benefit)
    return cases


def _months(today: dt.date) -> list[dt.date]:
    months = [_month(today)]
    while len(months) < 12:
        months.append(_next_month(months[-1]))
    return months


def _exit_month_rows(current, today: dt.date, months: list[dt.date]):
    """Per month (and before this month) the expected exits by outcome, those on track, and the non-exits."""
    first, end = months[0], _next_month(months[-1])
    exit_index = {o.value: i for i, o in enumerate(EXITS)}
    other_index = {o.value: i for i, o in enumerate(NOT_EXITS)}
    rows = {m: MonthRow(month=m, counts=[0] * len(EXITS), other=[0] * len(NOT_EXITS)) for m in months}
    past = MonthRow(month=None, counts=[0] * len(EXITS), other=[0] * len(NOT_EXITS))
    for row in (current.filter(expected_date__lt=end).annotate(month=MonthStart("expected_date"),
                                                             on_track=Case_(When(on_track_q(today), then=1),
                                                                            default=0))
                .values("month", "outcome", "on_track").annotate(n=Count("id")).order_by()):
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        target = rows[month] if month >= first else past
        if row["outcome"] in exit_index:
            target.counts[exit_index[row["outcome"]]] += row["n"]
            target.on_track += row["n"] if row["on_track"] else 0
        else:
            target.other[other_index[row["outcome"]]] += row["n"]
    return list(rows.values()), (past if past.exits or sum(past.other) else None)


@dataclass
class RemainingRow:
    """Seed 003's figure: the open cases of one benefit month by month if the forecast exits happen — all of them,
    and only those whose planned steps are on track."""

    benefit: str
    label: str
    open_now: int
    remaining: list[int]
    remaining_on_track: list[int]


def remaining_by_benefit(current, cases, today: dt.date, months: list[dt.date]) -> list[RemainingRow]:
    """For sickness benefit and job clarification: open cases now, and how many are left at the end of each month
    if the exits the forecasts expect by then (expected date passed included) happen. Two queries."""
    end = _next_month(months[-1])
    open_now = dict(cases.filter(closed__isnull=True, benefit__in=SPLIT_BENEFITS).values("benefit")
                    .annotate(n=Count("pk")).values_list("benefit", "n").order_by())
    exits = {(b, m): [0, 0] for b in SPLIT_BENEFITS for m in months}
    for row in (current.filter(case__benefit__in=SPLIT_BENEFITS, outcome__in=[o.value for o in EXITS],
                               expected_date__lt=end)
                .annotate(month=MonthStart("expected_date"), on_track=Case_(When(on_track_q(today), then=1),
                                                                           default=0))
                .values("case__benefit", "month", "on_track").annotate(n=Count("id")).order_by()):
        month = row["month"]
        month = month.date() if isinstance(month, dt.datetime) else month
        pair = exits[row["case__benefit"], max(month, months[0])]
        pair[0] += row["n"]
        pair[1] += row["n"] if row["on_track"] else 0
    result = []
    for benefit in SPLIT_BENEFITS:
        left, left_on_track, remaining, remaining_on_track = open_now.get(benefit, 0), open_now.get(benefit, 0), [], []
        for m in months:
            left -= exits[benefit, m][0]
            left_on_track -= exits[benefit, m][1]
            remaining.append(left)
            remaining_on_track.append(left_on_track)
        result.append(RemainingRow(benefit=benefit, label=Benefit(benefit).label, open_now=open_now.get(benefit, 0),
                                   remaining=remaining, remaining_on_track=remaining_on_track))
    return result


def team_forecast(*, employee, today: dt.date, team=None, benefit=None) -> dict:
    """The forecast of the team it is titled for (`team`; every case the viewer may see when None), optionally
    of one benefit: expected exits per month for the next 12 months (only exits count as exits), the same read
    "if the planned steps are carried out", sickness benefit and job clarification cases left month by month,
    and the variation between caseworkers: per primary contact, the number of current forecasts and the share
    expecting each outcome."""
    outcomes = list(Outcome)
    index = {o.value: i for i, o in enumerate(outcomes)}
    cases = forecast_cases(employee=employee, team=team, benefit=benefit)
    current = Forecast.objects.filter(is_current=True, case__closed__isnull=True, case_id__in=cases.values("pk"))
    months = _months(today)
    month_rows, past_row = _exit_month_rows(current, today, months)

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
    context = {"outcomes": outcomes, "exit_outcomes": EXITS, "other_outcomes": NOT_EXITS,
               "month_rows": month_rows, "past_row": past_row,
               "month_totals": [sum(r.counts[i] for r in month_rows) for i in range(len(EXITS))],
               "month_exits": sum(r.exits for r in month_rows),
               "month_on_track": sum(r.on_track for r in month_rows),
               "month_other": [sum(r.other[i] for r in month_rows) for i in range(len(NOT_EXITS))],
               "remaining": remaining_by_benefit(current, cases, today, months) if not benefit
               or benefit in SPLIT_BENEFITS else [],
               "months": months,
               "workers": sorted(workers.values(), key=lambda w: (-w.total, w.name)), "overall": overall}
    context |= baseline_comparison(employee=employee, today=today, months=months, month_rows=month_rows,
                                   cases=cases)
    return context


def team_accuracy(*, employee, today: dt.date, team=None, benefit=None) -> dict:
    """How well the forecasts of the same cases have hit: the month-by-month look back, and each forecast judged
    when its time has come. A page of its own: it reads every forecast ever recorded, which the forward look
    (`team_forecast`) does not need."""
    cases = forecast_cases(employee=employee, team=team, benefit=benefit)
    return {"months_backtest": backtest.months_backtest(employee=employee, today=today, cases=cases),
            "accuracy": backtest.forecast_accuracy(employee=employee, today=today, cases=cases)}
