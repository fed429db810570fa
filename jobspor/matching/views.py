"""Staff views of matching: thin — selectors rank and log, services write, forms validate."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jobspor.cases.models import Case
from jobspor.cases.permissions import case_scope_q
from jobspor.companies.permissions import can_edit_companies
from jobspor.core.forms import apply_service_errors
from jobspor.core.post_forms import post_form
from jobspor.jobs.choices import JobKind, JobStatus
from jobspor.jobs.models import JobOpening
from jobspor.organisation.selectors import employee_for_user

from . import bulk, selectors, services
from .forms import OutcomeForm, PlacesForm, SendForm
from .models import ShortlistEntry

NAV = "jobs"
BULK_MAX_OPENINGS = 60


def _candidates_page(pk, **_kwargs):
    """Where the shortlist's forms live (a reload of a failed save lands here)."""
    return reverse("matching:job_candidates", args=[pk])


def _outcome_page(entry_pk):
    opening_id = ShortlistEntry.objects.filter(pk=entry_pk).values_list("opening_id", flat=True).first()
    if opening_id is None:
        raise Http404
    return _candidates_page(opening_id)


def _editor(request):
    employee = employee_for_user(request.user)
    if not can_edit_companies(employee):
        raise PermissionDenied
    return employee


def job_candidates(request, pk, send_form=None, outcome_forms=None, places_form=None, status=200):
    job = get_object_or_404(JobOpening.objects.select_related("company", "postal_code"), pk=pk)
    employee = employee_for_user(request.user)
    path = request.get_full_path()
    error, candidates = None, []
    try:
        candidates = selectors.job_candidates(user=request.user, job=job, path=path)
    except selectors.MatchUnavailable as exc:
        error = str(exc)
    entries = selectors.shortlist(user=request.user, job=job, path=path)
    on_list = {e.case_id for e in entries}
    cases = selectors.candidate_cases(user=request.user, case_ids=[c.case_id for c in candidates])
    rows = [{"c": c, "case": cases[c.case_id], "on_list": c.case_id in on_list} for c in candidates
            if c.case_id in cases]
    today = timezone.localdate()
    outcome_forms = outcome_forms or {}
    for entry in entries:
        entry.form = outcome_forms.get(entry.pk) or OutcomeForm(initial={"outcome_on": today},
                                                                prefix=f"e{entry.pk}")
    return render(request, "matching/job_candidates.html", {
        "job": job, "nav": NAV, "rows": rows, "error": error, "entries": entries,
        "can_edit": can_edit_companies(employee), "unsent": any(e.sent_on is None for e in entries),
        "send_form": send_form or SendForm(initial={"sent_on": today}),
        "places_form": places_form or PlacesForm(initial={"places": selectors.places_of(job)}),
    }, status=status)


def _visible_case(employee, pk):
    case = Case.objects.filter(case_scope_q(employee), pk=pk).select_related("citizen").first()
    if case is None:
        raise PermissionDenied
    return case


@require_POST
def shortlist_add(request, pk):
    employee = _editor(request)
    job = get_object_or_404(JobOpening, pk=pk)
    case = _visible_case(employee, request.POST.get("case") or 0)
    try:
        services.shortlist_add(actor=request.user, opening=job, case=case)  # the score is the server's own
    except ValidationError as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
    else:
        messages.success(request, _("%(name)s er sat på shortlisten.") % {"name": case.citizen.name})
    if request.POST.get("next") == "bulk":
        return redirect("matching:bulk")
    return redirect("matching:job_candidates", pk=job.pk)


@post_form(_candidates_page)
def shortlist_send(request, pk):
    _editor(request)
    job = get_object_or_404(JobOpening, pk=pk)
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            n = services.shortlist_send(actor=request.user, opening=job, sent_on=form.cleaned_data["sent_on"])
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, ngettext("Shortlisten med %(n)d kandidat er registreret som sendt.",
                                               "Shortlisten med %(n)d kandidater er registreret som sendt.", n)
                             % {"n": n})
            return redirect("matching:job_candidates", pk=job.pk)
    return job_candidates(request, job.pk, send_form=form, status=400)


@post_form(_outcome_page)
def shortlist_outcome(request, entry_pk):
    employee = _editor(request)
    entry = get_object_or_404(ShortlistEntry.objects.select_related("opening", "case"), pk=entry_pk)
    _visible_case(employee, entry.case_id)
    form = OutcomeForm(request.POST, prefix=f"e{entry.pk}")
    if form.is_valid():
        try:
            services.shortlist_outcome(actor=request.user, entry=entry, **form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Udfaldet er registreret."))
            return redirect("matching:job_candidates", pk=entry.opening_id)
    return job_candidates(request, entry.opening_id, outcome_forms={entry.pk: form}, status=400)


@post_form(_candidates_page)
def places(request, pk):
    _editor(request)
    job = get_object_or_404(JobOpening, pk=pk)
    form = PlacesForm(request.POST)
    if form.is_valid():
        services.places_set(actor=request.user, opening=job, places=form.cleaned_data["places"])
        messages.success(request, _("Antal pladser er gemt."))
        return redirect("matching:job_candidates", pk=job.pk)
    return job_candidates(request, job.pk, places_form=form, status=400)


def bulk_proposal(request):
    """Proposal for the open small jobs: the assignment of citizens with the largest total score."""
    employee = _editor(request)
    jobs = list(JobOpening.objects.filter(status=JobStatus.OPEN, kind=JobKind.SMALL_JOB)
                .select_related("company").order_by("-posted", "-id")[:BULK_MAX_OPENINGS])
    proposals, refs = bulk.propose(jobs, scope_q=case_scope_q(employee), per_job=100)
    from jobspor.audit.services import access_log_write
    from jobspor.audit.verbs import Action

    access_log_write(actor=request.user, action=Action.LIST, purpose=_("Samlet match til småjob"),
                     citizen_ids=[refs[p.case_id].citizen_id for p in proposals],
                     case_ids=[p.case_id for p in proposals], path=request.get_full_path())
    cases = selectors.candidate_cases(user=request.user, case_ids=[p.case_id for p in proposals])
    by_job = {j.pk: j for j in jobs}
    taken = set(ShortlistEntry.objects.filter(opening__in=jobs).values_list("opening_id", "case_id"))
    rows = [{"p": p, "case": cases[p.case_id], "job": by_job[p.job_id], "accepted": (p.job_id, p.case_id) in taken}
            for p in proposals if p.case_id in cases]
    return render(request, "matching/bulk.html", {"rows": rows, "jobs": jobs, "nav": NAV,
                                                  "total": round(sum(p.score for p in proposals), 1)})
