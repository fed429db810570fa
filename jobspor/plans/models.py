"""The plan of a case: the goal and the binding sub-goals (delmål) towards it, each followed up
("de små skridts metode", seed 000 Hovedvej 2.3)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.core.models import BaseModel
from jobspor.core.versioning import VersionedModel
from jobspor.organisation.models import Employee
from jobspor.portal.authorship import AuthorKind

from .choices import OPEN_STATUSES, Goal, SubGoalStatus


class Plan(VersionedModel):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan", verbose_name=_("sag"))
    goal = models.CharField(_("mål"), max_length=20, choices=Goal.choices)
    goal_text = models.CharField(_("beskrivelse af målet"), max_length=300, blank=True,
                                 help_text=_("Fx jobmålet: \"Lagermedarbejder 25 timer om ugen\"."))
    made = models.DateField(_("planen lagt"))

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("planer")

    def __str__(self):
        return f"{self.case}: {self.get_goal_display()}"


class SubGoal(VersionedModel):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sub_goals", verbose_name=_("plan"))
    text = models.CharField(_("delmål"), max_length=300)
    due = models.DateField(_("frist"))
    # No employee: the citizen owns the sub-goal (the usual case: it is the citizen's step).
    # Indexed by the partial index below only: most sub-goals are the citizen's (no owner), and a plain index
    # on owner would lead SQLite to scan them all when "Mine opgaver" asks for the citizens' sub-goals.
    owner = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, db_index=False,
                              related_name="owned_sub_goals", verbose_name=_("ansvarlig"))
    status = models.CharField(_("status"), max_length=10, choices=SubGoalStatus.choices,
                              default=SubGoalStatus.OPEN)
    reached_on = models.DateField(_("nået den"), null=True, blank=True)
    # The citizen's own activity (added on Min side): the citizen may mark it done; a sub-goal the jobcentre
    # made is what was agreed, and the citizen may only comment on it.
    author_kind = models.CharField(_("tilføjet af"), max_length=10, choices=AuthorKind.choices,
                                   default=AuthorKind.JOBCENTRE, db_default=AuthorKind.JOBCENTRE)

    class Meta:
        verbose_name = _("delmål")
        verbose_name_plural = _("delmål")
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["owner", "status", "due"], condition=Q(owner__isnull=False),
                                name="sub_goal_owner_status_due")]
        constraints = [
            models.CheckConstraint(condition=Q(reached_on__isnull=True) | Q(status=SubGoalStatus.REACHED),
                                   name="sub_goal_reached_on_only_when_reached"),
        ]

    def __str__(self):
        return self.text

    @property
    def by_citizen(self) -> bool:
        return self.author_kind == AuthorKind.CITIZEN

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def overdue_on(self, today) -> bool:
        return self.is_open and self.due < today


class SubGoalNote(BaseModel):
    """A dated follow-up on one sub-goal, by a staff member (a mentor too), with an optional new status."""

    sub_goal = models.ForeignKey(SubGoal, on_delete=models.CASCADE, related_name="notes",
                                 verbose_name=_("delmål"))
    written_on = models.DateField(_("dato"))
    author = models.ForeignKey(Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("skrevet af"))
    text = models.TextField(_("opfølgning"))
    status = models.CharField(_("ny status"), max_length=10, choices=SubGoalStatus.choices, blank=True)

    class Meta:
        verbose_name = _("opfølgning på delmål")
        verbose_name_plural = _("opfølgninger på delmål")
        ordering = ["-written_on", "-id"]

    def __str__(self):
        return f"{self.written_on}: {self.text[:40]}"



class PlanComment(BaseModel):
    """A comment on the plan or on one of its sub-goals, by the citizen (Min side) or the jobcentre. Comments
    are only ever added: never changed or deleted, so the plan's conversation stays as it was written."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("plan"))
    sub_goal = models.ForeignKey(SubGoal, on_delete=models.CASCADE, null=True, blank=True, related_name="comments",
                                 verbose_name=_("delmål"))
    text = models.TextField(_("kommentar"), max_length=2000)
    author_kind = models.CharField(_("skrevet af"), max_length=10, choices=AuthorKind.choices)

    class Meta:
        verbose_name = _("kommentar til plan")
        verbose_name_plural = _("kommentarer til plan")
        ordering = ["created_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="plan_comment_not_empty")]

    def __str__(self):
        return self.text[:40]

    @property
    def by_citizen(self) -> bool:
        return self.author_kind == AuthorKind.CITIZEN
