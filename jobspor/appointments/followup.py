"""What the calendar adds to "Mine opgaver": the employee's planned appointments today, first on the page
(see jobspor/followup/sources.py). Only appointments on cases the employee may see, and company meetings."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.cases.models import Case
from jobspor.cases.permissions import case_scope_q
from jobspor.followup.sources import TaskItem, register_source

from .choices import AppointmentStatus
from .models import Appointment


def day_bounds(day: dt.date):
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return start, dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def appointments_today(employee, today: dt.date) -> list[TaskItem]:
    start, end = day_bounds(today)
    appointments = list(Appointment.objects.filter(staff=employee, start__gte=start, start__lt=end,
                                                   status=AppointmentStatus.PLANNED)
                        .select_related("case__citizen", "company").order_by("start", "id"))
    # The day's few cases checked against the scope (as an IN list of every case a jobformidler may see, SQLite
    # built the list of the team's 14,000 cases first: 24 ms of "Mine opgaver" for three meetings).
    case_ids = {a.case_id for a in appointments if a.case_id is not None}
    visible = set(Case.objects.filter(case_scope_q(employee), pk__in=case_ids).values_list("pk", flat=True)
                  ) if case_ids else set()
    appointments = [a for a in appointments if a.case_id is None or a.case_id in visible]
    return [TaskItem(_("Møde"), f"{timezone.localtime(a.start):%H.%M}–{timezone.localtime(a.end):%H.%M} {a.title}",
                     today, a.case, reverse("appointments:detail", args=[a.pk]),
                     subject=a.company.name if a.case is None and a.company else "", agenda=True)
            for a in appointments]


register_source(appointments_today)
