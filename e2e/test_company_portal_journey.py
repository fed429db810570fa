"""Virksomhedsindgang on a phone (390 px): a company user logs in (the demo login of `make run`), posts a small job
(≤ 6 clicks) and invites a candidate the jobformidler sent to a conversation; the candidate's name shows only
because the citizen consented to share it."""

import datetime as dt

import pytest
from playwright.sync_api import expect
from test_phone_journey import assert_fits_phone

from jobspor.audit.models import AccessLog
from jobspor.citizen_portal.services import consent_record
from jobspor.jobs.models import JobOpening
from jobspor.matching.choices import Outcome
from jobspor.matching.models import ShortlistEntry
from jobspor.testing.factories import (
    EmployeeFactory,
    TeamFactory,
    make_case,
    make_company,
    make_company_user,
    make_cv,
    make_job,
)

# Issue 12: ≤ 6. Used: "Demo-login" · the demo company user · "Opslag" in the menu · "Slå et job op" · "Slå opslaget op"
POST_CLICKS = 6
# "Kandidater" in the menu (1) · the candidate (1) · "Invitér til samtale" (1)
ACCEPT_CLICKS = 3
# The job's title, hours and tasks (the type is a small job already)
FIELDS = 3


@pytest.mark.e2e
def test_company_posts_a_small_job_and_accepts_a_candidate_on_a_phone(phone_journey, settings):
    settings.JOBSPOR_DEMO_LOGINS = True
    journey = phone_journey
    page = journey.page
    broker = EmployeeFactory(name="Anne Holm", team=TeamFactory(name="Team Nord"), roles=["jobformidler"])
    company = make_company(owner=broker, name="Nordlager ApS")
    make_company_user(company=company, name="Birthe Berg")
    job = make_job(company=company, title="Lagerhjælp", posted=dt.date.today() - dt.timedelta(days=7))
    case = make_case(primary=broker, name="Ali Hansen")
    make_cv(case=case, tasks=["pakke varer", "køre truck"])
    consent_record(citizen=case.citizen, actor=None, share_name=True, share_tasks=True, share_hours=False)
    entry = ShortlistEntry.objects.create(opening=job, case=case, score=60,
                                          sent_on=dt.date.today() - dt.timedelta(days=1))

    journey.goto("/virksomhed/log-ind/")
    journey.click(page.get_by_role("link", name="Demo-login: vælg en demovirksomhed"))
    journey.click(page.get_by_role("button", name="Log ind som Birthe Berg, Nordlager ApS"))
    menu = page.get_by_role("navigation", name="Hovedmenu")
    journey.click(menu.get_by_role("link", name="Opslag"))
    journey.click(page.get_by_role("link", name="Slå et job op"))
    expect(page.locator("#id_kind")).to_have_value("smaajob")
    journey.fill("#id_title", "Pakkehjælp")
    journey.fill("#id_hours_per_week", "8")
    journey.fill("#id_tasks", "pakke varer\nrydde op")
    assert_fits_phone(journey, "opening form")
    journey.screenshot("v1-phone-company-opening-form")
    journey.click(page.get_by_role("button", name="Slå opslaget op"))
    expect(page.get_by_role("status")).to_contain_text("er sendt til jobcentret")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pakkehjælp")
    expect(page.locator("#opening-status")).to_have_text("Åben")
    assert_fits_phone(journey, "opening posted")
    journey.screenshot("v2-phone-company-opening-posted")
    posted = JobOpening.objects.get(title="Pakkehjælp")
    assert (posted.company, posted.kind, posted.hours_per_week, posted.consultant) == (company, "smaajob", 8, broker)
    assert journey.clicks <= POST_CLICKS, f"posting a small job took {journey.clicks} clicks"
    posting_clicks = journey.clicks

    journey.click(menu.get_by_role("link", name="Kandidater"))
    card = page.locator("li", has_text="Ali Hansen")
    expect(card).to_contain_text("pakke varer, køre truck")
    assert_fits_phone(journey, "candidates")
    journey.screenshot("v3-phone-company-candidates")
    journey.click(card.get_by_role("link", name="Ali Hansen"))
    journey.click(page.get_by_role("button", name="Invitér til samtale"))
    expect(page.get_by_role("status")).to_contain_text("Jobformidleren kontakter jer")
    expect(page.locator("#answer")).to_contain_text("Samtale")
    assert_fits_phone(journey, "candidate accepted")
    journey.screenshot("v4-phone-company-candidate-accepted")
    entry.refresh_from_db()
    assert entry.outcome == Outcome.INTERVIEW
    assert AccessLog.objects.filter(citizen_id=case.citizen_id, action="view", role="Virksomhed").exists()
    assert journey.clicks - posting_clicks <= ACCEPT_CLICKS
    journey.assert_within_budget(clicks=POST_CLICKS + ACCEPT_CLICKS, fields=FIELDS)
