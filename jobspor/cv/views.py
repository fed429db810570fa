"""The CV tab's actions: each posts one small form (htmx: the tab is redrawn in place, no page reload; without
JavaScript: back to the case page), the printable PDF, and suggestions while typing."""

import json
import re
import unicodedata

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from jobspor.audit.verbs import Action
from jobspor.cases import selectors as case_selectors
from jobspor.cases.permissions import can_change_case, sees_full_case
from jobspor.cases.views import case_page_context
from jobspor.core.forms import apply_service_errors
from jobspor.core.post_forms import case_tab, post_form
from jobspor.organisation.selectors import employee_for_user

from . import services
from .choices import ItemKind
from .forms import DetailsForm, ExperienceForm, ItemForm, JobGoalForm, LanguageForm, StatementForm
from .models import Cv
from .pdf import cv_pdf
from .selectors import PURPOSE_CV, PURPOSE_PRINT, CvView, cv_for_case
from .vocabulary import suggestions

ITEM_SECTIONS = [
    (ItemKind.TASK, gettext_lazy("Arbejdsopgaver borgeren kan løse")),
    (ItemKind.COMPETENCY, gettext_lazy("Kompetencer")),
    (ItemKind.JOB_WISH, gettext_lazy("Jobønsker")),
    (ItemKind.ACCOMMODATION, gettext_lazy("Hensyn")),
]


def blank_forms(cvv: CvView) -> dict:
    details = {"hours_now": cvv.hours_now, "hours_wanted": cvv.hours_wanted, "max_commute_km": cvv.max_commute_km,
               "transport": cvv.transport or [], "driving_licence": ", ".join(cvv.driving_licence or [])}
    forms = {kind: ItemForm(kind=kind) for kind, _title in ITEM_SECTIONS}
    forms.update(experience=ExperienceForm(), goal=JobGoalForm(), language=LanguageForm(),
                 details=DetailsForm(initial=details, record=cvv.cv), statement=StatementForm())
    return forms


def tab_context(cvv: CvView, *, forms=None, focus=None) -> dict:
    forms = blank_forms(cvv) | (forms or {})
    sections = [{"kind": kind, "title": title, "items": cvv.by_kind[kind], "form": forms[kind],
                 "suggest": kind in (ItemKind.TASK, ItemKind.COMPETENCY)} for kind, title in ITEM_SECTIONS]
    return {"cvv": cvv, "cv_forms": forms, "item_sections": sections, "cv_focus": focus}


def cv_tab_context(request, case, employee):
    """The CV tab of the case page (jobspor.cases.tabs): reading the CV writes its own access-log entry."""
    cvv = cv_for_case(user=request.user, case=case, path=request.get_full_path())
    return tab_context(cvv)


def _case_for_change(request, pk):
    case = case_selectors.case_get(user=request.user, pk=pk, path=request.path, purpose=PURPOSE_CV)
    employee = employee_for_user(request.user)
    if not (sees_full_case(employee, case) and can_change_case(employee, case)):
        raise PermissionDenied
    return case


def _read(case) -> CvView:
    """The CV after a change, read for the answer (the request's access-log entry is case_get's)."""
    from .selectors import _cv_query

    return CvView(_cv_query().filter(citizen_id=case.citizen_id).first())


def _answer(request, case, *, section, form=None, ok_message=None):
    """htmx: the redrawn tab (with the form's errors, or a fresh form with the cursor in it).
    Otherwise: back to the case page, or the case page with the errors (400)."""
    failed = form is not None and form.errors
    if request.htmx:
        context = {"case": case, "can_change": True}
        context.update(tab_context(_read(case), forms={section: form} if failed else None, focus=section))
        context["cv_message"] = None if failed else ok_message
        return render(request, "cv/_tab_cv.html", context)
    if failed:
        context = case_page_context(request, case, tab="cv")
        context.update(tab_context(_read(case), forms={section: form}, focus=section))
        return render(request, "cases/case_detail.html", context, status=400)
    if ok_message:
        messages.success(request, ok_message)
    return redirect(f"{reverse('cases:detail', args=[case.pk])}?fane=cv#cv-{section}")


