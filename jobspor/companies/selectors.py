"""Reads of the company side. Company data is not citizen data: every staff member may read it. Where a
citizen is named (a company's history), see history.py: scoped by the case rules and logged."""

import datetime as dt
from collections import Counter, defaultdict

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Min, Q
from django.shortcuts import get_object_or_404

from jobspor.organisation.models import Employee

from . import activity
from .cadence import add_months, due_by_q, follow_up_due, settings_get, with_since
from .filters import CompanyFilter, consultants
from .industries import division_of
from .models import Company, Interaction, PrioritisedIndustry, VisitTarget


def company_list_page(*, params):
    queryset = Company.objects.select_related("owner", "postal_code")
    company_filter = CompanyFilter(params, queryset=queryset)
    if not company_filter.is_valid():
        return company_filter, None
    page = Paginator(company_filter.qs, settings.JOBSPOR_PAGE_SIZE).get_page(params.get("side"))
    rows = list(page.object_list)
    cadence = settings_get().cadence()
    for company in rows:
        company.due = follow_up_due(company, cadence=cadence)
    page.object_list = rows
    return company_filter, page


def company_get(*, pk) -> Company:
    return get_object_or_404(Company.objects.select_related("owner__team", "postal_code", "inclusive_contact"), pk=pk)


def company_interactions(*, company, limit=100):
    return list(Interaction.objects.filter(company=company).select_related("employee", "contact")[:limit])


def company_activity(*, company, today: dt.date):
    score = activity.scores([company.pk], today)[company.pk]
    return score, activity.suggestion(company.relation_level, score)


def my_companies(*, employee, today: dt.date, due_only=False):
    """The companies the employee owns, with the follow-up due date, activity score and level suggestion."""
    cadence = settings_get().cadence()
    queryset = with_since(Company.objects.filter(owner=employee).select_related("postal_code"))
    if due_only:
        queryset = queryset.filter(due_by_q(today, cadence=cadence))
    companies = list(queryset)
    scores = activity.scores([c.pk for c in companies], today)
    for company in companies:
        company.due = follow_up_due(company, cadence=cadence)
        company.overdue = company.due < today
        company.score = scores[company.pk]
        company.suggestion = activity.suggestion(company.relation_level, company.score)
    companies.sort(key=lambda c: (c.due, c.search_name))
    return companies


def follow_ups_due(*, employee, until: dt.date):
    """The employee's companies whose follow-up is due on or before `until` (for "Mine opgaver")."""
    cadence = settings_get().cadence()
    companies = list(with_since(Company.objects.filter(owner=employee)).filter(due_by_q(until, cadence=cadence)))
    for company in companies:
        company.due = follow_up_due(company, cadence=cadence)
    return companies


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def visits_against_targets(*, month: dt.date):
    """Per consultant in `month`: visit target, visits made, companies visited that were known (contacted before
    the month) vs new, and visits in prioritised industries. Plus the totals."""
    start = month_start(month)
    end = add_months(start, 1)
    visits = list(Interaction.objects.filter(kind="besoeg", date__gte=start, date__lt=end)
                  .values_list("employee_id", "company_id", "company__industry"))
    companies = {company_id for _e, company_id, _i in visits}
    known = set(Interaction.objects.filter(company_id__in=companies, date__lt=start)
                .values_list("company_id", flat=True).distinct())
    priority = set(PrioritisedIndustry.objects.values_list("division", flat=True))
    targets = dict(VisitTarget.objects.filter(month=start).values_list("employee_id", "visits"))
    people = {e.pk: e for e in consultants().select_related("team")}
    extra = set(targets) | {e for e, _c, _i in visits}
    missing = extra - set(people)
    if missing:
        people.update({e.pk: e for e in Employee.objects.filter(pk__in=missing).select_related("team")})
    per = defaultdict(lambda: {"visits": 0, "known": set(), "new": set(), "priority": 0})
    for employee_id, company_id, industry in visits:
        row = per[employee_id]
        row["visits"] += 1
        (row["known"] if company_id in known else row["new"]).add(company_id)
        row["priority"] += division_of(industry) in priority
    rows = []
    for employee_id, employee in people.items():
        row = per[employee_id]
        target = targets.get(employee_id)
        rows.append({"employee": employee, "target": target, "visits": row["visits"],
                     "known": len(row["known"]), "new": len(row["new"]), "priority": row["priority"],
                     "reached": target is not None and row["visits"] >= target,
                     "percent": round(100 * row["visits"] / target) if target else None})
    rows.sort(key=lambda r: r["employee"].name)
    totals = {k: sum(r[k] for r in rows) for k in ("visits", "known", "new", "priority")}
    totals["target"] = sum(r["target"] or 0 for r in rows)
    return rows, totals


def prioritised_industries():
    items = list(PrioritisedIndustry.objects.all())
    counts = Counter()
    if items:
        divisions = [item.division for item in items]
        q = Q()
        for division in divisions:
            q |= Q(industry__startswith=division)
        for industry in Company.objects.filter(q).values_list("industry", flat=True):
            counts[division_of(industry)] += 1
    for item in items:
        item.companies = counts[item.division]
    return items


def level_counts():
    return dict(Company.objects.values_list("relation_level").annotate(n=Count("id")))


def first_contact_dates(company_ids):
    return dict(Interaction.objects.filter(company_id__in=company_ids).values_list("company_id")
                .annotate(first=Min("date")))
