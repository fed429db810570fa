"""Contacts: a jobformidler logs a job conversation with a standard text found by the short search and sets the
next agreed contact, in a handful of clicks (a national study counted 40 in today's case systems); and the list
of stalled cases shows a case whose last contact was 31 days ago."""

import datetime as dt
from importlib import import_module

import pytest
from django.apps import apps as django_apps
from django.utils import timezone
from playwright.sync_api import expect

from jobspor.contacts.models import Contact, StandardText
from jobspor.testing.factories import (
    DepartmentFactory,
    EmployeeFactory,
    TeamFactory,
    make_action,
    make_case,
    make_contact,
)

# Counted from the case page: "Kontakter" tab (1) · pick the standard text found (1) · "Gem kontakt" (1)
CLICK_BUDGET = 8
# Search words (1) · a specific sentence in the note (1) · next contact date (1) · its kind (1)
FIELD_BUDGET = 4
SPECIFIC = " Borgeren vil gerne prøve lager og har tidligere kørt truck."


@pytest.fixture
def standard_texts(transactional_db):
    """transactional_db empties every table, also the standard texts the migration loaded: load them again."""
    if not StandardText.objects.exists():
        import_module("jobspor.contacts.migrations.0002_standard_texts").load(django_apps, None)


@pytest.mark.e2e
def test_jobformidler_logs_a_job_conversation_with_a_standard_text(journey, standard_texts):
    department = DepartmentFactory(name="Jobcenter Vest")
    team = TeamFactory(name="Team Nord", department=department)
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", opened=timezone.localdate() - dt.timedelta(days=60))
    make_contact(case=case, date=timezone.localdate() - dt.timedelta(days=20), kind="visitation",
                 note="Første samtale. Borgeren er orienteret om JobFirst-metoden.")
    next_date = timezone.localdate() + dt.timedelta(days=14)
    page = journey.page

    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jens Hansen")
    journey.clicks = journey.fields = 0  # the budget counts from the case page

    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="Kontakter"))
    expect(page.locator("#id_kind")).to_have_value("jobsamtale")  # the usual kind is preselected, date is today
    journey.fill("#std-search", "//fokus job")
    pick = page.locator("#std-results").get_by_role("button", name="Jobsamtale afholdt – fokus på job")
    expect(pick).to_be_visible()
    journey.screenshot("contact-1-short-search")
    journey.click(pick)
    expect(page.locator("#id_note")).to_have_value("Jobsamtale afholdt. Vi talte om borgerens jobønsker og konkrete "
                                                   "muligheder for ordinære timer. Borgeren er motiveret for at komme "
                                                   "i gang på en rigtig arbejdsplads.")
    journey.fields += 1  # go on writing where the inserted text ends
    page.locator("#id_note").press("End")
    page.keyboard.type(SPECIFIC)
    journey.fill("#id_next_date", next_date.isoformat())
    journey.select_option("#id_next_kind", label="Opfølgning")
    journey.click("#save-contact")

    expect(page.locator(".alert-success")).to_contain_text("Kontakten er registreret.")
    newest = page.locator(".jobspor-journal-entry").first
    expect(newest).to_contain_text("Jobsamtale")
    expect(newest).to_contain_text("Jobsamtale afholdt. Vi talte om borgerens jobønsker")
    expect(newest).to_contain_text(SPECIFIC.strip())
    expect(newest).to_contain_text("Næste aftalte kontakt")
    expect(page.locator(".jobspor-journal-entry")).to_have_count(2)
    contact = Contact.objects.latest("id")
    assert (contact.kind, contact.date, contact.next_date, contact.next_kind) == (
        "jobsamtale", timezone.localdate(), next_date, "opfoelgning")
    assert contact.note.endswith(SPECIFIC.strip())
    journey.screenshot("contact-2-journal")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)


