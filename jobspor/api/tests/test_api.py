"""The integration API as an integrating system meets it: tokens, scopes, purposes, the access log with the system
as actor, idempotent writes, Danish errors that change nothing, pagination and filters."""

import datetime as dt
import json
from urllib.parse import urlencode

import pytest

from jobspor.api.models import IdempotentRequest
from jobspor.api.scopes import Scope
from jobspor.api.services import system_create
from jobspor.audit.models import AccessLog, Event
from jobspor.placements.models import WeekHours

from .conftest import PURPOSE, bearer

pytestmark = pytest.mark.django_db

MONDAY = dt.date(2025, 3, 10)
FORM = "application/x-www-form-urlencoded"


def test_token_from_client_credentials_and_a_wrong_secret_is_refused(client, esdh):
    system, secret = esdh
    ok = client.post("/api/v1/token/", urlencode({"grant_type": "client_credentials", "client_id": system.client_id,
                                                  "client_secret": secret}), content_type=FORM)
    assert ok.status_code == 200
    body = ok.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 15 * 60 and "cases:read" in body["scope"]
    wrong = client.post("/api/v1/token/", {"grant_type": "client_credentials", "client_id": system.client_id,
                                           "client_secret": "gæt"}, content_type="application/json")
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "invalid_client"
    assert "forkert hemmelighed" in wrong.json()["detail"]


def test_no_token_and_an_unknown_token_answer_401_in_danish(client, case):
    assert client.get("/api/v1/cases/", **PURPOSE).status_code == 401
    response = client.get("/api/v1/cases/", HTTP_AUTHORIZATION="Bearer nope", **PURPOSE)
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Adgangstokenet er ukendt eller udløbet")


def test_a_staff_login_is_no_key_to_the_api(client, job_broker, case):
    client.force_login(job_broker.user)
    response = client.get("/api/v1/cases/", **PURPOSE)
    assert response.status_code == 401
    assert not AccessLog.objects.exists()


def test_a_token_without_the_scope_is_refused_with_403_and_logged(client, team, case):
    system, secret = system_create(actor=None, name="Økonomisystemet", scopes=[Scope.KPI_READ], team=team)
    response = client.get("/api/v1/cases/", **bearer(system, secret), **PURPOSE)
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "scope_missing"
    assert "har ikke rettigheden cases:read" in body["detail"]
    refusal = AccessLog.objects.get(action="denied")
    assert refusal.actor == "Økonomisystemet (integrationssystem)"
    assert refusal.query == "rettighed=cases:read"
    assert not AccessLog.objects.exclude(action="denied").exists()  # no citizen data shown


def test_a_read_of_citizen_data_needs_a_purpose(client, auth, case):
    response = client.get(f"/api/v1/cases/{case.pk}/", **auth)
    assert response.status_code == 400
    assert response.json()["code"] == "purpose_missing"
    assert "X-Jobspor-Purpose" in response.json()["detail"]
    assert not AccessLog.objects.exists()


def test_reads_are_logged_with_the_system_as_actor_and_the_stated_purpose(client, auth, case):
    response = client.get(f"/api/v1/cases/{case.pk}/", **auth, HTTP_X_JOBSPOR_PURPOSE="Opfølgning på ydelse")
    assert response.status_code == 200
    assert response.json()["citizen_name"] == "Jens Hansen"
    assert "cpr" not in json.dumps(response.json()).lower()
    row = AccessLog.objects.get()
    assert (row.actor, row.action, row.purpose, row.citizen_id, row.case_id) == (
        "Kommunens ESDH (integrationssystem)", "view", "Opfølgning på ydelse", case.citizen_id, case.pk)
    assert row.role == "Integrationssystem" and row.organisation.endswith("Team Nord")
    client.get(f"/api/v1/cases/{case.pk}/cv/", **auth, **PURPOSE)
    assert AccessLog.objects.filter(action="view", case_id=case.pk).count() == 3  # the case, then its CV


def test_the_same_access_rules_as_the_ui_another_teams_case_is_refused_and_logged(client, auth, other_case):
    response = client.get(f"/api/v1/cases/{other_case.pk}/", **auth, **PURPOSE)
    assert response.status_code == 403
    assert "Forsøget er skrevet i adgangsloggen" in response.json()["detail"]
    assert AccessLog.objects.get().action == "denied"
    listed = client.get("/api/v1/cases/", **auth, **PURPOSE).json()
    assert listed["count"] == 0


def test_hours_are_saved_through_the_service_with_an_event_naming_the_system(client, auth, placement):
    response = client.post(f"/api/v1/placements/{placement.pk}/hours/", {"weeks": [
        {"week": str(MONDAY), "internship_hours": "10", "ordinary_hours": "2.5"}]},
        content_type="application/json", **auth, **PURPOSE)
    assert response.status_code == 200, response.content
    assert response.json()["changed"] == 1
    assert response.json()["weeks"][0]["ordinary_hours"] == "2.5"
    event = Event.objects.get(verb="placement_hours_saved")
    assert event.actor == "Kommunens ESDH (integrationssystem)"
    assert event.case_id == placement.case_id


