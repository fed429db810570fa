import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog
from jobspor.plans.models import SubGoal, SubGoalNote
from jobspor.plans.services import plan_save, sub_goal_add, sub_goal_note_add
from jobspor.testing.factories import EmployeeFactory, make_case

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def plan(case, job_broker):
    return plan_save(actor=None, case=case, goal="job", goal_text="Lagermedarbejder", made=dt.date(2025, 2, 1))


def tab(client, case, fane="plan"):
    return client.get(reverse("cases:detail", args=[case.pk]), {"fane": fane})


def test_job_broker_lays_a_plan_and_adds_a_sub_goal(client, case, job_broker, caseworker):
    client.force_login(job_broker.user)
    body = tab(client, case).content.decode()
    assert "Der er endnu ingen plan på sagen." in body and "Læg plan" in body
    response = client.post(reverse("plans:plan_edit", args=[case.pk]),
                           {"goal": "job", "goal_text": "Lagermedarbejder 25 timer", "made": "2025-02-01"})
    assert response.status_code == 302
    response = client.post(reverse("plans:sub_goal_add", args=[case.pk]), {
        "text": "Møde op i praktik 3 dage om ugen", "owner": caseworker.pk, "due": "2025-03-01", "status": "aaben"})
    assert response.status_code == 302 and response.url.endswith("?fane=plan")
    body = tab(client, case).content.decode()
    assert "Møde op i praktik 3 dage om ugen" in body and "Bo Berg" in body and "Lagermedarbejder 25 timer" in body
    assert "Overskredet" in body  # due 1 March 2025, still open


def test_sub_goal_without_due_date_gets_a_danish_error_at_the_field(client, case, job_broker, plan):
    client.force_login(job_broker.user)
    response = client.post(reverse("plans:sub_goal_add", args=[case.pk]),
                           {"text": "Skrive CV færdigt", "owner": "", "due": "", "status": "aaben"})
    assert response.status_code == 400
    assert response.context["form"].errors["due"] == ["Et delmål skal have en frist."]
    assert 'id="id_due-error"' in response.content.decode()
    assert not SubGoal.objects.exists()


@pytest.mark.parametrize("data, field, message", [
    ({"due": "2025-01-15"}, "due", "Fristen kan ikke ligge før planen blev lagt (01.02.2025)."),
    ({"due": "31-02-2025"}, "due", "Skriv en gyldig dato, fx 31-12-2025."),
    ({"text": ""}, "text", "Skriv delmålet."),
    ({"owner": "999999"}, "owner", "Vælg borgeren eller en medarbejder på sagen."),
])
def test_sub_goal_form_errors(client, case, job_broker, plan, data, field, message):
    client.force_login(job_broker.user)
    post = {"text": "Skrive CV færdigt", "owner": "", "due": "2025-03-01", "status": "aaben", **data}
    response = client.post(reverse("plans:sub_goal_add", args=[case.pk]), post)
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not SubGoal.objects.exists()


def test_plan_in_the_future_is_refused(client, case, job_broker):
    client.force_login(job_broker.user)
    future = (TODAY + dt.timedelta(days=3)).isoformat()
    response = client.post(reverse("plans:plan_edit", args=[case.pk]), {"goal": "job", "made": future})
    assert response.status_code == 400
    assert response.context["form"].errors["made"] == ["Planen kan ikke være lagt i fremtiden."]


def test_mentor_sees_the_plan_and_follows_up_but_sees_nothing_else(client, case, plan, mentor, job_broker):
    goal = sub_goal_add(actor=None, plan=plan, text="Tage bussen selv til Nordlager", due=TODAY)
    client.force_login(mentor.user)
    response = tab(client, case)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tage bussen selv til Nordlager" in body and "Følg op" in body
    assert 'href="?fane=vurderinger"' not in body and 'href="?fane=historik"' not in body
    assert 'href="?fane=mentor"' not in body
    assert reverse("plans:sub_goal_add", args=[case.pk]) not in body  # no editing of the plan
    for fane in ("vurderinger", "historik", "mentor"):
        assert tab(client, case, fane).status_code == 403
    for name in ("plans:plan_edit", "plans:sub_goal_add"):
        assert client.get(reverse(name, args=[case.pk])).status_code == 403
    assert client.get(reverse("plans:sub_goal_edit", args=[case.pk, goal.pk])).status_code == 403
    assert client.get(reverse("mentors:assignment_new", args=[case.pk])).status_code == 403

    url = reverse("plans:note_add", args=[case.pk, goal.pk])
    response = client.post(url, {"written_on": TODAY.isoformat(), "text": "Tog bussen alene i dag.", "status": ""})
    assert response.status_code == 302
    note = SubGoalNote.objects.get()
    assert note.author == mentor and note.sub_goal == goal
    assert AccessLog.objects.filter(user_id=mentor.user.pk, citizen_id=case.citizen_id, path=url).exists()


