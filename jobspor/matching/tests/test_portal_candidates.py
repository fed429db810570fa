"""Virksomhedsindgang → Kandidater: the company sees only what each citizen consented to share, answers through
the shortlist's outcome, and every view is logged as a look-up of the citizen's data by the company."""

import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.citizen_portal.services import consent_record
from jobspor.cv.models import Cv
from jobspor.matching.choices import Outcome
from jobspor.matching.history import company_facts
from jobspor.matching.models import ShortlistEntry
from jobspor.testing.factories import company_login, make_case, make_company, make_company_user, make_cv, make_job

SENT = dt.date(2025, 3, 5)


def _candidate(job, broker, name, *, consent=None, withdrawn=False, sent=True):
    case = make_case(primary=broker, name=name)
    make_cv(case=case, tasks=["pakke varer", "køre truck"], hours_per_week=5)
    Cv.objects.filter(citizen=case.citizen).update(hours_wanted=12)
    if consent is not None or withdrawn:
        consent_record(citizen=case.citizen, actor=None, **(consent or {"share_name": True, "share_tasks": True,
                                                                          "share_hours": True}))
    if withdrawn:
        consent_record(citizen=case.citizen, actor=None, share_name=False, share_tasks=False, share_hours=False)
    return ShortlistEntry.objects.create(opening=job, case=case, score=50, sent_on=SENT if sent else None)


@pytest.fixture
def world(job_broker):
    company = make_company(owner=job_broker, name="Nordlager ApS")
    job = make_job(company=company, title="Lagerhjælp")
    other = make_company(owner=job_broker, name="Sydlager A/S")
    every = {"share_name": True, "share_tasks": True, "share_hours": True}
    return {
        "company": company, "job": job, "user": make_company_user(company=company, name="Birthe Berg"),
        "all": _candidate(job, job_broker, "Ali Alting", consent=every),
        "tasks": _candidate(job, job_broker, "Bo Bareopgaver", consent={"share_name": False, "share_tasks": True,
                                                                        "share_hours": False}),
        "withdrawn": _candidate(job, job_broker, "Carl Trukket", withdrawn=True),
        "none": _candidate(job, job_broker, "Dorte Ingen"),
        "unsent": _candidate(job, job_broker, "Erik Usendt", consent=every, sent=False),
        "foreign": _candidate(make_job(company=other, title="Andens job"), job_broker, "Frida Fremmed",
                              consent=every),
    }


def test_list_shows_only_what_each_citizen_consented_to_share(client, world):
    company_login(client, world["user"])
    page = client.get(reverse("virk:candidates")).content.decode()
    assert "Ali Alting" in page and "pakke varer, køre truck" in page and "<dd>12</dd>" in page
    assert "Bo Bareopgaver" not in page and "Kandidat 2" in page  # tasks but not the name
    assert "Carl Trukket" not in page and "Kandidat 3" in page and "trukket sit samtykke" in page
    assert "Dorte Ingen" not in page and "Kandidat 4" in page and "ikke givet samtykke" in page
    assert "Erik Usendt" not in page and "Frida Fremmed" not in page and "Andens job" not in page
    for entry in (world["all"], world["tasks"]):
        assert entry.case.citizen.cpr not in page and entry.case.citizen.cpr[:6] not in page
    shown = set(AccessLog.objects.filter(user_id=world["user"].user_id, action="list")
                .values_list("citizen_id", flat=True))
    assert shown == {world[k].case.citizen_id for k in ("all", "tasks", "withdrawn", "none")}
    row = AccessLog.objects.filter(user_id=world["user"].user_id, action="list").first()
    assert (row.organisation, row.role) == (f"Nordlager ApS (CVR {world['company'].cvr})", "Virksomhed")


