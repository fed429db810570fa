"""Drift → Planlagte kørsler: the schedule, recent runs and failures with their error, "Prøv igen" and "Kør nu".
Administrators only (no citizen data is shown: jobs report counts)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobspor.organisation.selectors import employee_for_user

from . import services
from .models import JobRun
from .schedule import job_named

RECENT = 100


def _administrator(request):
    employee = employee_for_user(request.user)
    if employee is None or not employee.is_administrator:
        raise PermissionDenied(_("Kun administratorer kan se og styre de planlagte kørsler."))


def runs(request):
    _administrator(request)
    show = request.GET.get("vis")
    recent = JobRun.objects.select_related("started_by", "retried_by")
    if show == "fejl":
        recent = recent.standing_failures()
    recent = list(recent[:RECENT])
    for run in recent:
        job = job_named(run.job)
        run.label = job.label if job else run.job
    return render(request, "scheduling/runs.html", {
        "nav": "operations", "jobs": services.overview(), "runs": recent, "show": show,
        "failed_count": JobRun.objects.standing_failures().count()})


@require_POST
def retry(request, pk):
    _administrator(request)
    run = get_object_or_404(JobRun, pk=pk)
    try:
        new = services.run_retry(actor=request.user, run=run)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Kørslen er sat i kø igen (forsøg %(n)d).") % {"n": new.attempt})
    return redirect("scheduling:runs")


@require_POST
def run_now(request, job):
    _administrator(request)
    try:
        services.run_now(actor=request.user, job_name=job)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Jobbet er sat i kø og køres af workeren om lidt."))
    return redirect("scheduling:runs")
