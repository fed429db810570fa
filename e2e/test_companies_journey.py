"""Journeys on the company side: a consultant logs a visit on a phone in the field (≤ 5 clicks); a consultant
registers a company (invalid, then valid CVR) and creates a small job; a jobformidler sees the history."""

import datetime as dt

import pytest
from playwright.sync_api import expect
from test_phone_journey import assert_fits_phone

from jobspor.companies.models import Interaction
from jobspor.companies.services import interaction_log
from jobspor.jobs.services import job_fill
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case, make_company, make_job

# Log in (1) · "Virksomheder" in the menu (1) · "Mine virksomheder" (1) · "Registrér besøg" (1) · "Gem kontakt" (1)
VISIT_CLICKS = 5
# User name + password (2) · the outcome (1)
VISIT_FIELDS = 3


@pytest.mark.e2e
def test_consultant_logs_a_visit_on_a_phone(phone_journey):
    journey = phone_journey
    team = TeamFactory(name="Team Virksomhedsservice")
    kim = EmployeeFactory(name="Kim Konsulent", team=team, roles=["virksomhedskonsulent"], user__username="kim")
    company = make_company(owner=kim, name="Nordlager ApS", relation_level="samarbejde")
    interaction_log(actor=None, company=company, employee=kim, kind="telefon",
                    date=dt.date.today() - dt.timedelta(days=95))
    make_company(owner=kim, name="Bageriet Solsiden", relation_level="kontakt")
    page = journey.page

    journey.login("kim")
    journey.click(page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Virksomheder"))
    journey.click(page.get_by_role("link", name="Mine virksomheder"))
    card = page.locator("#my-companies li", has_text="Nordlager ApS")
    expect(card).to_contain_text("Opfølgning forfalden")  # samarbejde, last contact 95 days ago
    assert_fits_phone(journey, "my companies")
    journey.screenshot("c1-phone-my-companies")

    journey.click(card.get_by_role("link", name="Registrér besøg hos Nordlager ApS"))
    expect(page.get_by_label("Besøg")).to_be_checked()
    assert_fits_phone(journey, "visit form")
    journey.fill("#id_outcome", "Rundvisning; de vil gerne have to småjob i pakkeriet.")
    journey.screenshot("c2-phone-visit-form")
    journey.click(page.get_by_role("button", name="Gem kontakt"))

    expect(page.get_by_role("status")).to_contain_text("Kontakten med Nordlager ApS er registreret")
    expect(page.locator("#my-companies li", has_text="Nordlager ApS")).to_contain_text("Næste opfølgning")
    journey.screenshot("c3-phone-after-visit")
    visit = Interaction.objects.get(kind="besoeg")
    assert (visit.company, visit.employee, visit.date) == (company, kim, dt.date.today())
    journey.assert_within_budget(clicks=VISIT_CLICKS, fields=VISIT_FIELDS)


@pytest.mark.e2e
def test_consultant_registers_a_company_and_a_small_job(journey):
    team = TeamFactory(name="Team Virksomhedsservice")
    EmployeeFactory(name="Kim Konsulent", team=team, roles=["virksomhedskonsulent"], user__username="kim")
    page = journey.page
    journey.login("kim")
    journey.goto("/virksomheder/ny/")
    journey.fill("#id_cvr", "12345678")
    journey.fill("#id_name", "Nordlager ApS")
    journey.fill("#id_industry", "521000")
    journey.fill("#id_postal_code", "8700")
    journey.click(page.get_by_role("button", name="Gem"))
    expect(page.locator("#id_cvr_error")).to_contain_text("kontrolcifferet passer ikke")
    journey.fill("#id_cvr", "12345674")
    journey.click(page.get_by_role("button", name="Gem"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Nordlager ApS")
    expect(page.locator("main")).to_contain_text("Hjælpevirksomhed i forbindelse med transport")

    journey.click(page.get_by_role("link", name="Opret jobåbning").first)
    journey.fill("#id_title", "Lagerhjælp")
    journey.select_option("#id_kind", value="smaajob")
    journey.fill("#id_hours_per_week", "40")
    journey.fill("#id_tasks", "pakke varer\nrengøre lager")
    journey.click(page.get_by_role("button", name="Gem jobåbning"))
    expect(page.locator("#id_hours_per_week_error")).to_contain_text("mellem 1 og 37 timer")
    journey.fill("#id_hours_per_week", "8")
    journey.click(page.get_by_role("button", name="Gem jobåbning"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lagerhjælp")
    expect(page.locator("main")).to_contain_text("Småjob")
    journey.screenshot("c4-small-job")
    journey.assert_within_budget(clicks=6, fields=12)


@pytest.mark.e2e
def test_jobformidler_sees_the_company_history_of_ordinary_hours(journey):
    team = TeamFactory(name="Team Nord")
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    kim = EmployeeFactory(name="Kim Konsulent", team=TeamFactory(), roles=["virksomhedskonsulent"])
    company = make_company(owner=kim, name="Nordlager ApS")
    mine = make_case(primary=anne, name="Jens Hansen")
    theirs = make_case(primary=EmployeeFactory(team=TeamFactory()), name="Ole Ørn")
    for case, title in [(mine, "Pakkemedarbejder"), (theirs, "Lagerhjælp")]:
        job = make_job(company=company, title=title, kind="ordinaer_stilling", hours_per_week=15,
                       tasks=["pakke varer"])
        job_fill(actor=None, job=job, case=case, filled_on=dt.date(2025, 3, 20), channel="jobcentret")
    page = journey.page
    journey.login("anne")
    journey.goto(f"/virksomheder/{company.pk}/")
    journey.click(page.get_by_role("link", name="Historik"))
    table = page.locator("#filled-openings")
    expect(table).to_contain_text("Jens Hansen")
    expect(table).to_contain_text("en borger")
    expect(table).not_to_contain_text("Ole Ørn")
    expect(page.locator("#history-openings")).to_contain_text("30 ordinære timer om ugen")
    journey.screenshot("c5-company-history")
    journey.assert_within_budget(clicks=2, fields=2)
