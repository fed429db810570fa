import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jobspor.audit.models import Event
from jobspor.plans.models import Plan, SubGoal, SubGoalNote
from jobspor.plans.selectors import progression
from jobspor.plans.services import plan_save, sub_goal_add, sub_goal_note_add, sub_goal_update
from jobspor.testing.factories import EmployeeFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def plan(case, job_broker):
    return plan_save(actor=job_broker.user, case=case, goal="job", goal_text="Lagermedarbejder 25 timer",
                     made=dt.date(2025, 2, 1))


def test_plan_save_creates_and_changes_with_events(case, job_broker, plan):
    assert Event.objects.filter(verb="plan_saved", case_id=case.pk).count() == 1
    plan_save(actor=job_broker.user, case=case, goal="uddannelse", goal_text="SOSU-hjælper")
    plan.refresh_from_db()
    assert (plan.goal, plan.goal_text, plan.made) == ("uddannelse", "SOSU-hjælper", dt.date(2025, 2, 1))
    last = Event.objects.filter(verb="plan_saved").latest("id")
    assert last.before == {"goal": "job", "goal_text": "Lagermedarbejder 25 timer"}


@pytest.mark.parametrize("made, message", [
    (TODAY + dt.timedelta(days=1), "fremtiden"),
    (dt.date(2024, 12, 31), "før sagen blev oprettet"),
])
def test_plan_dates_in_the_wrong_order_are_refused(case, job_broker, made, message):
    with pytest.raises(ValidationError) as exc:
        plan_save(actor=job_broker.user, case=case, goal="job", made=made)
    assert message in exc.value.message_dict["made"][0]
    assert not Plan.objects.filter(case=case).exists()


def test_sub_goal_needs_a_due_date_and_saves_nothing_without(plan, job_broker):
    with pytest.raises(ValidationError) as exc:
        sub_goal_add(actor=job_broker.user, plan=plan, text="Skrive CV færdigt", due=None)
    assert exc.value.message_dict["due"] == ["Et delmål skal have en frist."]
    assert not SubGoal.objects.exists()


def test_sub_goal_due_before_the_plan_is_refused(plan, job_broker):
    with pytest.raises(ValidationError) as exc:
        sub_goal_add(actor=job_broker.user, plan=plan, text="Skrive CV færdigt", due=dt.date(2025, 1, 20))
    assert "før planen blev lagt" in exc.value.message_dict["due"][0]


def test_sub_goal_owner_must_be_on_the_case(plan, job_broker, team):
    outsider = EmployeeFactory(team=team)
    with pytest.raises(ValidationError) as exc:
        sub_goal_add(actor=job_broker.user, plan=plan, text="Ring til Nordlager", due=TODAY, owner=outsider)
    assert "ikke tilknyttet sagen" in exc.value.message_dict["owner"][0]
    goal = sub_goal_add(actor=job_broker.user, plan=plan, text="Ring til Nordlager", due=TODAY, owner=job_broker)
    assert goal.owner == job_broker and goal.status == "aaben"
    event = Event.objects.get(verb="sub_goal_added")
    assert event.after["owner"] == "Anne Holm" and event.case_id == plan.case_id


def test_sub_goal_update_records_only_what_changed(plan, job_broker):
    goal = sub_goal_add(actor=job_broker.user, plan=plan, text="Skrive CV", due=TODAY)
    sub_goal_update(actor=job_broker.user, sub_goal=goal, text="Skrive CV færdigt", due=TODAY, owner=None,
                    status="naaet")
    goal.refresh_from_db()
    assert goal.status == "naaet" and goal.reached_on == TODAY
    event = Event.objects.get(verb="sub_goal_changed")
    assert event.before == {"text": "Skrive CV", "status": "aaben"}


def test_follow_up_note_changes_status_and_cannot_be_in_the_future(plan, job_broker, mentor):
    goal = sub_goal_add(actor=job_broker.user, plan=plan, text="Tage bussen selv til Nordlager", due=TODAY)
    with pytest.raises(ValidationError) as exc:
        sub_goal_note_add(actor=mentor.user, sub_goal=goal, text="Gik fint", written_on=TODAY + dt.timedelta(days=2))
    assert exc.value.message_dict["written_on"] == ["En opfølgning kan ikke dateres i fremtiden."]
    with pytest.raises(ValidationError):
        sub_goal_note_add(actor=mentor.user, sub_goal=goal, text="Gik fint", written_on=dt.date(2025, 1, 15))
    assert not SubGoalNote.objects.exists()
    note = sub_goal_note_add(actor=mentor.user, sub_goal=goal, text="Tog bussen alene tre dage i træk.",
                             written_on=TODAY, status="naaet")
    goal.refresh_from_db()
    assert note.author == mentor and goal.status == "naaet" and goal.reached_on == TODAY
    event = Event.objects.get(verb="sub_goal_followed_up")
    assert event.before == {"status": "aaben"} and event.after["status"] == "naaet"


def test_progression_counts_steps_per_month(plan, job_broker):
    today = dt.date(2025, 5, 15)
    goals = [
        SubGoal(plan=plan, text="a", due=dt.date(2025, 3, 1), status="naaet", reached_on=dt.date(2025, 3, 3)),
        SubGoal(plan=plan, text="b", due=dt.date(2025, 4, 1), status="naaet", reached_on=dt.date(2025, 3, 20)),
        SubGoal(plan=plan, text="c", due=dt.date(2025, 4, 10), status="aaben"),
        SubGoal(plan=plan, text="d", due=dt.date(2025, 6, 10), status="i_gang"),
    ]
    steps = progression(goals, today=today, made=plan.made)
    assert [s.label for s in steps] == ["feb. 2025", "marts 2025", "april 2025", "maj 2025", "juni 2025"]
    assert [s.reached for s in steps] == [0, 2, 0, 0, 0]
    assert [s.reached_total for s in steps] == [0, 2, 2, 2, 2]
    assert [s.due for s in steps] == [0, 1, 2, 0, 1]
    assert [s.overdue for s in steps] == [0, 0, 1, 0, 0]


def test_progression_folds_long_quiet_stretches(plan):
    goals = [SubGoal(plan=plan, text="a", due=dt.date(2025, 3, 1), status="naaet", reached_on=dt.date(2025, 3, 3)),
             SubGoal(plan=plan, text="b", due=dt.date(2025, 4, 1), status="aaben")]
    steps = progression(goals, today=dt.date(2026, 11, 20), made=plan.made)
    assert [(s.label, s.gap_months) for s in steps] == [
        ("feb. 2025", 0), ("marts 2025", 0), ("april 2025", 0), ("maj 2025", 18), ("nov. 2026", 0)]
    assert steps[-1].reached_total == 1
