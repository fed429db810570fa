import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobspor.cases.services import case_update
from jobspor.followup.sources import source_items
from jobspor.plans.services import plan_save, sub_goal_add
from jobspor.plans.task_source import find_sub_goals
from jobspor.testing.factories import make_case

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _plan(case):
    return plan_save(actor=None, case=case, goal="job", made=case.opened)


def test_due_and_overdue_sub_goals_of_the_employee(case, job_broker, caseworker):
    plan = _plan(case)
    sub_goal_add(actor=None, plan=plan, text="Borgerens overskredne", due=TODAY - dt.timedelta(days=3))
    sub_goal_add(actor=None, plan=plan, text="Borgerens kommende", due=TODAY + dt.timedelta(days=5))
    sub_goal_add(actor=None, plan=plan, text="Langt ude", due=TODAY + dt.timedelta(days=60))
    sub_goal_add(actor=None, plan=plan, text="Nået allerede", due=TODAY, status="naaet")
    sub_goal_add(actor=None, plan=plan, text="Bos opgave", due=TODAY, owner=caseworker)
    sub_goal_add(actor=None, plan=plan, text="Annes opgave", due=TODAY + dt.timedelta(days=1), owner=job_broker)

    # Anne is the primary contact: her own sub-goals and the citizen's.
    titles = [item.title for item in source_items(find_sub_goals, job_broker, TODAY)]
    assert titles == ["Borgerens overskredne (borgerens)", "Annes opgave", "Borgerens kommende (borgerens)"]
    # Bo is on the case, not its primary contact: only his own.
    assert [item.title for item in source_items(find_sub_goals, caseworker, TODAY)] == ["Bos opgave"]
    item = source_items(find_sub_goals, caseworker, TODAY)[0]
    assert item.kind == "Delmål" and item.url.startswith(f"/sag/{case.pk}/?fane=plan#delmaal-")


def test_closed_cases_are_left_out(case, job_broker):
    sub_goal_add(actor=None, plan=_plan(case), text="Gammelt", due=TODAY)
    case_update(actor=None, case=case, closed=TODAY, close_reason="andet")
    assert source_items(find_sub_goals, job_broker, TODAY) == []


def test_four_queries_however_many_cases(job_broker):
    for i in range(8):
        plan = _plan(make_case(primary=job_broker, name=f"Borger {i}"))
        sub_goal_add(actor=None, plan=plan, text=f"Delmål {i}", due=TODAY)
    with CaptureQueriesContext(connection) as ctx:
        items = source_items(find_sub_goals, job_broker, TODAY)
    assert len(items) == 8 and len(ctx.captured_queries) <= 4  # own 1, which cases I see 1, citizens' 1; loaded 1
    assert items[0].case.citizen.name.startswith("Borger")


def test_my_tasks_page_lists_sub_goals(client, case, job_broker):
    sub_goal_add(actor=None, plan=_plan(case), text="Skrive CV færdigt", due=TODAY - dt.timedelta(days=1))
    client.force_login(job_broker.user)
    body = client.get(reverse("followup:my_tasks")).content.decode()
    assert "Skrive CV færdigt (borgerens)" in body and "Jens Hansen" in body
    assert "Overskredet (1)" in body
