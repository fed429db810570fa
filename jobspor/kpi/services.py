"""Writes of the kpi app: goals and milestones set by leaders (audited)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobspor.audit.services import event_record
from jobspor.core.dbfunctions import DayNumber
from jobspor.organisation.models import Team

from . import engine
from .models import Goal, GoalLevel, Milestone

FIELDS = ["title", "level", "department_id", "team_id", "employee_id", "measure", "fsm_group", "target_group",
          "start", "deadline", "target_percent"]


class GoalVerb(models.TextChoices):
    SAVED = "goal_saved", gettext_lazy("Mål gemt")
    DELETED = "goal_deleted", gettext_lazy("Mål slettet")


def _snapshot(goal: Goal) -> dict:
    data = {f: getattr(goal, f) for f in FIELDS}
    data["milestones"] = [[m.due, m.target_percent] for m in goal.milestones.all()] if goal.pk else []
    return data


def goal_validate(goal: Goal, milestones) -> None:
    errors = {}
    unit = {GoalLevel.DEPARTMENT: "department", GoalLevel.TEAM: "team", GoalLevel.EMPLOYEE: "employee"}
    for level, field in unit.items():
        if goal.level == level and not getattr(goal, f"{field}_id"):
            errors[field] = _("Vælg hvem målet gælder for.")
    if goal.start and goal.deadline and goal.deadline < goal.start:
        errors["deadline"] = _("Målet skal nås på eller efter startdatoen.")
    if goal.target_percent is not None and not 0 <= goal.target_percent <= 100:
        errors["target_percent"] = _("Skriv en procent mellem 0 og 100.")
    for due, target in milestones:
        if goal.start and goal.deadline and not goal.start <= due <= goal.deadline:
            errors["milestones"] = _("En milepæl skal ligge mellem start og frist.")
        if not 0 <= target <= 100:
            errors["milestones"] = _("Skriv en procent mellem 0 og 100.")
    if len({due for due, _t in milestones}) < len(milestones):
        errors["milestones"] = _("To milepæle har samme dato.")
    if errors:
        raise ValidationError(errors)


def _check_unit(editor, goal: Goal) -> None:
    from .permissions import can_change_goal, goal_refusal, outside_unit_message

    if editor is None:  # commands and the demo
        return
    if goal.pk and not can_change_goal(editor, Goal.objects.get(pk=goal.pk)):
        raise ValidationError(goal_refusal(editor, goal))
    if not can_change_goal(editor, goal):
        raise ValidationError({"level": outside_unit_message(editor)})


@transaction.atomic
def goal_save(*, actor, goal: Goal | None = None, milestones=(), set_by=None, editor=None, **fields) -> Goal:
    """Create or change a goal and replace its milestones ((date, percent) pairs). With `editor` (the leader
    doing it), the goal must be of the editor's unit before and after the change (kpi.permissions)."""
    goal = goal or Goal(set_by=set_by)
    before = _snapshot(goal) if goal.pk else None
    for name, value in fields.items():
        setattr(goal, name, value)
    # Only the unit of the chosen level is kept.
    level_fields = {GoalLevel.DEPARTMENT: "department", GoalLevel.TEAM: "team", GoalLevel.EMPLOYEE: "employee"}
    for level, field in level_fields.items():
        if goal.level != level:
            setattr(goal, field, None)
    milestones = sorted((due, Decimal(target)) for due, target in milestones)
    goal_validate(goal, milestones)
    _check_unit(editor, goal)
    goal.save()
    goal.milestones.all().delete()
    Milestone.objects.bulk_create([Milestone(goal=goal, due=due, target_percent=t) for due, t in milestones])
    event_record(actor=actor, verb=GoalVerb.SAVED, target=goal, before=before, after=_snapshot(goal))
    return goal


@transaction.atomic
def goal_delete(*, actor, goal: Goal, editor=None) -> None:
    from .permissions import can_change_goal, goal_refusal

    if editor is not None and not can_change_goal(editor, goal):
        raise ValidationError(goal_refusal(editor, goal))
    event_record(actor=actor, verb=GoalVerb.DELETED, target=goal, before=_snapshot(goal))
    goal.delete()


# --- evaluation (counts only) ----------------------------------------------------------------------------

@dataclass
class Check:
    due: dt.date
    target: float
    actual: float | None
    passed: bool  # the date has come
    final: bool

    @property
    def deviation(self):
        return None if self.actual is None else round(self.actual - self.target, 1)

    @property
    def behind(self):
        return self.passed and self.actual is not None and self.actual < self.target