@pytest.mark.e2e
def test_note_short_search_with_slashes_on_a_phone(phone_journey, standard_texts):
    journey = phone_journey
    team = TeamFactory(name="Team Nord", department=DepartmentFactory(name="Jobcenter Vest"))
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", opened=timezone.localdate() - dt.timedelta(days=60))
    page = journey.page
    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/?fane=kontakter")
    journey.clicks = journey.fields = 0

    journey.select_option("#id_kind", label="Telefonsamtale")
    journey.fields += 1
    page.locator("#id_note").click()
    page.keyboard.type("Ringede kl. 10. //ikke truffet")
    pick = page.locator("#std-results").get_by_role("button", name="Telefonsamtale – ikke truffet")
    journey.click(pick)
    expect(page.locator("#id_note")).to_have_value(
        "Ringede kl. 10. Forsøgt at ringe til borgeren uden at træffe. Der er lagt besked om at ringe tilbage.")
    journey.click("#save-contact")
    expect(page.locator(".alert-success")).to_contain_text("Kontakten er registreret.")
    assert journey.horizontal_overflow() == 0
    journey.screenshot("contact-3-phone")
    journey.assert_within_budget(clicks=3, fields=2)


@pytest.mark.e2e
def test_stalled_list_shows_a_case_whose_last_contact_was_31_days_ago(journey, settings):
    settings.JOBSPOR_STALLED_BEFORE_PLACEMENT_DAYS = 60  # this journey is about the 30-day rule alone
    team = TeamFactory(name="Team Nord", department=DepartmentFactory(name="Jobcenter Vest"))
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    today = timezone.localdate()
    for name, days in (("Jens Hansen", 31), ("Karen Holm", 30)):
        case = make_case(primary=anne, name=name, opened=today - dt.timedelta(days=120))
        make_contact(case=case, date=today - dt.timedelta(days=days))
        make_action(case=case, due=today + dt.timedelta(days=5))
    page = journey.page

    journey.login("anne")
    journey.click(page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Gået i stå"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sager gået i stå")
    rows = page.locator("#stalled-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Jens Hansen")
    expect(rows.first).to_contain_text("31")
    expect(rows.first).to_contain_text("Ingen kontakt i over 30 dage")
    expect(page.locator("main")).not_to_contain_text("Karen Holm")
    journey.screenshot("contact-4-stalled")
    journey.click(rows.first.get_by_role("link", name="Jens Hansen"))
    expect(page.locator("#contact-quick")).to_be_visible()
    journey.assert_within_budget(clicks=3, fields=2)


@pytest.mark.e2e
def test_group_3_case_warns_until_an_underretning_is_recorded(journey):
    team = TeamFactory(name="Team Nord", department=DepartmentFactory(name="Jobcenter Vest"))
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", fsm_group=3)
    page = journey.page
    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    journey.clicks = journey.fields = 0
    expect(page.locator("#notice-underretning")).to_contain_text("ikke registreret en underretning")

    journey.click(page.locator("#notice-underretning").get_by_role("link", name="Registrér underretning"))
    journey.fill("#id_notification_reason", "Borgeren kan ikke deltage nu; behov for social indsats.")
    journey.screenshot("contact-5-efforts-underretning")
    journey.click(page.get_by_role("button", name="Gem underretning"))
    expect(page.locator(".alert-success")).to_contain_text("Underretningen er registreret.")
    expect(page.locator("#notice-underretning")).to_have_count(0)
    expect(page.locator("#underretning")).to_contain_text("Socialafdelingen, Børn og Familie")
    journey.assert_within_budget(clicks=2, fields=1)


@pytest.mark.e2e
def test_slash_search_in_the_note_then_enter_inserts_the_text_not_the_trigger(journey, standard_texts):
    team = TeamFactory(name="Team Nord", department=DepartmentFactory(name="Jobcenter Vest"))
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", opened=timezone.localdate() - dt.timedelta(days=60))
    page = journey.page
    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="Kontakter"))
    note = page.locator("#id_note")
    note.click()
    page.keyboard.type("Kort samtale. //fokus job")
    expect(page.locator("#std-results").get_by_role("button", name="Jobsamtale afholdt – fokus på job")).to_be_visible()
    page.keyboard.press("Enter")
    expect(note).to_have_value("Kort samtale. Jobsamtale afholdt. Vi talte om borgerens jobønsker og konkrete "
                               "muligheder for ordinære timer. Borgeren er motiveret for at komme i gang på en "
                               "rigtig arbejdsplads.")
    journey.click("#save-contact")
    expect(page.locator(".alert-success")).to_contain_text("Kontakten er registreret.")
    assert "//" not in Contact.objects.latest("id").note
