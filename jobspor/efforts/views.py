"""Parallel efforts, rehabilitation-team recommendations and underretninger: thin views."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jobspor.cases.views import case_page_context
from jobspor.contacts.selectors import case_for_journal
from jobspor.core.forms import apply_service_errors
from jobspor.core.post_forms import case_tab, post_form

from . import services
from .forms import EffortForm, NotificationForm, RehabForm
from .models import ParallelEffort

TAB = "indsatser"


def _case(request, pk):
    return case_for_journal(user=request.user, pk=pk, path=request.path, change=True)


def _back(case):
    return redirect(reverse("cases:detail", args=[case.pk]) + f"?fane={TAB}")


def _invalid(request, case, name, form):
    context = case_page_context(request, case, tab=TAB)
    context[name] = form
    return render(request, "cases/case_detail.html", context, status=400)


@post_form(case_tab(TAB))
def effort_create(request, pk):
    case = _case(request, pk)
    form = EffortForm(request.POST)
    if form.is_valid():
        try:
            services.effort_save(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Den parallelle indsats er gemt."))
            return _back(case)
    return _invalid(request, case, "effort_form", form)


def effort_edit(request, pk, effort_pk):
    case = _case(request, pk)
    effort = get_object_or_404(ParallelEffort, pk=effort_pk, case=case)
    form = EffortForm(request.POST or None, instance=effort)
    if request.method == "POST" and form.is_valid():
        try:
            services.effort_save(actor=request.user, case=case, effort=effort, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Den parallelle indsats er gemt."))
            return _back(case)
    return render(request, "efforts/effort_edit.html", {"case": case, "effort": effort, "form": form, "nav": "cases"},
                  status=400 if form.errors else 200)


@post_form(case_tab(TAB))
def rehab_create(request, pk):
    case = _case(request, pk)
    form = RehabForm(request.POST)
    if form.is_valid():
        try:
            services.rehab_recommendation_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Rehabiliteringsteamets indstilling er registreret."))
            return _back(case)
    return _invalid(request, case, "rehab_form", form)


@post_form(case_tab(TAB))
def notification_create(request, pk):
    case = _case(request, pk)
    form = NotificationForm(request.POST)
    if form.is_valid():
        try:
            services.notification_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Underretningen er registreret."))
            return _back(case)
    return _invalid(request, case, "notification_form", form)
