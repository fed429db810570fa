"""Companies and the company network: the register, contacts, workplaces, partnership agreements,
interactions, and the contact strategy (prioritised industries, visit targets, follow-up cadence)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.models import PostalCode
from jobspor.core.models import BaseModel
from jobspor.core.search_text import fold_fields
from jobspor.core.versioning import VersionedModel
from jobspor.organisation.models import Employee

from .choices import InteractionKind, Need, PriorityReason, RelationLevel, Sector
from .industries import industry_name


def validate_needs(value):
    if not isinstance(value, list) or any(v not in Need.values for v in value):
        raise ValidationError(_("Ukendt behov."), code="needs_unknown")


class Company(VersionedModel):
    external_id = models.CharField(_("virksomheds-id"), max_length=64, unique=True)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    # The name folded for search (core.search_text: "Aabybro" and "abybro" find Åbybro), kept by save().
    name_folded = models.CharField(max_length=200, editable=False, default="")
    industry = models.CharField(_("branchekode (DB07)"), max_length=6, db_index=True)
    sector = models.CharField(_("sektor"), max_length=10, choices=Sector.choices, default=Sector.PRIVATE)
    employees = models.PositiveIntegerField(_("antal ansatte"), null=True, blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.ForeignKey(PostalCode, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("postnummer"))
    # One owner at a time (a virksomhedskonsulent or jobformidler; checked by the services). Imports may leave it empty.
    owner = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="owned_companies", verbose_name=_("ejer"))
    relation_level = models.CharField(_("relationsniveau"), max_length=12, choices=RelationLevel.choices,
                                      default=RelationLevel.PASSIVE)
    needs = models.JSONField(_("behov"), default=list, blank=True, validators=[validate_needs])
    # Rummelighed: experience with and capacity for vulnerable citizens.
    inclusive_experience = models.TextField(_("erfaring med udsatte borgere"), blank=True)
    inclusive_capacity = models.PositiveSmallIntegerField(_("pladser til udsatte borgere"), null=True, blank=True)
    inclusive_contact = models.ForeignKey("CompanyContact", on_delete=models.SET_NULL, null=True, blank=True,
                                          related_name="+", verbose_name=_("fast kontaktperson for borgere"))
    mentor_possible = models.BooleanField(_("mentor på arbejdspladsen mulig"), default=False)
    code_of_care = models.TextField(_("code of care"), blank=True, help_text=_(
        "Hvad virksomheden ønsker af jobcentret, når en borger starter."))
    # Denormalised by the interaction services: the follow-up cadence counts from it.
    last_interaction_on = models.DateField(_("seneste kontakt"), null=True, blank=True)

    class Meta:
        verbose_name = _("virksomhed")
        verbose_name_plural = _("virksomheder")
        ordering = ["search_name", "id"]
        indexes = [models.Index(fields=["owner", "relation_level"]),
                   models.Index(fields=["relation_level", "last_interaction_on"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        fold_fields(self, [("name", "name_folded")], kwargs)
        super().save(*args, **kwargs)

    @property
    def industry_name(self) -> str:
        return industry_name(self.industry)


class Workplace(VersionedModel):
    """A production unit (P-enhed) of the company."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="workplaces",
                                verbose_name=_("virksomhed"))
    p_number = models.CharField(_("P-nummer"), max_length=10, unique=True)
    name = models.CharField(_("navn"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=200, blank=True)
    postal_code = models.ForeignKey(PostalCode, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("postnummer"))

    class Meta:
        verbose_name = _("arbejdssted (P-enhed)")
        verbose_name_plural = _("arbejdssteder (P-enheder)")
        ordering = ["p_number"]

    def __str__(self):
        return f"{self.name or self.address} ({self.p_number})"


class CompanyContact(VersionedModel):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="contacts",
                                verbose_name=_("virksomhed"))
    name = models.CharField(_("navn"), max_length=200)
    role = models.CharField(_("stilling/rolle"), max_length=120, blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("kontaktperson")
        verbose_name_plural = _("kontaktpersoner")
        ordering = ["name", "id"]

    def __str__(self):
        return f"{self.name} ({self.role})" if self.role else self.name


class PartnershipAgreement(VersionedModel):
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="agreements",
                                verbose_name=_("virksomhed"))
    starts = models.DateField(_("gælder fra"))
    ends = models.DateField(_("gælder til"), null=True, blank=True)
    company_commits = models.TextField(_("virksomheden forpligter sig til"))
    jobcentre_commits = models.TextField(_("jobcentret forpligter sig til"))
    placements_per_year = models.PositiveSmallIntegerField(_("virksomhedsforløb pr. år"), null=True, blank=True)
    ordinary_hours_per_week = models.PositiveSmallIntegerField(_("ordinære timer pr. uge"), null=True, blank=True)

    class Meta:
        verbose_name = _("partnerskabsaftale")
        verbose_name_plural = _("partnerskabsaftaler")
        ordering = ["-starts", "-id"]
        constraints = [models.CheckConstraint(condition=Q(ends__isnull=True) | Q(ends__gte=F("starts")),
                                              name="agreement_ends_after_start")]

    def __str__(self):
        return f"{self.company} {self.starts}"


