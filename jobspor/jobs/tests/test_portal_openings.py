"""Virksomhedsindgang → Opslag: a company posts openings through the same service and rules as staff, sees their
status, and staff are told of each new one in "Mine opgaver" until one of them has seen it."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog, Event
from jobspor.jobs.models import JobOpening, PortalPosting
from jobspor.testing.factories import EmployeeFactory, company_login, make_company, make_company_user, make_job

TODAY = timezone.localdate()


@pytest.fixture
def setting(job_broker):
    company = make_company(owner=job_broker, name="Nordlager ApS")
    other = make_company(owner=job_broker, name="Sydlager A/S")
    return {"company": company, "user": make_company_user(company=company, name="Birthe Berg"),
            "other": other, "other_job": make_job(company=other, title="Andens job")}


def small_job(**overrides):
    return {"title": "Pakkehjælp", "kind": "smaajob", "hours_per_week": "8", "tasks": "pakke varer\nrydde op",
            "deadline": (TODAY + dt.timedelta(days=14)).isoformat()} | overrides


def test_company_posts_a_small_job_with_itself_as_actor(client, setting, job_broker):
    company_login(client, setting["user"])
    assert client.get(reverse("virk:opening_new")).status_code == 200
    response = client.post(reverse("virk:opening_new"), small_job())
    job = JobOpening.objects.get(title="Pakkehjælp")
    assert response["Location"] == reverse("virk:opening", args=[job.pk])
    assert (job.company, job.posted, job.kind, job.hours_per_week, job.tasks, job.consultant) == (
        setting["company"], TODAY, "smaajob", 8, ["pakke varer", "rydde op"], job_broker)
    assert job.portal_posting.posted_by == setting["user"] and job.portal_posting.seen_at is None
    event = Event.objects.get(verb="job_created", target_id=job.pk)
    assert event.user_id == setting["user"].user_id
    assert event.actor == "Birthe Berg, Nordlager ApS (virksomhed)"
    page = client.get(response["Location"]).content.decode()
    assert "Åben" in page and "Sendt til jobcentret" in page
    listing = client.get(reverse("virk:openings")).content.decode()
    assert "Pakkehjælp" in listing and "Andens job" not in listing


@pytest.mark.parametrize(("data", "message"), [
    (small_job(hours_per_week="40"), "Et småjob skal være mellem 1 og 37 timer om ugen."),
    (small_job(hours_per_week="0"), "Mindst 1 time om ugen."),
    (small_job(deadline=(TODAY - dt.timedelta(days=1)).isoformat()), "Fristen kan ikke ligge før jobåbningen"),
    (small_job(kind="loentilskud"), "Vælg en type fra listen."),
    (small_job(title=""), "Skriv en titel."),
])
def test_bad_opening_is_refused_in_danish_nothing_changes_and_it_is_logged(client, setting, data, message):
    company_login(client, setting["user"])
    response = client.post(reverse("virk:opening_new"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not JobOpening.objects.filter(company=setting["company"]).exists()
    assert not PortalPosting.objects.exists()
    refusal = AccessLog.objects.get(user_id=setting["user"].user_id, action="denied")
    assert message in refusal.query
    assert refusal.organisation == f"Nordlager ApS (CVR {setting['company'].cvr})" and refusal.role == "Virksomhed"


def test_another_cvrs_opening_is_a_404_and_logged(client, setting):
    company_login(client, setting["user"])
    response = client.get(reverse("virk:opening", args=[setting["other_job"].pk]))
    assert response.status_code == 404
    assert "Andens job" not in response.content.decode()
    assert AccessLog.objects.filter(user_id=setting["user"].user_id, action="denied",
                                    path=reverse("virk:opening", args=[setting["other_job"].pk])).exists()


def test_new_opening_is_in_the_owners_tasks_until_staff_has_seen_it(client, setting, job_broker):
    company_login(client, setting["user"])
    client.post(reverse("virk:opening_new"), small_job())
    job = JobOpening.objects.get(title="Pakkehjælp")
    client.logout()

    client.force_login(job_broker.user)
    tasks = client.get(reverse("followup:my_tasks")).content.decode()
    assert "Nyt opslag fra virksomhed" in tasks and "Pakkehjælp" in tasks and "Nordlager ApS" in tasks
    detail = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "Slået op af virksomheden selv" in detail and "Markér som set" in detail

    colleague = EmployeeFactory(roles=["jobformidler"])
    client.force_login(colleague.user)
    assert "Pakkehjælp" not in client.get(reverse("followup:my_tasks")).content.decode()
    response = client.post(reverse("jobs:portal_seen", args=[job.pk]))  # any staff member may see it
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    client.post(reverse("jobs:portal_seen", args=[job.pk]))  # twice: nothing more happens
    assert Event.objects.filter(verb="job_portal_seen", target_id=job.pk).count() == 1

    client.force_login(job_broker.user)
    assert "Nyt opslag fra virksomhed" not in client.get(reverse("followup:my_tasks")).content.decode()
    client.logout()
    company_login(client, setting["user"])
    assert "Jobcentret har modtaget opslaget" in client.get(reverse("virk:opening", args=[job.pk])).content.decode()


def test_a_staff_opening_has_nothing_to_mark_seen(client, setting, job_broker):
    client.force_login(job_broker.user)
    assert client.post(reverse("jobs:portal_seen", args=[setting["other_job"].pk])).status_code == 404
    assert "Markér som set" not in client.get(reverse("jobs:detail", args=[setting["other_job"].pk])).content.decode()
