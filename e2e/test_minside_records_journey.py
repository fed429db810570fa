"""Min side on a phone (390 px): the citizen logs in, sees where they stand, signs the work agreement waiting for
them with their own login, and opens "Hvem har set mine oplysninger", where a caseworker's look-up shows with team
and role — and their own reads do not."""

import datetime as dt

import pytest
from django.test import override_settings
from playwright.sync_api import expect
from test_phone_journey import PHONE_WIDTH, assert_fits_phone

from jobspor.audit.services import access_log_write
from jobspor.cases.services import case_staff_add
from jobspor.companies.services import contact_save
from jobspor.placements import services
from jobspor.placements.models import Signature
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case, make_company, make_cv

# Log in as the demo citizen (1) · "Mine timer og aftaler" (1) · "Læs og skriv under" (1) · "Skriv under med MitID"
# (1) · "Hvem har set mine oplysninger" (1)
CLICK_BUDGET = 5
# The "I have read it and agree" box (1)
FIELD_BUDGET = 1


@pytest.mark.e2e
def test_citizen_signs_and_sees_who_has_looked(phone_journey):
    journey, page = phone_journey, phone_journey.page
    team = TeamFactory(name="Team Nord")
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], phone="11223344",
                           email="anne@jobcenter.dk")
    bo = EmployeeFactory(name="Bo Berg", team=team, roles=["myndighedssagsbehandler"])
    case = make_case(primary=anne, name="Jens Hansen")
    case_staff_add(actor=anne.user, case=case, employee=bo, role="myndighedssagsbehandler")
    make_cv(case=case, tasks=["pakke varer"], job_goals=["Lagermedarbejder"])
    company = make_company(name="Nordlager ApS")
    contact = contact_save(actor=None, company=company, name="Mette Lund", phone="20304050")
    start = dt.date.today() - dt.timedelta(days=21)
    placement = services.placement_create(
        actor=anne.user, case=case, company=company, contact=contact, kind="virksomhedspraktik", purpose=1,
        start=start, title="Lagerhjælp", agreement={
            "goal": "Ordinære timer som lagermedarbejder", "tasks": ["pakke varer"], "hours_per_week": 10,
            "conversion": "Når en opgave mestres, aflønnes den ordinært.", "start": start})
    monday = start - dt.timedelta(days=start.weekday())
    services.hours_save(actor=anne.user, placement=placement, weeks=[
        {"week": monday + dt.timedelta(weeks=1), "internship_hours": 10, "ordinary_hours": 0},
        {"week": monday + dt.timedelta(weeks=2), "internship_hours": 8, "ordinary_hours": 2}])
    access_log_write(actor=bo.user, action="view", purpose="Sagsbehandling", citizen_ids=[case.citizen_id],
                     case_ids=[case.pk], subject="cv:pdf")
    assert page.viewport_size["width"] == PHONE_WIDTH

    with override_settings(JOBSPOR_DEMO_LOGINS=True):
        journey.goto("/min-side/log-ind/demo/")
        journey.click(page.get_by_role("button", name="Log ind som Jens Hansen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit forløb")
    expect(page.locator("#job-goal")).to_contain_text("Lagermedarbejder")
    expect(page.locator("#current-placement")).to_contain_text("Nordlager ApS")
    expect(page.locator("#current-placement")).to_contain_text("Mette Lund")
    assert_fits_phone(journey, "Mit forløb")
    journey.screenshot("minside-1-mit-forloeb")

    journey.click(page.locator(".jobspor-nav").get_by_role("link", name="Mine timer og aftaler"))
    journey.click(page.get_by_role("link", name="Læs og skriv under"))
    expect(page.locator(".jobspor-agreement")).to_contain_text("Ordinære timer som lagermedarbejder")
    assert_fits_phone(journey, "signing")
    journey.screenshot("minside-2a-underskriv")
    journey.check(page.get_by_label("Jeg har læst arbejdsaftalen og er enig i den"))
    journey.click(page.get_by_role("button", name="Skriv under med MitID"))
    expect(page.get_by_text("Du har skrevet under på arbejdsaftalen med dit MitID.")).to_be_visible()
    expect(page.locator(f"#forloeb-{placement.pk}")).to_contain_text("Med eget MitID på Min side")
    expect(page.locator(f"#hours-{placement.pk} tbody tr")).to_have_count(2)
    assert_fits_phone(journey, "Mine timer og aftaler")
    journey.screenshot("minside-2-timer-og-aftaler")
    signature = Signature.objects.get()
    assert (signature.role, signature.channel) == ("borger", "mitid")

    journey.click(page.locator(".jobspor-nav").get_by_role("link", name="Hvem har set mine oplysninger"))
    entries = page.locator("#access-entries > li")
    expect(entries).to_have_count(1)  # the caseworker's look-up; the citizen's own reads are not listed
    expect(entries.first).to_contain_text("Team Nord · Myndighedssagsbehandler")
    expect(entries.first).to_contain_text("Sagsbehandling")
    expect(page.locator("#access-entries")).not_to_contain_text("Borger")
    expect(page.locator("#access-entries")).not_to_contain_text("Bo Berg")  # names are off by default
    assert_fits_phone(journey, "Hvem har set mine oplysninger")
    journey.screenshot("minside-3-hvem-har-set")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
