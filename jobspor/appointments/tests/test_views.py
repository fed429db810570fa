"""The calendar as a jobformidler uses it: book from the case (prefilled, clashes warned, booked anyway), the
appointment page, day and week views for me and my team, the case's front page and "Mine opgaver"."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobspor.appointments import services
from jobspor.appointments.models import Appointment
from jobspor.audit.models import AccessLog
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case, make_contact

from .helpers import at, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def anne():
    return EmployeeFactory(name="Anne Holm", team=TeamFactory(name="Nord"), roles=["jobformidler"],
                           email="anne@example.dk")


@pytest.fixture
def case(anne):
    return make_case(primary=anne, name="Jens Hansen")


def form_data(day, start="10:00", end="10:30", staff=(), **extra):
    return {"title": "Jobsamtale", "day": day.isoformat(), "start_time": start, "end_time": end,
            "place_kind": "jobcentret", "place_text": "Lokale 2", "staff": [e.pk for e in staff],
            "citizen_attends": "on", "lock_version": "0", "seen": ""} | extra


def test_booking_form_is_prefilled_with_me_the_citizen_and_the_next_free_half_hour(client, anne, case):
    client.force_login(anne.user)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    while tomorrow.weekday() >= 5:
        tomorrow += dt.timedelta(days=1)
    first = dt.datetime.combine(tomorrow, dt.time(8, 30), tzinfo=timezone.get_current_timezone())
    book(case=case, staff=[anne], start=first)  # 8.30 is taken: the form proposes 9.00
    response = client.get(reverse("appointments:new", args=[case.pk]))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["day"] == tomorrow and form.initial["start_time"] == dt.time(9, 0)
    assert form.initial["end_time"] == dt.time(9, 30) and form.initial["staff"] == [anne]
    assert f'value="{anne.pk}" checked' in response.content.decode()
    assert AccessLog.objects.filter(user_id=anne.user.pk, citizen_id=case.citizen_id, action="view").exists()


def test_booking_saves_and_shows_the_appointment(client, anne, case):
    client.force_login(anne.user)
    day = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(reverse("appointments:new", args=[case.pk]), form_data(day, staff=[anne]))
    appointment = Appointment.objects.get()
    assert response.status_code == 302 and response.url == reverse("appointments:detail", args=[appointment.pk])
    assert timezone.localtime(appointment.start).time() == dt.time(10) and appointment.case == case
    page = client.get(response.url).content.decode()
    assert "Jobsamtale" in page and "Lokale 2" in page and "Hent invitation til Outlook" in page


def test_end_before_start_gives_a_danish_message_and_saves_nothing(client, anne, case):
    client.force_login(anne.user)
    day = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(reverse("appointments:new", args=[case.pk]),
                           form_data(day, start="11:00", end="10:00", staff=[anne]))
    assert response.status_code == 400
    assert "Mødet skal slutte efter det starter." in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_clash_is_warned_and_can_be_booked_anyway(client, anne, case):
    client.force_login(anne.user)
    day = timezone.localdate() + dt.timedelta(days=3)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())
    existing = book(case=make_case(primary=anne, name="Else Ulv"), staff=[anne], start=start)
    url = reverse("appointments:new", args=[case.pk])
    response = client.post(url, form_data(day, start="10:15", end="10:45", staff=[anne]))
    body = response.content.decode()
    assert response.status_code == 400 and "Mødet overlapper andre møder" in body
    assert "Anne Holm har et møde" in body and "Book alligevel" in body
    assert Appointment.objects.count() == 1
    accepted = response.context["form"].data["accepted_clashes"]
    assert accepted == str(existing.pk)
    response = client.post(url, form_data(day, start="10:15", end="10:45", staff=[anne],
                                          accepted_clashes=accepted, book_anyway="1"))
    assert response.status_code == 302 and Appointment.objects.count() == 2


def test_book_anyway_with_a_new_clash_warns_again(client, anne, case):
    client.force_login(anne.user)
    day = timezone.localdate() + dt.timedelta(days=3)
    start = dt.datetime.combine(day, dt.time(10), tzinfo=timezone.get_current_timezone())
    book(case=case, staff=[anne], start=start)
    response = client.post(reverse("appointments:new", args=[case.pk]),
                           form_data(day, staff=[anne], accepted_clashes="999", book_anyway="1"))
    assert response.status_code == 400 and Appointment.objects.count() == 1


def test_move_mark_missed_and_cancel_from_the_appointment_page(client, anne, case):
    client.force_login(anne.user)
    past = book(case=case, staff=[anne], start=at(-1, 9))
    response = client.post(reverse("appointments:status", args=[past.pk]),
                           {"handling": "udeblevet", "note": "Ingen afbud"})
    assert response.status_code == 302
    past.refresh_from_db()
    assert past.status == "udeblevet" and past.status_note == "Ingen afbud"
    tab = client.get(reverse("cases:detail", args=[case.pk]) + "?fane=moeder").content.decode()
    assert "Udeblevet" in tab and "Ingen afbud" in tab
    coming = book(case=case, staff=[anne], start=at(2, 9))
    edit_url = reverse("appointments:edit", args=[coming.pk])
    form = client.get(edit_url).context["form"]
    data = form_data(timezone.localdate() + dt.timedelta(days=4), start="13:00", end="14:00", staff=[anne],
                     lock_version=str(coming.lock_version), seen=form.initial["seen"])
    assert client.post(edit_url, data).status_code == 302
    coming.refresh_from_db()
    assert timezone.localtime(coming.start).time() == dt.time(13) and coming.sequence == 1
    client.post(reverse("appointments:status", args=[coming.pk]), {"handling": "aflys"})
    coming.refresh_from_db()
    assert coming.status == "aflyst"


def test_a_stale_move_is_refused(client, anne, case):
    client.force_login(anne.user)
    appointment = book(case=case, staff=[anne], start=at(2, 9))
    edit_url = reverse("appointments:edit", args=[appointment.pk])
    form = client.get(edit_url).context["form"]
    seen, version = form.initial["seen"], appointment.lock_version
    services.appointment_move(actor=None, appointment=appointment, start=at(2, 11), end=at(2, 12))
    response = client.post(edit_url, form_data(timezone.localdate() + dt.timedelta(days=5), staff=[anne],
                                                lock_version=str(version), seen=seen))
    assert response.status_code == 400 and "Ikke gemt" in response.content.decode()


def test_week_view_shows_my_appointments_and_logs_the_citizens(client, anne, case):
    client.force_login(anne.user)
    book(case=case, staff=[anne], start=at(0, 10), title="Opfølgning")
    missed = book(case=case, staff=[anne], start=at(0, 8), title="Tidlig samtale")
    services.appointment_mark_missed(actor=None, appointment=missed, now=at(0, 9))
    response = client.get(reverse("appointments:calendar"))
    body = response.content.decode()
    assert response.status_code == 200 and "Opfølgning" in body and "Jens Hansen" in body
    assert "is-udeblevet" in body and "Udeblevet" in body
    assert AccessLog.objects.filter(user_id=anne.user.pk, action="list", citizen_id=case.citizen_id).exists()
    day = client.get(reverse("appointments:calendar"), {"visning": "dag"}).content.decode()
    assert "Opfølgning" in day


def test_team_view_hides_the_citizen_of_a_case_i_may_not_see(client, anne, case):
    bo = EmployeeFactory(name="Bo Berg", team=anne.team, roles=["mentor"])
    other_team_case = make_case(primary=EmployeeFactory(team=TeamFactory(name="Syd")), name="Skjult Person")
    hidden = book(case=other_team_case, staff=[bo], start=at(0, 13), title="Mentormøde")
    mine = book(case=case, staff=[anne], start=at(0, 9))
    client.force_login(anne.user)
    body = client.get(reverse("appointments:calendar"), {"hvem": "team"}).content.decode()
    assert "Mentormøde" in body and "Bo Berg" in body
    assert "Skjult Person" not in body and "Borger på en anden sag" in body
    # a meeting she may not open is not a link (it would answer 403)
    assert reverse("appointments:detail", args=[hidden.pk]) not in body
    assert reverse("appointments:detail", args=[mine.pk]) in body


@pytest.mark.parametrize("params", [{"visning": "uge", "hvem": "team"}, {"visning": "dag", "hvem": "mig"}])
def test_calendar_pages_cost_a_fixed_number_of_queries(client, anne, case, params):
    client.force_login(anne.user)
    colleagues = [EmployeeFactory(team=anne.team) for _ in range(3)]

    def count():
        client.get(reverse("appointments:calendar"), params)  # warm caches (session, employee)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("appointments:calendar"), params).status_code == 200
        return len(queries)

    book(case=case, staff=[anne], start=at(0, 9))
    few = count()
    for i, colleague in enumerate(colleagues):
        other = make_case(primary=colleague, name=f"Borger {i}")
        book(case=other, staff=[anne, colleague], start=at(0, 10 + i))
    assert count() == few


def test_case_front_page_shows_the_next_appointment_before_the_agreed_contact(client, anne, case):
    client.force_login(anne.user)
    make_contact(case=case, date=timezone.localdate(), next_date=timezone.localdate() + dt.timedelta(days=10),
                 next_kind="opfoelgning")
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "opfølgning" in page  # the agreed next contact, while there is no appointment
    book(case=case, staff=[anne], start=at(2, 14), title="Walk and talk ved søen", place_kind="walk_and_talk")
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Walk and talk ved søen" in page and "kl. 14.00" in page


def test_my_tasks_starts_with_todays_appointments(client, anne, case):
    client.force_login(anne.user)
    book(case=case, staff=[anne], start=at(0, 23, 0), minutes=30, title="Sen samtale")
    book(case=case, staff=[anne], start=at(1, 10), title="I morgen")
    response = client.get(reverse("followup:my_tasks"))
    body = response.content.decode()
    assert [item.title for item in response.context["agenda"]] == ["23.00–23.30 Sen samtale"]
    assert body.index("Dagens møder") < body.index("Overskredet") and "I morgen" not in body


def test_book_as_meeting_from_the_journal_takes_the_agreed_date_and_kind(client, anne, case):
    client.force_login(anne.user)
    agreed = timezone.localdate() + dt.timedelta(days=9)
    contact = make_contact(case=case, date=timezone.localdate(), next_date=agreed, next_kind="walk_and_talk")
    tab = client.get(reverse("cases:detail", args=[case.pk]) + "?fane=kontakter").content.decode()
    link = reverse("appointments:new", args=[case.pk]) + f"?kontakt={contact.pk}"
    assert link in tab and "Book som møde" in tab
    form = client.get(link).context["form"]
    assert form.initial["day"] == agreed and form.initial["place_kind"] == "walk_and_talk"
    assert form.initial["title"] == "Walk and talk"


def test_a_mentor_cannot_book_and_the_refusal_is_logged(client, anne, case):
    from jobspor.cases.services import case_staff_add

    mentor = EmployeeFactory(team=anne.team, roles=["mentor"])
    case_staff_add(actor=None, case=case, employee=mentor, role="mentor")
    client.force_login(mentor.user)
    assert client.get(reverse("appointments:new", args=[case.pk])).status_code == 403
    assert AccessLog.objects.filter(user_id=mentor.user.pk, action="denied").exists()


def test_a_company_meeting_without_a_case(client, anne):
    from jobspor.companies.models import CompanyContact
    from jobspor.testing.factories import make_company

    company = make_company(owner=anne, name="Nordlager ApS")
    contact = CompanyContact.objects.create(company=company, name="Lis Lager", phone="12345678")
    client.force_login(anne.user)
    url = reverse("appointments:company_new", args=[company.pk])
    form = client.get(url).context["form"]
    assert form.initial["place_kind"] == "arbejdspladsen" and "citizen_attends" not in form.fields
    day = timezone.localdate() + dt.timedelta(days=3)
    response = client.post(url, form_data(day, staff=[anne], place_kind="arbejdspladsen",
                                          company_contact=contact.pk) | {"citizen_attends": ""})
    appointment = Appointment.objects.get()
    assert response.status_code == 302 and appointment.case is None and appointment.company == company
    assert appointment.company_contact == contact and not appointment.citizen_attends
    page = client.get(reverse("appointments:detail", args=[appointment.pk])).content.decode()
    assert "Lis Lager" in page and "Nordlager ApS" in page
    stranger = EmployeeFactory(team=TeamFactory(name="Syd"), roles=["jobformidler"])
    client.force_login(stranger.user)
    assert client.get(reverse("appointments:detail", args=[appointment.pk])).status_code == 403


def test_a_booked_meeting_replaces_the_agreed_next_contact_on_my_tasks(client, anne, case):
    client.force_login(anne.user)
    make_contact(case=case, date=timezone.localdate(), next_date=timezone.localdate() + dt.timedelta(days=5),
                 next_kind="opfoelgning")
    kinds = [item.kind for item in client.get(reverse("followup:my_tasks")).context["upcoming"].items]
    assert "Næste kontakt" in kinds
    book(case=case, staff=[anne], start=at(5, 10))
    kinds = [item.kind for item in client.get(reverse("followup:my_tasks")).context["upcoming"].items]
    assert "Næste kontakt" not in kinds
