"""The citizen's CV: one per citizen, the conversation tool of the JobFirst method (seed 004)."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.models import Citizen
from jobspor.core.models import BaseModel
from jobspor.core.versioning import VersionedModel
from jobspor.portal.authorship import AuthorKind

from .choices import ExperienceKind, ItemKind, LanguageLevel

TEXT_MAX = 200


class Cv(VersionedModel):
    # The CV is part of the citizen's personal data: it goes when the citizen is deleted (retention rules).
    citizen = models.OneToOneField(Citizen, on_delete=models.CASCADE, related_name="cv", verbose_name=_("borger"))
    created = models.DateField(_("CV oprettet"))
    hours_now = models.PositiveSmallIntegerField(_("timer pr. uge nu"), null=True, blank=True)
    hours_wanted = models.PositiveSmallIntegerField(_("ønskede timer pr. uge"), null=True, blank=True)
    max_commute_km = models.PositiveSmallIntegerField(_("højst transport (km)"), null=True, blank=True)
    transport = models.JSONField(_("transportmidler"), default=list, blank=True)
    driving_licence = models.JSONField(_("kørekort"), default=list, blank=True)
    # Who last set the hours wished: the citizen on Min side or the jobcentre (blank: never set).
    hours_wanted_by = models.CharField(_("ønskede timer oplyst af"), max_length=10, choices=AuthorKind.choices,
                                       blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("CV")
        verbose_name_plural = _("CV'er")
        constraints = [
            models.CheckConstraint(condition=Q(hours_now__lte=60), name="cv_hours_now_max"),
            models.CheckConstraint(condition=Q(hours_wanted__lte=60), name="cv_hours_wanted_max"),
        ]

    def __str__(self):
        return f"CV {self.citizen_id}"


class CvItem(BaseModel):
    """A task, competency, job wish or accommodation: one short line. `key` is the Danish-normalised
    phrase (jobspor.core.danish_text.phrase_key), indexed so suggestions and matching are one query."""

    cv = models.ForeignKey(Cv, on_delete=models.CASCADE, related_name="items", verbose_name=_("CV"))
    kind = models.CharField(_("type"), max_length=20, choices=ItemKind.choices)
    text = models.CharField(_("tekst"), max_length=TEXT_MAX)
    key = models.CharField(_("normaliseret nøgle"), max_length=TEXT_MAX, editable=False)
    position = models.PositiveIntegerField(_("rækkefølge"), default=0)
    # The day the entry came on the CV (kpi.md v2: has_cv counts entries by this date; imported entries take
    # the cv record's `created`).
    created = models.DateField(_("skrevet på CV den"), default=timezone.localdate)
    # Written by the citizen on Min side, or by the jobcentre: staff see the citizen's own lines marked.
    author_kind = models.CharField(_("skrevet af"), max_length=10, choices=AuthorKind.choices,
                                   default=AuthorKind.JOBCENTRE, db_default=AuthorKind.JOBCENTRE)

    class Meta:
        verbose_name = _("punkt på CV")
        verbose_name_plural = _("punkter på CV")
        ordering = ["cv", "kind", "position", "id"]
        indexes = [models.Index(fields=["kind", "key"], name="cv_item_kind_key")]
        constraints = [models.UniqueConstraint(fields=["cv", "kind", "key"], name="cv_item_once_per_cv")]

    def __str__(self):
        return self.text

    @property
    def by_citizen(self) -> bool:
        return self.author_kind == AuthorKind.CITIZEN


class CvExperience(BaseModel):
    cv = models.ForeignKey(Cv, on_delete=models.CASCADE, related_name="experience", verbose_name=_("CV"))
    kind = models.CharField(_("slags"), max_length=20, choices=ExperienceKind.choices)
    title = models.CharField(_("titel"), max_length=TEXT_MAX)
    place = models.CharField(_("sted"), max_length=TEXT_MAX, blank=True)
    start = models.DateField(_("fra"))
    end = models.DateField(_("til"), null=True, blank=True)
    created = models.DateField(_("skrevet på CV den"), default=timezone.localdate)

    class Meta:
        verbose_name = _("erfaring")
        verbose_name_plural = _("erfaringer")
        ordering = ["cv", F("end").desc(nulls_first=True), "-start", "id"]
        constraints = [models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                                              name="cv_experience_end_after_start")]

    def __str__(self):
        return self.title


class CvJobGoal(BaseModel):
    """A realistic job goal (an occupation), set together with the citizen on a given day."""

    cv = models.ForeignKey(Cv, on_delete=models.CASCADE, related_name="job_goals", verbose_name=_("CV"))
    title = models.CharField(_("jobmål"), max_length=TEXT_MAX)
    set_on = models.DateField(_("sat"))

    class Meta:
        verbose_name = _("jobmål")
        verbose_name_plural = _("jobmål")
        ordering = ["cv", "-set_on", "id"]

    def __str__(self):
        return self.title


class CvLanguage(BaseModel):
    cv = models.ForeignKey(Cv, on_delete=models.CASCADE, related_name="languages", verbose_name=_("CV"))
    language = models.CharField(_("sprog"), max_length=60)
    level = models.CharField(_("niveau"), max_length=20, choices=LanguageLevel.choices)

    class Meta:
        verbose_name = _("sprog")
        verbose_name_plural = _("sprog")
        ordering = ["cv", "id"]

    def __str__(self):
        return self.language


class CvStatement(BaseModel):
    """A company's statement (udtalelse) about the citizen, typically when a placement ends."""

    cv = models.ForeignKey(Cv, on_delete=models.CASCADE, related_name="statements", verbose_name=_("CV"))
    company_name = models.CharField(_("virksomhed"), max_length=TEXT_MAX)
    given_on = models.DateField(_("dato"))
    given_by = models.CharField(_("udtalelse givet af"), max_length=TEXT_MAX)
    text = models.TextField(_("udtalelse"))

    class Meta:
        verbose_name = _("udtalelse")
        verbose_name_plural = _("udtalelser")
        ordering = ["cv", "-given_on", "-id"]

    def __str__(self):
        return f"{self.company_name} {self.given_on}"