def _run(form, call):
    """Call the service when the form is valid; its errors land on the form's fields."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        apply_service_errors(form, exc)
        return False
    return True


@post_form(case_tab("cv"))
def item_add(request, pk):
    case = _case_for_change(request, pk)
    kind = request.POST.get("kind")
    if kind not in ItemKind.values:
        raise PermissionDenied
    form = ItemForm(request.POST, kind=kind)
    ok = _run(form, lambda d: services.cv_item_add(actor=request.user, citizen=case.citizen, kind=kind,
                                                   text=d["text"]))
    return _answer(request, case, section=kind, form=form,
                   ok_message=_("'%(text)s' er tilføjet.") % {"text": form.cleaned_data["text"]} if ok else None)


@post_form(case_tab("cv"))
def experience_add(request, pk):
    case = _case_for_change(request, pk)
    form = ExperienceForm(request.POST)
    ok = _run(form, lambda d: services.cv_experience_add(actor=request.user, citizen=case.citizen, **d))
    return _answer(request, case, section="experience", form=form,
                   ok_message=_("Erfaringen er tilføjet.") if ok else None)


@post_form(case_tab("cv"))
def goal_add(request, pk):
    case = _case_for_change(request, pk)
    form = JobGoalForm(request.POST)
    ok = _run(form, lambda d: services.cv_job_goal_add(actor=request.user, citizen=case.citizen, **d))
    return _answer(request, case, section="goal", form=form, ok_message=_("Jobmålet er tilføjet.") if ok else None)


@post_form(case_tab("cv"))
def language_add(request, pk):
    case = _case_for_change(request, pk)
    form = LanguageForm(request.POST)
    ok = _run(form, lambda d: services.cv_language_add(actor=request.user, citizen=case.citizen, **d))
    return _answer(request, case, section="language", form=form, ok_message=_("Sproget er tilføjet.") if ok else None)


@post_form(case_tab("cv"))
def details_save(request, pk):
    case = _case_for_change(request, pk)
    form = DetailsForm(request.POST)
    ok = _run(form, lambda d: services.cv_details_update(actor=request.user, citizen=case.citizen, seen=form.seen,
                                                         **d))
    return _answer(request, case, section="details", form=form,
                   ok_message=_("Timer og mobilitet er gemt.") if ok else None)


@post_form(case_tab("cv"))
def statement_add(request, pk):
    case = _case_for_change(request, pk)
    form = StatementForm(request.POST)
    ok = _run(form, lambda d: services.cv_statement_add(actor=request.user, citizen=case.citizen, **d))
    return _answer(request, case, section="statement", form=form,
                   ok_message=_("Udtalelsen er tilføjet til CV'et.") if ok else None)


@require_POST
def row_remove(request, pk):
    case = _case_for_change(request, pk)
    section = request.POST.get("section", "")
    cv = Cv.objects.filter(citizen_id=case.citizen_id).first()
    try:
        row_id = int(request.POST.get("id", ""))
        if cv is None:
            raise ValidationError(_("Borgeren har intet CV."))
        services.cv_row_remove(actor=request.user, cv=cv, section=section, pk=row_id)
    except (ValueError, ValidationError) as exc:
        message = " ".join(exc.messages) if isinstance(exc, ValidationError) else _("Ugyldig anmodning.")
        if not request.htmx:
            messages.error(request, message)
            return redirect(f"{reverse('cases:detail', args=[case.pk])}?fane=cv")
        return _answer(request, case, section=section, ok_message=message)
    return _answer(request, case, section=section, ok_message=_("Fjernet fra CV'et."))


@require_GET
def cv_pdf_download(request, pk):
    """The printable CV (A4 PDF) the citizen can bring to a company; the download is logged as an export."""
    case = case_selectors.case_get(user=request.user, pk=pk, path=request.path, purpose=PURPOSE_PRINT,
                                   action=Action.EXPORT)
    cvv = cv_for_case(user=request.user, case=case, path=request.path, action=Action.EXPORT, purpose=PURPOSE_PRINT)
    html = render_to_string("cv/cv_pdf.html", {"case": case, "citizen": case.citizen, "cvv": cvv,
                                               "today": timezone.localdate()}, request=request)
    response = HttpResponse(cv_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="CV-{_file_name(case.citizen.name)}.pdf"'
    return response


def _file_name(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name.replace("æ", "ae").replace("ø", "oe").replace("å", "aa")
                                       .replace("Æ", "Ae").replace("Ø", "Oe").replace("Å", "Aa"))
    return re.sub(r"[^A-Za-z0-9]+", "-", ascii_name.encode("ascii", "ignore").decode()).strip("-") or "borger"


@require_GET
def suggest(request):
    """htmx: phrases other CVs (and job openings) use for what has been typed. Staff only; no personal data."""
    employee = employee_for_user(request.user)
    if employee is None or not employee.sees_team_cases:
        raise PermissionDenied
    kind = request.GET.get("kind", "")
    text = request.GET.get(f"{kind}-text", "") or request.GET.get("q", "")
    try:
        case_pk = int(request.GET.get("case", ""))
    except ValueError:
        case_pk = None
    phrases = suggestions(kind=kind, text=text)
    rows = [{"text": p, "vals": json.dumps({"kind": kind, f"{kind}-text": p}, ensure_ascii=False)} for p in phrases]
    return render(request, "cv/_suggestions.html", {"rows": rows, "kind": kind, "case_pk": case_pk})
