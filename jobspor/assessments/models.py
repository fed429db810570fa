from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.choices import FsmGroup, TargetGroup


class Assessment(models.Model):
    """One completed assessment. Never changed afterwards: a new assessment is a new row."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="assessments",
                             verbose_name=_("sag"))
    assessed_at = models.DateTimeField(_("vurderet"), default=timezone.now)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                                    related_name="+", verbose_name=_("vurderet af"))
    answers = models.JSONField(_("svar"))
    note = models.TextField(_("bemærkning"), blank=True)
    suggested_group = models.PositiveSmallIntegerField(_("foreslået hovedmålgruppe"), choices=TargetGroup.choices)
    suggestion_reasons = models.JSONField(_("begrundelse for forslaget"), default=list)
    chosen_group = models.PositiveSmallIntegerField(_("valgt hovedmålgruppe"), choices=TargetGroup.choices)
    override_reason = models.TextField(_("begrundelse for afvigelse"), blank=True)
    fsm_group = models.PositiveSmallIntegerField(_("'Flere skal med'-gruppe"), choices=FsmGroup.choices,
                                                 null=True, blank=True)

    class Meta:
        verbose_name = _("vurdering")
        verbose_name_plural = _("vurderinger")
        ordering = ["-assessed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(chosen_group=F("suggested_group")) | ~Q(override_reason=""),
                name="assessment_override_needs_reason"),
        ]

    def __str__(self):
        return f"{self.case_id}: {self.chosen_group}"

    @property
    def is_override(self) -> bool:
        return self.chosen_group != self.suggested_group
