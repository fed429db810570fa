"""The "Kontakter" tab of the case page: the journal newest first, a quick form at the top, and the case's
planned actions. Full access only (never a mentor: journal notes are not for the mentor)."""

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import CaseStaff
from jobspor.cases.pairs import held_jointly, pair_of
from jobspor.cases.permissions import can_change_case, sees_full_case
from jobspor.cases.tabs import CaseTab, register

from . import selectors
from .forms import ContactForm, PlannedActionForm
from .models import Contact


def _context(request, case, employee):
    staff = selectors.case_staff_employees(case=case)
    actions = selectors.case_actions(case=case)
    journal = selectors.case_journal(case=case)
    roles = dict(CaseStaff.objects.filter(case=case).values_list("employee_id", "role"))
    for contact in journal:  # makkerskab: held by the pair together (participants are prefetched)
        contact.joint = held_jointly({contact.employee_id, *(p.pk for p in contact.participants.all())}, roles)
    pair = pair_of(CaseStaff.objects.filter(case=case).select_related("employee"))
    return {
        "journal": journal,
        "pair": pair,
        "pair_ids": {pair.job_broker.pk, pair.caseworker.pk} if pair.complete else set(),
        "open_actions": [a for a in actions if a.done_on is None],
        "done_actions": [a for a in actions if a.done_on is not None],
        "contact_form": ContactForm(staff=staff, employee=employee),
        "action_form": PlannedActionForm(staff=staff, initial={"owner": employee}),
        "can_write_journal": can_change_case(employee, case),
        "today": timezone.localdate(),
    }


def _badge(case):
    return Contact.objects.filter(case=case).aggregate(n=Count("pk"))["n"]


register(CaseTab(key="kontakter", label=_("Kontakter"), template="contacts/_tab_contacts.html", order=20,
                 context=_context, visible=sees_full_case, badge=_badge))
