from django.db import models
from django.utils.translation import gettext_lazy as _


class LetterKind(models.TextChoices):
    MEETING = "moedeindkaldelse", _("Mødeindkaldelse")
    PLAN = "plan", _("Planen")
    AGREEMENT = "arbejdsaftale", _("Arbejdsaftalen")
    FREE = "frit", _("Frit brev")


class LetterStatus(models.TextChoices):
    DRAFT = "kladde", _("Kladde")
    QUEUED = "i_udbakke", _("I udbakken")
    SENT = "sendt", _("Sendt")
    # Sending failed (the reason is kept); the letter stays in the outbox and is tried again.
    FAILED = "fejlet", _("Fejlet – prøves igen")


class Channel(models.TextChoices):
    DIGITAL = "digital", _("Digital Post")
    PHYSICAL = "fysisk", _("Fysisk brev (udskrives)")


PENDING = (LetterStatus.QUEUED, LetterStatus.FAILED)
