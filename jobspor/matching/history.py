"""A company's history as matching sees it: citizens given ordinary hours, its rummelighed for target
group 2, and what it said to the candidates proposed to it (the shortlist outcomes).

Ordinary hours come from virksomhedsforløb (jobspor.placements: weeks with ordinary hours > 0) and from
openings the jobcentre filled with a citizen (jobspor.jobs: filled_case). Both count, per distinct citizen.
"""

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from jobspor.jobs.choices import JobStatus
from jobspor.jobs.models import JobOpening

from .choices import ACCEPTED, Outcome
from .models import ShortlistEntry
from .scoring import CompanyFacts

YEAR = dt.timedelta(days=365)


def company_facts(company_ids, today: dt.date | None = None) -> dict[int, CompanyFacts]:
    from jobspor.placements.models import Placement

    company_ids = list(company_ids)
    if not company_ids:
        return {}
    today = today or timezone.localdate()
    since = today - YEAR
    hours = defaultdict(set)
    group2 = defaultdict(set)
    # A placement had ordinary hours since `since` exactly when its latest week with ordinary hours (kept by
    # placements.services on every hours write) is that recent: no need to read the weekly hours rows.
    for company_id, citizen_id in (Placement.objects.filter(company_id__in=company_ids, last_ordinary_week__gte=since)
                                   .order_by().values_list("company_id", "case__citizen_id").distinct()):
        hours[company_id].add(citizen_id)
    for company_id, citizen_id in (JobOpening.objects.filter(company_id__in=company_ids, status=JobStatus.FILLED,
                                                             filled_on__gte=since, filled_by__isnull=False)
                                   .values_list("company_id", "filled_by_id")):
        hours[company_id].add(citizen_id)
    for company_id, citizen_id in (Placement.objects.filter(company_id__in=company_ids, case__target_group=2,
                                                            start__gte=today - 2 * YEAR)
                                   .order_by().values_list("company_id", "case__citizen_id").distinct()):
        group2[company_id].add(citizen_id)
    for company_id, citizen_id in (JobOpening.objects.filter(company_id__in=company_ids, status=JobStatus.FILLED,
                                                             filled_case__target_group=2,
                                                             filled_on__gte=today - 2 * YEAR)
                                   .values_list("company_id", "filled_by_id")):
        group2[company_id].add(citizen_id)
    outcomes = defaultdict(lambda: [0, 0])
    for company_id, outcome, n in (ShortlistEntry.objects.filter(opening__company_id__in=company_ids)
                                   .exclude(outcome__in=[Outcome.PENDING, Outcome.DECLINED_BY_CITIZEN])
                                   .values_list("opening__company_id", "outcome").annotate(n=Count("id"))):
        if outcome in ACCEPTED:
            outcomes[company_id][0] += n
        elif outcome == Outcome.DECLINED_BY_COMPANY:
            outcomes[company_id][1] += n
    result = {}
    for company_id in set(hours) | set(group2) | set(outcomes):
        accepted, declined = outcomes[company_id]
        result[company_id] = CompanyFacts(ordinary_hours_citizens=len(hours[company_id]),
                                          target_group_2_citizens=len(group2[company_id]),
                                          accepted=accepted, declined=declined)
    return result


def tasks_with_ordinary_hours(*, exclude_company_ids=(), today: dt.date | None = None):
    """(company id, name, postal code, tasks) for companies without an open opening that gave ordinary hours
    (placements with ordinary hours; filled openings) in the last two years.

    Read from the process's company table (index.py keeps it up to date): per company the latest date each task
    was agreed at a placement with ordinary hours (the placement's latest week with ordinary hours,
    Placement.last_ordinary_week, kept by placements.services on every hours write) or done in a filled opening
    (filled_on) — so neither the weekly hours rows nor the agreements are read per request."""
    from . import index

    today = today or timezone.localdate()
    since = today - 2 * YEAR
    with_open = set(JobOpening.objects.filter(status=JobStatus.OPEN).values_list("company_id", flat=True).distinct())
    skip = with_open | set(exclude_company_ids)
    found = []
    since = since.toordinal()
    for company_id, (name, code, latest, tasks, _citizens) in index.sync()["companies"].items():
        if company_id in skip or latest is None or latest < since:
            continue
        found.append((company_id, name, code, sorted(t for t, day in tasks.items() if day >= since)))
    return found


