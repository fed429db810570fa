"""What contacts add to "Mine opgaver": the employee's open planned actions and the next agreed contacts
on the cases they logged a contact on or are primary contact for (see jobspor/followup/sources.py)."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from jobspor.cases.models import CaseStaff
from jobspor.cases.permissions import visible_among
from jobspor.followup.sources import UPCOMING_DAYS, TaskItem, register_source

from .models import Contact, PlannedAction


def find_planned_actions(employee, today: dt.date) -> list[tuple]:
    horizon = today + dt.timedelta(days=UPCOMING_DAYS)
    rows = list(PlannedAction.objects.filter(owner=employee, done_on__isnull=True, due__lte=horizon)
                .order_by("due", "id").values_list("due", "pk", "case_id"))
    visible = visible_among(employee, {case_id for _due, _pk, case_id in rows}, open_only=True)
    return [(due, pk) for due, pk, case_id in rows if case_id in visible]


def load_planned_actions(keys) -> dict:
    kind = _("Handling")
    return {action.pk: TaskItem(kind, action.title, action.due, action.case,
                                reverse("cases:detail", args=[action.case_id]) + "?fane=kontakter")
            for action in PlannedAction.objects.filter(pk__in=keys, done_on__isnull=True)
            .select_related("case__citizen")}


def find_agreed_contacts(employee, today: dt.date) -> list[tuple]:
    """The latest contact of each case, when it has a next agreed contact due soon (a later contact settles it)."""
    horizon = today + dt.timedelta(days=UPCOMING_DAYS)
    later = Contact.objects.filter(case=OuterRef("case")).filter(
        Q(date__gt=OuterRef("date")) | Q(date=OuterRef("date"), pk__gt=OuterRef("pk")))
    primary = CaseStaff.objects.filter(employee_id=employee.pk, is_primary=True).values("case_id")
    from jobspor.appointments.models import Appointment  # the calendar sits above contacts

    # A meeting booked in the calendar replaces the agreed date (it shows under "Dagens møder" on its day).
    booked = Appointment.objects.filter(case=OuterRef("case"), status="planlagt", start__date__gte=today)
    # The employee's own contacts and those on their cases first, each by its index: asked in one query with the
    # case scope, the database walks every visible case (a leader's department: 80,000) to find a handful.
    due = Contact.objects.filter(next_date__isnull=False, next_date__lte=horizon)
    mine = (set(due.filter(employee=employee).values_list("pk", flat=True))
            | set(due.filter(case_id__in=primary).values_list("pk", flat=True)))
    rows = list(Contact.objects.filter(pk__in=mine).exclude(Exists(later)).exclude(Exists(booked))
                .order_by("next_date", "id").values_list("next_date", "pk", "case_id"))
    visible = visible_among(employee, {case_id for _due, _pk, case_id in rows}, open_only=True)
    return [(next_date, pk) for next_date, pk, case_id in rows if case_id in visible]


def load_agreed_contacts(keys) -> dict:
    kind, default_title = _("Næste kontakt"), _("Kontakt")
    return {contact.pk: TaskItem(kind, contact.get_next_kind_display() or default_title, contact.next_date,
                                 contact.case, reverse("cases:detail", args=[contact.case_id]) + "?fane=kontakter")
            for contact in Contact.objects.filter(pk__in=keys).select_related("case__citizen")}


register_source(find_planned_actions, load=load_planned_actions)
register_source(find_agreed_contacts, load=load_agreed_contacts)
