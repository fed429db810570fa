"""Placement follow-ups in "Mine opgaver": active placements on the employee's cases due for a follow-up on site."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from jobspor.followup.sources import UPCOMING_DAYS, TaskItem, register_source


def placement_follow_ups(employee, today: dt.date) -> list[TaskItem]:
    from .selectors import due_follow_ups

    return [TaskItem(kind=_("Opfølgning på virksomhed"),
                     title=_("Følg op på forløbet hos %(company)s") % {"company": p.company.name},
                     due=p.follow_up_due, case=p.case,
                     url=reverse("placements:detail", args=[p.case_id, p.pk]))
            for p in due_follow_ups(employee=employee, until=today + dt.timedelta(days=UPCOMING_DAYS))]


register_source(placement_follow_ups)
