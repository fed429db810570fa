"""Journey 4: a jobformidler builds a citizen's CV from scratch — three tasks (one picked from the suggestions
other CVs give), a job goal — and downloads the printable PDF."""

import io

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from jobspor.cv.services import cv_item_add
from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case

# Log in (1) · CV tab (1) · pick a suggestion (1) · add job goal (1) · download PDF (1)
CLICK_BUDGET = 5
# User name + password (2) · three tasks typed, Enter adds (3) · a too-long task and its correction (1)
# · job goal (1)
FIELD_BUDGET = 7



def htmx_ready(page, selector):
    """Wait until htmx has processed the element (it sets its internal data then): content swapped in by htmx
    only gets its triggers on the next tick, and typing before that sends no request."""
    page.wait_for_function("s => { const e = document.querySelector(s); return !!(e && e['htmx-internal-data']); }",
                           arg=selector)

@pytest.mark.e2e
def test_jobformidler_builds_a_cv_and_downloads_the_pdf(journey):
    team = TeamFactory(name="Team Nord", department=DepartmentFactory(name="Jobcenter Vest"))
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen")
    for name in ("Karen Hansen", "Mette Holm"):  # two other CVs already use "pakke varer"
        other = make_case(primary=anne, name=name)
        cv_item_add(actor=None, citizen=other.citizen, kind="task", text="pakke varer")
    page = journey.page

    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="CV"))
    expect(page.locator("#cv-tab")).to_contain_text("Borgeren har endnu intet CV")
    tasks = page.locator("#cv-task-list li")

    # A task typed and added with Enter: no page reload, the cursor stays in the field.
    journey.fill("#id_task-text", "plukke ordrer")
    page.keyboard.press("Enter")
    expect(tasks).to_have_count(1)
    expect(page.locator("#id_task-text")).to_have_value("")  # a fresh, empty field for the next task

    # Typing another wording shows what other CVs call the same task; one click adds it.
    htmx_ready(page, "#id_task-text")  # the swapped-in field listens before we type (else no suggestion request)
    journey.fill("#id_task-text", "pakning af v")
    suggestion = page.locator("#task-suggestions").get_by_role("button", name="pakke varer")
    expect(suggestion).to_be_visible()
    journey.screenshot("4a-cv-suggestion")
    journey.click(suggestion)
    expect(tasks).to_have_count(2)

    # A task longer than one sentence gets a Danish error at the field, and nothing is added.
    htmx_ready(page, "#id_task-text")
    journey.fill("#id_task-text", "Køre truck. Og rydde op på lageret bagefter")
    page.keyboard.press("Enter")
    expect(page.locator("#id_task-text-error")).to_contain_text("uden punktum i midten")
    expect(tasks).to_have_count(2)
    htmx_ready(page, "#id_task-text")
    journey.fill("#id_task-text", "køre truck")
    page.keyboard.press("Enter")
    expect(tasks).to_have_count(3)
    expect(page.locator("#cv-task-list li > span")).to_have_text(["plukke ordrer", "pakke varer", "køre truck"])

    journey.fill("#id_goal-title", "Lagermedarbejder")
    journey.click("#cv-goal-add")
    expect(page.locator("#cv-goal-list")).to_contain_text("Lagermedarbejder")
    assert journey.horizontal_overflow() == 0
    journey.screenshot("4b-cv-built")

    with page.expect_download() as download_info:
        journey.click(page.get_by_role("link", name="Hent CV som PDF"))
    download = download_info.value
    assert download.suggested_filename == "CV-Jens-Hansen.pdf"
    data = open(download.path(), "rb").read()
    assert data.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    for expected in ("Jens Hansen", "Plukke ordrer", "Pakke varer", "Køre truck", "Lagermedarbejder"):
        assert expected in text

    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
