"""Forecast actions in "Mine opgaver": the next action of the current forecast, not done, due within
UPCOMING_DAYS (or overdue), on open cases where the employee is the primary contact or recorded it."""

import datetime as dt

from django.utils.translation import gettext as _

from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.permissions import case_scope_q
from jobspor.followup.sources import UPCOMING_DAYS, TaskItem, register_source

from .models import Forecast


def find_forecast_actions(employee, today: dt.date) -> list[tuple]:
    if employee is None:
        return []
    primary_cases = CaseStaff.objects.filter(employee_id=employee.pk, is_primary=True).values("case_id")
    due = Forecast.objects.filter(is_current=True, action_done=False, case__closed__isnull=True,
                                  action_due__lte=today + dt.timedelta(days=UPCOMING_DAYS))
    # Found by the employee first (their cases, what they recorded), then checked against the case scope: asked
    # in one query with an OR, the database walks every case a leader may see.
    found = set(due.filter(case_id__in=primary_cases).values_list("action_due", "pk"))
    recorded = {(row[0], row[1]): row[2] for row in
                due.filter(recorded_by_id=employee.pk).values_list("action_due", "pk", "case_id")}
    if recorded:
        visible = set(Case.objects.filter(case_scope_q(employee), pk__in=set(recorded.values()))
                      .values_list("pk", flat=True))
        found |= {key for key, case_id in recorded.items() if case_id in visible}
    return sorted(found)


def load_forecast_actions(keys) -> dict:
    kind = _("Prognose")
    return {f.pk: TaskItem(kind=kind, title=f.next_action, due=f.action_due, case=f.case,
                           url=f"/sag/{f.case_id}/?fane=prognose#prognose")
            for f in Forecast.objects.select_related("case__citizen").filter(pk__in=keys)}


register_source(find_forecast_actions, load=load_forecast_actions)
