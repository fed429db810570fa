"""What messages add to "Mine opgaver": threads where a citizen or company awaits our answer — for the case's
primary contact, and for the company's owner — due when the answer promise runs out."""

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.cases.models import CaseStaff
from jobspor.followup.sources import TaskItem, register_source

from .models import Thread
from .promise import deadline


def awaiting_messages(employee, today: dt.date) -> list[TaskItem]:
    primary = CaseStaff.objects.filter(employee_id=employee.pk, is_primary=True).values("case_id")
    threads = (Thread.objects.filter(awaiting_since__isnull=False, status="open")
               .filter(Q(case_id__in=primary) | Q(company__owner_id=employee.pk))
               .select_related("case__citizen", "company").order_by("awaiting_since", "id"))
    items = []
    for thread in threads:
        due = timezone.localtime(deadline(thread.awaiting_since)).date()
        if thread.case_id:
            items.append(TaskItem(_("Besked fra borger"), thread.subject, due, thread.case,
                                  reverse("messaging:case_thread", args=[thread.case_id, thread.pk])))
        else:
            items.append(TaskItem(_("Besked fra virksomhed"), thread.subject, due, None,
                                  reverse("messaging:company_thread", args=[thread.company_id, thread.pk]),
                                  subject=thread.company.name))
    return items


register_source(awaiting_messages)
