"""Matching's own data: the synonym list, places per opening, and the shortlist with its outcomes."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.core.models import BaseModel
from jobspor.jobs.models import JobOpening

from .choices import Outcome


class Synonym(BaseModel):
    """Two Danish task words or phrases that mean the same for matching ("ekspedere" = "betjene kasse").
    `term` is the canonical form; administrators extend the list in the admin."""

    term = models.CharField(_("ord eller udtryk"), max_length=100)
    synonym = models.CharField(_("betyder det samme som"), max_length=100)

    class Meta:
        verbose_name = _("synonym")
        verbose_name_plural = _("synonymer")
        ordering = ["term", "synonym"]
        constraints = [models.UniqueConstraint(fields=["term", "synonym"], name="matching_synonym_once")]

    def __str__(self):
        return f"{self.term} = {self.synonym}"


class OpeningPlaces(BaseModel):
    """How many citizens an opening can take (small jobs often have several places). Default 1."""

    opening = models.OneToOneField(JobOpening, on_delete=models.CASCADE, related_name="matching_places",
                                   verbose_name=_("jobåbning"))
    places = models.PositiveSmallIntegerField(_("antal pladser"), default=1)

    class Meta:
        verbose_name = _("pladser på jobåbning")
        verbose_name_plural = _("pladser på jobåbninger")
        constraints = [models.CheckConstraint(condition=models.Q(places__gte=1, places__lte=500),
                                              name="matching_places_range")]


class ShortlistEntry(BaseModel):
    """A candidate picked for an opening; sent to the company on a date; then an outcome."""

    opening = models.ForeignKey(JobOpening, on_delete=models.CASCADE, related_name="shortlist",
                                verbose_name=_("jobåbning"))
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="shortlist_entries",
                             verbose_name=_("sag"))
    score = models.DecimalField(_("score ved udvælgelse"), max_digits=5, decimal_places=1, default=0)
    sent_on = models.DateField(_("sendt til virksomheden"), null=True, blank=True)
    outcome = models.CharField(_("udfald"), max_length=30, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_on = models.DateField(_("udfald registreret"), null=True, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kandidat på shortliste")
        verbose_name_plural = _("kandidater på shortliste")
        ordering = ["opening", "-score", "id"]
        constraints = [models.UniqueConstraint(fields=["opening", "case"], name="matching_shortlist_once")]
        indexes = [models.Index(fields=["case", "outcome"])]

    def __str__(self):
        return f"{self.opening_id}/{self.case_id}"


class IndexChange(models.Model):
    """One change to data matching reads, written by database triggers (jobspor.matching.changes): processes
    apply these to their matching index instead of rebuilding it."""

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=12)
    ref = models.BigIntegerField(default=0)
    detail = models.CharField(max_length=250, blank=True, default="")
    created_at = models.DateTimeField(null=True)

    class Meta:
        verbose_name = _("ændring til matchindekset")
        verbose_name_plural = _("ændringer til matchindekset")

    def __str__(self):
        return f"{self.kind} {self.ref}"


class IndexSnapshot(models.Model):
    """The matching index as of change `mark` (serialised), so that a new process starts from it and applies
    only the changes after it (jobspor.matching.index)."""

    mark = models.BigIntegerField()
    mark_fingerprint = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    data = models.BinaryField()

    class Meta:
        verbose_name = _("gemt matchindeks")
        verbose_name_plural = _("gemte matchindekser")

    def __str__(self):
        return f"matchindeks {self.mark}"
