"""Min side, "Mine timer og aftaler": the citizen sees their own placements week by week, gets the agreement as PDF
and signs a waiting agreement with their own login (recorded as signed by them, with MitID). Another citizen's
placement is a 404, and the attempt is logged."""

import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.citizen_portal.access import OWN_PURPOSE
from jobspor.companies.services import contact_save
from jobspor.placements import services
from jobspor.placements.models import Signature
from jobspor.testing.factories import citizen_login, make_case, make_company

from .conftest import AGREEMENT, sign_all


@pytest.fixture
def with_hours(placement, job_broker):
    services.hours_save(actor=job_broker.user, placement=placement, weeks=[
        {"week": dt.date(2025, 3, 3), "internship_hours": 10, "ordinary_hours": 0},
        {"week": dt.date(2025, 3, 10), "internship_hours": 8, "ordinary_hours": 2.5}])
    return placement


@pytest.fixture
def other_placement(job_broker):
    case = make_case(primary=job_broker, name="Karen Andersen")
    company = make_company(name="Sydlager ApS")
    contact = contact_save(actor=None, company=company, name="Ole Sørensen")
    return services.placement_create(actor=job_broker.user, case=case, company=company, contact=contact,
                                     kind="virksomhedspraktik", purpose=1, start=dt.date(2025, 3, 3),
                                     agreement=dict(AGREEMENT))


def test_my_placements_week_by_week_with_the_agreement(client, with_hours):
    user = citizen_login(client, with_hours.case.citizen)
    response = client.get(reverse("minside:hours"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nordlager ApS" in page and "Mette Lund" in page
    assert "uge 10 (2025)" in page and "uge 11 (2025)" in page
    assert "2,5" in page and "18" in page  # ordinary hours in week 11, internship hours in total
    assert "En arbejdsaftale venter på din underskrift" in page
    assert reverse("minside:agreement_pdf", args=[with_hours.pk, 1]) in page
    read = AccessLog.objects.filter(user_id=user.pk).latest("id")
    assert read.purpose == OWN_PURPOSE and read.citizen_id == with_hours.case.citizen_id


def test_no_placements_yet(client, case):
    citizen_login(client, case.citizen)
    assert "Du har ingen virksomhedsforløb endnu" in client.get(reverse("minside:hours")).content.decode()


def test_my_agreement_as_pdf(client, placement):
    citizen_login(client, placement.case.citizen)
    response = client.get(reverse("minside:agreement_pdf", args=[placement.pk, 1]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get(reverse("minside:agreement_pdf", args=[placement.pk, 9])).status_code == 404


def test_citizen_signs_with_their_own_login(client, placement, job_broker):
    user = citizen_login(client, placement.case.citizen)
    sign_url = reverse("minside:agreement_sign", args=[placement.pk])
    page = client.get(sign_url).content.decode()
    agreement = services.current_agreement(placement)
    content_hash = services.agreement_hash(agreement)
    assert content_hash in page and "Skriv under som Jens Hansen" in page
    response = client.post(sign_url, {"content_hash": content_hash, "agree": "on"})
    assert response.status_code == 302
    signature = Signature.objects.get(agreement=agreement)
    assert (signature.role, signature.channel, signature.signer_name) == ("borger", "mitid", "Jens Hansen")
    assert signature.created_by_id == user.pk
    event = Event.objects.filter(verb="work_agreement_signed").latest("id")
    assert event.user_id == user.pk and event.actor == "Jens Hansen (borgeren selv)"
    assert event.after["channel"] == "mitid"
    hours_page = client.get(reverse("minside:hours")).content.decode()
    assert "En arbejdsaftale venter" not in hours_page and "Med eget MitID på Min side" in hours_page
    # Signed once: the page does not offer it again.
    assert client.get(sign_url)["Location"] == reverse("minside:hours")
    # Staff see how the citizen signed, on the placement page and the agreement.
    client.force_login(job_broker.user)
    detail = client.get(reverse("placements:detail", args=[placement.case_id, placement.pk])).content.decode()
    assert "Borger: Med eget MitID på Min side" in detail
    version = client.get(reverse("placements:agreement", args=[placement.case_id, placement.pk, 1])).content.decode()
    assert 'data-channel="mitid"' in version


def test_signing_needs_the_citizens_yes(client, placement):
    citizen_login(client, placement.case.citizen)
    content_hash = services.agreement_hash(services.current_agreement(placement))
    response = client.post(reverse("minside:agreement_sign", args=[placement.pk]), {"content_hash": content_hash})
    assert response.status_code == 400
    assert "Sæt kryds for at bekræfte" in response.content.decode()
    assert not Signature.objects.exists()


def test_an_agreement_changed_since_it_was_shown_is_not_signed(client, placement, job_broker):
    citizen_login(client, placement.case.citizen)
    shown = services.agreement_hash(services.current_agreement(placement))
    services.agreement_save(actor=job_broker.user, placement=placement, **(AGREEMENT | {"hours_per_week": 12}))
    response = client.post(reverse("minside:agreement_sign", args=[placement.pk]),
                           {"content_hash": shown, "agree": "on"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Aftalen er ændret, efter den blev vist" in page
    assert not Signature.objects.exists()
    new_hash = services.agreement_hash(services.current_agreement(placement))
    assert new_hash != shown and new_hash in page  # the new text is shown, ready to sign


def test_nothing_waits_when_all_have_signed(client, placement, job_broker):
    sign_all(placement, job_broker.user)
    citizen_login(client, placement.case.citizen)
    assert "venter på din underskrift" not in client.get(reverse("minside:hours")).content.decode()
    assert client.get(reverse("minside:agreement_sign", args=[placement.pk])).status_code == 302


@pytest.mark.parametrize("name", ["agreement_sign", "agreement_pdf"])
def test_another_citizens_placement_is_not_found_and_the_attempt_logged(client, placement, other_placement, name):
    user = citizen_login(client, placement.case.citizen)
    args = [other_placement.pk] + ([1] if name == "agreement_pdf" else [])
    response = client.post(reverse(f"minside:{name}", args=args), {"agree": "on", "content_hash": "x"}) \
        if name == "agreement_sign" else client.get(reverse(f"minside:{name}", args=args))
    assert response.status_code == 404
    assert "Karen Andersen" not in response.content.decode()
    denied = AccessLog.objects.get(user_id=user.pk, action="denied")
    assert denied.citizen_id == other_placement.case.citizen_id and denied.case_id == other_placement.case_id
    assert not Signature.objects.exists()
    page = client.get(reverse("minside:hours")).content.decode()
    assert "Sydlager" not in page
