from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    PRIVATE = "privat", _("Privat")
    PUBLIC = "offentlig", _("Offentlig")


class RelationLevel(models.TextChoices):
    """From the loosest to the closest relation (the order matters: raising means the next one)."""

    PASSIVE = "passiv", _("Passiv")
    CONTACT = "kontakt", _("Kontakt")
    COOPERATION = "samarbejde", _("Samarbejde")
    PARTNERSHIP = "partnerskab", _("Partnerskab")


LEVEL_ORDER = [RelationLevel.PASSIVE, RelationLevel.CONTACT, RelationLevel.COOPERATION, RelationLevel.PARTNERSHIP]


class Need(models.TextChoices):
    RECRUITMENT = "rekruttering", _("Rekruttering")
    RETENTION = "fastholdelse", _("Fastholdelse")
    UPSKILLING = "opkvalificering", _("Opkvalificering")
    SMALL_TASKS = "smaaopgaver", _("Småopgaver")


class InteractionKind(models.TextChoices):
    VISIT = "besoeg", _("Besøg")
    CALL = "telefon", _("Telefonopkald")
    MEETING = "moede", _("Møde")
    EMAIL = "email", _("E-mail")


class PriorityReason(models.TextChoices):
    SHORTAGE = "mangel", _("Mangel på arbejdskraft")
    GROWTH = "vaekst", _("Vækst")
    TURNOVER = "omsaetning", _("Stor jobomsætning")
