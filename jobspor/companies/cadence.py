"""Follow-up cadence: when a company is due for contact, counted from the last interaction (or from its
registration when there has been none) by its relation level's number of months (CompanySettings)."""

import calendar
import datetime as dt

from django.db.models import DateField, F, Q
from django.db.models.functions import Cast, Coalesce

from .models import CompanySettings


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (or earlier), clipped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def settings_get() -> CompanySettings:
    found = CompanySettings.objects.order_by("pk").first()
    return found or CompanySettings()  # the defaults until a leader saves the settings


def follow_up_due(company, *, cadence=None) -> dt.date:
    cadence = cadence or settings_get().cadence()
    since = company.last_interaction_on or company.created_at.date()
    return add_months(since, cadence[company.relation_level])


def with_since(queryset):
    """Annotate `since`: the last interaction, else the registration date."""
    return queryset.annotate(since=Coalesce(F("last_interaction_on"), Cast("created_at", DateField())))


def due_by_q(day: dt.date, *, cadence=None) -> Q:
    """Companies (annotated by with_since) whose follow-up is due on or before `day`."""
    cadence = cadence or settings_get().cadence()
    q = Q(pk__in=[])
    for level, months in cadence.items():
        q |= Q(relation_level=level, since__lte=add_months(day, -months))
    return q
