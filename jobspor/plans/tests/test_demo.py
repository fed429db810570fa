"""The demo's plans and mentor assignments keep the rules of the services."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from jobspor.cases.models import Case, CaseStaff
from jobspor.mentors.catalogue import BY_KEY
from jobspor.mentors.models import MentorAssignment, MentorFollowUp
from jobspor.plans.models import Plan, SubGoal, SubGoalNote
from jobspor.testing.shared import shared_data

# The three tests read one demo, built once (jobspor/testing/shared.py).
pytestmark = pytest.mark.xdist_group("plans.test_demo")


@pytest.fixture(scope="module")
def _shared_demo(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        out = StringIO()
        call_command("demo", "--cases", "400", stdout=out)
        yield out.getvalue()


@pytest.fixture
def demo(_shared_demo, db):
    return _shared_demo


def test_demo_plans_keep_the_rules(demo):
    today = timezone.localdate()
    active = Case.objects.filter(closed__isnull=True).count()
    assert Plan.objects.count() > 0.7 * active
    assert "planer" in demo and "delmål" in demo
    assert not Plan.objects.filter(case__closed__isnull=False).exists()
    assert not SubGoal.objects.filter(due__lt=F("plan__made")).exists()
    assert not SubGoal.objects.filter(status="naaet", reached_on__isnull=True).exists()
    assert SubGoal.objects.filter(status="naaet").exists()
    assert SubGoal.objects.filter(status__in=["aaben", "i_gang"], due__lt=today).exists()  # some overdue
    assert not SubGoalNote.objects.filter(written_on__gt=today).exists()
    assert not SubGoalNote.objects.filter(written_on__lt=F("sub_goal__plan__made")).exists()
    staff = set(CaseStaff.objects.values_list("case_id", "employee_id"))
    for case_id, owner_id in SubGoal.objects.filter(owner__isnull=False).values_list("plan__case_id", "owner_id"):
        assert (case_id, owner_id) in staff
    counts = Plan.objects.values_list("sub_goals__plan_id", flat=True)
    per_plan = {}
    for plan_id in counts:
        per_plan[plan_id] = per_plan.get(plan_id, 0) + 1
    assert set(per_plan.values()) <= {2, 3, 4, 5}


def test_demo_mentors_keep_the_rules(demo):
    today = timezone.localdate()
    staff = set(CaseStaff.objects.filter(role="mentor").values_list("case_id", "employee_id"))
    for a in MentorAssignment.objects.all():
        assert (a.employee_id is None) != (a.volunteer_id is None)
        assert a.areas and all(k in BY_KEY for k in a.areas)
        assert a.starts >= a.case.opened and (a.ends is None or a.ends >= a.starts)
        if a.employee_id:
            assert (a.case_id, a.employee_id) in staff
            assert a.ends is None or a.ends >= today  # a running staff mentor keeps access
    assert MentorAssignment.objects.filter(volunteer__isnull=False).exists()
    assert MentorAssignment.objects.filter(employee__user__username="mentor").count() >= 5
    assert not MentorFollowUp.objects.filter(held_on__gt=today).exists()
    assert not MentorFollowUp.objects.filter(held_on__lt=F("assignment__starts")).exists()


def test_after_the_demo_new_rows_get_fresh_ids(demo):
    """The demo writes ids itself; the sequences are moved past them (PostgreSQL)."""
    from decimal import Decimal

    from jobspor.mentors.services import mentor_follow_up_add, volunteer_create
    from jobspor.plans.services import sub_goal_add, sub_goal_note_add

    plan = Plan.objects.select_related("case").filter(case__closed__isnull=True).first()
    goal = sub_goal_add(actor=None, plan=plan, text="Nyt delmål", due=timezone.localdate())
    note = sub_goal_note_add(actor=None, sub_goal=goal, text="Fulgt op")
    assert goal.pk > 0 and note.pk > 0
    assignment = MentorAssignment.objects.select_related("case").first()
    assert mentor_follow_up_add(actor=None, assignment=assignment, held_on=max(assignment.starts,
                                timezone.localdate()), notes="ok", decision="fortsaet").pk
    assert volunteer_create(actor=None, name="Ny Frivillig").pk
    assert Decimal(assignment.hours_per_week) > 0
