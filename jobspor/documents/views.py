"""Staff views of a case's documents: upload on the case, and download. Both check the case (in scope, full
access; a mentor never) and write the access log, a refusal too."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.models import Case
from jobspor.cases.permissions import can_change_case, case_scope_q, sees_full_case
from jobspor.cases.selectors import PURPOSE_CASEWORK
from jobspor.cases.views import case_page_context
from jobspor.companies.selectors import company_get
from jobspor.core.forms import apply_service_errors
from jobspor.core.post_forms import case_tab, post_form
from jobspor.organisation.selectors import employee_for_user

from .case_tabs import TAB, tab_context
from .downloads import document_response
from .forms import DocumentUploadForm
from .models import Document, DocumentSource
from .services import document_store


def case_for_documents(*, user, pk, path, change=False) -> Case:
    """A case whose documents the user may read (or add to): in scope with full access. Logged either way."""
    case = Case.objects.select_related("citizen", "team").filter(pk=pk).first()
    if case is None:
        raise Http404
    employee = employee_for_user(user)
    allowed = (Case.objects.filter(case_scope_q(employee), pk=pk).exists() and sees_full_case(employee, case)
               and (not change or can_change_case(employee, case)))
    access_log_write(actor=user, action=Action.VIEW if allowed else Action.DENIED, purpose=PURPOSE_CASEWORK,
                     citizen_ids=[case.citizen_id], case_ids=[case.pk], path=path)
    if not allowed:
        raise PermissionDenied
    return case


def _tab_url(case):
    return f"{reverse('cases:detail', args=[case.pk])}?fane={TAB}"


@post_form(case_tab(TAB))
def upload(request, pk):
    """A document filed on the case by staff. A file that is too large or not what its name says is refused with
    a Danish message; then nothing is written (neither file nor row)."""
    case = case_for_documents(user=request.user, pk=pk, path=request.path, change=True)
    form = DocumentUploadForm(request.POST, request.FILES)
    if form.is_valid():
        data = form.cleaned_data
        try:
            document = document_store(actor=request.user, uploaded=data["file"], source=DocumentSource.UPLOAD,
                                      case=case, kind=data["kind"], title=data["title"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("«%(name)s» er gemt på sagen.") % {"name": document})
            return redirect(_tab_url(case))
    context = case_page_context(request, case, tab=TAB)
    context.update(tab_context(request, case, employee_for_user(request.user), form=form))
    return render(request, "cases/case_detail.html", context, status=400)


def download(request, pk, document_pk):
    """The file, for staff who may read the case (logged). A document erased after its retention period answers
    410 with when and why."""
    case = case_for_documents(user=request.user, pk=pk, path=request.path)
    document = get_object_or_404(Document, pk=document_pk, case=case)
    if document.erased:
        return render(request, "documents/erased.html", {"case": case, "document": document, "nav": "cases",
                                                          "back": _tab_url(case)}, status=410)
    return document_response(document)


def company_download(request, pk, document_pk):
    """A company's document (company data: every member of staff may read it, as the company's messages)."""
    if employee_for_user(request.user) is None:
        raise PermissionDenied
    company = company_get(pk=pk)
    document = get_object_or_404(Document, pk=document_pk, company=company)
    if document.erased:
        return render(request, "documents/erased.html", {"document": document, "nav": "companies",
                                                          "back": f"{reverse('companies:detail', args=[pk])}"
                                                                  f"?fane={TAB}"}, status=410)
    return document_response(document)
