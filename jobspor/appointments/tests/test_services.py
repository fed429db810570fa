"""Booking, moving, cancelling, held and missed: validated, access-checked, audited; clashes are listed."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from jobspor.appointments import services
from jobspor.appointments.models import Appointment
from jobspor.audit.models import Event
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case

from .helpers import at, book

pytestmark = pytest.mark.django_db


@pytest.fixture
def anne():
    return EmployeeFactory(name="Anne Holm", team=TeamFactory(name="Nord"), roles=["jobformidler"])


@pytest.fixture
def case(anne):
    return make_case(primary=anne, name="Jens Hansen")


def test_book_writes_an_event_and_keeps_the_participants(anne, case):
    appointment = book(case=case, staff=[anne], actor=anne.user, place_kind="walk_and_talk", place_text="Søen")
    assert list(appointment.staff.all()) == [anne]
    assert appointment.status == "planlagt" and appointment.sequence == 0
    event = Event.objects.get(verb="appointment_booked")
    assert event.case_id == case.pk and event.citizen_id == case.citizen_id
    assert event.after["place_kind"] == "walk_and_talk" and event.after["staff"] == "Anne Holm"


def test_end_before_start_is_refused_with_a_danish_message_and_nothing_saved(anne, case):
    events = Event.objects.count()  # the case's own creation
    with pytest.raises(ValidationError) as exc:
        book(case=case, staff=[anne], minutes=-30)
    assert exc.value.message_dict["end"] == ["Mødet skal slutte efter det starter."]
    assert not Appointment.objects.exists() and Event.objects.count() == events


def test_the_database_refuses_an_end_before_the_start(anne, case):
    appointment = book(case=case, staff=[anne])
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.filter(pk=appointment.pk).update(end=appointment.start - dt.timedelta(minutes=1))


def test_video_needs_a_link(anne, case):
    with pytest.raises(ValidationError) as exc:
        book(case=case, staff=[anne], place_kind="video")
    assert "video_link" in exc.value.message_dict


def test_overlaps_are_listed_for_each_staff_member_and_the_citizen(anne, case):
    bo = EmployeeFactory(name="Bo Berg", team=anne.team)
    first = book(case=case, staff=[anne, bo], start=at(1, 10))
    other_case = make_case(primary=bo, name="Else Ulv")
    book(case=other_case, staff=[bo], start=at(1, 11))  # after: no clash
    found = services.clashes(start=at(1, 10, 15), end=at(1, 10, 45), staff=[anne, bo], case=case)
    assert {(c.who, c.appointment.pk) for c in found} == {("Anne Holm", first.pk), ("Bo Berg", first.pk),
                                                          ("Borgeren", first.pk)}
    # touching ends are no clash; a cancelled meeting frees the time
    assert services.clashes(start=at(1, 10, 30), end=at(1, 11), staff=[anne], case=case) == []
    services.appointment_cancel(actor=None, appointment=first)
    assert services.clashes(start=at(1, 10), end=at(1, 10, 30), staff=[anne], case=case) == []


def test_overlapping_booking_is_allowed_on_purpose(anne, case):
    book(case=case, staff=[anne], start=at(1, 10))
    book(case=case, staff=[anne], start=at(1, 10))
    assert Appointment.objects.count() == 2


def test_move_bumps_the_sequence_and_records_before_and_after(anne, case):
    appointment = book(case=case, staff=[anne])
    moved = services.appointment_move(actor=anne.user, appointment=appointment, start=at(2, 9), end=at(2, 10))
    assert moved.sequence == 1
    event = Event.objects.get(verb="appointment_moved")
    assert set(event.before) == {"start", "end"}
    # nothing changed: no event, no new sequence
    again = services.appointment_move(actor=anne.user, appointment=moved, start=at(2, 9), end=at(2, 10))
    assert again.sequence == 1 and Event.objects.filter(verb="appointment_moved").count() == 1


def test_cancel_held_and_missed(anne, case):
    past = book(case=case, staff=[anne], start=at(-1, 10))
    missed = services.appointment_mark_missed(actor=anne.user, appointment=past, note="Meldte ikke afbud")
    assert missed.status == "udeblevet" and missed.status_by.startswith("Anne Holm") and missed.status_at
    with pytest.raises(ValidationError):
        services.appointment_mark_held(actor=anne.user, appointment=missed)
    future = book(case=case, staff=[anne], start=at(3, 10))
    with pytest.raises(ValidationError):  # not begun: cannot be missed yet
        services.appointment_mark_missed(actor=anne.user, appointment=future)
    cancelled = services.appointment_cancel(actor=anne.user, appointment=future)
    assert cancelled.status == "aflyst" and cancelled.sequence == 1
    assert set(Event.objects.values_list("verb", flat=True)) >= {"appointment_missed", "appointment_cancelled"}


def test_someone_outside_the_case_cannot_book_and_nothing_is_saved(anne, case):
    stranger = EmployeeFactory(team=TeamFactory(name="Syd"), roles=["jobformidler"])
    with pytest.raises(PermissionDenied):
        book(case=case, staff=[stranger], actor=stranger.user)
    mentor = EmployeeFactory(team=anne.team, roles=["mentor"])
    with pytest.raises(PermissionDenied):
        book(case=case, staff=[mentor], actor=mentor.user)
    assert not Appointment.objects.exists()


def test_closed_case_cannot_get_new_appointments(anne, case):
    case.closed = case.opened
    case.close_reason = "job"
    with pytest.raises(ValidationError):
        book(case=case, staff=[anne])


def test_feed_renew_changes_the_token(anne):
    old = services.feed_for(anne).token
    assert services.feed_renew(actor=anne.user, employee=anne).token != old
