"""Beskeder at 390 px: a citizen writes to the jobcentre with an attachment on Min side; the jobformidler finds it
in Mine opgaver and answers; the citizen sees the answer marked unread."""

import pytest
from playwright.sync_api import expect

from jobspor.documents.tests.samples import PDF
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case


def assert_fits_phone(journey, what):
    assert journey.horizontal_overflow() <= 2, f"{what}: wider than the 390 px screen"

# Citizen: demo login (1) · Beskeder (1) · Send besked (1) · Log af (1)
# Jobformidler: Log ind (1) · Mine opgaver (1) · the message (1) · Send svar (1) · Log af (1)
# Citizen: demo login (1) · Beskeder (1) · the thread (1)
CLICK_BUDGET = 12
# Subject, message, file (3) · user name, password, answer (3)
FIELD_BUDGET = 6


@pytest.mark.e2e
def test_citizen_writes_jobformidler_answers_citizen_sees_it_unread(phone_journey, settings, tmp_path):
    settings.JOBSPOR_DEMO_LOGINS = True
    settings.JOBSPOR_DOCUMENTS_DIR = tmp_path / "documents"
    journey = phone_journey
    page = journey.page
    anne = EmployeeFactory(name="Anne Holm", team=TeamFactory(name="Team Nord"), roles=["jobformidler"],
                           user__username="anne")
    make_case(primary=anne, name="Jens Hansen")
    attachment = tmp_path / "laegeerklaering.pdf"
    attachment.write_bytes(PDF)

    # The citizen writes, with the doctor's note attached. (The first page of a fresh live server may take more than
    # the default 10 s on a loaded machine: static files are found and hashed on first use.)
    page.goto(journey.base_url + "/min-side/log-ind/demo/", timeout=60_000)
    journey.click(page.get_by_role("button", name="Log ind som Jens Hansen"))
    journey.click(page.get_by_role("navigation").get_by_role("link", name="Beskeder"))
    expect(page.locator("#promise")).to_have_text("Du får svar inden for 24 timer på hverdage.")
    journey.fill(page.get_by_label("Emne"), "Lægeerklæring")
    journey.fill(page.get_by_role("textbox", name="Besked"), "Hej Anne. Her er lægeerklæringen fra i dag.")
    journey.fields += 1
    page.get_by_label("Vedhæft en fil").set_input_files(str(attachment))
    journey.click(page.get_by_role("button", name="Send besked"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lægeerklæring")
    expect(page.get_by_role("link", name="laegeerklaering.pdf")).to_be_visible()
    assert_fits_phone(journey, "the citizen's thread")
    journey.screenshot("messages-1-citizen-sent")
    journey.click(page.get_by_role("button", name="Log af"))

    # The jobformidler finds it in Mine opgaver and answers.
    journey.login("anne")
    journey.click(page.get_by_role("navigation").get_by_role("link", name="Mine opgaver"))
    row = page.locator("tr", has_text="Besked fra borger")
    expect(row).to_contain_text("Jens Hansen")
    journey.click(row.get_by_role("link", name="Lægeerklæring"))
    expect(page.get_by_text("Her er lægeerklæringen fra i dag.")).to_be_visible()
    expect(page.get_by_text("Venter på vores svar")).to_be_visible()
    assert_fits_phone(journey, "the jobformidler's thread")
    journey.screenshot("messages-2-jobformidler-thread")
    journey.fill(page.get_by_role("textbox", name="Besked"), "Tak, Jens. Den er gemt på din sag. Vi ses torsdag.")
    journey.click(page.get_by_role("button", name="Send svar"))
    expect(page.get_by_text("Svaret er sendt til borgeren.")).to_be_visible()
    expect(page.locator("table", has_text="Lægeerklæring")).to_contain_text("Besvaret")
    assert_fits_phone(journey, "the case's Beskeder tab")
    journey.screenshot("messages-2b-case-tab")
    journey.logout()

    # The citizen sees the answer, marked unread.
    journey.goto("/min-side/log-ind/demo/")
    journey.click(page.get_by_role("button", name="Log ind som Jens Hansen"))
    journey.click(page.get_by_role("navigation").get_by_role("link", name="Beskeder"))
    expect(page.get_by_text("1 ulæst")).to_be_visible()
    assert_fits_phone(journey, "the citizen's list")
    journey.screenshot("messages-3-citizen-unread")
    journey.click(page.get_by_role("link", name="Lægeerklæring"))
    answer = page.locator(".jobspor-message--new")
    expect(answer).to_contain_text("Vi ses torsdag.")
    expect(answer).to_contain_text("Ny")
    assert_fits_phone(journey, "the citizen's thread with the answer")
    journey.screenshot("messages-4-citizen-answer")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
