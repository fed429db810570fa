"""Min plan: the citizen's side of the shared plan. The citizen reads it, adds their own activities and comments,
marks their own activities done; what the jobcentre made is commented on, never changed; nothing is deleted;
every change names who made it; staff see the citizen's additions marked as the citizen's."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog, Event
from jobspor.citizen_portal.access import OWN_PURPOSE
from jobspor.plans.choices import SubGoalStatus
from jobspor.plans.models import PlanComment, SubGoal
from jobspor.plans.services import (
    citizen_activity_add,
    citizen_sub_goal_done,
    plan_comment_add,
    plan_save,
    sub_goal_add,
)
from jobspor.portal.authorship import AuthorKind
from jobspor.testing.factories import EmployeeFactory, citizen_login, make_case

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
SOON = TODAY + dt.timedelta(days=14)


@pytest.fixture
def plan(case, job_broker):
    return plan_save(actor=job_broker.user, case=case, goal="job", goal_text="Lagermedarbejder",
                     made=dt.date(2025, 2, 1))


@pytest.fixture
def agreed(plan, job_broker):
    return sub_goal_add(actor=job_broker.user, plan=plan, text="Møde op i praktik 3 dage om ugen", due=SOON)


@pytest.fixture
def citizen_user(case, client):
    return citizen_login(client, case.citizen)


@pytest.fixture
def other_case(job_broker):
    other = make_case(primary=job_broker, name="Karen Sørensen", opened=dt.date(2025, 1, 10))
    other_plan = plan_save(actor=job_broker.user, case=other, goal="job", made=dt.date(2025, 2, 1))
    sub_goal_add(actor=job_broker.user, plan=other_plan, text="Karens delmål", due=SOON)
    return other


def page(client):
    return client.get(reverse("minside:plan"))


# --- services ---------------------------------------------------------------------------------------------------

def test_citizen_adds_an_activity_and_marks_it_done_as_themselves(case, plan, citizen_user):
    activity = citizen_activity_add(actor=citizen_user, plan=plan, text="Søge 3 job om ugen", due=SOON)
    assert activity.author_kind == AuthorKind.CITIZEN and activity.owner is None
    assert activity.created_by == citizen_user
    citizen_sub_goal_done(actor=citizen_user, sub_goal=activity)
    activity.refresh_from_db()
    assert activity.status == SubGoalStatus.REACHED and activity.reached_on == TODAY
    events = Event.objects.filter(target_type="subgoal", target_id=activity.pk).order_by("id")
    assert [e.verb for e in events] == ["sub_goal_added", "sub_goal_changed"]
    assert all(e.user_id == citizen_user.pk and "(borgeren selv)" in e.actor for e in events)
    assert events[1].after == {"status": "naaet"}


def test_citizen_cannot_change_what_was_agreed_but_can_comment(plan, agreed, citizen_user):
    with pytest.raises(ValidationError, match="aftalt med jobcentret"):
        citizen_sub_goal_done(actor=citizen_user, sub_goal=agreed)
    agreed.refresh_from_db()
    assert agreed.status == SubGoalStatus.OPEN and agreed.lock_version == 1
    comment = plan_comment_add(actor=citizen_user, plan=plan, sub_goal=agreed, text="Jeg tager bussen kl. 7.")
    assert comment.author_kind == AuthorKind.CITIZEN and comment.sub_goal == agreed
    event = Event.objects.get(verb="plan_commented")
    assert event.user_id == citizen_user.pk and event.after["sub_goal"] == agreed.text


def test_a_citizen_cannot_write_to_another_citizens_plan(plan, citizen_user, other_case):
    other_plan = other_case.plan
    with pytest.raises(PermissionDenied):
        citizen_activity_add(actor=citizen_user, plan=other_plan, text="Noget", due=SOON)
    with pytest.raises(PermissionDenied):
        plan_comment_add(actor=citizen_user, plan=other_plan, text="Hej")
    with pytest.raises(PermissionDenied):
        citizen_sub_goal_done(actor=citizen_user, sub_goal=other_plan.sub_goals.get())
    assert not PlanComment.objects.exists() and other_plan.sub_goals.count() == 1


def test_staff_comments_are_marked_as_the_jobcentres(plan, job_broker):
    comment = plan_comment_add(actor=job_broker.user, plan=plan, text="Godt gået!")
    assert comment.author_kind == AuthorKind.JOBCENTRE


def test_closed_case_plan_cannot_be_changed_by_the_citizen(case, plan, citizen_user):
    case.closed, case.close_reason = TODAY, "ordinaer_beskaeftigelse"
    case.save(update_fields=["closed", "close_reason"])
    with pytest.raises(ValidationError, match="afsluttet"):
        citizen_activity_add(actor=citizen_user, plan=plan, text="Søge job", due=SOON)


# --- pages ------------------------------------------------------------------------------------------------------

def test_min_plan_shows_the_plan_and_who_made_each_part(client, case, plan, agreed, citizen_user, job_broker):
    response = page(client)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lagermedarbejder" in body and agreed.text in body
    assert "Aftalt med jobcentret" in body and f"af {job_broker.name}" in body
    assert "Markér som udført" not in body  # the agreed sub-goal has no button
    log = AccessLog.objects.filter(user_id=citizen_user.pk, action="view").latest("id")
    assert log.purpose == OWN_PURPOSE and log.case_id == case.pk and log.citizen_id == case.citizen_id


def test_citizen_adds_marks_done_and_comments_through_the_pages(client, case, plan, agreed, citizen_user):
    response = client.post(reverse("minside:activity_add"),
                           {"aktivitet-text": "Søge 3 job om ugen", "aktivitet-due": SOON.isoformat()})
    assert response.status_code == 302
    activity = SubGoal.objects.get(text="Søge 3 job om ugen")
    assert activity.by_citizen and activity.plan == plan
    body = page(client).content.decode()
    assert "Din aktivitet" in body and "af dig" in body and "Markér som udført" in body

    response = client.post(reverse("minside:sub_goal_done", args=[activity.pk]), {"done": "1"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.status == SubGoalStatus.REACHED

    response = client.post(reverse("minside:sub_goal_comment", args=[agreed.pk]),
                           {f"kommentar-{agreed.pk}-text": "Onsdag passer ikke."})
    assert response.status_code == 302
    response = client.post(reverse("minside:plan_comment"), {"kommentar-plan-text": "Tak for i dag."})
    assert response.status_code == 302
    body = page(client).content.decode()
    assert "Onsdag passer ikke." in body and "Tak for i dag." in body and "Markér som ikke udført" in body


def test_agreed_sub_goal_refused_with_a_danish_message(client, agreed, citizen_user):
    response = client.post(reverse("minside:sub_goal_done", args=[agreed.pk]), {"done": "1"}, follow=True)
    assert "aftalt med jobcentret" in response.content.decode()
    agreed.refresh_from_db()
    assert agreed.status == SubGoalStatus.OPEN
    assert not Event.objects.filter(target_type="subgoal", target_id=agreed.pk, verb="sub_goal_changed").exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"aktivitet-text": "", "aktivitet-due": SOON.isoformat()}, "Skriv, hvad du vil gøre."),
    ({"aktivitet-text": "Søge job", "aktivitet-due": ""}, "Vælg en dato."),
    ({"aktivitet-text": "Søge job", "aktivitet-due": "31-02-2026"}, "gyldig dato"),
    ({"aktivitet-text": "Søge job", "aktivitet-due": "2024-01-01"}, "før planen blev lagt"),
    ({"aktivitet-text": "x" * 301, "aktivitet-due": SOON.isoformat()}, "Højst 300 tegn."),
])
def test_bad_activity_is_refused_in_danish_and_nothing_changes(client, plan, citizen_user, data, message):
    before = SubGoal.objects.count(), Event.objects.count()
    response = client.post(reverse("minside:activity_add"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (SubGoal.objects.count(), Event.objects.count()) == before


def test_empty_comment_is_refused(client, plan, agreed, citizen_user):
    response = client.post(reverse("minside:sub_goal_comment", args=[agreed.pk]), {f"kommentar-{agreed.pk}-text": " "})
    assert response.status_code == 400 and "Skriv en kommentar." in response.content.decode()
    assert not PlanComment.objects.exists()


@pytest.mark.parametrize("url_name", ["minside:sub_goal_done", "minside:sub_goal_comment"])
def test_another_citizens_sub_goal_is_404_and_the_attempt_logged(client, plan, citizen_user, other_case, url_name):
    theirs = other_case.plan.sub_goals.get()
    response = client.post(reverse(url_name, args=[theirs.pk]), {"done": "1", f"kommentar-{theirs.pk}-text": "x"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == SubGoalStatus.OPEN and not PlanComment.objects.exists()
    denied = AccessLog.objects.get(action="denied", user_id=citizen_user.pk)
    assert denied.query == f"delmål {theirs.pk}" and denied.purpose == OWN_PURPOSE


def test_nothing_on_min_plan_deletes(client, plan, agreed, citizen_user):
    """No Min plan address deletes anything: there is no such address, and a DELETE is refused."""
    from jobspor.citizen_portal.urls import urlpatterns

    assert not [p for p in urlpatterns if "slet" in str(p.pattern) or "fjern" in str(p.pattern)]
    for url in (reverse("minside:sub_goal_done", args=[agreed.pk]), reverse("minside:plan")):
        assert client.delete(url).status_code == 405
    assert SubGoal.objects.filter(pk=agreed.pk).exists()


def test_without_a_plan_the_citizen_is_told_so(client, case, citizen_user):
    body = page(client).content.decode()
    assert "endnu ikke lagt en plan" in body
    response = client.post(reverse("minside:activity_add"), {"aktivitet-text": "Søge job",
                                                             "aktivitet-due": SOON.isoformat()})
    assert response.status_code == 302 and not SubGoal.objects.exists()


def test_staff_tab_shows_the_citizens_additions_as_the_citizens(client, case, plan, agreed, citizen_user,
                                                              job_broker):
    activity = citizen_activity_add(actor=citizen_user, plan=plan, text="Gå til tandlæge", due=SOON)
    plan_comment_add(actor=citizen_user, plan=plan, sub_goal=agreed, text="Jeg kan ikke onsdag.")
    client.logout()
    client.force_login(job_broker.user)
    response = client.get(reverse("cases:detail", args=[case.pk]), {"fane": "plan"})
    body = response.content.decode()
    assert "Borgerens aktivitet" in body and activity.text in body
    assert "Jeg kan ikke onsdag." in body and "Borgeren selv" in body
    assert "2 aktiviteter og kommentarer skrevet af borgeren" in body
    # The staff read of what the citizen wrote is logged as before (the case page's look).
    assert AccessLog.objects.filter(user_id=job_broker.user_id, case_id=case.pk, action="view").exists()


def test_min_plan_reads_in_a_fixed_number_of_queries(client, plan, citizen_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert page(client).status_code == 200
        return len(queries)

    activity = citizen_activity_add(actor=citizen_user, plan=plan, text="Aktivitet", due=SOON)
    plan_comment_add(actor=citizen_user, plan=plan, sub_goal=activity, text="ok")
    few = count()
    for n in range(5):
        activity = citizen_activity_add(actor=citizen_user, plan=plan, text=f"Aktivitet {n}", due=SOON)
        plan_comment_add(actor=citizen_user, plan=plan, sub_goal=activity, text="ok")
    assert count() == few <= 23  # one more for the plan's signed versions (jobspor/signing), two for the access
    # log's hash chain (jobspor/audit/chain.py)


def test_other_staff_made_sub_goal_names_its_employee(client, case, plan, citizen_user):
    colleague = EmployeeFactory(name="Bente Bech", roles=["jobformidler"])
    sub_goal_add(actor=colleague.user, plan=plan, text="Ring til Nordlager", due=SOON)
    assert "af Bente Bech" in page(client).content.decode()


def test_staff_answer_a_citizens_comment_and_the_citizen_sees_it(client, case, plan, agreed, citizen_user,
                                                                job_broker):
    plan_comment_add(actor=citizen_user, plan=plan, sub_goal=agreed, text="Onsdag passer ikke.")
    client.logout()
    client.force_login(job_broker.user)
    url = reverse("plans:comment_add", args=[case.pk])
    response = client.post(url, {"sub_goal": agreed.pk, f"kommentar-{agreed.pk}-text": "Så tager vi torsdag."})
    assert response.status_code == 302
    comment = PlanComment.objects.latest("id")
    assert comment.author_kind == AuthorKind.JOBCENTRE and comment.sub_goal == agreed
    assert client.post(url, {"kommentar-plan-text": ""}).status_code == 302  # refused with a message
    assert PlanComment.objects.count() == 2
    other = make_case(primary=job_broker, name="Karen Sørensen")
    other_goal = sub_goal_add(actor=job_broker.user, plan=plan_save(actor=None, case=other, goal="job",
                                                                    made=dt.date(2025, 2, 1)), text="x", due=SOON)
    assert client.post(url, {"sub_goal": other_goal.pk, f"kommentar-{other_goal.pk}-text": "x"}).status_code == 404
    client.logout()
    citizen_login(client, case.citizen)
    body = page(client).content.decode()
    assert "Så tager vi torsdag." in body and f"{job_broker.name} ·" in body
