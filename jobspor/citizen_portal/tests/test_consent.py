"""Consent to share with companies: recorded by the citizen, or by staff on the citizen's behalf with a note;
every change is a new row and an event with the citizen as actor; withdrawing takes effect at once."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from jobspor.audit.models import Event
from jobspor.citizen_portal.models import CandidateConsent
from jobspor.citizen_portal.services import consent_current, consent_record
from jobspor.testing.factories import EmployeeFactory, citizen_login, make_case


@pytest.fixture
def case(db):
    return make_case(primary=EmployeeFactory(roles=["jobformidler"]))


def test_citizen_gives_and_withdraws_consent(client, case):
    citizen = case.citizen
    user = citizen_login(client, citizen)
    assert consent_current(citizen) is None
    client.post(reverse("minside:consent"), {"share_name": "on", "share_tasks": "on"})
    consent = consent_current(citizen)
    assert (consent.share_name, consent.share_tasks, consent.share_hours) == (True, True, False)
    client.post(reverse("minside:consent"), {})
    assert not consent_current(citizen).shares_anything
    assert CandidateConsent.objects.filter(citizen=citizen).count() == 2  # nothing overwritten
    events = Event.objects.filter(verb="consent_recorded", citizen_id=citizen.pk)
    assert events.count() == 2 and {e.user_id for e in events} == {user.pk}
    assert "(borgeren selv)" in events.first().actor
    page = client.get(reverse("minside:consent")).content.decode()
    assert "intet deles" in page


def test_staff_on_behalf_needs_a_note(case):
    broker = case.staff.get(is_primary=True).employee
    with pytest.raises(ValidationError):
        consent_record(citizen=case.citizen, actor=broker.user, share_name=True, share_tasks=False,
                       share_hours=False, on_behalf=True)
    with pytest.raises(IntegrityError):
        CandidateConsent.objects.create(citizen=case.citizen, share_name=True, on_behalf=True)
