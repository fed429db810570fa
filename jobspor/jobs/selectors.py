"""Reads of job openings. Openings are company data (every staff member sees them); who filled one is shown by
name only to those who may see that citizen's case, and then logged (companies.history)."""

import datetime as dt
from collections import defaultdict
from statistics import median

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404

from jobspor.companies.history import A_CITIZEN, log_names_shown, visible_case_ids

from .choices import JobKind, JobStatus
from .filters import JobFilter
from .geo import distance_km
from .models import JobOpening

PURPOSE_JOB = "Jobåbning"


def job_list_page(*, params):
    queryset = JobOpening.objects.select_related("company", "postal_code", "consultant")
    job_filter = JobFilter(params, queryset=queryset)
    if not job_filter.is_valid():
        return job_filter, None
    page = Paginator(job_filter.qs.order_by("deadline", "-posted", "id"), settings.JOBSPOR_PAGE_SIZE) \
        .get_page(params.get("side"))
    rows = list(page.object_list)
    near = (job_filter.form.cleaned_data.get("near") or "").strip()
    for job in rows:
        job.distance = distance_km(near, job.postal_code_id) if near and job.postal_code_id else None
    page.object_list = rows
    return job_filter, page


def job_get(*, pk) -> JobOpening:
    return get_object_or_404(JobOpening.objects.select_related("company", "postal_code", "consultant", "workplace",
                                                               "filled_case", "filled_by"), pk=pk)


def filled_by_label(*, user, job, path=""):
    """The name of who filled the opening, if the user may see their case (logged); else 'en borger'."""
    if job.filled_by_id is None:
        return None
    if job.filled_case_id and job.filled_case_id in visible_case_ids(user, [job.filled_case_id]):
        log_names_shown(user=user, pairs=[(job.filled_by_id, job.filled_case_id)], path=path)
        return job.filled_by.name
    return str(A_CITIZEN)


def company_openings(*, company):
    return list(JobOpening.objects.filter(company=company).select_related("postal_code", "consultant")
                .order_by("-posted", "-id")[:200])


def filled_history(*, user, company, path=""):
    """The company's filled openings, newest first, with the name of whoever filled each where the viewer may
    see that citizen's case — otherwise "en borger". The names shown are logged."""
    jobs = list(JobOpening.objects.filter(company=company, status=JobStatus.FILLED)
                .select_related("filled_by").order_by("-filled_on", "-id")[:200])
    visible = visible_case_ids(user, [job.filled_case_id for job in jobs])
    shown = []
    for job in jobs:
        if job.filled_by_id is None:
            job.filled_label = None
        elif job.filled_case_id in visible:
            job.filled_label = job.filled_by.name
            job.filled_visible_case = job.filled_case_id
            shown.append((job.filled_by_id, job.filled_case_id))
        else:
            job.filled_label = str(A_CITIZEN)
    log_names_shown(user=user, pairs=shown, path=path)
    ordinary_hours = sum(job.hours_per_week for job in jobs if job.kind in ORDINARY_HOURS_KINDS)
    return {"filled_jobs": jobs, "ordinary_hours": ordinary_hours}


# Openings whose hours are paid at an ordinary wage (the others are subsidised or unpaid).
ORDINARY_HOURS_KINDS = {JobKind.ORDINARY, JobKind.SMALL_JOB, JobKind.FLEX_JOB, JobKind.JOB_ROTATION,
                        JobKind.ADULT_APPRENTICE}


def opening_points(company_ids, since: dt.date) -> dict[int, int]:
    """Activity score: 1 point per opening posted since `since`, 1 more when it was filled."""
    points = defaultdict(int)
    for company_id, status in JobOpening.objects.filter(company_id__in=company_ids, posted__gte=since) \
            .values_list("company_id", "status"):
        points[company_id] += 2 if status == JobStatus.FILLED else 1
    return points


def fill_statistics(*, since: dt.date, until: dt.date):
    """Openings posted in [since, until]: per consultant and per month — openings, small jobs, filled, fill rate
    (filled of those no longer open) and days to fill (median and mean)."""
    rows = JobOpening.objects.filter(posted__gte=since, posted__lte=until).values_list(
        "consultant_id", "consultant__name", "posted", "kind", "status", "filled_on")
    per_consultant = defaultdict(list)
    per_month = defaultdict(list)
    everything = []
    names = {}
    for consultant_id, name, posted, kind, status, filled_on in rows:
        item = (posted, kind, status, filled_on)
        names[consultant_id] = name
        per_consultant[consultant_id].append(item)
        per_month[posted.replace(day=1)].append(item)
        everything.append(item)
    consultants = sorted(({"name": names[k] or "–", **_measures(v)} for k, v in per_consultant.items()),
                         key=lambda r: r["name"])
    months = [{"month": month, **_measures(items)} for month, items in sorted(per_month.items())]
    return consultants, months, _measures(everything)


def _measures(items):
    openings = len(items)
    small = sum(1 for _p, kind, _s, _f in items if kind == JobKind.SMALL_JOB)
    filled = [(posted, filled_on) for posted, _k, status, filled_on in items if status == JobStatus.FILLED]
    still_open = sum(1 for _p, _k, status, _f in items if status == JobStatus.OPEN)
    closed = openings - still_open
    days = [(filled_on - posted).days for posted, filled_on in filled if filled_on]
    return {
        "openings": openings, "small_jobs": small, "filled": len(filled), "open": still_open,
        "fill_rate": round(100 * len(filled) / closed) if closed else None,
        "days_median": median(days) if days else None,
        "days_mean": round(sum(days) / len(days), 1) if days else None,
    }
