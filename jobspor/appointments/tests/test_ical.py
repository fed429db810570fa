"""iCalendar output parsed back with the icalendar library: RFC 5545 basics, the invitation's stable UID and
growing SEQUENCE, CANCEL on cancel; the private feed without login, renewable, logged, naming as little as it can."""

import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from jobspor.appointments import services
from jobspor.audit.models import AccessLog
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case

from .helpers import at, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def anne():
    return EmployeeFactory(name="Anne Holm", team=TeamFactory(name="Nord"), roles=["jobformidler"],
                           email="anne@example.dk")


@pytest.fixture
def case(anne):
    return make_case(primary=anne, name="Jens Peter Hansen")


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    assert response.content.endswith(b"\r\n")
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))  # folded lines (RFC 5545 3.1)
    return cal


def events(cal):
    return [c for c in cal.walk("VEVENT")]


def test_invitation_is_a_request_with_a_stable_uid_and_a_growing_sequence(client, anne, case):
    client.force_login(anne.user)
    appointment = book(case=case, staff=[anne], start=at(2, 10), place_kind="video",
                       video_link="https://video.example.dk/rum/42")
    url = reverse("appointments:ics", args=[appointment.pk])
    cal = parse(client.get(url))
    assert cal["METHOD"] == "REQUEST"
    (event,) = events(cal)
    uid = str(event["UID"])
    assert uid == f"{appointment.external_id}@jobspor"
    assert event["SEQUENCE"] == 0 and event["STATUS"] == "CONFIRMED" and event["DTSTAMP"]
    assert event.decoded("DTSTART") == at(2, 10) and event.decoded("DTEND") == at(2, 10, 30)
    assert "https://video.example.dk/rum/42" in str(event["LOCATION"])
    assert str(event["ORGANIZER"]) == "mailto:anne@example.dk"
    assert str(event["SUMMARY"]) == f"Jobsamtale – Jens ({case.external_id})"

    services.appointment_move(actor=anne.user, appointment=appointment, start=at(3, 10), end=at(3, 11))
    (moved,) = events(parse(client.get(url)))
    assert str(moved["UID"]) == uid and moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART") == at(3, 10)

    services.appointment_cancel(actor=anne.user, appointment=appointment)
    cancelled = parse(client.get(url))
    assert cancelled["METHOD"] == "CANCEL"
    (event,) = events(cancelled)
    assert str(event["UID"]) == uid and event["SEQUENCE"] == 2 and event["STATUS"] == "CANCELLED"


def test_feed_is_read_without_login_names_little_and_is_logged(client, anne, case):
    mine = book(case=case, staff=[anne], start=at(1, 9))
    other = book(case=make_case(primary=EmployeeFactory(), name="Else Ulv"), staff=[EmployeeFactory()],
                 start=at(1, 9))
    client.force_login(anne.user)
    page = client.get(reverse("appointments:feed_settings"))
    feed_url = page.context["feed_url"]
    client.logout()
    response = client.get(feed_url)
    assert response.status_code == 200
    cal = parse(response)
    assert cal["METHOD"] == "PUBLISH"
    uids = {str(e["UID"]) for e in events(cal)}
    assert uids == {mine.uid} and other.uid not in uids
    body = response.content.decode()
    assert "Hansen" not in body and "Peter" not in body and case.citizen.cpr not in body
    assert case.external_id in body and "Jens" in body
    entry = AccessLog.objects.filter(user_id=anne.user.pk, action="list", citizen_id=case.citizen_id).latest("id")
    assert entry.subject == "appointments:feed" and feed_url.rsplit("/", 1)[1] not in entry.path


def test_a_renewed_feed_url_replaces_the_old_one(client, anne):
    client.force_login(anne.user)
    old = client.get(reverse("appointments:feed_settings")).context["feed_url"]
    assert client.post(reverse("appointments:feed_settings")).status_code == 302
    new = client.get(reverse("appointments:feed_settings")).context["feed_url"]
    client.logout()
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert client.get(reverse("appointments:feed", args=["ikke-en-noegle"])).status_code == 404


def test_cancelled_meetings_stay_in_the_feed_struck_out(client, anne, case):
    appointment = book(case=case, staff=[anne], start=at(1, 9))
    services.appointment_cancel(actor=None, appointment=appointment)
    token = services.feed_for(anne).token
    (event,) = events(parse(client.get(reverse("appointments:feed", args=[token]))))
    assert event["STATUS"] == "CANCELLED" and event["SEQUENCE"] == 1


def test_invitation_in_utc_whatever_the_season(anne, case):
    from jobspor.appointments import ical

    summer = book(case=case, staff=[anne], start=at(200, 10))
    (event,) = events(Calendar.from_ical(ical.invitation(summer)))
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert event.decoded("DTSTART") == summer.start
