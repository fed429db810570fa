"""Vocabularies of contacts. Codes exactly as interchange.md; Danish names for the UI."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ContactKind(models.TextChoices):
    VISITATION = "visitation", _("Visitationssamtale")
    JOB_CONVERSATION = "jobsamtale", _("Jobsamtale")
    FOLLOW_UP = "opfoelgning", _("Opfølgning")
    WALK_AND_TALK = "walk_and_talk", _("Walk and talk")
    JOINT_MEETING = "faellesmoede", _("Fællesmøde")
    COMPANY_VISIT = "virksomhedsbesoeg", _("Virksomhedsbesøg")
    PHONE = "telefon", _("Telefonsamtale")
    MESSAGE = "besked", _("Besked")


# A first conversation (Makkerskab's measure, kept per case in kpi.CaseFacts): the first contact of these kinds (a
# message or a phone call is not a conversation).
CONVERSATION_KINDS = [ContactKind.VISITATION, ContactKind.JOB_CONVERSATION, ContactKind.FOLLOW_UP,
                      ContactKind.WALK_AND_TALK, ContactKind.JOINT_MEETING]
