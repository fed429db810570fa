"""Min side "Mine møder": the citizen's own coming appointments, read-only and logged as their own read; another
citizen's appointment answers 404."""

import pytest
from django.urls import reverse

from jobspor.appointments import services
from jobspor.audit.models import AccessLog
from jobspor.citizen_portal.access import OWN_PURPOSE
from jobspor.testing.factories import EmployeeFactory, citizen_login, make_case

from .helpers import at, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def anne():
    return EmployeeFactory(name="Anne Holm", roles=["jobformidler"])


def test_citizen_sees_own_coming_appointments(client, anne):
    case = make_case(primary=anne, name="Jens Hansen")
    coming = book(case=case, staff=[anne], start=at(2, 10), title="Walk and talk", place_kind="walk_and_talk",
                  place_text="Ved søen")
    book(case=case, staff=[anne], start=at(-5, 10), title="Gammelt møde")
    cancelled = book(case=case, staff=[anne], start=at(3, 10), title="Aflyst møde")
    services.appointment_cancel(actor=None, appointment=cancelled)
    book(case=case, staff=[anne], start=at(4, 10), title="Internt møde", citizen_attends=False)
    user = citizen_login(client, case.citizen)
    body = client.get(reverse("minside:appointments")).content.decode()
    assert "Walk and talk" in body and "Ved søen" in body
    assert "Gammelt møde" not in body and "Aflyst møde" not in body and "Internt møde" not in body
    assert AccessLog.objects.filter(user_id=user.pk, purpose=OWN_PURPOSE).exists()
    detail = client.get(reverse("minside:appointment", args=[coming.pk]))
    assert detail.status_code == 200 and "Anne Holm" in detail.content.decode()
    ics = client.get(reverse("minside:appointment_ics", args=[coming.pk]))
    assert ics.status_code == 200 and b"BEGIN:VEVENT" in ics.content
    home = client.get(reverse("minside:home")).content.decode()
    assert "Walk and talk" in home  # the next appointment on Mit forløb


def test_another_citizens_appointment_answers_404(client, anne):
    mine = make_case(primary=anne, name="Jens Hansen")
    theirs = make_case(primary=anne, name="Else Ulv")
    other = book(case=theirs, staff=[anne], start=at(2, 10), title="Elses møde")
    citizen_login(client, mine.citizen)
    assert client.get(reverse("minside:appointment", args=[other.pk])).status_code == 404
    assert client.get(reverse("minside:appointment_ics", args=[other.pk])).status_code == 404
    assert "Elses møde" not in client.get(reverse("minside:appointments")).content.decode()
