"""Company placements (virksomhedsforløb): the placement, its work agreement in signed versions, hours week
by week and follow-ups on site with task-mastery ratings.

For the KPI engine (kpi.md):
- a placement's agreement is signed by all parties on D when `Placement.agreement_signed_on <= D` (the first
  version signed by citizen, company and jobcentre; also `WorkAgreement.signed_on` per version);
- hours per placement per ISO week: `WeekHours` keyed by (placement, week), `week` the Monday."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.companies.models import Company, CompanyContact, Workplace
from jobspor.core.models import BaseModel
from jobspor.core.versioning import VersionedModel
from jobspor.jobs.models import JobOpening

from .choices import EndReason, HoursStatus, PlacementKind, PlacementStatus, Purpose, SignatureChannel, SignerRole


class Placement(VersionedModel):
    external_id = models.CharField(_("forløbs-id"), max_length=64, unique=True)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="placements", verbose_name=_("sag"))
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="placements",
                                verbose_name=_("virksomhed"))
    workplace = models.ForeignKey(Workplace, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="placements", verbose_name=_("arbejdssted"))
    # Required by the services (seed 004: always a fixed contact person); an import may not name one.
    contact = models.ForeignKey(CompanyContact, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="placements", verbose_name=_("kontaktperson på virksomheden"))
    opening = models.ForeignKey(JobOpening, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="placements", verbose_name=_("jobåbning"))
    kind = models.CharField(_("type"), max_length=30, choices=PlacementKind.choices)
    purpose = models.PositiveSmallIntegerField(_("formål med praktikken"), choices=Purpose.choices,
                                               null=True, blank=True)
    title = models.CharField(_("stilling/funktion"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    planned_end = models.DateField(_("planlagt slut"), null=True, blank=True)
    end = models.DateField(_("slut"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=PlacementStatus.choices,
                              default=PlacementStatus.PLANNED)
    end_reason = models.CharField(_("afslutningsårsag"), max_length=30, choices=EndReason.choices, blank=True)
    # Denormalised by the services, so KPIs and flags are plain queries:
    agreement_signed_on = models.DateField(_("arbejdsaftale underskrevet af alle"), null=True, blank=True)
    mastered_since = models.DateField(_("opgave mestret siden"), null=True, blank=True)
    last_ordinary_week = models.DateField(_("seneste uge med ordinære timer"), null=True, blank=True)
    mastered_unconverted = models.BooleanField(_("mestret uden ordinære timer"), default=False)
    follow_up_due = models.DateField(_("næste opfølgning"), null=True, blank=True)

    class Meta:
        verbose_name = _("virksomhedsforløb")
        verbose_name_plural = _("virksomhedsforløb")
        ordering = ["-start", "-id"]
        indexes = [models.Index(fields=["status", "follow_up_due"]), models.Index(fields=["company", "start"]),
                   models.Index(fields=["agreement_signed_on"]),
                   # Covers the KPI engine's reads of the placements overlapping a period (no table rows read).
                   models.Index(fields=["start", "end", "kind", "case", "company"], name="placement_period_cover")]
        constraints = [
            models.CheckConstraint(condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                                   name="placement_end_after_start"),
            models.CheckConstraint(condition=Q(planned_end__isnull=True) | Q(planned_end__gte=F("start")),
                                   name="placement_planned_end_after_start"),
            models.CheckConstraint(condition=Q(status="ended", end__isnull=False) | (~Q(status="ended") & Q(end=None)),
                                   name="placement_end_iff_ended"),
            models.CheckConstraint(condition=Q(purpose__isnull=True) | Q(kind="virksomhedspraktik"),
                                   name="placement_purpose_only_internship"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.company.name}" if self.company_id else self.external_id


class WorkAgreement(BaseModel):
    """One version of the work agreement (arbejdsaftale). Read-only from its first signature; a change makes a
    new version that needs new signatures. `signed_on` is set when the last of the three parties signs."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="agreements",
                                  verbose_name=_("virksomhedsforløb"))
    version = models.PositiveSmallIntegerField(_("version"))
    goal = models.TextField(_("mål"))
    sub_goals = models.JSONField(_("delmål"), default=list, blank=True)
    tasks = models.JSONField(_("arbejdsopgaver"), default=list, blank=True)
    hours_per_week = models.DecimalField(_("timer pr. uge ved start"), max_digits=4, decimal_places=1)
    accommodations = models.TextField(_("hensyn"), blank=True)
    conversion = models.TextField(_("sådan bliver mestrede opgaver til ordinære timer"))
    support = models.TextField(_("støtte og opfølgning"), blank=True)
    follow_up_weeks = models.PositiveSmallIntegerField(_("opfølgning hver (uger)"), default=2)
    contact_info = models.CharField(_("sådan kontaktes den primære kontaktperson"), max_length=300, blank=True)
    start = models.DateField(_("startdato"))
    signed_on = models.DateField(_("underskrevet af alle"), null=True, blank=True)
    # Frozen at the first signature: the exact content signed (canonical JSON) and its SHA-256.
    document = models.JSONField(_("dokument"), null=True, blank=True, editable=False)
    content_hash = models.CharField(_("dokumentets SHA-256"), max_length=64, blank=True, editable=False)
    imported = models.BooleanField(_("importeret"), default=False)

    class Meta:
        verbose_name = _("arbejdsaftale")
        verbose_name_plural = _("arbejdsaftaler")
        ordering = ["placement", "-version"]
        constraints = [models.UniqueConstraint(fields=["placement", "version"], name="agreement_version_once")]
        indexes = [models.Index(fields=["signed_on", "placement"], name="agreement_signed_cover")]

    def __str__(self):
        return f"{self.placement} v{self.version}"


