"""Job openings (jobåbninger, jobordrer, småjob): what a company wants done, and who filled it."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.citizens.models import Citizen, PostalCode
from jobspor.companies.models import Company, Workplace
from jobspor.core.search_text import fold_fields
from jobspor.core.versioning import VersionedModel
from jobspor.organisation.models import Employee

from .choices import FillChannel, JobKind, JobStatus


class JobOpening(VersionedModel):
    external_id = models.CharField(_("job-id"), max_length=64, unique=True)
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="openings",
                                verbose_name=_("virksomhed"))
    workplace = models.ForeignKey(Workplace, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="openings", verbose_name=_("arbejdssted"))
    consultant = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="job_openings", verbose_name=_("ansvarlig medarbejder"))
    title = models.CharField(_("titel"), max_length=200)
    # The title folded for search (core.search_text: "kokken" finds Køkken), kept by save().
    title_folded = models.CharField(max_length=200, editable=False, default="")
    kind = models.CharField(_("type"), max_length=20, choices=JobKind.choices)
    # Short task texts as the company words them (to be normalised for matching later).
    tasks = models.JSONField(_("arbejdsopgaver"), default=list, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("timer pr. uge"))
    driving_licence = models.CharField(_("kørekort påkrævet"), max_length=5, blank=True)
    competencies_required = models.JSONField(_("krævede kompetencer"), default=list, blank=True)
    competencies_wanted = models.JSONField(_("ønskede kompetencer"), default=list, blank=True)
    accommodations = models.JSONField(_("mulige hensyn"), default=list, blank=True)
    postal_code = models.ForeignKey(PostalCode, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("arbejdsstedets postnummer"))
    start = models.DateField(_("start"), null=True, blank=True)
    posted = models.DateField(_("oprettet"))
    deadline = models.DateField(_("frist"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.OPEN)
    filled_by = models.ForeignKey(Citizen, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("besat af"))
    filled_case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="filled_openings", verbose_name=_("sag"))
    filled_on = models.DateField(_("besat den"), null=True, blank=True)
    fill_channel = models.CharField(_("besat via"), max_length=20, choices=FillChannel.choices, blank=True)

    class Meta:
        verbose_name = _("jobåbning")
        verbose_name_plural = _("jobåbninger")
        ordering = ["-posted", "-id"]
        indexes = [models.Index(fields=["status", "kind"]), models.Index(fields=["company", "status"]),
                   models.Index(fields=["consultant", "posted"]), models.Index(fields=["posted"])]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__isnull=True) | Q(deadline__gte=F("posted")),
                                   name="job_deadline_after_posted"),
            models.CheckConstraint(condition=Q(hours_per_week__gte=1), name="job_hours_at_least_one"),
            models.CheckConstraint(
                condition=Q(status="filled", filled_on__isnull=False)
                | (~Q(status="filled") & Q(filled_by__isnull=True)),
                name="job_filled_has_date"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        fold_fields(self, [("title", "title_folded")], kwargs)
        super().save(*args, **kwargs)


class PortalPosting(models.Model):
    """An opening the company posted itself on Virksomhedsindgang. Staff are told of it ("Mine opgaver" of the
    opening's consultant, the company's owner) until a staff member has marked it seen."""

    opening = models.OneToOneField(JobOpening, on_delete=models.PROTECT, related_name="portal_posting",
                                   verbose_name=_("jobåbning"))
    posted_by = models.ForeignKey("company_portal.CompanyUser", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("slået op af"))
    posted_at = models.DateTimeField(_("slået op"), default=timezone.now)
    seen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("set af"))
    seen_at = models.DateTimeField(_("set"), null=True, blank=True)

    class Meta:
        verbose_name = _("opslag fra virksomheden")
        verbose_name_plural = _("opslag fra virksomheder")
        ordering = ["-posted_at", "-id"]
        indexes = [models.Index(fields=["seen_at"], name="jobs_portal_posting_seen")]
        constraints = [
            models.CheckConstraint(condition=Q(seen_at__isnull=True, seen_by__isnull=True)
                                   | Q(seen_at__isnull=False, seen_by__isnull=False),
                                   name="jobs_portal_posting_seen_by_whom"),
        ]

    def __str__(self):
        return f"{self.opening} ({self.posted_by})"