def goal_query(goal: Goal, end: dt.date) -> engine.KpiQuery:
    team_ids = None
    if goal.level == GoalLevel.TEAM:
        team_ids = (goal.team_id,)
    elif goal.level == GoalLevel.DEPARTMENT:
        team_ids = tuple(Team.objects.filter(department_id=goal.department_id).values_list("pk", flat=True))
    return engine.KpiQuery(start=goal.start, end=max(goal.start, end), fsm_group=goal.fsm_group,
                           target_group=goal.target_group, team_ids=team_ids,
                           primary_contact_id=goal.employee_id if goal.level == GoalLevel.EMPLOYEE else None)


def _actual(goal: Goal, end: dt.date):
    query = goal_query(goal, end)
    cases = engine.population(query)
    d = cases.count()  # two queries per check: the population, then the numerator
    if not d:
        return None
    if goal.measure == "continuous_13_weeks":
        n = engine.continuous_13_weeks_count(query, cases)
    else:
        n = cases.filter(engine.measure_q(goal.measure, query, engine.is_small(query, size=d))).count()
    return round(100 * n / d, 1)


def goal_checks(goal: Goal, today: dt.date) -> list[Check]:
    """Each milestone and the goal itself: the target, the share reached (up to the date, or up to today if
    it has not come yet) and whether it is behind."""
    points = [(m.due, float(m.target_percent), False) for m in goal.milestones.all()]
    points.append((goal.deadline, float(goal.target_percent), True))
    ends, previous_passed = [], True
    for due, _target, _final in points:  # the dates a share is computed for
        passed = due <= today
        if passed or previous_passed:
            ends.append(min(due, today))
        previous_passed = passed
    if goal.measure == "continuous_13_weeks":
        actuals = _course_actuals(goal, ends)
    else:
        actuals = _share_actuals(goal, ends)
    checks = []
    for due, target, final in points:
        passed = due <= today
        if not passed and checks and not checks[-1].passed:
            actual = checks[-1].actual  # the same figure (up to today)
        else:
            actual = actuals[min(due, today)]
        checks.append(Check(due, target, actual, passed, final))
    return checks


def goals_checked(goals, today: dt.date) -> list[tuple[Goal, list[Check]]]:
    """Each goal with its checks (goal_checks); the goals are independent reads, run side by side (kpi.concurrent)."""
    from .concurrent import side_by_side

    found = side_by_side({str(index): partial(goal_checks, goal, today) for index, goal in enumerate(goals)},
                         using=engine.kpi_database())
    return [(goal, found[str(index)]) for index, goal in enumerate(goals)]


def _share_actuals(goal: Goal, ends: list[dt.date]) -> dict:
    """The share of each of `ends` (as _actual) from one read: the periods differ only in their end, so each
    population is the widest one's cases opened by that end, counted side by side with its numerator from the facts
    kept per case (two reads per milestone, each with a correlated EXISTS per case, took 0.1-0.2 s each for a team
    of 14,000 cases)."""
    widest = goal_query(goal, max(ends))
    aggregates = {"widest": Count("pk")}
    for index, end in enumerate(ends):
        query = dataclasses.replace(widest, end=max(goal.start, end))
        opened = Q(opened__lte=query.end)
        aggregates[f"d{index}"] = Count("pk", filter=opened)
        aggregates[f"n{index}"] = Count("pk", filter=opened & engine.measure_q(goal.measure, query))
    cases = engine.population(widest)
    # A team's or an employee's cases are found by their index and each one's facts joined (a whole jobcentre's are
    # read facts first: engine.facts_counted); for a team of 14,000 cases 48 against 55 ms, an empty one 7 against 28.
    narrowed = widest.team_ids is not None or widest.primary_contact_id is not None
    counts = cases.aggregate(**aggregates) if narrowed else engine.facts_aggregate(cases, aggregates, "widest")
    return {end: round(100 * counts[f"n{index}"] / counts[f"d{index}"], 1) if counts[f"d{index}"] else None
            for index, end in enumerate(ends)}


