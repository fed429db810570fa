from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.models import Citizen
from jobspor.core.models import BaseModel
from jobspor.core.roles import CaseRole
from jobspor.core.validators import EARLIEST, date_errors
from jobspor.core.versioning import VersionedModel
from jobspor.organisation.models import Employee, Team

from .choices import Benefit, CloseReason, FsmGroup, TargetGroup


class Case(VersionedModel):
    external_id = models.CharField(_("sags-id"), max_length=64, unique=True)
    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="cases",
                                verbose_name=_("borger"))
    benefit = models.CharField(_("ydelse"), max_length=60, choices=Benefit.choices)
    target_group = models.PositiveSmallIntegerField(_("hovedmålgruppe"), choices=TargetGroup.choices,
                                                    null=True, blank=True)
    fsm_group = models.PositiveSmallIntegerField(_("'Flere skal med'-gruppe"), choices=FsmGroup.choices,
                                                 null=True, blank=True)
    opened = models.DateField(_("oprettet"))
    closed = models.DateField(_("afsluttet"), null=True, blank=True)
    close_reason = models.CharField(_("afslutningsårsag"), max_length=40, choices=CloseReason.choices,
                                    blank=True)
    public_support_since = models.DateField(_("på offentlig forsørgelse siden"), null=True, blank=True)
    # Visitated to fleksjob (a decision of the municipality); ledighedsydelse is only paid to those visitated,
    # so it implies this (constraint below). Matching offers fleksjob openings only to visitated citizens.
    fleksjob_visitated = models.BooleanField(
        _("visiteret til fleksjob"), default=False,
        help_text=_("Borgeren er visiteret til fleksjob. Ledighedsydelse forudsætter visitation."))
    # The responsible team: the primary contact's team. Team members see the case (access rule).
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="cases",
                             verbose_name=_("team"))

    class Meta:
        verbose_name = _("sag")
        verbose_name_plural = _("sager")
        ordering = ["-opened", "-id"]
        # The period's population (opened <= to, closed empty or >= from) and the columns the dashboard's measures
        # read with it, in one covering index: SQLite reads the index alone (7 ms for 86,000 of 100,000 cases,
        # against 123 ms through an index of `opened` alone and a row lookup per case).
        # The team's open cases with what the stalled list decides on, without reading the table's rows.
        indexes = [models.Index(fields=["team", "closed", "opened", "fsm_group"], name="case_team_open_cover"),
                   models.Index(fields=["opened", "closed", "close_reason", "fsm_group", "team", "citizen"],
                                name="case_period_cover")]
        constraints = [
            models.CheckConstraint(condition=Q(closed__isnull=True) | Q(closed__gte=F("opened")),
                                   name="case_closed_after_opened"),
            models.CheckConstraint(
                condition=(Q(closed__isnull=True) & Q(close_reason=""))
                | (Q(closed__isnull=False) & ~Q(close_reason="")),
                name="case_close_reason_iff_closed"),
            models.CheckConstraint(condition=~Q(benefit="ledighedsydelse") | Q(fleksjob_visitated=True),
                                   name="case_ledighedsydelse_is_fleksjob_visitated"),
        ]

    def __str__(self):
        return self.external_id

    @property
    def is_active(self) -> bool:
        return self.closed is None

    def clean(self):
        """Opened and on public support since are facts (not after today); every date is plausible."""
        problems = {**date_errors(fact=True, opened=self.opened),
                    **date_errors(fact=True, earliest=EARLIEST, public_support_since=self.public_support_since),
                    **date_errors(closed=self.closed)}
        if problems:
            raise ValidationError(problems)


class CaseStaff(BaseModel):
    """A staff member attached to a case. Any number per case; exactly one is the primary contact."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="staff", verbose_name=_("sag"))
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="case_links",
                                 verbose_name=_("medarbejder"))
    role = models.CharField(_("rolle"), max_length=30, choices=CaseRole.choices)
    is_primary = models.BooleanField(_("primær kontaktperson"), default=False)

    class Meta:
        verbose_name = _("tilknyttet medarbejder")
        verbose_name_plural = _("tilknyttede medarbejdere")
        ordering = ["-is_primary", "employee__name"]
        constraints = [
            models.UniqueConstraint(fields=["case", "employee"], name="case_staff_once_per_case"),
            models.UniqueConstraint(fields=["case"], condition=Q(is_primary=True),
                                    name="case_one_primary_contact"),
        ]
        indexes = [models.Index(fields=["employee", "case"])]

    def __str__(self):
        return f"{self.employee} ({self.get_role_display()})"