def test_a_replayed_key_returns_the_stored_answer_without_writing_again(client, auth, placement):
    url = f"/api/v1/placements/{placement.pk}/hours/"
    body = {"weeks": [{"week": str(MONDAY), "internship_hours": "10", "ordinary_hours": "0"}]}
    first = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1", **auth, **PURPOSE)
    WeekHours.objects.filter(placement=placement).update(internship_hours=3)  # someone changes it in between
    again = client.post(url, body, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1", **auth, **PURPOSE)
    assert again.status_code == first.status_code == 200
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert WeekHours.objects.get(placement=placement).internship_hours == 3  # not written again
    assert Event.objects.filter(verb="placement_hours_saved").count() == 1


def test_a_replayed_key_with_another_body_is_refused_and_nothing_changes(client, auth, placement):
    url = f"/api/v1/placements/{placement.pk}/hours/"
    week = {"week": str(MONDAY), "internship_hours": "10", "ordinary_hours": "0"}
    client.post(url, {"weeks": [week]}, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-2", **auth,
                **PURPOSE)
    other = client.post(url, {"weeks": [{**week, "internship_hours": "20"}]}, content_type="application/json",
                        HTTP_IDEMPOTENCY_KEY="k-2", **auth, **PURPOSE)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_conflict"
    assert "Intet er ændret" in other.json()["detail"]
    assert WeekHours.objects.get(placement=placement).internship_hours == 10
    assert IdempotentRequest.objects.count() == 1


@pytest.mark.parametrize("body, field", [
    ({"weeks": [{"week": "2025-03-11", "internship_hours": "10"}]}, "2025-W11.internship_hours"),  # a Tuesday
    ({"weeks": [{"week": str(MONDAY), "internship_hours": "61"}]}, "weeks.0.internship_hours"),
    ({"weeks": "ti timer"}, "weeks"),
])
def test_a_malformed_write_answers_400_with_the_field_and_changes_nothing(client, auth, placement, body, field):
    response = client.post(f"/api/v1/placements/{placement.pk}/hours/", body, content_type="application/json",
                           HTTP_IDEMPOTENCY_KEY="k-3", **auth, **PURPOSE)
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid" and "Intet er ændret" in data["detail"]
    assert field in data["errors"], data
    assert not WeekHours.objects.exists() and not IdempotentRequest.objects.exists()
    assert not Event.objects.filter(verb="placement_hours_saved").exists()


def test_broken_json_is_a_400_in_danish(client, auth, placement):
    response = client.post(f"/api/v1/placements/{placement.pk}/hours/", "{weeks:", content_type="application/json",
                           **auth, **PURPOSE)
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_an_opening_is_created_and_changed_through_the_service(client, auth, company):
    response = client.post("/api/v1/openings/", {"company": company.pk, "title": "Kantinemedhjælper",
                                                 "kind": "smaajob", "hours_per_week": 8, "posted": "2025-03-01",
                                                 "postal_code": "8210"}, content_type="application/json", **auth)
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["status"] == "open" and job["company_name"] == "Nordlager ApS"
    assert Event.objects.get(verb="job_created").actor == "Kommunens ESDH (integrationssystem)"
    refused = client.patch(f"/api/v1/openings/{job['id']}/", {"hours_per_week": 40}, content_type="application/json",
                           **auth)
    assert refused.status_code == 400
    assert "Et småjob skal være mellem 1 og" in refused.json()["errors"]["hours_per_week"][0]
    changed = client.patch(f"/api/v1/openings/{job['id']}/", {"title": "Kantinehjælp"},
                           content_type="application/json", **auth)
    assert changed.status_code == 200 and changed.json()["title"] == "Kantinehjælp"


def test_lists_are_paginated_with_a_bounded_page_size_and_filtered(client, auth, job_broker):
    from jobspor.testing.factories import make_case

    for i in range(3):
        make_case(primary=job_broker, name=f"Borger {i}", opened=dt.date(2025, 1, 10 + i))
    page = client.get("/api/v1/cases/?page_size=2", **auth, **PURPOSE).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    assert AccessLog.objects.filter(action="list").count() == 2  # the two citizens shown, no more
    second = client.get("/api/v1/cases/?page_size=2&page=2", **auth, **PURPOSE).json()
    assert len(second["results"]) == 1
    huge = client.get("/api/v1/cases/?page_size=100000", **auth, **PURPOSE).json()
    assert len(huge["results"]) == 3  # capped at 100 a page
    filtered = client.get("/api/v1/cases/?opened_from=2025-01-11", **auth, **PURPOSE).json()
    assert filtered["count"] == 2
    bad = client.get("/api/v1/cases/?opened_from=i-går", **auth, **PURPOSE)
    assert bad.status_code == 400 and "opened_from" in bad.json()["errors"]
    beyond = client.get("/api/v1/cases/?page=9", **auth, **PURPOSE)
    assert beyond.status_code == 404 and beyond.json()["code"] == "not_found"


def test_companies_openings_and_kpis(client, auth, opening, company):
    assert client.get("/api/v1/companies/?q=nordlager", **auth).json()["count"] == 1
    assert client.get(f"/api/v1/companies/{company.pk}/", **auth).json()["cvr"] == company.cvr
    assert client.get("/api/v1/openings/?kind=smaajob", **auth).json()["count"] == 1
    kpi = client.get("/api/v1/kpi/?start=2025-01-01&end=2025-03-31", **auth)
    assert kpi.status_code == 200 and "population" in kpi.json()["measures"]
    wrong = client.get("/api/v1/kpi/?start=2025-03-31&end=2025-01-01", **auth)
    assert wrong.status_code == 400


def test_the_management_command_creates_a_system(capsys, team):
    from django.core.management import call_command

    call_command("api_system", "Ydelsessystemet", "--scope", "cases:read", "--team", team.external_id)
    out = capsys.readouterr().out
    assert "client_id=" in out and "client_secret=" in out
