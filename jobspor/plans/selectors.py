"""Reads of plans. The case page has already checked and logged the look at the case (cases.selectors.case_get);
these functions take that case and the user, and read only that case's plan."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jobspor.cases import selectors as case_selectors
from jobspor.organisation.selectors import employee_for_user

from .choices import SubGoalStatus
from .models import Plan, PlanComment, SubGoal, SubGoalNote
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
    """The plan with its sub-goals, owners, follow-up notes and comments in four queries (None without a plan),
    each row with who made it (their user and, for staff, the employee)."""
    notes = SubGoalNote.objects.select_related("author")
    goals = SubGoal.objects.select_related("owner", "created_by__employee", "updated_by__employee") \
        .prefetch_related(Prefetch("notes", queryset=notes))
    comments = PlanComment.objects.select_related("created_by__employee")
    return (Plan.objects.filter(case=case).select_related("created_by__employee", "updated_by__employee")
            .prefetch_related(Prefetch("sub_goals", queryset=goals), Prefetch("comments", queryset=comments))
            .first())


def who_label(user, *, citizen_user_id, citizen_label) -> str:
    """Who made a change, as the reader should see it: the citizen (`citizen_label`: "dig" on Min side), the
    employee by name, or the jobcentre when no user is known (imports, commands)."""
    if user is None:
        return _("Jobcentret")
    if user.pk == citizen_user_id:
        return citizen_label
    try:
        return user.employee.name
    except ObjectDoesNotExist:
        return user.get_full_name() or user.get_username()


def arrange_plan(plan, *, today, citizen_user_id, citizen_label):
    """The plan's sub-goals and comments ready to show: each sub-goal with its comments, whether it is overdue
    and who added and last changed it; the comments on the plan itself apart."""
    sub_goals = list(plan.sub_goals.all()) if plan else []
    comments = list(plan.comments.all()) if plan else []

    def who(user):
        return who_label(user, citizen_user_id=citizen_user_id, citizen_label=citizen_label)

    for c in comments:
        c.who = who(c.created_by)
    for g in sub_goals:
        g.is_overdue = g.overdue_on(today)
        g.added_by = who(g.created_by)
        g.changed_by = who(g.updated_by) if g.lock_version > 1 else None
        g.comment_list = [c for c in comments if c.sub_goal_id == g.pk]
    if plan is not None:
        plan.made_by = who(plan.created_by)
        plan.changed_by = who(plan.updated_by) if plan.lock_version > 1 else None
    return sub_goals, [c for c in comments if c.sub_goal_id is None]


def _citizen_user_id(citizen_id):
    from jobspor.citizen_portal.models import CitizenUser

    return CitizenUser.objects.filter(citizen_id=citizen_id).values_list("user_id", flat=True).first()


def plan_tab(*, user, case, today: dt.date) -> dict:
    """Everything the Plan tab shows, for a case the user has just been shown (and that look logged)."""
    employee = employee_for_user(user)
    plan = plan_for_case(case=case)
    sub_goals, plan_comments = arrange_plan(plan, today=today, citizen_user_id=_citizen_user_id(case.citizen_id),
                                            citizen_label=_("Borgeren selv"))
    steps = progression(sub_goals, today=today, made=plan.made if plan else None)
    biggest = max([max(s.reached, s.due) for s in steps] + [1])
    for s in steps:
        s.reached_pct = round(75 * s.reached / biggest)  # room for the number next to the longest bar
        s.due_pct = round(75 * s.due / biggest)
    counts = {status: sum(1 for g in sub_goals if g.status == status) for status in SubGoalStatus.values}
    return {
        "plan": plan,
        "sub_goals": sub_goals,
        "plan_comments": plan_comments,
        # What the citizen added on Min side (activities and comments), for the tab's summary.
        "citizen_additions": sum(g.by_citizen for g in sub_goals) + sum(
            c.by_citizen for c in (plan.comments.all() if plan else ())),
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


def citizen_plan(*, citizen, today: dt.date) -> dict:
    """Min plan: the plan of the citizen's current case, as the citizen sees it (the caller logs the read)."""
    from jobspor.citizen_portal.services import current_case

    case = current_case(citizen)
    plan = plan_for_case(case=case) if case is not None else None
    sub_goals, plan_comments = arrange_plan(plan, today=today, citizen_user_id=_citizen_user_id(citizen.pk),
                                            citizen_label=_("dig"))
    return {"case": case, "plan": plan, "sub_goals": sub_goals, "plan_comments": plan_comments, "today": today,
            "can_write": case is not None and plan is not None and case.closed is None}


def citizen_current_plan(*, citizen) -> Plan | None:
    """The plan of the citizen's current case (the one Min side shows), for writing to."""
    from jobspor.citizen_portal.services import current_case

    case = current_case(citizen)
    return Plan.objects.select_related("case").filter(case=case).first() if case is not None else None


def citizen_sub_goal(*, citizen, pk) -> SubGoal | None:
    """One sub-goal of the citizen's own plans (None for anyone else's: the view answers 404)."""
    return SubGoal.objects.select_related("plan__case").filter(pk=pk, plan__case__citizen=citizen).first()
