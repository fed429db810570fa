"""Vocabularies of the calendar."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceKind(models.TextChoices):
    JOBCENTRE = "jobcentret", _("Jobcentret")
    WORKPLACE = "arbejdspladsen", _("Arbejdspladsen/virksomheden")
    WALK_AND_TALK = "walk_and_talk", _("Walk and talk")
    VIDEO = "video", _("Video")
    PHONE = "telefon", _("Telefon")


class AppointmentStatus(models.TextChoices):
    PLANNED = "planlagt", _("Planlagt")
    HELD = "afholdt", _("Afholdt")
    MISSED = "udeblevet", _("Udeblevet")
    CANCELLED = "aflyst", _("Aflyst")


class AppointmentVerb(models.TextChoices):
    BOOKED = "appointment_booked", _("Møde booket")
    MOVED = "appointment_moved", _("Møde ændret")
    CANCELLED = "appointment_cancelled", _("Møde aflyst")
    HELD = "appointment_held", _("Møde afholdt")
    MISSED = "appointment_missed", _("Udeblevet fra møde")
    FEED_RENEWED = "calendar_feed_renewed", _("Kalender-abonnement fornyet")
