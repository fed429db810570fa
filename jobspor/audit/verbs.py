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
    CONTACT_LOGGED = "contact_logged", _("Kontakt registreret")
    CONTACT_CHANGED = "contact_changed", _("Kontakt rettet")
    ACTION_PLANNED = "action_planned", _("Handling planlagt")
    ACTION_CHANGED = "action_changed", _("Handling ændret")
    EFFORT_SAVED = "effort_saved", _("Parallel indsats gemt")
    REHAB_RECOMMENDED = "rehab_recommended", _("Rehabiliteringsteamets indstilling registreret")
    NOTIFICATION_SENT = "notification_sent", _("Underretning registreret")
    CV_CREATED = "cv_created", _("CV oprettet")
    CV_UPDATED = "cv_updated", _("CV ændret")
    CV_REPLACED = "cv_replaced", _("CV erstattet")
    CV_STATEMENT_ADDED = "cv_statement_added", _("Udtalelse tilføjet til CV")
    PLAN_SAVED = "plan_saved", _("Plan gemt")
    SUB_GOAL_ADDED = "sub_goal_added", _("Delmål tilføjet")
    SUB_GOAL_CHANGED = "sub_goal_changed", _("Delmål ændret")
    SUB_GOAL_FOLLOWED_UP = "sub_goal_followed_up", _("Opfølgning på delmål")
    MENTOR_ASSIGNED = "mentor_assigned", _("Mentor tilknyttet")
    MENTOR_CHANGED = "mentor_changed", _("Mentorforløb ændret")
    MENTOR_FOLLOWED_UP = "mentor_followed_up", _("Opfølgning på mentorforløb")

# Apps keep their own verbs (a TextChoices in the app) and register them here for their Danish labels;
# Event.verb has no choices, so a new verb needs no audit migration.
_LABELS: dict[str, str] = {}


def register_verbs(choices) -> None:
    for value, label in choices.choices:
        _LABELS[value] = label


def verb_label(code: str) -> str:
    return str(_LABELS.get(code, code))


register_verbs(Verb)


class OtherVerb(models.TextChoices):
    """Verbs written as plain codes by apps that keep no TextChoices of their own."""

    FORECAST_RECORDED = "forecast_record", _("Prognose registreret")
    FORECAST_ACTION_DONE = "forecast_action_done", _("Prognosens næste handling udført")
    BACKUP_MADE = "backup_made", _("Backup taget")
    BACKUP_RESTORED = "backup_restored", _("Backup lagt ind")
    BACKUP_RESTORE_REFUSED = "backup_restore_refused", _("Genindlæsning af backup afvist")


register_verbs(OtherVerb)


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