class Signature(BaseModel):
    """A party's confirmation of one exact agreement version: typed name (and drawing), role, time and the
    document's hash. Never changed or deleted (database triggers, see frozen.py)."""

    agreement = models.ForeignKey(WorkAgreement, on_delete=models.PROTECT, related_name="signatures",
                                  verbose_name=_("arbejdsaftale"))
    role = models.CharField(_("part"), max_length=12, choices=SignerRole.choices)
    signer_name = models.CharField(_("underskrevet af"), max_length=200)
    signed_at = models.DateTimeField(_("tidspunkt"))
    content_hash = models.CharField(_("dokumentets SHA-256"), max_length=64)
    # Drawn with a finger or pen on the signing screen (optional, beside the typed name): PNG, base64.
    drawing = models.TextField(_("tegnet underskrift"), blank=True, editable=False)
    # On the jobcentre's device, or with the signer's own login on a portal (then created_by is the signer).
    channel = models.CharField(_("underskrevet"), max_length=15, choices=SignatureChannel.choices,
                               default=SignatureChannel.DEVICE)

    class Meta:
        verbose_name = _("underskrift")
        verbose_name_plural = _("underskrifter")
        ordering = ["agreement", "signed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["agreement", "role"], name="signature_once_per_role")]

    def __str__(self):
        return f"{self.signer_name} ({self.get_role_display()})"

    @property
    def described(self) -> str:
        """How and by whom, as staff and the parties read it: "underskrevet med MitID Erhverv af Mette Lund"."""
        from django.utils.translation import gettext

        if self.channel == SignatureChannel.MITID_ERHVERV:
            return gettext("underskrevet med MitID Erhverv af %(name)s") % {"name": self.signer_name}
        if self.channel == SignatureChannel.MITID:
            return gettext("underskrevet med MitID af %(name)s") % {"name": self.signer_name}
        return gettext("underskrevet af %(name)s") % {"name": self.signer_name}


class WeekHours(BaseModel):
    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="hours",
                                  verbose_name=_("virksomhedsforløb"))
    week = models.DateField(_("uge (mandag)"))
    internship_hours = models.DecimalField(_("praktiktimer"), max_digits=4, decimal_places=1, default=0)
    ordinary_hours = models.DecimalField(_("ordinære timer"), max_digits=4, decimal_places=1, default=0)
    # Who the figures come from: the jobcentre (recorded), or the company on Virksomhedsindgang (reported), which
    # the jobformidler then confirms or queries with a note back to the company (reported_hours.py). Every
    # record counts in the KPIs, whatever its status: kpi.md's hours record has no confirmation state.
    status = models.CharField(_("status"), max_length=10, choices=HoursStatus.choices, default=HoursStatus.RECORDED)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("indberettet af"))
    reported_at = models.DateTimeField(_("indberettet"), null=True, blank=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("bekræftet/spurgt af"))
    reviewed_at = models.DateTimeField(_("bekræftet/spurgt"), null=True, blank=True)
    query_note = models.TextField(_("spørgsmål til virksomheden"), blank=True)

    class Meta:
        verbose_name = _("timer i en uge")
        verbose_name_plural = _("timer pr. uge")
        ordering = ["placement", "week"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "week"], name="hours_once_per_week"),
            models.CheckConstraint(condition=Q(internship_hours__gte=0, internship_hours__lte=60,
                                               ordinary_hours__gte=0, ordinary_hours__lte=60),
                                   name="hours_within_range"),
            # Only hours a company reported await confirmation or a query, and they always say who reported them.
            models.CheckConstraint(condition=Q(status="recorded")
                                   | Q(reported_by__isnull=False, reported_at__isnull=False),
                                   name="hours_reported_by_someone"),
            models.CheckConstraint(condition=~Q(status="queried") | ~Q(query_note=""), name="hours_query_has_note"),
        ]
        indexes = [# Covers the KPI engine's reads of the ordinary hours of a few weeks (a period's edges beside
                   # kpi.OrdinaryMonth) and serves every read by week.
                   models.Index(fields=["week", "ordinary_hours", "placement"], name="hours_week_ordinary_cover"),
                   # Covers the KPI engine's per-placement reads of hours in a period (no table rows read).
                   models.Index(fields=["placement", "week", "ordinary_hours", "internship_hours"],
                                name="hours_placement_week_cover"),
                   models.Index(fields=["status"], name="hours_status",
                                condition=Q(status__in=["reported", "queried"]))]

    def __str__(self):
        return f"{self.placement_id} {self.iso_week}"

    @property
    def iso_week(self) -> str:
        year, number, _day = self.week.isocalendar()
        return f"{year}-W{number:02d}"


