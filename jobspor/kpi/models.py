"""Goals and milestones set by leaders (seed 004, "Etabler klar målstyring"): a target share of one kpi.md
measure, for a unit (jobcentre, department, team or employee), over a period, optionally for one 'Flere skal
med' group or target group; milestones are targets on the way."""

import datetime as dt

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobspor.cases.choices import FsmGroup, TargetGroup
from jobspor.core.models import BaseModel
from jobspor.core.versioning import VersionedModel
from jobspor.organisation.models import Department, Employee, Team


class GoalLevel(models.TextChoices):
    JOBCENTRE = "jobcentre", _("Hele jobcentret")
    DEPARTMENT = "department", _("Afdeling")
    TEAM = "team", _("Team")
    EMPLOYEE = "employee", _("Medarbejder")


class GoalMeasure(models.TextChoices):
    HAS_CV = "has_cv", _("Har CV")
    HAS_JOB_GOAL = "has_job_goal", _("Har jobmål")
    COMPANY_PLACEMENT = "company_placement", _("I virksomhedsforløb")
    ORDINARY_HOURS = "ordinary_hours", _("Har haft ordinære timer")
    CONTINUOUS_13_WEEKS = "continuous_13_weeks", _("13 sammenhængende uger på samme virksomhed")
    SIGNED_AGREEMENT = "signed_agreement", _("Underskrevet arbejdsaftale")
    EXIT = "exit_employment_or_education", _("Afsluttet til job eller uddannelse")
    CLARIFIED = "clarified", _("Afklaret videre")


class Goal(BaseModel):
    title = models.CharField(_("mål"), max_length=200)
    level = models.CharField(_("niveau"), max_length=12, choices=GoalLevel.choices)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("afdeling"))
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("team"))
    employee = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                 verbose_name=_("medarbejder"))
    measure = models.CharField(_("nøgletal"), max_length=40, choices=GoalMeasure.choices)
    fsm_group = models.PositiveSmallIntegerField(_("'Flere skal med'-gruppe"), choices=FsmGroup.choices,
                                                 null=True, blank=True)
    target_group = models.PositiveSmallIntegerField(_("hovedmålgruppe"), choices=TargetGroup.choices,
                                                    null=True, blank=True)
    start = models.DateField(_("fra"))
    deadline = models.DateField(_("senest"))
    target_percent = models.DecimalField(_("mål (%)"), max_digits=4, decimal_places=1)
    set_by = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("sat af"))

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        ordering = ["deadline", "title", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=F("start")), name="goal_deadline_after_start"),
            models.CheckConstraint(condition=Q(target_percent__gte=0, target_percent__lte=100),
                                   name="goal_target_is_a_percentage"),
        ]

    def __str__(self):
        return self.title


class Milestone(BaseModel):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("mål"))
    due = models.DateField(_("dato"))
    target_percent = models.DecimalField(_("delmål (%)"), max_digits=4, decimal_places=1)

    class Meta:
        verbose_name = _("milepæl")
        verbose_name_plural = _("milepæle")
        ordering = ["goal", "due"]
        constraints = [models.UniqueConstraint(fields=["goal", "due"], name="milestone_once_per_date")]

    def __str__(self):
        return f"{self.goal}: {self.due}"


