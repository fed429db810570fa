"""Min plan: the citizen signs the plan the jobformidler made ready, with their own MitID login."""

import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.plans import services as plan_services
from jobspor.signing import services
from jobspor.signing.models import DocumentSignature
from jobspor.testing.factories import citizen_login, make_case

pytestmark = pytest.mark.django_db


def test_citizen_signs_the_waiting_plan_with_mitid(client, case, plan, job_broker):
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    user = citizen_login(client, case.citizen)
    page = client.get(reverse("minside:plan")).content.decode()
    assert "venter på din underskrift" in page and doc.content_hash in page
    response = client.post(reverse("minside:plan_sign", args=[doc.pk]), {
        "signer_name": "Jens Hansen", "confirmed": "on", "content_hash": doc.content_hash}, follow=True)
    body = response.content.decode()
    assert "Du har skrevet under på planen." in body and "underskrevet med MitID af Jens Hansen" in body
    signature = DocumentSignature.objects.get(document=doc)
    assert signature.channel == "mitid" and signature.created_by == user


def test_bad_input_on_min_side_changes_nothing(client, case, plan, job_broker):
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    citizen_login(client, case.citizen)
    body = client.post(reverse("minside:plan_sign", args=[doc.pk]), {
        "signer_name": "", "confirmed": "on", "content_hash": doc.content_hash}, follow=True).content.decode()
    assert "Skriv dit fulde navn for at skrive under." in body
    plan_services.sub_goal_add(actor=job_broker.user, plan=plan, text="Møde op", due=dt.date(2026, 5, 1))
    data = {"signer_name": "Jens Hansen", "confirmed": "on", "content_hash": doc.content_hash}
    body = client.post(reverse("minside:plan_sign", args=[doc.pk]), data, follow=True).content.decode()
    assert "Planen er ændret" in body
    assert "venter på din underskrift" not in body  # a stale version is not offered
    assert not DocumentSignature.objects.exists()


def test_another_citizens_plan_answers_404_and_is_logged(client, case, plan, job_broker):
    doc = services.plan_freeze(actor=job_broker.user, case=case)
    other = make_case(primary=job_broker, name="Karen Krog")
    citizen_login(client, other.citizen)
    response = client.post(reverse("minside:plan_sign", args=[doc.pk]), {
        "signer_name": "Jens Hansen", "confirmed": "on", "content_hash": doc.content_hash})
    assert response.status_code == 404
    assert AccessLog.objects.filter(citizen_id=other.citizen_id, action="denied").exists()
    assert not DocumentSignature.objects.exists()
