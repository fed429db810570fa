"""Staff views of cases: thin — forms validate, services write, selectors read and log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.citizens.cpr import cpr_format
from jobspor.citizens.services import citizen_create, citizen_save
from jobspor.core.errors import AccessRefused
from jobspor.core.forms import apply_service_errors
from jobspor.core.post_forms import case_tab, post_form
from jobspor.organisation.selectors import employee_for_user

from . import selectors, services
from .forms import CaseCreateForm, CaseEditForm, CitizenEditForm, StaffAddForm
from .models import CaseStaff
from .permissions import can_change_case, can_reveal_cpr, sees_full_case
from .tabs import all_tabs, notices_for, tab_refusal, tabs_for


def case_list(request):
    case_filter, page = selectors.case_list_page(user=request.user, params=request.GET,
                                                 path=request.get_full_path())
    template = "cases/_case_results.html" if request.htmx else "cases/case_list.html"
    return render(request, template, {"filter": case_filter, "page": page, "nav": "cases"})


def _case_for_change(request, pk):
    case = selectors.case_get(user=request.user, pk=pk, path=request.path)
    if not can_change_case(employee_for_user(request.user), case):
        raise PermissionDenied
    return case


def case_page_context(request, case, *, staff_form=None, tab=None):
    """The case page: the header, the tabs this user may see, and the open tab's own context.
    Apps use it to show the case page again with their tab's form and its errors (status 400)."""
    employee = employee_for_user(request.user)
    tabs = tabs_for(employee, case)
    wanted = tab or request.GET.get("fane", "overblik")
    active = next((t for t in tabs if t.key == wanted), None)
    if active is None:
        refused = next((t for t in all_tabs() if t.key == wanted), None)
        if refused is not None:  # a tab that exists but is not for this user (a mentor asking for the journal)
            raise AccessRefused(tab_refusal(employee, case, refused))
        active = tabs[0]
    staff = selectors.case_staff(case=case)
    context = {
        "nav": "cases",
        "case": case,
        "staff": staff,
        "primary": next((s for s in staff if s.is_primary), None),
        "can_change": can_change_case(employee, case),
        "full_access": sees_full_case(employee, case),
        "can_reveal_cpr": can_reveal_cpr(employee, case),
        "tabs": [(t, t.badge(case) if t.badge else None) for t in tabs],
        "tab": active.key,
        "tab_template": active.template,
        "notices": notices_for(employee, case),
    }
    if active.context:
        context.update(active.context(request, case, employee))
    if staff_form is not None:
        context["staff_form"] = staff_form
    return context


def case_detail(request, pk):
    case = selectors.case_tab_get(user=request.user, pk=pk, tab_key=request.GET.get("fane") or "overblik",
                                  path=request.path)
    return render(request, "cases/case_detail.html", case_page_context(request, case))


@require_POST
def cpr_reveal(request, pk):
    cpr = selectors.citizen_cpr_reveal(user=request.user, case_pk=pk, path=request.path)
    if request.htmx:
        return render(request, "cases/_cpr_full.html", {"cpr": cpr_format(cpr)})
    messages.info(request, _("CPR-nummer: %(cpr)s") % {"cpr": cpr_format(cpr)})
    return redirect("cases:detail", pk=pk)


@post_form(case_tab("medarbejdere"))
def staff_add(request, pk):
    case = _case_for_change(request, pk)
    form = StaffAddForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.case_staff_add(actor=request.user, case=case, employee=form.cleaned_data["employee"],
                                    role=form.cleaned_data["role"], primary=form.cleaned_data["primary"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("%(name)s er tilknyttet sagen.") % {"name": form.cleaned_data["employee"]})
            return redirect(f"{case_url(case)}?fane=medarbejdere")
    return render(request, "cases/case_detail.html",
                  case_page_context(request, case, staff_form=form, tab="medarbejdere"), status=400)


def case_url(case):
    return reverse("cases:detail", args=[case.pk])


@require_POST
def staff_remove(request, pk, link_pk):
    case = _case_for_change(request, pk)
    link = get_object_or_404(CaseStaff.objects.select_related("employee"), pk=link_pk, case=case)
    try:
        services.case_staff_remove(actor=request.user, case=case, link=link)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s er fjernet fra sagen.") % {"name": link.employee.name})
    return redirect(f"{case_url(case)}?fane=medarbejdere")


@require_POST
def staff_primary(request, pk, link_pk):
    case = _case_for_change(request, pk)
    link = get_object_or_404(CaseStaff.objects.select_related("employee"), pk=link_pk, case=case)
    services.case_primary_set(actor=request.user, case=case, link=link)
    messages.success(request, _("%(name)s er nu primær kontaktperson.") % {"name": link.employee.name})
    return redirect(f"{case_url(case)}?fane=medarbejdere")


def case_edit(request, pk):
    case = _case_for_change(request, pk)
    form = CaseEditForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(actor=request.user, case=case, seen=form.seen, **{
                f: form.cleaned_data[f] for f in form.Meta.fields})
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Sagen er gemt."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_edit.html", {"case": case, "form": form},
                  status=400 if form.errors else 200)


def case_create(request):
    """A new case. For a CPR number already known, the case is attached to that citizen — if the user may
    (selectors.citizen_for_new_case) — and the citizen's details are left as they are: changing them is the
    separate, logged edit of citizen_edit."""
    employee = employee_for_user(request.user)
    if employee is None or not employee.sees_team_cases:
        raise PermissionDenied
    form = CaseCreateForm(request.POST or None, initial={"opened": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            existing = selectors.citizen_for_new_case(user=request.user, cpr=data["cpr"], path=request.path)
            with transaction.atomic():
                citizen = existing or citizen_create(
                    actor=request.user, cpr=data["cpr"], name=data["name"], address=data["address"],
                    postal_code=data["postal_code"], phone=data["phone"])
                case = services.case_create(
                    actor=request.user, citizen=citizen, benefit=data["benefit"], opened=data["opened"],
                    public_support_since=data["public_support_since"], fsm_group=data["fsm_group"],
                    primary_employee=employee, primary_role=data["primary_role"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Sagen er oprettet."))
            if existing is not None and _differs(existing, data):
                messages.info(request, _("Borgeren var allerede registreret, og sagen er knyttet til borgeren. "
                                         "Navn, adresse og telefon er ikke ændret. Er de forældede, så ret dem "
                                         "under «Ret borgerens oplysninger»."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/case_create.html", {"form": form}, status=400 if form.errors else 200)


def _differs(citizen, data) -> bool:
    return (citizen.name, citizen.address, citizen.postal_code_id or "", citizen.phone) != (
        data["name"].strip(), data["address"] or "", data["postal_code"], data["phone"] or "")


def citizen_edit(request, pk):
    """Change the citizen's name, address and phone: an explicit edit by someone who may change the case,
    recorded as an event (the citizen's details are shared by all the citizen's cases)."""
    case = _case_for_change(request, pk)
    citizen = case.citizen
    form = CitizenEditForm(request.POST or None, initial={
        "name": citizen.name, "address": citizen.address, "postal_code": citizen.postal_code_id or "",
        "phone": citizen.phone, "email": citizen.email})
    if request.method == "POST" and form.is_valid():
        try:
            citizen_save(actor=request.user, citizen=citizen, cpr=citizen.cpr, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Borgerens oplysninger er gemt."))
            return redirect("cases:detail", pk=case.pk)
    return render(request, "cases/citizen_edit.html", {"case": case, "form": form},
                  status=400 if form.errors else 200)
