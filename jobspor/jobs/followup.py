"""Openings a company posted itself in "Mine opgaver": for the opening's consultant (the company's owner), due the
day after posting, until a staff member has marked the opening seen (jobs.portal_services.posting_seen)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.followup.sources import TaskItem, register_source

ANSWER_DAYS = 1  # the answer promise: a company hears from the jobcentre within a working day


def new_portal_openings(employee, today: dt.date) -> list[TaskItem]:
    from .models import PortalPosting

    postings = (PortalPosting.objects.filter(seen_at__isnull=True, opening__consultant=employee)
                .select_related("opening__company"))
    return [TaskItem(kind=_("Nyt opslag fra virksomhed"),
                     title=_("%(title)s (%(kind)s, %(hours)d timer/uge)") % {
                         "title": p.opening.title, "kind": p.opening.get_kind_display(),
                         "hours": p.opening.hours_per_week},
                     due=timezone.localdate(p.posted_at) + dt.timedelta(days=ANSWER_DAYS), case=None,
                     url=reverse("jobs:detail", args=[p.opening_id]), subject=p.opening.company.name)
            for p in postings]


register_source(new_portal_openings)