def test_viewing_a_candidate_is_logged_and_accepting_feeds_the_outcome(client, world):
    company_login(client, world["user"])
    entry = world["all"]
    url = reverse("virk:candidate", args=[entry.pk])
    page = client.get(url).content.decode()
    assert "Ali Alting" in page and "Invitér til samtale" in page
    assert AccessLog.objects.filter(user_id=world["user"].user_id, action="view", citizen_id=entry.case.citizen_id,
                                    case_id=entry.case_id).exists()
    response = client.post(url, {"answer": "accept"})
    assert response["Location"] == url
    entry.refresh_from_db()
    assert entry.outcome == Outcome.INTERVIEW and entry.outcome_on >= SENT
    event = Event.objects.get(verb="shortlist_outcome", target_id=entry.pk)
    assert event.actor == "Birthe Berg, Nordlager ApS (virksomhed)" and event.citizen_id == entry.case.citizen_id
    assert company_facts([world["company"].pk])[world["company"].pk].accepted == 1
    assert "Samtale" in client.get(url).content.decode()
    again = client.post(url, {"answer": "decline", "reason": "Fortrudt"})
    assert again.status_code == 400 and "allerede registreret et svar" in again.content.decode()
    entry.refresh_from_db()
    assert entry.outcome == Outcome.INTERVIEW


def test_decline_needs_a_reason(client, world):
    company_login(client, world["user"])
    url = reverse("virk:candidate", args=[world["tasks"].pk])
    response = client.post(url, {"answer": "decline", "reason": "  "})
    assert response.status_code == 400 and "hvorfor I siger nej" in response.content.decode()
    assert ShortlistEntry.objects.get(pk=world["tasks"].pk).outcome == Outcome.PENDING
    client.post(url, {"answer": "decline", "reason": "Vi mangler en med truckcertifikat"})
    entry = ShortlistEntry.objects.get(pk=world["tasks"].pk)
    assert (entry.outcome, entry.note) == (Outcome.DECLINED_BY_COMPANY, "Vi mangler en med truckcertifikat")


@pytest.mark.parametrize(("key", "message"), [("withdrawn", "trukket sit samtykke"),
                                               ("none", "ikke givet samtykke")])
def test_candidate_without_consent_cannot_be_accepted(client, world, key, message):
    company_login(client, world["user"])
    entry = world[key]
    url = reverse("virk:candidate", args=[entry.pk])
    page = client.get(url).content.decode()
    assert entry.case.citizen.name not in page and "Invitér til samtale" not in page and "pakke varer" not in page
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 400 and message in response.content.decode()
    assert entry.case.citizen.name not in response.content.decode()
    assert ShortlistEntry.objects.get(pk=entry.pk).outcome == Outcome.PENDING
    assert not Event.objects.filter(verb="shortlist_outcome").exists()
    assert AccessLog.objects.filter(user_id=world["user"].user_id, action="denied",
                                    citizen_id=entry.case.citizen_id).exists()


@pytest.mark.parametrize("key", ["foreign", "unsent"])
def test_another_cvrs_or_an_unsent_candidate_is_a_404_and_logged(client, world, key):
    company_login(client, world["user"])
    entry = world[key]
    for response in (client.get(reverse("virk:candidate", args=[entry.pk])),
                     client.post(reverse("virk:candidate", args=[entry.pk]), {"answer": "accept"})):
        assert response.status_code == 404
        assert entry.case.citizen.name not in response.content.decode()
    assert ShortlistEntry.objects.get(pk=entry.pk).outcome == Outcome.PENDING
    assert AccessLog.objects.filter(user_id=world["user"].user_id, action="denied",
                                    citizen_id=entry.case.citizen_id).count() == 2


def test_company_without_candidates_gets_a_plain_message(client, job_broker):
    link = make_company_user(company=make_company(owner=job_broker))
    company_login(client, link)
    assert "har ikke sendt jer kandidater endnu" in client.get(reverse("virk:candidates")).content.decode()
    assert not AccessLog.objects.filter(user_id=link.user_id).exists()
