"""Sub-goals in "Mine opgaver": open sub-goals due within UPCOMING_DAYS (and every overdue one) that the
employee owns, or that the citizen owns on cases where the employee is the primary contact."""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from jobspor.cases.models import CaseStaff
from jobspor.cases.permissions import visible_among
from jobspor.followup.sources import UPCOMING_DAYS, TaskItem, register_source

from .choices import OPEN_STATUSES
from .models import SubGoal


def find_sub_goals(employee, today: dt.date) -> list[tuple]:
    """Three queries, each on an index: the employee's own sub-goals (owner, status, due) and which of their cases
    the employee sees, and the citizens' sub-goals on the cases where the employee is the primary contact."""
    if employee is None:
        return []
    open_due = Q(status__in=OPEN_STATUSES, due__lte=today + dt.timedelta(days=UPCOMING_DAYS),
                 plan__case__closed__isnull=True)
    rows = SubGoal.objects.filter(open_due).order_by("due", "id")
    # Found by the employee first, then checked against the case scope by key: asked as `case IN (scope)` the
    # database lists every case of the team (thousands) to find a few hundred sub-goals.
    own = list(rows.filter(owner_id=employee.pk).values_list("due", "pk", "plan__case_id"))
    visible = visible_among(employee, {case_id for _due, _pk, case_id in own})
    primary_cases = CaseStaff.objects.filter(employee_id=employee.pk, is_primary=True).values("case_id")
    citizens = rows.filter(owner__isnull=True, plan__case_id__in=primary_cases).values_list("due", "pk")
    return sorted({(due, pk) for due, pk, case_id in own if case_id in visible} | set(citizens))


def load_sub_goals(keys) -> dict:
    kind = _("Delmål")
    return {g.pk: TaskItem(kind=kind, title=g.text if g.owner_id else _("%(text)s (borgerens)") % {"text": g.text},
                           due=g.due, case=g.plan.case, url=f"/sag/{g.plan.case_id}/?fane=plan#delmaal-{g.pk}")
            for g in SubGoal.objects.filter(pk__in=keys).select_related("plan__case__citizen")}


register_source(find_sub_goals, load=load_sub_goals)
