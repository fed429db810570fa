"""Demo goals: the 'Flere skal med' criterion and the JobFirst reference figures as team goals, with quarterly
milestones, set by the demo leader."""

import datetime as dt
from decimal import Decimal

from jobspor.organisation.models import Employee, Team

from .models import Goal, Milestone, PlannedVisitation


def demo_extend(*, rng, today, fake, say):
    leader = next((e for e in Employee.objects.filter(user__isnull=False).order_by("pk") if "leder" in e.roles), None)
    start = dt.date(today.year, 1, 1)
    deadline = dt.date(today.year, 12, 31)
    goals, milestones = [], []
    specs = [("40 % af gruppe 1 i virksomhedsforløb", "company_placement", 1, Decimal(40)),
             ("24 % med ordinære timer", "ordinary_hours", None, Decimal(24))]
    for team in Team.objects.order_by("pk")[:8]:
        for title, measure, group, target in specs:
            goals.append(Goal(title=title, level="team", team=team, measure=measure, fsm_group=group, start=start,
                              deadline=deadline, target_percent=target, set_by=leader))
    goals.append(Goal(title="64 % i 13 sammenhængende uger", level="jobcentre", measure="continuous_13_weeks",
                      start=start, deadline=deadline, target_percent=Decimal(64), set_by=leader))
    Goal.objects.bulk_create(goals)
    for goal in goals:
        for month in (3, 6, 9):
            milestones.append(Milestone(goal=goal, due=dt.date(today.year, month, 30 if month != 3 else 31),
                                        target_percent=(goal.target_percent * month / 12).quantize(Decimal("0.1"))))
    Milestone.objects.bulk_create(milestones)
    say(f"  {len(goals)} mål med milepæle")
    plans = demo_planned_visitations(rng=rng, today=today, leader=leader)
    say(f"  {plans} planlagte visitationer pr. team og kvartal")
    return [(len(goals), "mål", "mål"), (plans, "planlagte visitationer", "planlagte visitationer")]


def demo_planned_visitations(*, rng, today, leader) -> int:
    """'Flere skal med' criterion 1: each team's planned visitations for the last four quarters and this one,
    near what the demo's visitation conversations give (so that some teams are above plan, some below)."""
    from jobspor.kpi.measures import quarter_bounds, quarter_of, visited_cases

    year, quarter = quarter_of(today)
    quarters = [(year, quarter)]
    for _i in range(4):
        year, quarter = (year - 1, 4) if quarter == 1 else (year, quarter - 1)
        quarters.append((year, quarter))
    rows = []
    for team in Team.objects.order_by("pk"):
        for y, q in quarters:
            start, end = quarter_bounds(y, q)
            actual = visited_cases([team.pk], start, end).count()
            rows.append(PlannedVisitation(team=team, year=y, quarter=q, set_by=leader,
                                          planned=max(0, round(actual * rng.uniform(0.8, 1.3)) + rng.randint(0, 2))))
    PlannedVisitation.objects.bulk_create(rows)
    return len(rows)
