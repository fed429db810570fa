"""Why a case is proposed for a team's case sparring (seed 004: the team's joint review of cases that do not move;
seed 002: sparring on the cases that are stuck), and the verbs the sparring writes."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Reason(models.TextChoices):
    STALLED = "stalled", _("Gået i stå")
    LONG_IN_STAGE = "long_in_stage", _("Længe i samme trin")
    FORECAST_OVERDUE = "forecast_overdue", _("Prognose overskredet")
    FLAGGED_PLACEMENT = "flagged_placement", _("Virksomhedsforløb med flag")
    ADDED = "added", _("Sat på af teamet")


class SparringVerb(models.TextChoices):
    MEETING_CREATED = "sparring_meeting_created", _("Sparringsmøde oprettet")
    CASE_ADDED = "sparring_case_added", _("Sag sat på sparringsmøde")
    DECISION = "sparring_decision", _("Beslutning fra sagssparring")
