"""Mentor assignments (C3): a mentor — a staff member with the mentor role, or a volunteer without a login —
with tasks from the mentor catalogue (catalogue.py), hours per week, a period and follow-ups."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.core.models import BaseModel
from jobspor.organisation.models import Employee

from .catalogue import areas_for
from .choices import Decision


class Volunteer(BaseModel):
    """A volunteer mentor (frivillig): contact details only, never a login."""

    name = models.CharField(_("navn"), max_length=200)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("frivillig mentor")
        verbose_name_plural = _("frivillige mentorer")
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class MentorAssignment(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="mentor_assignments",
                             verbose_name=_("sag"))
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="mentor_assignments", verbose_name=_("mentor (medarbejder)"))
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="assignments", verbose_name=_("frivillig mentor"))
    areas = models.JSONField(_("opgaveområder"), default=list)
    tasks = models.TextField(_("konkrete opgaver"))
    hours_per_week = models.DecimalField(_("timer om ugen"), max_digits=4, decimal_places=1)
    starts = models.DateField(_("fra"))
    ends = models.DateField(_("til"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentorforløb")
        verbose_name_plural = _("mentorforløb")
        ordering = ["-starts", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(employee__isnull=False) & Q(volunteer__isnull=True))
                | (Q(employee__isnull=True) & Q(volunteer__isnull=False)),
                name="mentor_assignment_one_mentor"),
            models.CheckConstraint(condition=Q(ends__isnull=True) | Q(ends__gte=F("starts")),
                                   name="mentor_assignment_ends_after_start"),
            models.CheckConstraint(condition=Q(hours_per_week__gt=0), name="mentor_assignment_hours_positive"),
        ]
        indexes = [models.Index(fields=["employee", "ends"])]

    def __str__(self):
        return f"{self.case}: {self.mentor_name}"

    @property
    def mentor_name(self) -> str:
        return self.employee.name if self.employee_id else self.volunteer.name

    @property
    def is_volunteer(self) -> bool:
        return self.volunteer_id is not None

    def chosen_areas(self):
        return areas_for(self.areas)

    def active_on(self, day) -> bool:
        return self.starts <= day and (self.ends is None or self.ends >= day)


class MentorFollowUp(BaseModel):
    assignment = models.ForeignKey(MentorAssignment, on_delete=models.CASCADE, related_name="follow_ups",
                                   verbose_name=_("mentorforløb"))
    held_on = models.DateField(_("dato"))
    notes = models.TextField(_("noter"))
    decision = models.CharField(_("beslutning"), max_length=10, choices=Decision.choices)

    class Meta:
        verbose_name = _("opfølgning på mentorforløb")
        verbose_name_plural = _("opfølgninger på mentorforløb")
        ordering = ["-held_on", "-id"]

    def __str__(self):
        return f"{self.held_on}: {self.get_decision_display()}"
