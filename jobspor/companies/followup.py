"""Company work in "Mine opgaver": the next step agreed at a company contact, and the owner's companies due for
contact within UPCOMING_DAYS. A dated next step is the agreed follow-up, so it replaces the cadence item for that
company; it stays open until someone records a later contact with the company."""

import datetime as dt

from django.db.models import F, OuterRef, Subquery
from django.urls import reverse
from django.utils.translation import gettext as _

from jobspor.followup.sources import UPCOMING_DAYS, TaskItem, register_source


def open_next_steps(*, employee, until: dt.date):
    """The employee's dated next steps due on or before `until` whose company has had no later contact."""
    from .models import Interaction

    latest = Interaction.objects.filter(company=OuterRef("company")).order_by("-date", "-id").values("pk")[:1]
    return (Interaction.objects.filter(employee=employee, next_step_on__isnull=False, next_step_on__lte=until)
            .exclude(next_step="").annotate(latest=Subquery(latest)).filter(latest=F("pk")))


def find_company_next_steps(employee, today: dt.date) -> list[tuple]:
    until = today + dt.timedelta(days=UPCOMING_DAYS)
    return list(open_next_steps(employee=employee, until=until).order_by("next_step_on", "id")
                .values_list("next_step_on", "pk"))


def load_company_next_steps(keys) -> dict:
    from .models import Interaction

    kind = _("Næste skridt hos virksomhed")
    return {i.pk: TaskItem(kind=kind, title=i.next_step, due=i.next_step_on, case=None,
                           url=reverse("companies:detail", args=[i.company_id]), subject=i.company.name)
            for i in Interaction.objects.filter(pk__in=keys).select_related("company")}


def company_follow_ups(employee, today: dt.date) -> list[TaskItem]:
    from .selectors import follow_ups_due

    until = today + dt.timedelta(days=UPCOMING_DAYS)
    agreed = set(open_next_steps(employee=employee, until=until).values_list("company_id", flat=True))
    return [TaskItem(kind=_("Virksomhedsopfølgning"),
                     title=_("Kontakt %(name)s (%(level)s)") % {"name": c.name,
                                                                 "level": c.get_relation_level_display()},
                     due=c.due, case=None, url=reverse("companies:detail", args=[c.pk]), subject=c.name)
            for c in follow_ups_due(employee=employee, until=until) if c.pk not in agreed]


register_source(find_company_next_steps, load=load_company_next_steps)
register_source(company_follow_ups)
