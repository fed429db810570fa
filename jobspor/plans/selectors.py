"""Reads of plans. The case page has already checked and logged the look at the case (cases.selectors.case_get);
these functions take that case and the user, and read only that case's plan."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.formats import date_format

from jobspor.cases import selectors as case_selectors
from jobspor.organisation.selectors import employee_for_user

from .choices import SubGoalStatus
from .models import Plan, SubGoal, SubGoalNote
from .permissions import can_edit_plan, can_follow_up

PURPOSE_PLAN = "Plan og delmål"


@dataclass
class MonthStep:
    month: dt.date  # the first of the month
    reached: int  # sub-goals reached in the month
    due: int  # sub-goals due in the month
    overdue: int  # of those, still open and past their due date
    reached_total: int  # reached so far, up to and including the month
    gap_months: int = 0  # > 0: this row stands for that many months in a row without sub-goals

    @property
    def label(self) -> str:
        return date_format(self.month, "N Y")  # "feb. 2025", "marts 2025" (Danish AP-style month names)


def _month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def progression(sub_goals, *, today: dt.date, made: dt.date | None = None) -> list[MonthStep]:
    """Steps per month from the plan's start to the latest due date or today ("de små skridts metode")."""
    if not sub_goals:
        return []
    dates = [g.due for g in sub_goals] + [g.reached_on for g in sub_goals if g.reached_on]
    # Month by month from the plan to its last sub-goal or today (at most ten years: a guard, not a rule).
    start = _month(min([made] + dates) if made else min(dates))
    end = _month(max(dates + [today]))
    months, day = [], start
    while day <= end and len(months) < 120:
        months.append(day)
        day = _next_month(day)
    reached = {m: 0 for m in months}
    due = {m: 0 for m in months}
    overdue = {m: 0 for m in months}
    before_window = 0
    for g in sub_goals:
        if g.reached_on:
            m = _month(g.reached_on)
            if m in reached:
                reached[m] += 1
            elif m < months[0]:
                before_window += 1
        m = _month(g.due)
        if m in due:
            due[m] += 1
            overdue[m] += g.overdue_on(today)
    steps, total = [], before_window
    for m in months:
        total += reached[m]
        steps.append(MonthStep(month=m, reached=reached[m], due=due[m], overdue=overdue[m], reached_total=total))
    return _fold_quiet_months(steps, now=_month(today))


def _fold_quiet_months(steps, *, now, at_least=3):
    """Runs of `at_least` or more months without any sub-goal become one row, so a long plan stays readable
    (the current month always keeps its own row: it is where the chart says "now")."""
    out, run = [], []
    for step in steps + [None]:
        if step is not None and not step.reached and not step.due and step.month != now:
            run.append(step)
            continue
        if len(run) >= at_least:
            out.append(MonthStep(month=run[0].month, reached=0, due=0, overdue=0,
                                 reached_total=run[-1].reached_total, gap_months=len(run)))
        else:
            out.extend(run)
        run = []
        if step is not None:
            out.append(step)
    return out


def plan_for_case(*, case):
    """The plan with its sub-goals, owners and follow-up notes in three queries (None without a plan)."""
    notes = SubGoalNote.objects.select_related("author")
    goals = SubGoal.objects.select_related("owner").prefetch_related(Prefetch("notes", queryset=notes))
    return Plan.objects.filter(case=case).prefetch_related(Prefetch("sub_goals", queryset=goals)).first()


def plan_tab(*, user, case, today: dt.date) -> dict:
    """Everything the Plan tab shows, for a case the user has just been shown (and that look logged)."""
    employee = employee_for_user(user)
    plan = plan_for_case(case=case)
    sub_goals = list(plan.sub_goals.all()) if plan else []
    for g in sub_goals:
        g.is_overdue = g.overdue_on(today)
    steps = progression(sub_goals, today=today, made=plan.made if plan else None)
    biggest = max([max(s.reached, s.due) for s in steps] + [1])
    for s in steps:
        s.reached_pct = round(75 * s.reached / biggest)  # room for the number next to the longest bar
        s.due_pct = round(75 * s.due / biggest)
    counts = {status: sum(1 for g in sub_goals if g.status == status) for status in SubGoalStatus.values}
    return {
        "plan": plan,
        "sub_goals": sub_goals,
        "steps": steps,
        "steps_max": biggest,
        "status_counts": counts,
        "overdue_count": sum(1 for g in sub_goals if g.is_overdue),
        "today": today,
        "can_edit_plan": can_edit_plan(employee, case),
        "can_follow_up": can_follow_up(employee, case),
    }


def case_for_plan(*, user, pk, path=""):
    """The case behind a plan page (checked and logged as a look at the case)."""
    return case_selectors.case_get(user=user, pk=pk, path=path, purpose=PURPOSE_PLAN)


def sub_goal_on_case(*, case, sub_goal_pk) -> SubGoal | None:
    return SubGoal.objects.select_related("plan", "owner").filter(pk=sub_goal_pk, plan__case=case).first()
