"""Event verbs of placements (stored in audit.Event.verb; kept here so audit's migrations stay as they are)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlacementVerb(models.TextChoices):
    PLACEMENT_CREATED = "placement_created", _("Virksomhedsforløb oprettet")
    PLACEMENT_UPDATED = "placement_updated", _("Virksomhedsforløb ændret")
    PLACEMENT_STARTED = "placement_started", _("Virksomhedsforløb startet")
    PLACEMENT_ENDED = "placement_ended", _("Virksomhedsforløb afsluttet")
    AGREEMENT_SAVED = "work_agreement_saved", _("Arbejdsaftale gemt")
    AGREEMENT_VERSIONED = "work_agreement_new_version", _("Ny version af arbejdsaftale")
    AGREEMENT_SIGNED = "work_agreement_signed", _("Arbejdsaftale underskrevet")
    HOURS_SAVED = "placement_hours_saved", _("Timer registreret")
    HOURS_REPORTED = "placement_hours_reported", _("Timer indberettet af virksomheden")
    HOURS_CONFIRMED = "placement_hours_confirmed", _("Timer fra virksomheden bekræftet")
    HOURS_QUERIED = "placement_hours_queried", _("Spørgsmål til virksomheden om timer")
    FOLLOW_UP_RECORDED = "placement_follow_up", _("Opfølgning på virksomhed registreret")
