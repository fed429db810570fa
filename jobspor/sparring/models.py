"""A team's case sparring meeting and the cases on its agenda, each with the decision the team made.

The agenda is proposed by agenda.py and kept as it was on the day (the reasons are a snapshot); the decision on a
case is also an event on that case, so it shows in the case's history. Nothing here is deleted."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.core.versioning import VersionedModel
from jobspor.organisation.models import Employee, Team


class SparringMeeting(VersionedModel):
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="sparring_meetings",
                             verbose_name=_("team"))
    held_on = models.DateField(_("dato"))
    note = models.TextField(_("fælles noter"), blank=True)

    class Meta:
        verbose_name = _("sparringsmøde")
        verbose_name_plural = _("sparringsmøder")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["team", "held_on"])]

    def __str__(self):
        return f"{self.team} {self.held_on:%d.%m.%Y}"

    def delete(self, *args, **kwargs):
        raise models.ProtectedError("Sparringsmøder slettes ikke.", {self})


class SparringItem(VersionedModel):
    meeting = models.ForeignKey(SparringMeeting, on_delete=models.PROTECT, related_name="items",
                                verbose_name=_("sparringsmøde"))
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="sparring_items", verbose_name=_("sag"))
    reasons = models.JSONField(_("begrundelser"), default=list)  # Reason codes, as proposed on the day
    position = models.PositiveSmallIntegerField(_("nummer"), default=0)
    decision = models.TextField(_("beslutning"), blank=True)
    decided_at = models.DateTimeField(_("besluttet"), null=True, blank=True)
    decided_by = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name=_("skrevet af"))

    class Meta:
        verbose_name = _("sag på sparringsmøde")
        verbose_name_plural = _("sager på sparringsmøder")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "case"], name="sparring_case_once_per_meeting")]

    def __str__(self):
        return f"{self.meeting} · {self.case.external_id}"

    def delete(self, *args, **kwargs):
        raise models.ProtectedError("Sager på sparringsmøder slettes ikke.", {self})

    def reason_labels(self):
        from .choices import Reason

        return [Reason(code).label for code in self.reasons if code in Reason.values]
