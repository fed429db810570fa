"""Staff pages of signing, under the case: the overview of signable documents, making the plan or a consent form
ready for signing, the signing page the citizen uses on the jobformidler's phone or tablet, and a signed version
with its hash checked. Case pages: access is checked and every look (and refusal) is in the access log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.permissions import can_change_case, sees_full_case
from jobspor.cases.selectors import case_get
from jobspor.citizen_portal.services import consent_current
from jobspor.core.forms import apply_service_errors
from jobspor.organisation.selectors import employee_for_user

from . import selectors, services
from .choices import CONSENT_KINDS, DocumentKind
from .forms import ConsentFreezeForm, SignForm

PURPOSE_SIGNING = "Underskrift af plan og samtykke"


def _refuse(request, case):
    access_log_write(actor=request.user, action=Action.DENIED, purpose=PURPOSE_SIGNING,
                     citizen_ids=[case.citizen_id], case_ids=[case.pk], path=request.path)
    raise PermissionDenied


def _case(request, pk, *, change=False):
    """The case (scope checked, the look logged); a mentor on the case only sees the plan tab, never consents."""
    case = case_get(user=request.user, pk=pk, path=request.path, purpose=PURPOSE_SIGNING)
    employee = employee_for_user(request.user)
    if not sees_full_case(employee, case) or (change and not can_change_case(employee, case)):
        _refuse(request, case)
    return case


def _doc(case, doc_pk):
    doc = selectors.document_on_case(case=case, pk=doc_pk)
    if doc is None:
        raise Http404
    return doc


def _consent_forms(data=None, *, case, kind_posted=None):
    current = consent_current(case.citizen)
    out = []
    for kind in CONSENT_KINDS:
        initial = {}
        if kind == DocumentKind.CONSENT_COMPANIES and current is not None:
            initial = {"chosen": [k for k in ("share_name", "share_tasks", "share_hours") if getattr(current, k)]}
        out.append(ConsentFreezeForm(data if kind == kind_posted else None, kind=kind, initial=initial))
    return out


def _overview(request, case, *, consent_forms=None, status=200):
    employee = employee_for_user(request.user)
    return render(request, "signing/overview.html", {
        "nav": "cases", "case": case, "groups": selectors.documents_by_kind(case=case),
        "may_change": can_change_case(employee, case),
        "consent_forms": consent_forms or _consent_forms(case=case)}, status=status)


def overview(request, pk):
    return _overview(request, _case(request, pk))


@require_POST
def freeze_plan(request, pk):
    case = _case(request, pk, change=True)
    try:
        doc = services.plan_freeze(actor=request.user, case=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("signing:overview", pk=case.pk)
    return redirect("signing:sign", pk=case.pk, doc_pk=doc.pk)


@require_POST
def freeze_consent(request, pk):
    case = _case(request, pk, change=True)
    kind = request.POST.get("kind_posted")
    if kind not in CONSENT_KINDS:
        raise Http404
    forms = _consent_forms(request.POST, case=case, kind_posted=kind)
    form = next(f for f in forms if f.is_bound)
    if form.is_valid():
        try:
            doc = services.consent_freeze(actor=request.user, case=case, kind=kind, chosen=form.cleaned_data["chosen"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            return redirect("signing:sign", pk=case.pk, doc_pk=doc.pk)
    return _overview(request, case, consent_forms=forms, status=400)


def sign(request, pk, doc_pk):
    """Signing on the spot: the citizen reads the document on the jobformidler's phone or tablet, types their
    name, ticks and signs."""
    case = _case(request, pk, change=True)
    doc = _doc(case, doc_pk)
    if hasattr(doc, "signature"):
        messages.info(request, _("Borgeren har allerede skrevet under på denne version."))
        return redirect("signing:document", pk=case.pk, doc_pk=doc.pk)
    form, status = SignForm(initial={"content_hash": doc.content_hash}), 200
    if request.method == "POST":
        form = SignForm(request.POST)
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.document_sign(actor=request.user, doc=doc, signer_name=d["signer_name"],
                                       content_hash=d["content_hash"], confirmed=d["confirmed"])
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("%(title)s er underskrevet.") % {"title": doc.title})
                return redirect("signing:document", pk=case.pk, doc_pk=doc.pk)
        status = 400
    return render(request, "signing/sign.html", {
        "nav": "cases", "case": case, "doc": doc, "form": form, "stale": services.stale_reason(doc)},
        status=status)


def document(request, pk, doc_pk):
    case = _case(request, pk)
    doc = _doc(case, doc_pk)
    return render(request, "signing/document.html", {
        "nav": "cases", "case": case, "doc": doc, "signature": getattr(doc, "signature", None),
        "check": services.document_verify(doc), "latest": services.latest_version(case, doc.kind),
        "may_change": can_change_case(employee_for_user(request.user), case)})
