"""Sub-goals in "Mine opgaver": open sub-goals due within UPCOMING_DAYS (and every overdue one) that the
employee owns, or that the citizen owns on cases where the employee is the primary contact."""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext as _

from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.permissions import case_scope_q
from jobspor.followup.sources import UPCOMING_DAYS, TaskItem, register_source

from .choices import OPEN_STATUSES
from .models import SubGoal


def due_sub_goals(employee, today: dt.date) -> list[TaskItem]:
    """Two queries, each on an index: the employee's own sub-goals (owner, status, due), and the citizens'
    sub-goals on the cases where the employee is the primary contact (through the case staff index)."""
    if employee is None:
        return []
    open_due = Q(status__in=OPEN_STATUSES, due__lte=today + dt.timedelta(days=UPCOMING_DAYS),
                 plan__case__closed__isnull=True)
    rows = SubGoal.objects.select_related("plan__case__citizen").order_by("due", "id")
    visible = Case.objects.filter(case_scope_q(employee)).values("pk")
    own = list(rows.filter(open_due, owner_id=employee.pk, plan__case_id__in=visible))
    primary_cases = CaseStaff.objects.filter(employee_id=employee.pk, is_primary=True).values("case_id")
    citizens = list(rows.filter(open_due, owner__isnull=True, plan__case_id__in=primary_cases))
    kind = _("Delmål")
    return [TaskItem(kind=kind, title=g.text if g.owner_id else _("%(text)s (borgerens)") % {"text": g.text},
                     due=g.due, case=g.plan.case, url=f"/sag/{g.plan.case_id}/?fane=plan#delmaal-{g.pk}")
            for g in sorted(own + citizens, key=lambda g: (g.due, g.pk))]


register_source(due_sub_goals)