class Interaction(BaseModel):
    """A visit, call, meeting or e-mail with the company, its outcome and the next step."""

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="interactions",
                                verbose_name=_("virksomhed"))
    kind = models.CharField(_("type"), max_length=10, choices=InteractionKind.choices)
    date = models.DateField(_("dato"))
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="company_interactions",
                                 verbose_name=_("medarbejder"))
    contact = models.ForeignKey(CompanyContact, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="interactions", verbose_name=_("kontaktperson"))
    outcome = models.TextField(_("resultat"), blank=True)
    next_step = models.CharField(_("næste skridt"), max_length=300, blank=True)
    next_step_on = models.DateField(_("næste skridt senest"), null=True, blank=True)

    class Meta:
        verbose_name = _("kontakt med virksomhed")
        verbose_name_plural = _("kontakter med virksomheder")
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["company", "date"]), models.Index(fields=["employee", "date"]),
                   models.Index(fields=["date", "kind"])]

    def __str__(self):
        return f"{self.company} {self.date} {self.get_kind_display()}"


class PrioritisedIndustry(BaseModel):
    """Contact strategy: a DB07 division the jobcentre seeks out (set by a leader)."""

    division = models.CharField(_("branche (DB07-hovedgruppe)"), max_length=2, unique=True)
    reason = models.CharField(_("begrundelse"), max_length=12, choices=PriorityReason.choices)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("prioriteret branche")
        verbose_name_plural = _("prioriterede brancher")
        ordering = ["division"]

    def __str__(self):
        return f"{self.division} {industry_name(self.division)}"

    @property
    def name(self):
        return industry_name(self.division)


class VisitTarget(BaseModel):
    """Contact strategy: how many company visits a consultant aims at in a month."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="visit_targets",
                                 verbose_name=_("medarbejder"))
    month = models.DateField(_("måned"), help_text=_("Den første dag i måneden."))
    visits = models.PositiveSmallIntegerField(_("besøg"))

    class Meta:
        verbose_name = _("besøgsmål")
        verbose_name_plural = _("besøgsmål")
        ordering = ["-month", "employee__name"]
        constraints = [models.UniqueConstraint(fields=["employee", "month"], name="visit_target_once_a_month")]

    def __str__(self):
        return f"{self.employee} {self.month:%Y-%m}: {self.visits}"


class CompanySettings(BaseModel):
    """One row: the follow-up cadence per relation level (months since the last contact) and the activity
    score thresholds. Leaders change it on the contact strategy page."""

    months_partnership = models.PositiveSmallIntegerField(_("partnerskab: opfølgning hver (måneder)"), default=3)
    months_cooperation = models.PositiveSmallIntegerField(_("samarbejde: opfølgning hver (måneder)"), default=3)
    months_contact = models.PositiveSmallIntegerField(_("kontakt: opfølgning hver (måneder)"), default=6)
    months_passive = models.PositiveSmallIntegerField(_("passiv: opfølgning hver (måneder)"), default=6)

    class Meta:
        verbose_name = _("indstillinger for virksomhedsservice")
        verbose_name_plural = _("indstillinger for virksomhedsservice")

    def __str__(self):
        return str(self._meta.verbose_name)

    def cadence(self) -> dict[str, int]:
        return {RelationLevel.PARTNERSHIP: self.months_partnership, RelationLevel.COOPERATION: self.months_cooperation,
                RelationLevel.CONTACT: self.months_contact, RelationLevel.PASSIVE: self.months_passive}
