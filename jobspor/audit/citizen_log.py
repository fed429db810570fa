"""The access log as the citizen sees it on Min side ("Hvem har set mine oplysninger", CJEU C-579/21): every
look-up of their data by others — when, by which organisation unit and role, what and why — never their own reads.

The employee's name is shown only where the municipality has decided so (settings.JOBSPOR_ACCESS_LOG_SHOW_NAMES).
Rows written before the organisation and role were logged are named by the reader's current team, else
"Jobcentret". Everything is computed in the query (annotations), so a page costs the same few queries whatever
its length, and the organisation filter works on what the citizen sees."""

import datetime as dt

from django.conf import settings
from django.db.models import Case as CaseWhen
from django.db.models import CharField, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce, Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AccessLog
from .subjects import subject_label
from .verbs import Action

# What happened, said to the citizen (the actions' own labels are written for staff).
CITIZEN_ACTIONS = {
    Action.LIST: gettext_lazy("Så dit navn i en liste"),
    Action.SEARCH: gettext_lazy("Fandt dig ved en søgning"),
    Action.VIEW: gettext_lazy("Så dine oplysninger"),
    Action.CPR_REVEAL: gettext_lazy("Så dit fulde CPR-nummer"),
    Action.EXPORT: gettext_lazy("Hentede dine oplysninger ud af systemet"),
    Action.COMMAND: gettext_lazy("Et program i jobcentret læste dine oplysninger"),
    Action.DENIED: gettext_lazy("Forsøgte at se dine oplysninger, men fik ikke adgang"),
    Action.ACCESS_LOG_VIEW: gettext_lazy("Så listen over, hvem der har set dine oplysninger"),
}


def show_names() -> bool:
    return bool(getattr(settings, "JOBSPOR_ACCESS_LOG_SHOW_NAMES", False))


def _annotated(queryset):
    from jobspor.citizen_portal.models import CitizenUser
    from jobspor.company_portal.models import CompanyUser
    from jobspor.organisation.models import Employee

    employees = Employee.objects.filter(user_id=OuterRef("user_id"))
    team_unit = employees.annotate(unit=CaseWhen(
        When(team__department__isnull=False,
             then=Concat(F("team__department__name"), Value(" – "), F("team__name"), output_field=CharField())),
        default=F("team__name"), output_field=CharField())).values("unit")[:1]
    by_citizen = Exists(CitizenUser.objects.filter(user_id=OuterRef("user_id")))
    queryset = queryset.annotate(
        unit=CaseWhen(When(~Q(organisation=""), then=F("organisation")),
                      When(by_citizen, then=Value(_("En borger på Min side"))),
                      default=Coalesce(Subquery(team_unit), Value(_("Jobcentret"))), output_field=CharField()),
        role_shown=CaseWhen(When(~Q(role=""), then=F("role")), When(by_citizen, then=Value(_("Borger"))),
                            default=Value(""), output_field=CharField()),
    )
    if show_names():
        queryset = queryset.annotate(reader_name=Coalesce(
            Subquery(employees.values("name")[:1]),
            Subquery(CompanyUser.objects.filter(user_id=OuterRef("user_id")).values("name")[:1]),
            output_field=CharField()))
    return queryset


def others_reads(*, citizen, own_user_id):
    """Every access-log row about the citizen written by someone else, newest first, with what the page shows."""
    rows = AccessLog.objects.filter(citizen_id=citizen.pk).exclude(user_id=own_user_id)
    return _annotated(rows).order_by("-at", "-id")


def filtered(queryset, *, date_from: dt.date | None = None, date_to: dt.date | None = None, unit: str = ""):
    if date_from:
        queryset = queryset.filter(at__gte=timezone.make_aware(dt.datetime.combine(date_from, dt.time.min)))
    if date_to:
        end = dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min)
        queryset = queryset.filter(at__lt=timezone.make_aware(end))
    if unit:
        queryset = queryset.filter(unit=unit)
    return queryset


def units(queryset) -> list[str]:
    """The organisation units in the citizen's log, for the filter (one query)."""
    return sorted(set(queryset.order_by().values_list("unit", flat=True).distinct()))


def present(entry) -> dict:
    """One row as the citizen reads it (also the columns of the download)."""
    return {
        "at": timezone.localtime(entry.at),
        "unit": entry.unit,
        "role": entry.role_shown,
        "name": getattr(entry, "reader_name", None) or "",
        "action": str(CITIZEN_ACTIONS.get(entry.action, entry.get_action_display())),
        "what": subject_label(entry.subject) if entry.subject else "",
        "purpose": entry.purpose,
    }