def ordinary_hours_citizens(company_ids, today: dt.date | None = None) -> dict[int, int]:
    """CompanyFacts.ordinary_hours_citizens of company_facts, from the company table: the distinct citizens
    given ordinary hours (a placement's latest week with them) or hired (a filled opening) in the last year."""
    from . import index

    since = ((today or timezone.localdate()) - YEAR).toordinal()
    table = index.sync()["companies"]
    found = {}
    for company_id in company_ids:
        row = table.get(company_id)
        found[company_id] = sum(1 for day in row[4].values() if day >= since) if row else 0
    return found


def build_companies(company_ids=None) -> dict:
    """{company id: (name, postal code, latest day, {task: latest day}, {citizen id: latest day})} for companies
    with a placement with ordinary hours or a filled opening (all, or those of `company_ids`). The latest date and
    the tasks come from agreements of placements with ordinary hours and from filled openings; the citizens from
    placements with ordinary hours and filled openings (company_facts' ordinary_hours_citizens). Days are ordinals
    (date.toordinal)."""
    from jobspor.companies.models import Company
    from jobspor.placements.models import Placement, WorkAgreement

    agreements = WorkAgreement.objects.filter(placement__last_ordinary_week__isnull=False)
    filled = JobOpening.objects.filter(status=JobStatus.FILLED, filled_on__isnull=False)
    if company_ids is not None:
        company_ids = sorted(company_ids)
        agreements = agreements.filter(placement__company_id__in=company_ids)
        filled = filled.filter(company_id__in=company_ids)
    placements = Placement.objects.filter(last_ordinary_week__isnull=False)
    if company_ids is not None:
        placements = placements.filter(company_id__in=company_ids)
    latest, tasks, citizens = {}, defaultdict(dict), defaultdict(dict)

    def later(found: dict, key, day):  # dates as day numbers: a stored table of them loads quickly
        day = day.toordinal()
        if found.get(key) is None or found[key] < day:
            found[key] = day

    for company_id, agreed, day in (agreements.order_by().values_list("placement__company_id", "tasks",
                                                                      "placement__last_ordinary_week").distinct()):
        later(latest, company_id, day)
        for text in agreed or []:
            later(tasks[company_id], text, day)
    for company_id, citizen_id, job_tasks, day in filled.values_list("company_id", "filled_by_id", "tasks",
                                                                     "filled_on"):
        later(latest, company_id, day)
        for text in job_tasks or []:
            later(tasks[company_id], text, day)
        if citizen_id is not None:
            later(citizens[company_id], citizen_id, day)
    for company_id, citizen_id, day in (placements.order_by().values_list("company_id", "case__citizen_id",
                                                                          "last_ordinary_week")):
        later(citizens[company_id], citizen_id, day)
    meta = {}
    ids = sorted(set(latest) | set(citizens))
    for i in range(0, len(ids), 500):
        for company_id, name, code in Company.objects.filter(pk__in=ids[i:i + 500]).values_list("pk", "name",
                                                                                               "postal_code_id"):
            meta[company_id] = (name, code)
    return {c: (*meta[c], latest.get(c), dict(tasks.get(c, {})), dict(citizens.get(c, {}))) for c in ids if c in meta}


def companies_apply(table: dict, company_ids) -> dict:
    """A new company table: `table` with the companies of `company_ids` read again."""
    fresh = build_companies(company_ids)
    merged = {c: row for c, row in table.items() if c not in company_ids}
    merged.update(fresh)
    return merged
