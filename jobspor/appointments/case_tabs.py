"""The case page's "Møder" tab: coming appointments and earlier ones with their outcome (held, missed)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.permissions import sees_full_case
from jobspor.cases.tabs import CaseTab, register

from .choices import AppointmentStatus
from .selectors import case_appointments


def _context(request, case, employee):
    coming, earlier = case_appointments(case=case)
    return {"coming": coming, "earlier": earlier}


def _badge(case):
    return case.appointments.filter(status=AppointmentStatus.PLANNED, end__gte=timezone.now()).count()


register(CaseTab(key="moeder", label=_("Møder"), template="appointments/_tab_appointments.html", order=22,
                 context=_context, visible=sees_full_case, badge=_badge))
