"""Journal, planned actions, standard texts and stalled cases: thin views (forms validate, services write,
selectors read and log)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from jobspor.cases.views import case_page_context
from jobspor.core.forms import apply_service_errors
from jobspor.core.post_forms import case_tab, post_form
from jobspor.organisation.selectors import employee_for_user

from . import selectors, services
from .forms import ContactCorrectForm, ContactForm, PlannedActionForm
from .models import Contact, PlannedAction

TAB = "kontakter"


def _tab_url(case):
    return reverse("cases:detail", args=[case.pk]) + f"?fane={TAB}"


def _staff_employee(request):
    employee = employee_for_user(request.user)
    if employee is None:
        raise PermissionDenied
    return employee


@post_form(case_tab(TAB))
def contact_create(request, pk):
    case = selectors.case_for_journal(user=request.user, pk=pk, path=request.path, change=True)
    employee = _staff_employee(request)
    staff = selectors.case_staff_employees(case=case)
    form = ContactForm(request.POST, staff=staff, employee=employee)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.contact_log(actor=request.user, case=case, employee=employee, date=data["date"],
                                 kind=data["kind"], note=data["note"], participants=data["participants"],
                                 other_participants=data["other_participants"], next_date=data["next_date"],
                                 next_kind=data["next_kind"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Kontakten er registreret."))
            return redirect(_tab_url(case))
    context = case_page_context(request, case, tab=TAB)
    context["contact_form"] = form
    return render(request, "cases/case_detail.html", context, status=400)


def contact_edit(request, pk, contact_pk):
    case = selectors.case_for_journal(user=request.user, pk=pk, path=request.path, change=True)
    contact = get_object_or_404(Contact.objects.select_related("employee"), pk=contact_pk, case=case)
    staff = selectors.case_staff_employees(case=case)
    initial = {"kind": contact.kind, "date": contact.date, "note": contact.note,
               "participants": list(contact.participants.all()), "other_participants": contact.other_participants,
               "next_date": contact.next_date, "next_kind": contact.next_kind}
    form = ContactCorrectForm(request.POST or None, initial=initial, staff=staff, employee=contact.employee)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.contact_update(actor=request.user, contact=contact, participants=data["participants"],
                                    **{key: data[key] for key in ("kind", "date", "note", "other_participants",
                                                                  "next_date", "next_kind")})
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Kontakten er rettet. Den tidligere tekst er gemt i historikken."))
            return redirect(_tab_url(case))
    return render(request, "contacts/contact_edit.html",
                  {"case": case, "contact": contact, "form": form, "nav": "cases",
                   "earlier": contact.earlier_notes.order_by("-version")},
                  status=400 if form.errors else 200)


@post_form(case_tab(TAB))
def action_create(request, pk):
    case = selectors.case_for_journal(user=request.user, pk=pk, path=request.path, change=True)
    form = PlannedActionForm(request.POST, staff=selectors.case_staff_employees(case=case))
    if form.is_valid():
        try:
            services.action_plan(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Handlingen er planlagt."))
            return redirect(_tab_url(case))
    context = case_page_context(request, case, tab=TAB)
    context["action_form"] = form
    return render(request, "cases/case_detail.html", context, status=400)


@require_POST
def action_toggle(request, pk, action_pk):
    """Mark a planned action done today, or open it again."""
    case = selectors.case_for_journal(user=request.user, pk=pk, path=request.path, change=True)
    action = get_object_or_404(PlannedAction, pk=action_pk, case=case)
    if action.done_on is None:
        services.action_done(actor=request.user, action=action)
        messages.success(request, _("Handlingen er markeret som udført."))
    else:
        services.action_update(actor=request.user, action=action, done_on=None)
        messages.success(request, _("Handlingen er åbnet igen."))
    return redirect(_tab_url(case))


def action_edit(request, pk, action_pk):
    case = selectors.case_for_journal(user=request.user, pk=pk, path=request.path, change=True)
    action = get_object_or_404(PlannedAction.objects.select_related("owner"), pk=action_pk, case=case)
    form = PlannedActionForm(request.POST or None, instance=action,
                             staff=selectors.case_staff_employees(case=case))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(actor=request.user, action=action, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Handlingen er gemt."))
            return redirect(_tab_url(case))
    return render(request, "contacts/action_edit.html", {"case": case, "action": action, "form": form,
                                                          "nav": "cases"}, status=400 if form.errors else 200)


@require_GET
def standard_text_search(request):
    _staff_employee(request)
    query = request.GET.get("q", "")
    texts = selectors.standard_text_search(query=query)
    return render(request, "contacts/_standard_text_results.html", {"texts": texts, "query": query})


def standard_text_list(request):
    _staff_employee(request)
    return render(request, "contacts/standard_text_list.html",
                  {"texts": selectors.standard_texts_active(), "nav": "standard_texts"})


def stalled_cases(request):
    page, scope = selectors.stalled_cases_page(user=request.user, scope=request.GET.get("scope", "mine"),
                                               page_number=request.GET.get("side"), path=request.get_full_path())
    return render(request, "contacts/stalled_cases.html",
                  {"page": page, "scope": scope, "nav": "stalled", "days": selectors.stalled_days(),
                   "weekly_days": selectors.stalled_before_placement_days(),
                   "today": timezone.localdate(),
                   "scopes": [("mine", _("Mine sager")), ("team", _("Teamets sager")), ("alle", _("Alle jeg må se"))]})
