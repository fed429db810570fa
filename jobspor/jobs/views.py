"""Staff views of job openings: thin — forms validate, services write, selectors read."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.cases.models import Case
from jobspor.cases.permissions import case_scope_q
from jobspor.companies.cadence import add_months
from jobspor.companies.models import Company
from jobspor.companies.permissions import can_edit_companies
from jobspor.core.forms import apply_service_errors
from jobspor.organisation.selectors import employee_for_user

from . import portal_services, selectors, services
from .forms import FillForm, JobForm
from .models import PortalPosting

NAV = "jobs"
FIELDS = ["title", "kind", "hours_per_week", "tasks", "driving_licence", "competencies_required",
          "competencies_wanted", "accommodations", "workplace", "postal_code", "posted", "start", "deadline", "status"]


def _editor(request):
    employee = employee_for_user(request.user)
    if not can_edit_companies(employee):
        raise PermissionDenied
    return employee


def job_list(request):
    job_filter, page = selectors.job_list_page(params=request.GET)
    template = "jobs/_job_results.html" if request.htmx else "jobs/job_list.html"
    return render(request, template, {"filter": job_filter, "page": page, "nav": NAV})


def job_create(request):
    _editor(request)
    company = get_object_or_404(Company, pk=request.GET.get("virksomhed") or request.POST.get("virksomhed") or 0)
    form = JobForm(request.POST or None, company=company)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in FIELDS}
        try:
            job = services.job_save(actor=request.user, company=company, **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Jobåbningen %(title)s er oprettet.") % {"title": job.title})
            return redirect("jobs:detail", pk=job.pk)
    return render(request, "jobs/job_form.html", {"form": form, "company": company, "nav": NAV},
                  status=400 if form.errors else 200)


def job_edit(request, pk):
    employee = _editor(request)
    job = selectors.job_get(pk=pk)
    form = JobForm(request.POST or None, company=job.company, job=job, initial=JobForm.initial_for(job), record=job)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in FIELDS}
        try:
            services.job_save(actor=request.user, company=job.company, job=job, editor=employee, seen=form.seen,
                              **data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Jobåbningen er gemt."))
            return redirect("jobs:detail", pk=job.pk)
    return render(request, "jobs/job_form.html", {"form": form, "company": job.company, "job": job, "nav": NAV},
                  status=400 if form.errors else 200)


def job_detail(request, pk, fill_form=None):
    job = selectors.job_get(pk=pk)
    employee = employee_for_user(request.user)
    return render(request, "jobs/job_detail.html", {
        "job": job, "nav": NAV, "can_edit": can_edit_companies(employee),
        "filled_label": selectors.filled_by_label(user=request.user, job=job, path=request.path),
        "posting": PortalPosting.objects.select_related("posted_by", "seen_by").filter(opening=job).first(),
        "fill_form": fill_form or FillForm(initial={"filled_on": timezone.localdate(), "channel": "jobcentret"}),
    }, status=400 if fill_form is not None else 200)


@require_POST
def job_portal_seen(request, pk):
    """A staff member has seen the opening the company posted itself: it leaves the owner's "Mine opgaver"."""
    job = selectors.job_get(pk=pk)
    posting = get_object_or_404(PortalPosting, opening=job)
    portal_services.posting_seen(actor=request.user, posting=posting)
    messages.success(request, _("Opslaget er markeret som set. Virksomheden kan se, at jobcentret har modtaget det."))
    return redirect("jobs:detail", pk=job.pk)


@require_POST
def job_fill(request, pk):
    employee = _editor(request)
    job = selectors.job_get(pk=pk)
    form = FillForm(request.POST)
    if form.is_valid():
        case = None
        ref = form.cleaned_data["case"].strip()
        if ref:
            case = Case.objects.select_related("citizen").filter(case_scope_q(employee), external_id=ref).first()
            if case is None:
                form.add_error("case", _("Ingen sag med id %(id)s, som du har adgang til.") % {"id": ref})
        if not form.errors:
            try:
                services.job_fill(actor=request.user, job=job, case=case, filled_on=form.cleaned_data["filled_on"],
                                  channel=form.cleaned_data["channel"], editor=employee)
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Jobåbningen er markeret som besat."))
                return redirect("jobs:detail", pk=job.pk)
    return job_detail(request, pk, fill_form=form)


def job_statistics(request):
    today = timezone.localdate()
    until = today
    since = add_months(today.replace(day=1), -11)
    wanted = request.GET.get("fra", "")
    if wanted:
        try:
            since = dt.date.fromisoformat(wanted)
        except ValueError:
            messages.error(request, _("Ugyldig dato: %(value)s.") % {"value": wanted})
    consultants, months, total = selectors.fill_statistics(since=since, until=until)
    return render(request, "jobs/job_statistics.html", {"consultants": consultants, "months": months,
                                                        "total": total, "since": since, "until": until, "nav": NAV})
