"""Documents on the case (issue 13) at 390 px: the jobformidler files a doctor's note on the case, goes to the
case's front page and opens it from there. A file that is not what its name says is refused first, in Danish."""

import pytest
from playwright.sync_api import expect

from jobspor.documents.models import Document
from jobspor.documents.tests.samples import EXE, PDF
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case

# Log ind (1) · Dokumenter (1) · Læg et dokument på sagen (1) · Gem dokumentet (1) · Overblik (1) · the document (1)
# (a refused file first costs Gem dokumentet (1) and choosing the right file; the budget allows for it)
CLICK_BUDGET = 7
# user name, password · type, title, file · the right file after the refusal
FIELD_BUDGET = 6


def assert_fits_phone(journey, what):
    assert journey.horizontal_overflow() <= 2, f"{what}: wider than the 390 px screen"


@pytest.mark.e2e
def test_upload_a_document_and_find_it_from_the_front_page(phone_journey, settings, tmp_path):
    settings.JOBSPOR_DOCUMENTS_DIR = tmp_path / "documents"
    journey = phone_journey
    page = journey.page
    anne = EmployeeFactory(name="Anne Holm", team=TeamFactory(name="Team Nord"), roles=["jobformidler"],
                           user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen")
    program = tmp_path / "laegeerklaering.pdf"
    program.write_bytes(EXE)
    note = tmp_path / "erklaering-marts.pdf"
    note.write_bytes(PDF)

    journey.login("anne", next=f"/sag/{case.pk}/")  # the case is the start (a bookmark, or from Mine opgaver)
    expect(page.get_by_role("heading", level=1)).to_have_text("Jens Hansen")
    expect(page.locator("#standing-documents")).to_contain_text("Ingen dokumenter endnu")
    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="Dokumenter"))
    journey.click(page.get_by_text("Læg et dokument på sagen"))
    journey.select_option(page.get_by_label("Dokumenttype"), label="Lægeerklæring eller helbredsoplysninger")
    journey.fill(page.get_by_label("Titel"), "Lægeerklæring fra egen læge")
    journey.fields += 1
    page.get_by_label("Fil", exact=True).set_input_files(str(program))
    journey.click(page.get_by_role("button", name="Gem dokumentet"))
    # A program called .pdf: refused in Danish, nothing kept, the form still filled in.
    expect(page.get_by_role("alert")).to_contain_text("ikke en af de filtyper, der kan modtages")
    assert not Document.objects.exists()
    assert_fits_phone(journey, "the refused upload")
    journey.screenshot("documents-1-refused")
    expect(page.get_by_label("Titel")).to_have_value("Lægeerklæring fra egen læge")
    journey.fields += 1
    page.get_by_label("Fil", exact=True).set_input_files(str(note))
    journey.click(page.get_by_role("button", name="Gem dokumentet"))
    expect(page.get_by_text("«Lægeerklæring fra egen læge» er gemt på sagen.")).to_be_visible()
    row = page.locator("#documents tr", has_text="Lægeerklæring fra egen læge")
    expect(row).to_contain_text("Lægeerklæring eller helbredsoplysninger")
    expect(row).to_contain_text("Anne Holm")
    assert_fits_phone(journey, "the Dokumenter tab")
    journey.screenshot("documents-2-tab")

    # The front page shows it; open it from there.
    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="Overblik"))
    latest = page.locator("#standing-documents")
    expect(latest).to_contain_text("Lægeerklæring fra egen læge")
    assert_fits_phone(journey, "the front page")
    journey.screenshot("documents-3-front-page")
    with page.expect_download() as download:
        journey.click(latest.get_by_role("link", name="Lægeerklæring fra egen læge"))
    assert download.value.suggested_filename == "erklaering-marts.pdf"
    assert open(download.value.path(), "rb").read() == PDF
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