def test_mentor_note_in_the_future_is_refused(client, case, plan, mentor):
    goal = sub_goal_add(actor=None, plan=plan, text="Skrive CV færdigt", due=TODAY)
    client.force_login(mentor.user)
    tomorrow = (TODAY + dt.timedelta(days=1)).isoformat()
    response = client.post(reverse("plans:note_add", args=[case.pk, goal.pk]),
                           {"written_on": tomorrow, "text": "Skrevet færdigt", "status": "naaet"})
    assert response.status_code == 400
    assert response.context["form"].errors["written_on"] == ["En opfølgning kan ikke dateres i fremtiden."]
    goal.refresh_from_db()
    assert goal.status == "aaben" and not SubGoalNote.objects.exists()


def test_mentor_cannot_see_cases_they_are_not_assigned_to(client, mentor, job_broker):
    other = make_case(primary=job_broker, name="Ikke Mentorens")
    plan = plan_save(actor=None, case=other, goal="job", made=dt.date(2025, 2, 1))
    goal = sub_goal_add(actor=None, plan=plan, text="Hemmeligt delmål", due=TODAY)
    client.force_login(mentor.user)
    for url in (reverse("cases:detail", args=[other.pk]) + "?fane=plan",
                reverse("plans:note_add", args=[other.pk, goal.pk])):
        response = client.get(url)
        assert response.status_code == 403 and "Hemmeligt delmål" not in response.content.decode()


def test_sub_goal_of_another_case_is_not_found(client, case, job_broker, plan):
    other = make_case(primary=job_broker, name="Anden Borger")
    other_plan = plan_save(actor=None, case=other, goal="job", made=dt.date(2025, 2, 1))
    goal = sub_goal_add(actor=None, plan=other_plan, text="Andet delmål", due=TODAY)
    client.force_login(job_broker.user)
    assert client.get(reverse("plans:note_add", args=[case.pk, goal.pk])).status_code == 404


def test_plan_tab_query_count_does_not_grow_with_sub_goals(client, case, job_broker, caseworker, mentor, plan):
    client.force_login(job_broker.user)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert tab(client, case).status_code == 200
        return len(ctx.captured_queries)

    goal = sub_goal_add(actor=None, plan=plan, text="Første", due=TODAY, owner=caseworker)
    sub_goal_note_add(actor=mentor.user, sub_goal=goal, text="x", author=mentor)
    few = count()
    for i in range(12):
        goal = sub_goal_add(actor=None, plan=plan, text=f"Delmål {i}", due=TODAY + dt.timedelta(days=i),
                            owner=[None, caseworker, job_broker][i % 3])
        sub_goal_note_add(actor=mentor.user, sub_goal=goal, text="opfølgning", author=mentor,
                          status="naaet" if i % 2 else "")
    assert count() == few


def test_overdue_sub_goal_stands_out_with_text(client, case, job_broker, plan):
    sub_goal_add(actor=None, plan=plan, text="Tale med egen læge om smerter i ryggen", due=dt.date(2025, 3, 1))
    sub_goal_add(actor=None, plan=plan, text="Skrive CV færdigt", due=TODAY + dt.timedelta(days=30))
    client.force_login(job_broker.user)
    body = tab(client, case).content.decode()
    assert body.count("plan-subgoal--overdue") == 1
    assert "1 overskredet" in body and "overskredet for" in body
    assert 'id="progression-table"' in body


def test_staff_of_another_team_cannot_change_the_plan(client, case, other_team):
    outsider = EmployeeFactory(team=other_team, roles=["jobformidler"])
    client.force_login(outsider.user)
    assert client.get(reverse("plans:plan_edit", args=[case.pk])).status_code == 403


def test_history_shows_plan_events_in_danish(client, case, job_broker, plan):
    client.force_login(job_broker.user)
    client.post(reverse("plans:sub_goal_add", args=[case.pk]),
                {"text": "Skrive CV færdigt", "owner": "", "due": "2025-03-01", "status": "aaben"})
    body = tab(client, case, "historik").content.decode()
    assert "Delmål tilføjet" in body and "Plan gemt" in body
    assert "Frist: 1. marts 2025" in body and "Ansvarlig: Borgeren" in body and "Status: Åben" in body
