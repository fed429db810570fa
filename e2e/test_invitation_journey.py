"""Issue 13 point 9: a jobformidler books a meeting from the case and sends the invitation as Digital Post — with
make run's transport, to the outbox: the letter's PDF and its MeMo message lie there, and the letter is sent on the
case with the meeting's own time and place."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from jobspor.appointments.models import Appointment
from jobspor.letters import memo
from jobspor.letters.models import Letter
from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case

# From the case page: "Book møde" (1) · "Gem" (1) · "Send indkaldelse" (1) · "Send brevet" (1)
CLICK_BUDGET = 4
FIELD_BUDGET = 0  # the booking form is prefilled with the next free half hour, the letter with the meeting


@pytest.mark.e2e
def test_book_a_meeting_and_send_the_invitation_as_digital_post(phone_journey, settings, tmp_path):
    settings.JOBSPOR_DOCUMENTS_DIR = tmp_path / "documents"
    settings.JOBSPOR_LETTER_OUTBOX_DIR = outbox = tmp_path / "outbox"
    settings.JOBSPOR_LETTER_TRANSPORT = "outbox"
    journey = phone_journey
    page = journey.page
    team = TeamFactory(name="Team Nord", department=DepartmentFactory(name="Vest"))
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", opened=dt.date.today() - dt.timedelta(days=30))

    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jens Hansen")
    journey.clicks = journey.fields = 0  # the budget counts from the case page

    journey.click("#book-appointment")
    expect(page.get_by_role("heading", level=1)).to_have_text("Book møde")
    journey.click("#save-appointment")
    expect(page.locator(".alert-success")).to_contain_text("Mødet er booket.")
    appointment = Appointment.objects.get()
    journey.click("#send-invitation")

    expect(page.locator("#id_note")).to_contain_text("Jens Hansen")
    journey.screenshot("invitation-1-letter")
    journey.click(page.get_by_role("button", name="Send brevet"))
    expect(page.get_by_text("er sendt til udbakken som Digital Post")).to_be_visible()
    journey.screenshot("invitation-2-sent")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)

    letter = Letter.objects.get()
    assert letter.status == "sendt"
    assert letter.meeting_start == appointment.start and letter.meeting_end == appointment.end
    assert (outbox / f"{letter.memo_uuid}.pdf").read_bytes().startswith(b"%PDF")
    memo.validate((outbox / f"{letter.memo_uuid}.xml").read_text())
