import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import Event
from jobspor.kpi import engine, services
from jobspor.kpi.models import Goal
from jobspor.testing.factories import EmployeeFactory

from . import reference, scenario


@pytest.fixture
def world(db):
    data = scenario.build(9, citizens=40, key_dates=[dt.date(2025, 1, 1)])
    leader = EmployeeFactory(team=data["teams"][0], roles=["leder"])
    return {**data, "leader": leader}


def test_a_leader_sets_a_goal_with_milestones_and_sees_the_deviation(client, world):
    client.force_login(world["leader"].user)
    team = world["teams"][0]
    response = client.post(reverse("kpi:goals"), {
        "title": "40 % af gruppe 1 i virksomhedsforløb", "level": "team", "team": team.pk,
        "measure": "company_placement", "fsm_group": 1, "start": "2025-01-01", "deadline": "2025-03-01",
        "target_percent": "40", "milestones": "2025-02-01 20\n2025-02-15 30"})
    assert response.status_code == 302
    goal = Goal.objects.get()
    assert [(m.due, float(m.target_percent)) for m in goal.milestones.all()] == [
        (dt.date(2025, 2, 1), 20.0), (dt.date(2025, 2, 15), 30.0)]
    assert Event.objects.filter(verb="goal_saved", target_id=goal.pk).exists()
    checks = services.goal_checks(goal, today=dt.date(2025, 2, 20))
    assert [c.passed for c in checks] == [True, True, False]
    expected = reference.compute(reference.load(), dt.date(2025, 1, 1), dt.date(2025, 2, 1), fsm_group=1,
                                 team_ids={team.pk})["company_placement"]
    share = expected["share"]
    assert checks[0].actual == (None if share is None else round(100 * share, 1))
    assert checks[0].behind == (share is not None and 100 * share < 20)
    body = client.get(reverse("kpi:dashboard"), {"start": "2025-01-01", "end": "2025-03-01",
                                                 "team": team.pk}).content.decode()
    assert "40 % af gruppe 1 i virksomhedsforløb" in body


@pytest.mark.parametrize("data, field, message", [
    ({"deadline": "2024-12-01"}, "deadline", "Målet skal nås på eller efter startdatoen."),
    ({"target_percent": "140"}, "target_percent", "Skriv en procent mellem 0 og 100."),
    ({"milestones": "1. feb 20"}, "milestones", "Linje 1: skriv dato og procent"),
    ({"milestones": "2026-02-01 20"}, "milestones", "En milepæl skal ligge mellem start og frist."),
    ({"level": "team", "team": ""}, "team", "Vælg hvem målet gælder for."),
    ({"title": ""}, "title", "Giv målet en titel."),
])
def test_bad_goals_give_danish_messages_and_change_nothing(client, world, data, field, message):
    client.force_login(world["leader"].user)
    base = {"title": "Mål", "level": "team", "team": world["teams"][0].pk, "measure": "ordinary_hours",
            "start": "2025-01-01", "deadline": "2025-06-30", "target_percent": "24"}
    response = client.post(reverse("kpi:goals"), {**base, **data})
    assert response.status_code == 200
    assert message in " ".join(str(e) for e in response.context["form"].errors.get(field, []))
    assert not Goal.objects.exists()


def test_only_leaders_set_goals(client, world):
    broker = EmployeeFactory(team=world["teams"][0], roles=["jobformidler"])
    goal = services.goal_save(actor=None, title="Mål", level="team", team=world["teams"][0], measure="ordinary_hours",
                              start=dt.date(2025, 1, 1), deadline=dt.date(2025, 6, 30), target_percent=24)
    client.force_login(broker.user)
    assert client.get(reverse("kpi:goals")).status_code == 200  # may read
    assert client.post(reverse("kpi:goals"), {"title": "x"}).status_code == 403
    assert client.get(reverse("kpi:goal_edit", args=[goal.pk])).status_code == 403
    assert client.post(reverse("kpi:goal_delete", args=[goal.pk])).status_code == 403
    client.force_login(world["leader"].user)
    assert client.post(reverse("kpi:goal_delete", args=[goal.pk])).status_code == 302
    assert not Goal.objects.exists() and Event.objects.filter(verb="goal_deleted").exists()


def test_goal_figures_use_the_engine(world):
    goal = services.goal_save(actor=None, title="13 uger", level="jobcentre", measure="continuous_13_weeks",
                              start=dt.date(2025, 1, 1), deadline=dt.date(2025, 12, 31), target_percent=64)
    [check] = services.goal_checks(goal, today=dt.date(2026, 1, 5))
    result = engine.compute(engine.KpiQuery(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)))
    assert check.actual == round(100 * result["continuous_13_weeks"]["share"], 1)
    assert check.behind


def _goal(**fields):
    return services.goal_save(actor=None, **{"title": "Andres mål", "measure": "ordinary_hours",
                                             "start": dt.date(2025, 1, 1), "deadline": dt.date(2025, 6, 30),
                                             "target_percent": 24, **fields})


