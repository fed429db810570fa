"""What can happen to data: every write is recorded as an event with one of these verbs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Verb(models.TextChoices):
    TEAM_SAVED = "team_saved", _("Team gemt")
    EMPLOYEE_SAVED = "employee_saved", _("Medarbejder gemt")
    CITIZEN_CREATED = "citizen_created", _("Borger oprettet")
    CITIZEN_UPDATED = "citizen_updated", _("Borger ændret")
    CASE_CREATED = "case_created", _("Sag oprettet")
    CASE_UPDATED = "case_updated", _("Sag ændret")
    CASE_CLOSED = "case_closed", _("Sag afsluttet")
    CASE_REOPENED = "case_reopened", _("Sag genåbnet")
    STAFF_ADDED = "staff_added", _("Medarbejder tilknyttet")
    STAFF_REMOVED = "staff_removed", _("Medarbejder fjernet")
    STAFF_ROLE_CHANGED = "staff_role_changed", _("Rolle ændret")
    PRIMARY_CHANGED = "primary_changed", _("Primær kontaktperson skiftet")
    ASSESSMENT_COMPLETED = "assessment_completed", _("Vurdering gennemført")
    IMPORTED = "imported", _("Data importeret")
    CV_CREATED = "cv_created", _("CV oprettet")
    CV_UPDATED = "cv_updated", _("CV ændret")
    CV_REPLACED = "cv_replaced", _("CV erstattet")
    CV_STATEMENT_ADDED = "cv_statement_added", _("Udtalelse tilføjet til CV")


class Action(models.TextChoices):
    """What a user did with a citizen's data (access log)."""

    LIST = "list", _("Vist i liste")
    SEARCH = "search", _("Fundet ved søgning")
    VIEW = "view", _("Sag vist")
    CPR_REVEAL = "cpr_reveal", _("Fuldt CPR-nummer vist")
    EXPORT = "export", _("Eksporteret")
    COMMAND = "command", _("Vist af kommando")
    DENIED = "denied", _("Adgang nægtet")
    ACCESS_LOG_VIEW = "access_log_view", _("Adgangslog vist")
