"""The CV's vocabularies. Experience kinds and driving licence classes are codes of interchange.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemKind(models.TextChoices):
    """The CV's short one-line entries, each added with one field and Enter."""

    TASK = "task", _("Arbejdsopgave")
    COMPETENCY = "competency", _("Kompetence")
    JOB_WISH = "job_wish", _("Jobønske")
    ACCOMMODATION = "accommodation", _("Hensyn")


class ExperienceKind(models.TextChoices):
    JOB = "job", _("Job")
    EDUCATION = "uddannelse", _("Uddannelse")
    INTERNSHIP = "praktik", _("Praktik")
    LEISURE = "fritid", _("Fritid")
    PRIVATE = "privat", _("Privatliv")


# Other spellings accepted on import (English and long forms); exported as the codes above.
EXPERIENCE_ALIASES = {
    "education": ExperienceKind.EDUCATION, "internship": ExperienceKind.INTERNSHIP,
    "virksomhedspraktik": ExperienceKind.INTERNSHIP, "leisure": ExperienceKind.LEISURE,
    "fritidsliv": ExperienceKind.LEISURE, "private": ExperienceKind.PRIVATE, "privatliv": ExperienceKind.PRIVATE,
    "arbejde": ExperienceKind.JOB, "work": ExperienceKind.JOB,
}


class LanguageLevel(models.TextChoices):
    NATIVE = "modersmaal", _("Modersmål")
    FLUENT = "flydende", _("Flydende")
    GOOD = "godt", _("Godt")
    BASIC = "lidt", _("Lidt")


class Transport(models.TextChoices):
    CAR = "bil", _("Bil")
    PUBLIC = "offentlig_transport", _("Offentlig transport")
    BICYCLE = "cykel", _("Cykel")
    MOPED = "knallert", _("Knallert eller scooter")
    WALK = "gaaende", _("Til fods")


# Danish driving licence classes (kørekortkategorier), in the order they are usually listed.
LICENCE_CLASSES = ("AM", "A1", "A2", "A", "B", "BE", "C1", "C1E", "C", "CE", "D1", "D1E", "D", "DE")
