"""The placements' part of a company's history, seen by every staff member (seed 002: not only consultants):
the citizens placed there, which placements gave ordinary hours, and the tasks those hours were for.
A citizen's name only where the viewer may see the case; the names shown are logged."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, Sum
from django.utils.translation import gettext_lazy as _

from jobspor.companies import activity
from jobspor.companies.history import A_CITIZEN, HistorySection, log_names_shown, register, visible_case_ids

from .models import Placement, WeekHours, WorkAgreement

LIMIT = 200


def placements_history(user, company, path=""):
    placements = list(
        Placement.objects.filter(company=company).select_related("case__citizen")
        .annotate(ordinary=Sum("hours__ordinary_hours"), internship=Sum("hours__internship_hours"),
                  ordinary_weeks=Count("hours", filter=Q(hours__ordinary_hours__gt=0)),
                  first_ordinary=Min("hours__week", filter=Q(hours__ordinary_hours__gt=0)),
                  last_ordinary=Max("hours__week", filter=Q(hours__ordinary_hours__gt=0)))
        .order_by("-start", "-id")[:LIMIT])
    tasks = defaultdict(list)  # the latest agreement version's tasks per placement
    for placement_id, version_tasks in (WorkAgreement.objects.filter(placement__in=placements)
                                        .order_by("placement_id", "-version").values_list("placement_id", "tasks")):
        tasks.setdefault(placement_id, version_tasks or [])
    visible = visible_case_ids(user, [p.case_id for p in placements])
    shown = []
    for p in placements:
        p.ordinary = p.ordinary or Decimal(0)
        p.internship = p.internship or Decimal(0)
        p.task_list = tasks.get(p.pk, [])
        if p.case_id in visible:
            p.citizen_label = p.case.citizen.name
            p.visible_case = p.case_id
            shown.append((p.case.citizen_id, p.case_id))
        else:
            p.citizen_label = str(A_CITIZEN)
            p.visible_case = None
    log_names_shown(user=user, pairs=shown, path=path)
    with_hours = [p for p in placements if p.ordinary_weeks]
    ordinary_tasks = defaultdict(int)
    for p in with_hours:
        for task in p.task_list:
            ordinary_tasks[task] += 1
    return {
        "placements": placements,
        "placed": len({p.case_id for p in placements}),
        "with_ordinary_hours": len(with_hours),
        "ordinary_total": sum((p.ordinary for p in placements), Decimal(0)),
        "ordinary_tasks": sorted(ordinary_tasks.items(), key=lambda item: (-item[1], item[0]))[:15],
    }


def placement_points(company_ids, since):
    """Activity score: 1 point per placement started since `since`, 1 more when it gave ordinary hours."""
    points = defaultdict(int)
    for company_id in Placement.objects.filter(company_id__in=company_ids, start__gte=since) \
            .values_list("company_id", flat=True):
        points[company_id] += 1
    for company_id in (WeekHours.objects.filter(placement__company_id__in=company_ids, week__gte=since,
                                                ordinary_hours__gt=0)
                       .values_list("placement__company_id", flat=True).distinct()):
        points[company_id] += 1
    return points


register(HistorySection(key="placements", label=_("Virksomhedsforløb og ordinære timer"),
                        template="placements/_company_history.html", order=5, context=placements_history))
activity.register_source(placement_points)
