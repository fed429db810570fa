"""Company follow-ups in "Mine opgaver": the owner's companies due for contact within UPCOMING_DAYS."""

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from jobspor.followup.sources import UPCOMING_DAYS, TaskItem, register_source


def company_follow_ups(employee, today: dt.date) -> list[TaskItem]:
    from .selectors import follow_ups_due

    until = today + dt.timedelta(days=UPCOMING_DAYS)
    return [TaskItem(kind=_("Virksomhedsopfølgning"),
                     title=_("Kontakt %(name)s (%(level)s)") % {"name": c.name,
                                                                 "level": c.get_relation_level_display()},
                     due=c.due, case=None, url=reverse("companies:detail", args=[c.pk]), subject=c.name)
            for c in follow_ups_due(employee=employee, until=until)]


register_source(company_follow_ups)
