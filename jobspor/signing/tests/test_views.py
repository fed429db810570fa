"""The staff pages: freeze the plan, the citizen signs on the jobformidler's device, the signed version shows
with "Hash stemmer"; bad input answers in Danish and changes nothing; access is checked and logged."""

import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.citizen_portal.services import consent_current
from jobspor.plans import services as plan_services
from jobspor.signing.models import DocumentSignature, SignableDocument
from jobspor.testing.factories import EmployeeFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def broker_client(client, job_broker):
    client.force_login(job_broker.user)
    return client


def _freeze(client, case):
    response = client.post(reverse("signing:freeze_plan", args=[case.pk]))
    doc = SignableDocument.objects.get(case=case, kind="plan")
    assert response.status_code == 302 and response.url == reverse("signing:sign", args=[case.pk, doc.pk])
    return doc


def test_plan_signed_on_the_spot_shows_with_hash_that_matches(broker_client, case, plan):
    tab = broker_client.get(reverse("cases:detail", args=[case.pk]) + "?fane=plan").content.decode()
    assert "Gør planen klar til underskrift" in tab and "Planen er ikke skrevet under endnu." in tab
    doc = _freeze(broker_client, case)
    page = broker_client.get(reverse("signing:sign", args=[case.pk, doc.pk])).content.decode()
    assert "Tage bussen selv til Nordlager" in page and doc.content_hash in page
    response = broker_client.post(reverse("signing:sign", args=[case.pk, doc.pk]), {
        "signer_name": "Jens Hansen", "confirmed": "on", "content_hash": doc.content_hash}, follow=True)
    body = response.content.decode()
    assert "Hash stemmer" in body and "underskrevet af jens hansen" in body.lower()
    tab = broker_client.get(reverse("cases:detail", args=[case.pk]) + "?fane=plan").content.decode()
    assert "Version 1" in tab and "underskrevet af Jens Hansen" in tab
    assert AccessLog.objects.filter(citizen_id=case.citizen_id, subject="signing:sign", action="view").exists()


@pytest.mark.parametrize(("data", "message"), [
    ({"signer_name": "", "confirmed": "on"}, "Skriv dit fulde navn for at skrive under."),
    ({"signer_name": "Jens Hansen"}, "Sæt kryds for at bekræfte"),
    ({"signer_name": "Ole Olsen", "confirmed": "on"}, "Navnet passer ikke til borgeren"),
])
def test_bad_signature_is_refused_in_danish(broker_client, case, plan, data, message):
    doc = _freeze(broker_client, case)
    response = broker_client.post(reverse("signing:sign", args=[case.pk, doc.pk]),
                                  data | {"content_hash": doc.content_hash})
    assert response.status_code == 400 and message in response.content.decode()
    assert not DocumentSignature.objects.exists()


def test_plan_changed_meanwhile_is_not_signed(broker_client, case, plan, job_broker):
    doc = _freeze(broker_client, case)
    plan_services.sub_goal_add(actor=job_broker.user, plan=plan, text="Møde op", due=dt.date(2026, 5, 1))
    page = broker_client.get(reverse("signing:sign", args=[case.pk, doc.pk])).content.decode()
    assert "Planen er ændret, efter den blev gjort klar til underskrift" in page
    response = broker_client.post(reverse("signing:sign", args=[case.pk, doc.pk]), {
        "signer_name": "Jens Hansen", "confirmed": "on", "content_hash": doc.content_hash})
    assert response.status_code == 400 and "Planen er ændret" in response.content.decode()
    assert not DocumentSignature.objects.exists()


def test_signing_twice_changes_nothing(broker_client, case, plan):
    doc = _freeze(broker_client, case)
    data = {"signer_name": "Jens Hansen", "confirmed": "on", "content_hash": doc.content_hash}
    broker_client.post(reverse("signing:sign", args=[case.pk, doc.pk]), data)
    response = broker_client.post(reverse("signing:sign", args=[case.pk, doc.pk]), data, follow=True)
    assert "Borgeren har allerede skrevet under på denne version." in response.content.decode()
    assert DocumentSignature.objects.count() == 1


def test_consent_form_frozen_and_signed_takes_effect(broker_client, case):
    overview = broker_client.get(reverse("signing:overview", args=[case.pk])).content.decode()
    assert "Samtykke til at indhente oplysninger" in overview
    response = broker_client.post(reverse("signing:freeze_consent", args=[case.pk]), {
        "kind_posted": "samtykke_virksomheder", "samtykke_virksomheder-kind": "samtykke_virksomheder",
        "samtykke_virksomheder-chosen": ["share_tasks"]})
    doc = SignableDocument.objects.get(case=case, kind="samtykke_virksomheder")
    assert response.url == reverse("signing:sign", args=[case.pk, doc.pk])
    broker_client.post(reverse("signing:sign", args=[case.pk, doc.pk]), {
        "signer_name": "Jens Hansen", "confirmed": "on", "content_hash": doc.content_hash})
    consent = consent_current(case.citizen)
    assert consent.share_tasks and not consent.share_name


def test_information_consent_without_a_choice_is_refused(broker_client, case):
    response = broker_client.post(reverse("signing:freeze_consent", args=[case.pk]), {
        "kind_posted": "samtykke_oplysninger", "samtykke_oplysninger-kind": "samtykke_oplysninger"})
    assert response.status_code == 400 and "Sæt kryds ved mindst én slags oplysninger" in response.content.decode()
    assert not SignableDocument.objects.exists()


def test_mentor_and_other_team_are_refused_and_logged(client, case, plan, mentor, job_broker):
    doc_url = reverse("signing:overview", args=[case.pk])
    client.force_login(mentor.user)
    assert client.get(doc_url).status_code == 403
    assert client.post(reverse("signing:freeze_plan", args=[case.pk])).status_code == 403
    assert AccessLog.objects.filter(user_id=mentor.user.pk, citizen_id=case.citizen_id, action="denied").exists()
    tab = client.get(reverse("cases:detail", args=[case.pk]) + "?fane=plan").content.decode()
    assert "Underskrevne versioner af planen" not in tab
    other = EmployeeFactory(team=TeamFactory(name="Ude"), roles=["jobformidler"])
    client.force_login(other.user)
    assert client.get(doc_url).status_code == 403
    assert AccessLog.objects.filter(user_id=other.user.pk, citizen_id=case.citizen_id, action="denied").exists()
    assert not SignableDocument.objects.exists()


def test_a_document_of_another_case_is_not_found(broker_client, case, plan, job_broker):
    from jobspor.signing import services
    from jobspor.testing.factories import make_case

    other = make_case(primary=job_broker, name="Karen Krog")
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    assert broker_client.get(reverse("signing:document", args=[other.pk, doc.pk])).status_code == 404
    assert broker_client.get(reverse("signing:sign", args=[other.pk, doc.pk])).status_code == 404


def test_history_tells_of_freezing_and_signing(broker_client, case, plan):
    doc = _freeze(broker_client, case)
    broker_client.post(reverse("signing:sign", args=[case.pk, doc.pk]), {
        "signer_name": "Jens Hansen", "confirmed": "on", "content_hash": doc.content_hash})
    history = broker_client.get(reverse("cases:detail", args=[case.pk]) + "?fane=historik").content.decode()
    assert "Dokument gjort klar til underskrift" in history and "Dokument underskrevet" in history
    assert "På jobcentrets enhed (navn og bekræftelse)" in history and doc.content_hash[:12] in history
