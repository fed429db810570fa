"""Consent recorded by staff on the citizen's behalf (ISSUE11 point 4): a case page, access-checked and logged;
a note is required; the current consent and its history are shown, and the citizen sees it on Min side."""

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.cases.services import case_staff_add
from jobspor.citizen_portal.models import CandidateConsent
from jobspor.citizen_portal.services import consent_current, consent_record
from jobspor.testing.factories import EmployeeFactory, TeamFactory, citizen_login, make_case


@pytest.fixture
def case(job_broker):
    return make_case(primary=job_broker, name="Jens Hansen")


def url(case):
    return reverse("consent:case", args=[case.pk])


def test_staff_record_consent_with_a_note(client, case, job_broker):
    client.force_login(job_broker.user)
    page = client.get(url(case)).content.decode()
    assert "Borgeren har ikke givet samtykke" in page
    assert AccessLog.objects.filter(user_id=job_broker.user.pk, citizen_id=case.citizen_id, action="view").exists()
    response = client.post(url(case), {"share_name": "on", "share_tasks": "on",
                                       "note": "Sagt ja i telefonen 3. marts"})
    assert response.status_code == 302
    consent = consent_current(case.citizen)
    assert (consent.share_name, consent.share_tasks, consent.share_hours) == (True, True, False)
    assert consent.on_behalf and consent.recorded_by_id == job_broker.user.pk
    assert consent.note == "Sagt ja i telefonen 3. marts"
    event = Event.objects.get(verb="consent_recorded")
    assert event.user_id == job_broker.user.pk and event.case_id == case.pk
    page = client.get(url(case)).content.decode()
    assert "registreret af Anne Holm på borgerens vegne: Sagt ja i telefonen 3. marts" in page
    # The citizen sees it on Min side.
    client.logout()
    citizen_login(client, case.citizen)
    assert "Sagt ja i telefonen" in client.get(reverse("minside:consent")).content.decode()


@pytest.mark.parametrize("note", ["", "   "])
def test_no_note_no_consent(client, case, job_broker, note):
    client.force_login(job_broker.user)
    response = client.post(url(case), {"share_name": "on", "note": note})
    assert response.status_code == 400
    assert "Skriv en note om, hvordan borgeren gav samtykket" in response.content.decode()
    assert not CandidateConsent.objects.exists()


def test_history_shows_the_citizens_own_choices_too(client, case, job_broker):
    from jobspor.citizen_portal.services import citizen_user_for

    consent_record(citizen=case.citizen, actor=citizen_user_for(case.citizen), share_name=True, share_tasks=False,
                   share_hours=True)
    client.force_login(job_broker.user)
    page = client.get(url(case)).content.decode()
    assert "borgeren selv på Min side" in page and "Timer, borgeren ønsker" in page


def test_out_of_scope_and_mentors_are_refused_and_logged(client, case):
    stranger = EmployeeFactory(team=TeamFactory(name="Team Syd"))
    client.force_login(stranger.user)
    assert client.post(url(case), {"share_name": "on", "note": "x"}).status_code == 403
    mentor = EmployeeFactory(roles=["mentor"])
    case_staff_add(actor=None, case=case, employee=mentor, role="mentor")
    client.force_login(mentor.user)
    assert client.get(url(case)).status_code == 403
    assert AccessLog.objects.filter(action="denied", citizen_id=case.citizen_id,
                                    user_id__in=[stranger.user.pk, mentor.user.pk]).count() == 2
    assert not CandidateConsent.objects.exists()


def test_a_citizen_cannot_open_the_staff_page(client, case):
    citizen_login(client, case.citizen)
    assert client.get(url(case)).status_code == 403
