from django.utils import timezone

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.organisation.selectors import employee_for_user

from .sources import tasks_for

PURPOSE_FOLLOWUP = "Opfølgning"


def my_tasks(*, user, path=""):
    """The user's open follow-up items (overdue first), logged as one list view of the citizens shown."""
    employee = employee_for_user(user)
    today = timezone.localdate()
    items = tasks_for(employee, today) if employee else []
    cases = {item.case.pk: item.case.citizen_id for item in items if item.case is not None}
    access_log_write(actor=user, action=Action.LIST, purpose=PURPOSE_FOLLOWUP, citizen_ids=list(cases.values()),
                     case_ids=list(cases), path=path)
    return today, items