def _course_actuals(goal: Goal, ends: list[dt.date]) -> dict:
    """The share with 13 consecutive weeks up to each of `ends`: the periods differ only in their end, so each
    population is the widest one's cases opened by that end. Counted from the courses kept per case
    (engine.continuous_13_weeks_counts_at_ends), or, while those are behind, from one read of the placements (a read
    of every placement per milestone took 0.6 s each for a whole jobcentre)."""
    from jobspor.placements.models import Placement

    widest = goal_query(goal, max(ends))
    population = engine.population(widest)
    queries = [dataclasses.replace(widest, end=max(goal.start, end)) for end in ends]  # = goal_query(goal, end)
    sizes = population.aggregate(**{str(index): Count("pk", filter=Q(opened__lte=query.end))
                                    for index, query in enumerate(queries)})
    if not any(sizes.values()):
        return dict.fromkeys(ends)
    found = engine.continuous_13_weeks_counts_at_ends(queries, population)
    if found is None:
        opened = dict(engine.raw_rows(population.order_by().annotate(day=DayNumber("opened"))
                                      .values_list("pk", "day")))
        rows = list(engine.course_rows(Placement.objects.using(engine.kpi_database()).filter(
            start__lte=widest.end, case_id__in=population.order_by().values("pk"))))
        found = [len(engine.courses_found(rows, query, members={pk for pk, day in opened.items()
                                                                 if day <= query.end.toordinal()}))
                 for query in queries]
    return {end: round(100 * n / sizes[str(index)], 1) if sizes[str(index)] else None
            for index, (end, n) in enumerate(zip(ends, found, strict=True))}


# --- planned visitations ('Flere skal med' criterion 1) --------------------------------------------------------

class VisitationVerb(models.TextChoices):
    SAVED = "planned_visitation_saved", gettext_lazy("Planlagte visitationer gemt")


def planned_visitation_refusal(editor, team) -> str | None:
    """Why `editor` may not set the plan of `team` (None: they may): a leader, for a team of their unit."""
    from jobspor.cases.permissions import visible_team_ids

    if editor is None:
        return None
    if not editor.is_manager:
        return _("Kun ledere kan registrere planlagte visitationer.")
    if editor.team_id is not None and team.pk not in visible_team_ids(editor):
        from .permissions import unit_name

        return _("Du kan kun registrere planlagte visitationer for din egen enhed (%(unit)s).") % {
            "unit": unit_name(editor)}
    return None


@transaction.atomic
def planned_visitation_save(*, actor, team, year: int, quarter: int, planned: int, editor=None, record=None,
                            seen=None):
    """Record (or, with `record`, change) how many visitations `team` plans in a quarter. One row per team and
    quarter: a second row for the same quarter is refused with a message saying where the first is; `seen` is the
    version the leader's form was made from (a stale change is refused, StaleEdit)."""
    from jobspor.core.versioning import ensure_current, lock_for_edit

    from .models import PlannedVisitation

    errors = {}
    if planned is None or planned < 0:
        errors["planned"] = _("Antallet af planlagte visitationer kan ikke være negativt. Skriv 0 eller flere.")
    if quarter not in (1, 2, 3, 4):
        errors["quarter"] = _("Vælg et kvartal mellem 1 og 4.")
    if not 2000 <= (year or 0) <= 2100:
        errors["year"] = _("Skriv et årstal, fx 2026.")
    refusal = planned_visitation_refusal(editor, team)
    if refusal:
        errors["team"] = refusal
    if errors:
        raise ValidationError(errors)
    if record is not None:
        row = lock_for_edit(PlannedVisitation.objects.all(), pk=record.pk, seen=seen)
        before = {"team_id": row.team_id, "year": row.year, "quarter": row.quarter, "planned": row.planned}
    else:
        row = None
        before = None
    other = PlannedVisitation.objects.select_for_update().filter(team=team, year=year, quarter=quarter)
    if row is not None:
        other = other.exclude(pk=row.pk)
    if other.exists():
        raise ValidationError({"quarter": _("%(team)s har allerede et planlagt antal for %(q)d. kvartal %(y)d. "
                                            "Ret det i listen i stedet.") % {"team": team.name, "q": quarter,
                                                                              "y": year}})
    if row is None:
        ensure_current(None, seen)
        row = PlannedVisitation(set_by=editor)
    row.team, row.year, row.quarter, row.planned = team, year, quarter, planned
    if editor is not None:
        row.set_by = editor
    row.save()
    event_record(actor=actor, verb=VisitationVerb.SAVED, target=row, before=before,
                 after={"team_id": row.team_id, "year": row.year, "quarter": row.quarter, "planned": row.planned})
    return row
