"""Parallel efforts with other sectors, the rehabilitation team's recommendation, and underretninger
(notifications to social services). Health and social data: full case access only."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.core.models import BaseModel

from .choices import EffortStatus, Recommendation, Sector


class ParallelEffort(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="parallel_efforts", verbose_name=_("sag"))
    sector = models.CharField(_("sektor"), max_length=30, choices=Sector.choices)
    description = models.CharField(_("indsats"), max_length=200, blank=True)
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=EffortStatus.choices, default=EffortStatus.PLANNED)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("slut"), null=True, blank=True)
    note = models.TextField(_("bemærkninger"), blank=True)

    class Meta:
        verbose_name = _("parallel indsats")
        verbose_name_plural = _("parallelle indsatser")
        ordering = ["status", "-start", "-id"]
        indexes = [models.Index(fields=["case", "status"])]
        constraints = [models.CheckConstraint(
            condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
            name="effort_end_after_start")]

    def __str__(self):
        return self.get_sector_display()


class RehabRecommendation(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="rehab_recommendations",
                             verbose_name=_("sag"))
    date = models.DateField(_("dato for møde"))
    recommendation = models.CharField(_("indstilling"), max_length=30, choices=Recommendation.choices)
    text = models.TextField(_("begrundelse og anbefalinger"), blank=True)

    class Meta:
        verbose_name = _("rehabiliteringsteamets indstilling")
        verbose_name_plural = _("rehabiliteringsteamets indstillinger")
        ordering = ["-date", "-id"]

    def __str__(self):
        return self.get_recommendation_display()


class Notification(BaseModel):
    """An underretning to social services (for 'Flere skal med' group 3: cannot take part now)."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notifications", verbose_name=_("sag"))
    date = models.DateField(_("dato"))
    recipient = models.CharField(_("modtager"), max_length=200)
    reason = models.TextField(_("kort begrundelse"))

    class Meta:
        verbose_name = _("underretning")
        verbose_name_plural = _("underretninger")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["case", "date"])]

    def __str__(self):
        return f"{self.recipient} {self.date}"
