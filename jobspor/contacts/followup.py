"""What contacts add to "Mine opgaver": the employee's open planned actions and the next agreed contacts
on the cases they logged a contact on or are primary contact for (see jobspor/followup/sources.py)."""

import datetime as dt

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.permissions import case_scope_q, visible_among
from jobspor.followup.sources import UPCOMING_DAYS, TaskItem, register_source

from .models import Contact, PlannedAction


def _visible_case_ids(employee):
    return Case.objects.filter(case_scope_q(employee), closed__isnull=True).values("pk")


def due_planned_actions(employee, today: dt.date) -> list[TaskItem]:
    horizon = today + dt.timedelta(days=UPCOMING_DAYS)
    actions = (PlannedAction.objects.filter(owner=employee, done_on__isnull=True, due__lte=horizon,
                                            case_id__in=_visible_case_ids(employee))
               .select_related("case__citizen").order_by("due", "id"))
    return [TaskItem(_("Handling"), action.title, action.due, action.case,
                     reverse("cases:detail", args=[action.case_id]) + "?fane=kontakter") for action in actions]


def next_agreed_contacts(employee, today: dt.date) -> list[TaskItem]:
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
    contacts = list(Contact.objects.filter(pk__in=mine).exclude(Exists(later)).exclude(Exists(booked))
                    .select_related("case__citizen").order_by("next_date", "id"))
    visible = visible_among(employee, {contact.case_id for contact in contacts}, open_only=True)
    contacts = [contact for contact in contacts if contact.case_id in visible]
    return [TaskItem(_("Næste kontakt"), contact.get_next_kind_display() or _("Kontakt"), contact.next_date,
                     contact.case, reverse("cases:detail", args=[contact.case_id]) + "?fane=kontakter")
            for contact in contacts]


register_source(due_planned_actions)
register_source(next_agreed_contacts)
