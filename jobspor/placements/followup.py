"""Placements in "Mine opgaver": follow-ups on site due, hours a company reported waiting for confirmation, and
weeks a company that reports its own hours has not reported by the due day."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.core.weeks import week_label
from jobspor.followup.sources import UPCOMING_DAYS, TaskItem, register_source

from .choices import PlacementStatus
from .weeks import monday_of


def find_placement_follow_ups(employee, today: dt.date) -> list[tuple]:
    """Active placements on the employee's own cases whose next follow-up on site is due within UPCOMING_DAYS."""
    from jobspor.cases.models import CaseStaff

    from .models import Placement

    if employee is None:
        return []
    mine = CaseStaff.objects.filter(employee_id=employee.pk).values("case_id")
    return list(Placement.objects.filter(case_id__in=mine, status=PlacementStatus.ACTIVE,
                                         follow_up_due__lte=today + dt.timedelta(days=UPCOMING_DAYS))
                .order_by("follow_up_due", "id").values_list("follow_up_due", "pk"))


def load_placement_follow_ups(keys) -> dict:
    from .models import Placement

    kind = _("Opfølgning på virksomhed")
    return {p.pk: TaskItem(kind=kind, title=_("Følg op på forløbet hos %(company)s") % {"company": p.company.name},
                           due=p.follow_up_due, case=p.case, url=reverse("placements:detail", args=[p.case_id, p.pk]))
            for p in Placement.objects.filter(pk__in=keys).select_related("case__citizen", "company")}


register_source(find_placement_follow_ups, load=load_placement_follow_ups)


def reported_hours_waiting(employee, today: dt.date) -> list[TaskItem]:
    """Weeks a company reported on Virksomhedsindgang, waiting for the jobformidler's confirmation: one item per
    placement, leading to the queue."""
    from .selectors import reported_waiting

    by_placement = {}
    for h in reported_waiting(employee=employee):
        by_placement.setdefault(h.placement_id, []).append(h)
    items = []
    for rows in by_placement.values():
        p = rows[0].placement
        weeks = ", ".join(week_label(h.week) for h in rows[:4]) + (" …" if len(rows) > 4 else "")
        items.append(TaskItem(kind=_("Timer fra virksomhed"),
                              title=_("Bekræft timer fra %(company)s: %(weeks)s")
                              % {"company": p.company.name, "weeks": weeks},
                              due=min(timezone.localtime(h.reported_at).date() for h in rows), case=p.case,
                              url=reverse("placements:reported_hours")))
    return items


def hours_not_reported(employee, today: dt.date) -> list[TaskItem]:
    """Weeks a company that reports its own hours has not reported by the due day, for the placement's primary
    contact: one item per placement, due on the first missing week's due day."""
    from jobspor.cases.models import CaseStaff
    from jobspor.company_portal.models import CompanyUser

    from .models import Placement, WeekHours
    from .reported_hours import LOOKBACK_WEEKS, due_day, reportable_weeks

    if employee is None:
        return []
    mine = CaseStaff.objects.filter(employee_id=employee.pk, is_primary=True).values("case_id")
    reporters = CompanyUser.objects.filter(is_active=True, can_report_hours=True).values("company_id")
    placements = list(Placement.objects.filter(case_id__in=mine, status=PlacementStatus.ACTIVE,
                                               company_id__in=reporters)
                      .select_related("case__citizen", "company").order_by("pk")[:200])
    if not placements:
        return []
    since = monday_of(today) - dt.timedelta(weeks=LOOKBACK_WEEKS)
    have = set(WeekHours.objects.filter(placement__in=placements, week__gte=since)
               .values_list("placement_id", "week"))
    items = []
    for p in placements:
        missing = sorted(w for w in reportable_weeks(p, today) if due_day(w) < today and (p.pk, w) not in have)
        if not missing:
            continue
        weeks = ", ".join(week_label(w) for w in missing[:4]) + (" …" if len(missing) > 4 else "")
        items.append(TaskItem(kind=_("Timer mangler"),
                              title=_("%(company)s har ikke indberettet timer for %(weeks)s")
                              % {"company": p.company.name, "weeks": weeks},
                              due=due_day(missing[0]), case=p.case,
                              url=reverse("placements:detail", args=[p.case_id, p.pk]) + "#timer"))
    return items


register_source(reported_hours_waiting)
register_source(hours_not_reported)
