"""The "Dokumenter" tab of the case page: every document of the case whatever its source, and an upload form.
Full access only (never a mentor). The company page has one too: the company's documents (attachments to its
messages), company data that all staff see."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jobspor.cases.permissions import can_change_case, sees_full_case
from jobspor.cases.tabs import CaseTab, register
from jobspor.companies.tabs import CompanyTab
from jobspor.companies.tabs import register as register_company_tab

TAB = "dokumenter"


def tab_context(request, case, employee, form=None):
    from .forms import DocumentUploadForm
    from .retention import rules
    from .selectors import case_documents

    return {"documents": case_documents(case), "upload_form": form or DocumentUploadForm(),
            "can_upload": can_change_case(employee, case),
            "upload_url": reverse("documents:upload", args=[case.pk]), "retention_rules": rules()}


def _badge(case):
    return case.documents.count() or None


register(CaseTab(key=TAB, label=_("Dokumenter"), template="documents/_tab_documents.html", order=50,
                 context=tab_context, visible=sees_full_case, badge=_badge))


def _company_context(request, company, employee):
    from .selectors import company_documents

    return {"documents": company_documents(company), "can_upload": False}


register_company_tab(CompanyTab(key=TAB, label=_("Dokumenter"), template="documents/_tab_documents.html",
                                order=50, context=_company_context))
