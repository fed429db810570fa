"""Appointments (møder) with a start and end time, a place and participants, and each employee's private
calendar feed. The letters app reads `start`, `end`, `place_kind`, `place_text`, `video_link` and `case` of an
appointment for the meeting invitation letter: keep those names."""

import secrets

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.companies.models import Company, CompanyContact
from jobspor.core.models import BaseModel
from jobspor.core.versioning import VersionedModel
from jobspor.mentors.models import MentorAssignment
from jobspor.organisation.models import Employee

from .choices import AppointmentStatus, PlaceKind


class Appointment(VersionedModel):
    """A meeting in the calendar: on a case (with the citizen), or a meeting of staff with a company."""

    external_id = models.CharField(_("møde-id"), max_length=64, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="appointments",
                             verbose_name=_("sag"))
    company = models.ForeignKey(Company, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="appointments", verbose_name=_("virksomhed"))
    title = models.CharField(_("formål"), max_length=200)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("slut"))
    place_kind = models.CharField(_("mødested"), max_length=30, choices=PlaceKind.choices,
                                  default=PlaceKind.JOBCENTRE)
    place_text = models.CharField(_("adresse/lokale"), max_length=300, blank=True)
    video_link = models.URLField(_("videolink"), max_length=500, blank=True)
    staff = models.ManyToManyField(Employee, related_name="appointments", verbose_name=_("medarbejdere"))
    citizen_attends = models.BooleanField(_("borgeren deltager"), default=True)
    company_contact = models.ForeignKey(CompanyContact, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="appointments", verbose_name=_("virksomhedens kontaktperson"))
    mentor = models.ForeignKey(MentorAssignment, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="appointments", verbose_name=_("mentor"))
    status = models.CharField(_("status"), max_length=20, choices=AppointmentStatus.choices,
                              default=AppointmentStatus.PLANNED)
    status_by = models.CharField(_("status sat af"), max_length=200, blank=True)
    status_at = models.DateTimeField(_("status sat"), null=True, blank=True)
    status_note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    # RFC 5545 SEQUENCE: goes up each time the invitation changes (moved, place changed, cancelled).
    sequence = models.PositiveIntegerField(_("invitationens version"), default=0)

    class Meta:
        verbose_name = _("møde")
        verbose_name_plural = _("møder")
        ordering = ["start", "id"]
        indexes = [models.Index(fields=["case", "status", "start"]), models.Index(fields=["start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="appointment_end_after_start"),
            models.CheckConstraint(condition=Q(case__isnull=False) | Q(company__isnull=False),
                                   name="appointment_has_case_or_company"),
            models.CheckConstraint(condition=Q(status__in=AppointmentStatus.values),
                                   name="appointment_status_known"),
        ]

    def __str__(self):
        return f"{self.title} {self.start:%d.%m.%Y %H:%M}"

    @property
    def is_planned(self) -> bool:
        return self.status == AppointmentStatus.PLANNED

    @property
    def uid(self) -> str:
        """Stable iCalendar UID: the same meeting keeps it through moves and cancellation."""
        return f"{self.external_id}@jobspor"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(BaseModel):
    """An employee's private calendar subscription: whoever knows the URL reads the feed without logging in
    (Outlook cannot log in), so the token is long, random and can be renewed (the old URL stops working)."""

    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="calendar_feed",
                                    verbose_name=_("medarbejder"))
    token = models.CharField(_("nøgle"), max_length=64, unique=True, default=new_feed_token)

    class Meta:
        verbose_name = _("kalender-abonnement")
        verbose_name_plural = _("kalender-abonnementer")

    def __str__(self):
        return str(self.employee)
