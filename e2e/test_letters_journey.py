"""Letters: a jobformidler writes a free letter to the citizen from the case, with a standard text found by the short
search, sends it, and sees it sent on the case — the PDF and the MeMo message are in the outbox (make run's
transport; Digital Post through SF1601 has its own tests in jobspor/letters/tests)."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from jobspor.contacts.models import StandardText
from jobspor.letters import memo
from jobspor.letters.models import Letter
from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case

# Counted from the case page: "Breve" tab (1) · "Opret brev" (1, "Frit brev" is preselected) · the standard text
# found (1) · "Send brevet" (1)
CLICK_BUDGET = 4
# The subject (1) · search words for the standard text (1)
FIELD_BUDGET = 2


@pytest.fixture
def standard_texts(transactional_db):
    """transactional_db empties every table, also the standard texts the migration loaded: load them again."""
    if not StandardText.objects.exists():
        import_module("jobspor.contacts.migrations.0002_standard_texts").load(django_apps, None)


@pytest.mark.e2e
def test_jobformidler_writes_a_free_letter_and_sends_it_to_the_outbox(journey, standard_texts, settings, tmp_path):
    settings.JOBSPOR_DOCUMENTS_DIR = tmp_path / "documents"
    settings.JOBSPOR_LETTER_OUTBOX_DIR = outbox = tmp_path / "outbox"
    settings.JOBSPOR_LETTER_TRANSPORT = "outbox"
    team = TeamFactory(name="Team Nord", department=DepartmentFactory(name="Vest"))
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", opened=timezone.localdate() - dt.timedelta(days=60))
    page = journey.page

    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jens Hansen")
    journey.clicks = journey.fields = 0  # the budget counts from the case page

    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="Breve"))
    expect(page.get_by_label("Frit brev")).to_be_checked()
    journey.click(page.get_by_role("button", name="Opret brev"))
    expect(page.locator("#id_note")).to_have_value(
        "Kære Jens Hansen\n\n\n\nMed venlig hilsen\nAnne Holm\nJobcenter Test")
    journey.fill("#id_subject", "Om vores næste samtale")
    journey.fill("#std-search", "fokus job")
    pick = page.locator("#std-results").get_by_role("button", name="Jobsamtale afholdt – fokus på job")
    journey.click(pick)
    body = page.locator("#id_note").input_value()
    assert body.startswith("Kære Jens Hansen\n\nJobsamtale afholdt.") and body.endswith("Jobcenter Test")
    journey.screenshot("letters-1-free-letter")
    journey.click(page.get_by_role("button", name="Send brevet"))

    expect(page.get_by_text("er sendt til udbakken som Digital Post")).to_be_visible()
    row = page.locator("#letters-table tbody tr").first
    expect(row).to_contain_text("Om vores næste samtale")
    expect(row.locator("[data-letter-status]")).to_have_text("Sendt")
    journey.screenshot("letters-2-sent-on-the-case")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)

    letter = Letter.objects.get()
    assert (outbox / f"{letter.memo_uuid}.pdf").read_bytes().startswith(b"%PDF")
    memo.validate((outbox / f"{letter.memo_uuid}.xml").read_text())
