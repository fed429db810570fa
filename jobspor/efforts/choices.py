from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    ADDICTION_CENTRE = "misbrugscenter", _("Misbrugscenter")
    GP = "egen_laege", _("Egen læge")
    PSYCHIATRY = "psykiatri", _("Psykiatri")
    PSYCHOLOGIST = "psykolog", _("Psykolog")
    FAMILY_DEPARTMENT = "familieafdeling", _("Familieafdeling")
    HOUSING_SUPPORT = "bostoette", _("Bostøtte")
    PROBATION = "kriminalforsorg", _("Kriminalforsorgen")
    REHABILITATION_TEAM = "rehabiliteringsteam", _("Rehabiliteringsteam")
    OTHER = "andet", _("Andet")


class EffortStatus(models.TextChoices):
    PLANNED = "planlagt", _("Planlagt")
    ONGOING = "i_gang", _("I gang")
    ENDED = "afsluttet", _("Afsluttet")


class Recommendation(models.TextChoices):
    RESOURCE_PROGRAMME = "ressourceforloeb", _("Ressourceforløb")
    JOB_CLARIFICATION = "jobafklaringsforloeb", _("Jobafklaringsforløb")
    FLEX_JOB = "fleksjob", _("Fleksjob")
    DISABILITY_PENSION = "foertidspension", _("Førtidspension")
    OTHER = "andet", _("Andet")