@pytest.mark.parametrize("unit", ["team", "department", "employee", "jobcentre"])
def test_a_leader_cannot_set_a_goal_outside_their_unit(client, world, unit):
    other_team = world["teams"][1]  # another department
    values = {"team": {"team": other_team.pk}, "department": {"department": other_team.department_id},
              "employee": {"employee": EmployeeFactory(team=other_team).pk}, "jobcentre": {}}[unit]
    client.force_login(world["leader"].user)
    response = client.post(reverse("kpi:goals"), {
        "title": "Ude", "level": unit, "measure": "ordinary_hours", "start": "2025-01-01", "deadline": "2025-06-30",
        "target_percent": "24", **values})
    assert response.status_code == 200
    assert "Du kan kun sætte og ændre mål for din egen enhed" in response.content.decode()
    assert not Goal.objects.exists() and not Event.objects.filter(verb="goal_saved").exists()


def test_a_leader_cannot_change_or_delete_another_units_goal(client, world):
    theirs = _goal(level="team", team=world["teams"][1])
    mine = _goal(level="team", team=world["teams"][0], title="Mit mål")
    client.force_login(world["leader"].user)
    page = client.get(reverse("kpi:goals")).content.decode()
    assert reverse("kpi:goal_edit", args=[mine.pk]) in page
    assert reverse("kpi:goal_edit", args=[theirs.pk]) not in page
    refused = client.get(reverse("kpi:goal_edit", args=[theirs.pk]))
    assert refused.status_code == 403 and "gælder ikke din enhed" in refused.content.decode()
    assert client.post(reverse("kpi:goal_edit", args=[theirs.pk]), {
        "title": "Kapret", "level": "team", "team": world["teams"][0].pk, "measure": "ordinary_hours",
        "start": "2025-01-01", "deadline": "2025-06-30", "target_percent": "1"}).status_code == 403
    assert client.post(reverse("kpi:goal_delete", args=[theirs.pk])).status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Andres mål" and theirs.team == world["teams"][1]
    assert not Event.objects.filter(verb="goal_deleted").exists()
    # Moving one's own goal to another unit is refused as well.
    moved = client.post(reverse("kpi:goal_edit", args=[mine.pk]), {
        "title": "Mit mål", "level": "team", "team": world["teams"][1].pk, "measure": "ordinary_hours",
        "start": "2025-01-01", "deadline": "2025-06-30", "target_percent": "24"})
    assert moved.status_code == 200 and "din egen enhed" in moved.content.decode()
    mine.refresh_from_db()
    assert mine.team == world["teams"][0]


def test_a_jobcentre_leader_sets_jobcentre_goals(client, world):
    chief = EmployeeFactory(team=None, roles=["leder"])
    client.force_login(chief.user)
    response = client.post(reverse("kpi:goals"), {
        "title": "Hele jobcentret", "level": "jobcentre", "measure": "ordinary_hours", "start": "2025-01-01",
        "deadline": "2025-06-30", "target_percent": "24"})
    assert response.status_code == 302 and Goal.objects.get().level == "jobcentre"
    assert client.post(reverse("kpi:goal_delete", args=[Goal.objects.get().pk])).status_code == 302


def test_the_service_refuses_an_editor_outside_the_unit(world):
    from django.core.exceptions import ValidationError

    theirs = _goal(level="team", team=world["teams"][1])
    with pytest.raises(ValidationError, match="gælder ikke din enhed"):
        services.goal_delete(actor=None, goal=theirs, editor=world["leader"])
    with pytest.raises(ValidationError, match="din egen enhed"):
        services.goal_save(actor=None, editor=world["leader"], title="x", level="team", team=world["teams"][1],
                           measure="ordinary_hours", start=dt.date(2025, 1, 1), deadline=dt.date(2025, 6, 30),
                           target_percent=24)
    assert Goal.objects.count() == 1


