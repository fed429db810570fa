from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    JOB = "job", _("Ordinær beskæftigelse")
    HOURS = "timer", _("Småjob/ordinære timer")
    EDUCATION = "uddannelse", _("Uddannelse")
    FLEX = "fleksjob", _("Fleksjob")
    REHAB = "ressourceforloeb", _("Ressourceforløb")
    PENSION = "foertidspension", _("Førtidspension")
    NO_CHANGE = "ingen_aendring", _("Ingen ændring")


class Risk(models.TextChoices):
    LOW = "lav", _("Lav")
    MEDIUM = "middel", _("Middel")
    HIGH = "hoej", _("Høj")
