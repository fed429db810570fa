"""A jobformidler cannot reopen (or re-fill) an opening filled by a citizen of another team (issue 10, point 0)."""

import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import Event
from jobspor.jobs.forms import JobForm
from jobspor.jobs.services import job_fill
from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case, make_company, make_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(job_broker):
    away_team = TeamFactory(name="Team Ude", department=DepartmentFactory(name="Ungeafdelingen"))
    away_broker = EmployeeFactory(team=away_team, roles=["jobformidler"])
    company = make_company(name="Nordlager ApS")
    job = make_job(company=company, kind="ordinaer_stilling", hours_per_week=15)
    case = make_case(primary=away_broker, name="Ude Borger")
    job_fill(actor=None, job=job, case=case, filled_on=dt.date(2025, 3, 20), channel="jobcentret")
    job.refresh_from_db()
    return {"job": job, "case": case, "away_broker": away_broker}


def _edit_data(job, status):
    data = {k: v for k, v in JobForm.initial_for(job).items() if v is not None}
    for key in ("tasks", "competencies_required", "competencies_wanted", "accommodations"):
        data[key] = "\n".join(data.get(key) or [])
    data["workplace"] = data.get("workplace") or ""
    return {**data, "status": status}


def _unchanged(job, case):
    job.refresh_from_db()
    return job.status == "filled" and job.filled_case_id == case.pk and job.filled_by_id == case.citizen_id


def test_another_teams_filled_opening_cannot_be_reopened(client, world, job_broker):
    job, case = world["job"], world["case"]
    events = Event.objects.count()
    client.force_login(job_broker.user)
    response = client.post(reverse("jobs:edit", args=[job.pk]), _edit_data(job, "open"))
    body = response.content.decode()
    assert response.status_code == 400
    assert "følges af Team Ude (Ungeafdelingen)" in body and "kontakt Team Ude" in body
    assert "Ude Borger" not in body
    assert _unchanged(job, case) and Event.objects.count() == events


def test_another_teams_filled_opening_cannot_be_filled_again(client, world, job_broker):
    job, case = world["job"], world["case"]
    mine = make_case(primary=job_broker, name="Min Borger")
    client.force_login(job_broker.user)
    response = client.post(reverse("jobs:fill", args=[job.pk]),
                           {"case": mine.external_id, "channel": "jobcentret", "filled_on": "2025-03-21"})
    assert response.status_code == 400 and "følges af Team Ude" in response.content.decode()
    assert _unchanged(job, case)


def test_the_team_that_filled_it_may_reopen(client, world):
    job = world["job"]
    client.force_login(world["away_broker"].user)
    assert client.post(reverse("jobs:edit", args=[job.pk]), _edit_data(job, "open")).status_code == 302
    job.refresh_from_db()
    assert job.status == "open" and job.filled_by_id is None


def test_other_edits_of_a_filled_opening_stay_open_to_every_editor(client, world, job_broker):
    job, case = world["job"], world["case"]
    client.force_login(job_broker.user)
    data = _edit_data(job, "filled") | {"title": "Lagermedarbejder"}
    assert client.post(reverse("jobs:edit", args=[job.pk]), data).status_code == 302
    assert _unchanged(job, case) and job.title == "Lagermedarbejder"
