"""Vocabularies of signed documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Plan")
    CONSENT_INFO = "samtykke_oplysninger", _("Samtykke til at indhente oplysninger")
    CONSENT_COMPANIES = "samtykke_virksomheder", _("Samtykke til at dele oplysninger med virksomheder")


CONSENT_KINDS = (DocumentKind.CONSENT_INFO, DocumentKind.CONSENT_COMPANIES)


class SigningChannel(models.TextChoices):
    """How the citizen proved who they were (the values are those of placements' SignatureChannel)."""

    DEVICE = "enhed", _("På jobcentrets enhed (navn og bekræftelse)")
    MITID = "mitid", _("Med eget MitID på Min side")


class SigningVerb(models.TextChoices):
    FROZEN = "document_frozen", _("Dokument gjort klar til underskrift")
    SIGNED = "document_signed", _("Dokument underskrevet")
