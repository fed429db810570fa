"""Calendar: on a phone, a jobformidler books a meeting from the case. The form is prefilled (me, the citizen, the
next free half hour); moved onto a time she already has a meeting, it warns of the clash; she books anyway and sees
both meetings in the week view."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobspor.appointments.models import Appointment
from jobspor.appointments.services import appointment_book
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case

# From the case page: "Book møde" (1) · "Gem" (1) · "Book alligevel" (1) · "Kalender" to the week (1)
CLICK_BUDGET = 4
# The start and end time moved onto the other meeting (2); everything else is prefilled
FIELD_BUDGET = 2
OVERFLOW_TOLERANCE = 2


def next_weekday(day: dt.date) -> dt.date:
    day += dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


@pytest.mark.e2e
def test_book_from_the_case_see_the_clash_book_anyway_and_find_it_in_the_week(phone_journey):
    journey = phone_journey
    page = journey.page
    team = TeamFactory(name="Team Nord")
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen")
    other = make_case(primary=anne, name="Else Ulv")
    day = next_weekday(timezone.localdate())
    tz = timezone.get_current_timezone()
    appointment_book(actor=None, case=other, staff=[anne], title="Opfølgning med Else",
                     start=dt.datetime.combine(day, dt.time(10), tzinfo=tz),
                     end=dt.datetime.combine(day, dt.time(11), tzinfo=tz))

    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jens Hansen")
    journey.clicks = journey.fields = 0  # the budget counts from the case page

    journey.click("#book-appointment")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book møde")
    expect(page.locator("#id_day")).to_have_value(day.isoformat())
    expect(page.locator("#id_start_time")).to_have_value("08:30")  # the first free half hour
    expect(page.get_by_label("Anne Holm")).to_be_checked()
    expect(page.get_by_label("Borgeren deltager")).to_be_checked()
    assert journey.horizontal_overflow() <= OVERFLOW_TOLERANCE
    journey.fill("#id_start_time", "10:30")
    journey.fill("#id_end_time", "11:00")
    journey.click("#save-appointment")

    warning = page.locator("#clash-warning")
    expect(warning).to_contain_text("Mødet overlapper andre møder")
    expect(warning).to_contain_text("Anne Holm har et møde")
    journey.screenshot("calendar-1-clash-warning")
    assert Appointment.objects.count() == 1
    journey.click("#book-anyway")

    expect(page.locator(".alert-success")).to_contain_text("Mødet er booket.")
    expect(page.locator("#appointment-time")).to_contain_text("10.30–11.00")
    assert Appointment.objects.count() == 2
    journey.click(page.locator(".breadcrumbs").get_by_role("link", name="Kalender"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Min kalender")
    the_day = page.locator("#calendar-days section", has_text="Jens Hansen")
    expect(the_day).to_contain_text("Opfølgning med Else")
    expect(the_day).to_contain_text("10.30–11.00")
    assert journey.horizontal_overflow() <= OVERFLOW_TOLERANCE
    journey.screenshot("calendar-2-week")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
