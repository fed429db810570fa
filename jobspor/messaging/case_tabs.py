"""The "Beskeder" tab of the case page and of the company page: the threads with each one's age and whether it
awaits our answer, and a form to write to the citizen or company. On the case: full access only (never a mentor)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jobspor.cases.permissions import can_change_case, sees_full_case
from jobspor.cases.tabs import CaseTab, register
from jobspor.companies.permissions import can_edit_companies
from jobspor.companies.tabs import CompanyTab
from jobspor.companies.tabs import register as register_company_tab

from .promise import promise_hours

TAB = "beskeder"


def _case_context(request, case, employee):
    from . import selectors
    from .forms import ThreadForm

    threads = selectors.case_threads(case)
    for thread in threads:
        thread.url = reverse("messaging:case_thread", args=[case.pk, thread.pk])
    return {"threads": threads, "thread_form": ThreadForm(), "can_write_messages": can_change_case(employee, case),
            "new_thread_url": reverse("messaging:case_thread_new", args=[case.pk]), "promise_hours": promise_hours(),
            "party_label": _("borgeren")}


def _case_badge(case):
    from .models import Thread

    return Thread.objects.filter(case=case, awaiting_since__isnull=False).count() or None


def _company_context(request, company, employee):
    from . import selectors
    from .forms import ThreadForm

    threads = selectors.company_threads_for_staff(company)
    for thread in threads:
        thread.url = reverse("messaging:company_thread", args=[company.pk, thread.pk])
    return {"threads": threads, "thread_form": ThreadForm(), "can_write_messages": can_edit_companies(employee),
            "new_thread_url": reverse("messaging:company_thread_new", args=[company.pk]),
            "promise_hours": promise_hours(), "party_label": _("virksomheden")}


register(CaseTab(key=TAB, label=_("Beskeder"), template="messaging/_tab.html", order=25, context=_case_context,
                 visible=sees_full_case, badge=_case_badge))
register_company_tab(CompanyTab(key=TAB, label=_("Beskeder"), template="messaging/_tab.html", order=25,
                                context=_company_context))
