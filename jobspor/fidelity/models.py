"""JobFirst fidelity (C12): the "Test praksis i eget jobcenter" questions of seed 004, a team's answers to them
per cycle, and the caseload norm the municipality sets (issue 14, points 1 and 6)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobspor.core.models import BaseModel
from jobspor.core.versioning import VersionedModel
from jobspor.organisation.models import Employee, Team

from .choices import AnswerValue, Strand


class Question(models.Model):
    """One question, verbatim from the seed, with where it stands there. Loaded from data/test_praksis.json
    (migration 0002 and `questions.sync`); never edited in the UI."""

    code = models.CharField(_("nummer"), max_length=10, unique=True)  # "<list>.<position>", e.g. "7.3"
    strand = models.PositiveSmallIntegerField(_("spor"), choices=Strand.choices)
    section = models.PositiveSmallIntegerField(_("liste"))  # 1–10 in the order of the seed
    section_heading = models.CharField(_("afsnit"), max_length=200)
    position = models.PositiveSmallIntegerField(_("placering"))
    text = models.TextField(_("spørgsmål"))
    source = models.CharField(_("kilde"), max_length=300)  # seed file, heading, line and page

    class Meta:
        verbose_name = _("spørgsmål i Test praksis")
        verbose_name_plural = _("spørgsmål i Test praksis")
        ordering = ["section", "position"]
        constraints = [
            models.UniqueConstraint(fields=["section", "position"], name="fidelity_question_place_once"),
            models.CheckConstraint(condition=Q(strand__in=Strand.values), name="fidelity_question_strand_known"),
        ]

    def __str__(self):
        return f"{self.code} {self.text}"


class Cycle(BaseModel):
    """One team's self-assessment period (default a calendar quarter, settings.JOBSPOR_FIDELITY_CYCLE_MONTHS).
    Start and end are stored, so a later change of the cycle length leaves past cycles as they were."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="fidelity_cycles", verbose_name=_("team"))
    start = models.DateField(_("fra"))
    end = models.DateField(_("til"))

    class Meta:
        verbose_name = _("periode for Test praksis")
        verbose_name_plural = _("perioder for Test praksis")
        ordering = ["team", "-start"]
        constraints = [
            models.UniqueConstraint(fields=["team", "start"], name="fidelity_cycle_once_per_team_and_start"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="fidelity_cycle_end_after_start"),
        ]

    def __str__(self):
        return f"{self.team}: {self.start:%d.%m.%Y}–{self.end:%d.%m.%Y}"


class Answer(VersionedModel):
    """A team's answer to one question in one cycle, with a note and an agreed action (owner, due date).
    One per question per cycle, in the database; edits carry a version (no lost updates)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="answers", verbose_name=_("periode"))
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers",
                                 verbose_name=_("spørgsmål"))
    value = models.CharField(_("svar"), max_length=8, choices=AnswerValue.choices)
    note = models.TextField(_("note"), blank=True)
    action = models.CharField(_("aftalt handling"), max_length=300, blank=True)
    action_owner = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("ansvarlig"))
    action_due = models.DateField(_("frist"), null=True, blank=True)
    answered_by = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name=_("besvaret af"))

    class Meta:
        verbose_name = _("svar i Test praksis")
        verbose_name_plural = _("svar i Test praksis")
        ordering = ["cycle", "question"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "question"], name="fidelity_answer_once_per_cycle"),
            models.CheckConstraint(condition=Q(value__in=AnswerValue.values), name="fidelity_answer_value_known"),
            # An agreed action always has someone who carries it out and a date.
            models.CheckConstraint(
                condition=Q(action="") | (Q(action_owner__isnull=False) & Q(action_due__isnull=False)),
                name="fidelity_action_has_owner_and_due"),
        ]

    def __str__(self):
        return f"{self.cycle} {self.question.code}: {self.get_value_display()}"


class CaseloadNorm(BaseModel):
    """The caseload norm the municipality sets: open cases per primary contact. Append-only: the newest row is in
    force, the older ones are its history; a row without a number means "no norm" (the default)."""

    cases = models.PositiveSmallIntegerField(_("sager pr. primær kontaktperson"), null=True, blank=True)
    reason = models.CharField(_("begrundelse"), max_length=300, blank=True)
    set_by = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("sat af"))

    class Meta:
        verbose_name = _("norm for sagsstamme")
        verbose_name_plural = _("normer for sagsstamme")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(cases__isnull=True) | Q(cases__gte=1, cases__lte=500),
                                   name="fidelity_norm_is_plausible"),
        ]

    def __str__(self):
        return str(self.cases) if self.cases is not None else str(_("ingen norm"))