class PlannedVisitation(VersionedModel):
    """'Flere skal med' criterion 1 (seed 002), "visiteret som planlagt": how many citizens a team plans to visit
    (visitere to a 'Flere skal med' group) in a calendar quarter, set by a leader. One row per team and quarter;
    a change raises the version (no lost updates) and is an event."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+", verbose_name=_("team"))
    year = models.PositiveSmallIntegerField(_("år"))
    quarter = models.PositiveSmallIntegerField(_("kvartal"), choices=[(q, f"{q}. kvartal") for q in (1, 2, 3, 4)])
    planned = models.IntegerField(_("planlagte visitationer"))
    set_by = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("sat af"))

    class Meta:
        verbose_name = _("planlagte visitationer")
        verbose_name_plural = _("planlagte visitationer")
        ordering = ["-year", "-quarter", "team__name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "year", "quarter"], name="planned_visitation_once_per_quarter"),
            models.CheckConstraint(condition=Q(planned__gte=0), name="planned_visitation_not_negative"),
            models.CheckConstraint(condition=Q(quarter__gte=1, quarter__lte=4), name="planned_visitation_quarter"),
        ]

    def __str__(self):
        return f"{self.team}: {self.quarter}. kvartal {self.year}"


# The end kept for a placement without one (kpi.md: an open-ended placement runs on).
OPEN_END = dt.date.max


class CaseFacts(models.Model):
    """Per case, the first date each stage of the production chain was reached (kpi.md; None: not yet). Derived
    data, kept up to date from CaseFactsChange (jobspor/kpi/facts.py) so that the chain is counted from one row
    per case instead of grouping every CV line, placement and hours row of the jobcentre on each page view.
    Also the case's first and last contact (any date, future ones too) and its number of open planned actions, for
    the stalled rule (kpi.md; the stalled list and the dashboard's counts join one row per case instead of building
    sets of every contact and action)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, primary_key=True, related_name="facts")
    cv_on = models.DateField(null=True)
    goal_on = models.DateField(null=True)
    placement_on = models.DateField(null=True)
    agreement_on = models.DateField(null=True)
    ordinary_on = models.DateField(null=True)
    more_on = models.DateField(null=True)
    first_contact_on = models.DateField(null=True)
    last_contact_on = models.DateField(null=True)
    open_actions = models.IntegerField(default=0)
    # The period measures company_placement, signed_agreement and ordinary_hours (kpi.md) decided from this row for
    # most cases (engine.kept_measure_q): per case two of its placements, as (from, to) pairs, an open end as
    # OPEN_END. Company placements: the earliest start is placement_on, `placed_first_end` the latest end among the
    # placements starting then; `placed_last_end` the latest end, `placed_last_start` the earliest start among the
    # placements ending then. Signed agreements, over placements of any kind with a signed work agreement, the same
    # with a placement's "from" = the later of its start and its first signature date (`signed_on` ...). A case is
    # in a measure for P when one of its two pairs overlaps P, out of it when its earliest "from" is after P or its
    # latest end before P; only the rest (a placement between two others) is looked up in the placements.
    placed_first_end = models.DateField(null=True)
    placed_last_start = models.DateField(null=True)
    placed_last_end = models.DateField(null=True)
    signed_on = models.DateField(null=True)
    signed_first_end = models.DateField(null=True)
    signed_last_start = models.DateField(null=True)
    signed_last_end = models.DateField(null=True)
    # The last week (Monday) with ordinary hours > 0 on any placement of the case; ordinary_on is the first.
    ordinary_last_on = models.DateField(null=True)
    # The case's first conversation (contacts.choices.CONVERSATION_KINDS; the earliest date, then the lowest id) and
    # its date, for Makkerskab's share held jointly: a quarter's first conversations are found by their date instead
    # of asking of every conversation in it whether an earlier one exists (0.4 s for a quarter of 100,000).
    first_conversation_on = models.DateField(null=True)
    first_conversation_id = models.BigIntegerField(null=True)

    class Meta:
        # A case's row looked up by key without reading the table: SQLite keeps a primary key that is not an
        # INTEGER PRIMARY KEY in an index of its own, so a join to this table searched twice per case (the chain's
        # stages 333 -> 199 ms, the stalled list's join on 60,000 cases 233 -> 60 ms).
        indexes = [models.Index(fields=["case", "cv_on", "goal_on", "placement_on", "agreement_on", "ordinary_on",
                                        "more_on", "last_contact_on", "open_actions", "first_contact_on",
                                        "placed_first_end", "placed_last_start", "placed_last_end", "signed_on",
                                        "signed_first_end", "signed_last_start", "signed_last_end",
                                        "ordinary_last_on"],
                                name="kpi_facts_cover2"),
                   models.Index(fields=["first_conversation_on", "case", "first_conversation_id"],
                                name="kpi_facts_first_conversation")]

    def __str__(self):
        return f"stage dates of case {self.case_id}"


class CaseFactsChange(models.Model):
    """A case whose CaseFacts may be out of date: written by database triggers on every table the stages are read
    from (any writer: services, bulk_create, imports, SQL), emptied by facts_refresh. No foreign key: a deleted
    case's rows are simply skipped."""

    case_id = models.BigIntegerField()

    def __str__(self):
        return f"case {self.case_id} changed"


class OrdinaryMonth(models.Model):
    """Per placement and month, the ordinary hours of its weeks with ordinary hours > 0 whose Monday is in the month,
    in tenths of an hour (hours have one decimal: exact). Derived data kept with CaseFacts (the same change log and
    refresh, jobspor/kpi/facts.py), so that the dashboard's period measures of ordinary hours read a few rows per
    placement instead of every weekly hours row; the weeks of a month only partly in the period are read from the
    hours themselves (engine.ordinary_parts)."""

    case_id = models.BigIntegerField()
    placement_id = models.BigIntegerField()
    month = models.DateField()
    tenths = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["month", "case_id", "placement_id", "tenths"], name="kpi_ordmonth_cover")]

    def __str__(self):
        return f"ordinary hours of placement {self.placement_id} in {self.month:%Y-%m}"


class CompanyCourse(models.Model):
    """Per case and company, each course of consecutive ISO weeks its company placements give (kpi.md
    `continuous_13_weeks`) with no day limit: `first` and `last` are Mondays, `last` None while a placement of it
    runs on. Only courses that are or may become 13 weeks long are kept (closed ones of 13 weeks or more, and every
    open one). Derived data kept with CaseFacts (the same change log and refresh, jobspor/kpi/facts.py); a period
    ending on `to` sees such a course cut at `to`'s week (engine.continuous_13_weeks_cases)."""

    case_id = models.BigIntegerField()
    company_id = models.BigIntegerField()
    first = models.DateField()
    last = models.DateField(null=True)

    class Meta:
        indexes = [models.Index(fields=["first", "last", "case_id"], name="kpi_course_cover")]

    def __str__(self):
        return f"course of case {self.case_id} at company {self.company_id} from {self.first}"