def test_course_goals_read_the_placements_once_and_agree_with_each_milestone_alone(db):
    """A 13-weeks goal's milestones are checked from one read of the placements; each share equals the one
    computed for that milestone on its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jobspor.kpi.models import Milestone

    start = dt.date(2025, 1, 6)
    scenario.build_runs(start=start)
    scenario.build(10, citizens=40, key_dates=[dt.date(2025, 4, 1)])
    goal = Goal.objects.create(title="13 uger", level="jobcentre", measure="continuous_13_weeks", start=start,
                               deadline=dt.date(2025, 9, 30), target_percent=30)
    for due, target in [(dt.date(2025, 3, 1), 5), (dt.date(2025, 5, 1), 10), (dt.date(2025, 7, 1), 20)]:
        Milestone.objects.create(goal=goal, due=due, target_percent=target)
    today = dt.date(2025, 8, 15)
    with CaptureQueriesContext(connection) as ctx:
        checks = services.goal_checks(goal, today)
    assert len(ctx) <= 5  # milestones, sizes per milestone, "facts behind?", then (behind here) openings and placements
    expected = [services._actual(goal, min(c.due, today)) for c in checks]
    assert [c.actual for c in checks] == expected
    assert len({a for a in expected if a}) >= 2  # the milestones differ: not trivially equal


@pytest.mark.parametrize("kept", [True, False])
def test_course_goals_leave_out_a_week_a_placement_starting_after_the_end_would_add(db, kept):
    """A 13-weeks goal counted from the kept courses: a placement at the same company that starts after a
    milestone's end, in the end's own week, does not lengthen the course up to that end (its first week would count,
    the placement not). Each milestone, the last one too, equals its reading alone, with the kept courses up to
    date and behind."""
    from jobspor.kpi.facts import facts_refresh
    from jobspor.kpi.models import CaseFactsChange, Milestone
    from jobspor.placements.models import Placement
    from jobspor.testing.factories import EmployeeFactory, make_case, make_company

    broker = EmployeeFactory(roles=["jobformidler"])
    company = make_company()
    end = dt.date(2025, 6, 4)  # a Wednesday; its week's Monday is 2 June
    monday = dt.date(2025, 6, 2)

    def placed(case, start, stop=None):
        Placement.objects.create(external_id=f"PL-{case.pk}-{start}", case=case, company=company,
                                 kind="virksomhedspraktik", start=start, end=stop,
                                 status="ended" if stop else "active", end_reason="andet" if stop else "")

    short = make_case(primary=broker, name="Tolv Uger", opened=dt.date(2025, 1, 6))
    placed(short, monday - dt.timedelta(weeks=12), monday - dt.timedelta(days=3))  # 12 weeks, to the Friday before
    placed(short, end + dt.timedelta(days=3))  # the Saturday of the end's week: after the end
    full = make_case(primary=broker, name="Tretten Uger", opened=dt.date(2025, 1, 6))
    placed(full, monday - dt.timedelta(weeks=12), end)  # 13 weeks up to the end
    make_case(primary=broker, name="Ingen Praktik", opened=dt.date(2025, 1, 6))
    goal = Goal.objects.create(title="13 uger", level="jobcentre", measure="continuous_13_weeks",
                               start=dt.date(2025, 1, 6), deadline=dt.date(2025, 9, 30), target_percent=30)
    for due in (dt.date(2025, 5, 28), end):
        Milestone.objects.create(goal=goal, due=due, target_percent=10)
    goal = Goal.objects.prefetch_related("milestones").get()
    if kept:
        facts_refresh()
    assert CaseFactsChange.objects.exists() is not kept
    checks = services.goal_checks(goal, today=end)  # the last check ends on `end` too: the widest period's end
    expected = [services._actual(goal, min(c.due, end)) for c in checks]
    assert [c.actual for c in checks] == expected
    assert expected[0] == 0.0 and expected[-1] == round(100 / 3, 1), expected  # `full` only


@pytest.mark.parametrize("measure", ["ordinary_hours", "company_placement", "signed_agreement", "has_cv",
                                     "exit_employment_or_education"])
@pytest.mark.parametrize("level", ["jobcentre", "team"])
def test_share_goals_are_checked_in_one_read_and_agree_with_each_milestone_alone(db, measure, level):
    """A share goal's milestones are counted side by side in one read; each share equals the one computed for that
    milestone on its own (two reads of its own, the reference of the measure's definition)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jobspor.kpi.facts import facts_refresh
    from jobspor.kpi.models import Milestone

    start = dt.date(2025, 1, 6)
    data = scenario.build(10, citizens=40, key_dates=[dt.date(2025, 3, 1), dt.date(2025, 5, 1)])
    team = data["teams"][0] if level == "team" else None
    goal = Goal.objects.create(title="mål", level=level, team=team, measure=measure, start=start,
                               deadline=dt.date(2025, 9, 30), target_percent=30)
    for due, target in [(dt.date(2025, 2, 1), 5), (dt.date(2025, 4, 1), 10), (dt.date(2025, 6, 1), 20)]:
        Milestone.objects.create(goal=goal, due=due, target_percent=target)
    goal = Goal.objects.prefetch_related("milestones").get()
    today = dt.date(2025, 8, 15)
    facts_refresh()
    with CaptureQueriesContext(connection) as ctx:
        checks = services.goal_checks(goal, today)
    reads = [q["sql"] for q in ctx if "cases_case" in q["sql"]]  # besides: "are the kept facts up to date?"
    assert len(reads) <= 2, reads  # the read (and on SQLite its count check: engine.facts_counted)
    expected = [services._actual(goal, min(c.due, today)) for c in checks]
    assert [c.actual for c in checks] == expected
    assert len(set(expected)) >= 2  # the milestones differ: not trivially equal
