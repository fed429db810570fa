"""Vocabularies of a plan (seed 000, Hovedvej 2.3: "job, uddannelse, blive jobparat eller raskmeldt")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Goal(models.TextChoices):
    JOB = "job", _("Job")
    EDUCATION = "uddannelse", _("Uddannelse")
    JOB_READY = "jobparat", _("Blive jobparat")
    RECOVERED = "raskmeldt", _("Blive raskmeldt")


class SubGoalStatus(models.TextChoices):
    OPEN = "aaben", _("Åben")
    IN_PROGRESS = "i_gang", _("I gang")
    REACHED = "naaet", _("Nået")
    ABANDONED = "opgivet", _("Opgivet")


OPEN_STATUSES = (SubGoalStatus.OPEN, SubGoalStatus.IN_PROGRESS)


class PlanVerb(models.TextChoices):
    """Events of plans beyond the shared ones in audit.verbs (registered in apps.ready for their labels)."""

    COMMENTED = "plan_commented", _("Kommentar til plan")