class FollowUp(BaseModel):
    """A follow-up on site: who took part, how each agreed task goes (citizen and company, 1–10), what next."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="follow_ups",
                                  verbose_name=_("virksomhedsforløb"))
    date = models.DateField(_("dato"))
    place = models.CharField(_("sted"), max_length=200)
    participants = models.CharField(_("deltagere"), max_length=300)
    notes = models.TextField(_("noter"), blank=True)
    next_date = models.DateField(_("næste opfølgning"), null=True, blank=True)

    class Meta:
        verbose_name = _("opfølgning")
        verbose_name_plural = _("opfølgninger")
        ordering = ["placement", "-date", "-id"]
        constraints = [models.CheckConstraint(condition=Q(next_date__isnull=True) | Q(next_date__gte=F("date")),
                                              name="follow_up_next_after_date")]

    def __str__(self):
        return f"{self.placement_id} {self.date}"


class TaskRating(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="ratings",
                                  verbose_name=_("opfølgning"))
    task = models.CharField(_("arbejdsopgave"), max_length=200)
    # None when the company rated on its own (Virksomhedsindgang): the citizen's view is asked at the visit.
    citizen_rating = models.PositiveSmallIntegerField(_("borgerens vurdering"), null=True, blank=True)
    company_rating = models.PositiveSmallIntegerField(_("virksomhedens vurdering"))

    class Meta:
        verbose_name = _("vurdering af opgave")
        verbose_name_plural = _("vurderinger af opgaver")
        ordering = ["follow_up", "id"]
        constraints = [
            models.CheckConstraint(condition=(Q(citizen_rating__isnull=True)
                                              | Q(citizen_rating__gte=1, citizen_rating__lte=10))
                                   & Q(company_rating__gte=1, company_rating__lte=10),
                                   name="rating_one_to_ten"),
        ]

    def __str__(self):
        return f"{self.task}: {self.citizen_rating or '–'}/{self.company_rating}"
