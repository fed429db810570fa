"""The caseworker's forecast for a case (C9): where the case is heading, when, how sure, and the next concrete
step. Every recording is a new row; the newest is marked current, the older ones are the history."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.core.models import BaseModel
from jobspor.organisation.models import Employee

from .choices import Outcome, Risk


class Forecast(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="forecasts", verbose_name=_("sag"))
    outcome = models.CharField(_("forventet udfald"), max_length=30, choices=Outcome.choices)
    expected_date = models.DateField(_("forventet dato"))
    risk = models.CharField(_("risiko"), max_length=10, choices=Risk.choices)
    next_action = models.CharField(_("næste konkrete handling"), max_length=300)
    action_due = models.DateField(_("frist for handlingen"))
    action_done = models.BooleanField(_("handlingen er udført"), default=False)
    recorded_by = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="forecasts", verbose_name=_("registreret af"))
    recorded_at = models.DateTimeField(_("registreret"), default=timezone.now)
    is_current = models.BooleanField(_("gældende"), default=True)

    class Meta:
        verbose_name = _("prognose")
        verbose_name_plural = _("prognoser")
        ordering = ["-recorded_at", "-id"]
        indexes = [
            models.Index(fields=["case", "is_current"]),
            models.Index(fields=["is_current", "expected_date"]),
            models.Index(fields=["recorded_by", "is_current", "action_done", "action_due"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=models.Q(is_current=True),
                                    name="forecast_one_current_per_case"),
        ]

    def __str__(self):
        return f"{self.get_outcome_display()} ({self.expected_date:%d.%m.%Y})"
