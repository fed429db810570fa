"""Journey at 390 px: on Virksomhedsindgang a company user signs a work agreement with their own login, reports a
week of hours (budget ≤ 4 clicks) and rates the agreed tasks at a follow-up; then the jobformidler confirms the hours
from "Mine opgaver", and they count in the KPI."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from jobspor.companies.services import contact_save
from jobspor.kpi import engine
from jobspor.placements import services
from jobspor.placements.models import FollowUp, Signature, WeekHours
from jobspor.placements.weeks import monday_of
from jobspor.testing.factories import (
    DepartmentFactory,
    EmployeeFactory,
    TeamFactory,
    make_case,
    make_company,
    make_company_user,
)

# Aftaler (1) · Læs og underskriv (1) · Underskriv (1)
SIGN_CLICKS = 3
# Timer (1) · Indberet timer (1) — the budget is 4
HOURS_CLICKS = 4
# Opfølgning (1) · Giv vurdering (1) · Send (1)
RATE_CLICKS = 3
# Jobformidler: log in (1) · Mine opgaver (1) · the item (1) · Bekræft (1)
CONFIRM_CLICKS = 4
# Company: demo login (1) + the three parts + log off (1); staff: the four above
CLICK_BUDGET = 1 + SIGN_CLICKS + HOURS_CLICKS + RATE_CLICKS + 1 + CONFIRM_CLICKS
# read-and-sign box (1) · two hours (2) · two ratings (2) · user name and password (2)
FIELD_BUDGET = 7


@pytest.fixture
def setting(transactional_db):
    team = TeamFactory(name="Team Nord", department=DepartmentFactory(name="Jobcenter Vest"))
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    company = make_company(name="Nordlager ApS", postal_code="8210", owner=anne)
    contact = contact_save(actor=None, company=company, name="Mette Lund", role="Lagerchef")
    placement = services.placement_create(
        actor=anne.user, case=case, company=company, contact=contact, kind="virksomhedspraktik", purpose=1,
        start=dt.date(2025, 3, 3), title="Lagerhjælp",
        agreement={"goal": "Ordinære timer som lagermedarbejder", "tasks": ["pakke varer", "rengøre lager"],
                   "hours_per_week": 10, "conversion": "Når en opgave mestres (8+), aflønnes den ordinært.",
                   "start": dt.date(2025, 3, 3)})
    agreement = services.current_agreement(placement)
    content_hash = services.agreement_hash(agreement)
    for role, name in (("borger", "Jens Hansen"), ("jobcenter", "Anne Holm")):
        services.agreement_sign(actor=anne.user, agreement=agreement, role=role, signer_name=name,
                                content_hash=content_hash)
    make_company_user(company=company, name="Birthe Berg")
    return {"placement": placement, "anne": anne}


@pytest.mark.e2e
@override_settings(JOBSPOR_DEMO_LOGINS=True)
def test_company_signs_reports_hours_rates_and_the_jobformidler_confirms(phone_journey, setting):
    journey, page = phone_journey, phone_journey.page
    placement = setting["placement"]
    journey.goto("/virksomhed/log-ind/demo/")
    journey.click(page.get_by_role("button", name="Log ind som Birthe Berg, Nordlager ApS"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Vores kontakt i jobcentret")

    # Aftaler: read and sign with the company user's own login.
    start = journey.clicks
    journey.click(page.locator(".jobspor-nav").get_by_role("link", name="Aftaler", exact=True))
    journey.click(page.get_by_role("link", name="Læs og underskriv"))
    expect(page.locator(".jobspor-agreement")).to_contain_text("Ordinære timer som lagermedarbejder")
    journey.check("#id_read")
    journey.screenshot("virk-1-sign")
    journey.click("#sign-button")
    expect(page.locator(".alert-success")).to_contain_text("MitID Erhverv")
    assert journey.clicks - start <= SIGN_CLICKS
    signature = Signature.objects.get(role="virksomhed")
    assert (signature.channel, signature.signer_name) == ("mitid_erhverv", "Birthe Berg")
    placement.refresh_from_db()
    assert placement.agreement_signed_on == timezone.localdate()

    # Timer: last week's hours, one form, one submit.
    start = journey.clicks
    journey.click(page.locator(".jobspor-nav").get_by_role("link", name="Timer", exact=True))
    card = page.locator(f"#forloeb-{placement.pk}")
    journey.fill(card.get_by_label("Praktiktimer"), "10")
    journey.fill(card.get_by_label("Ordinære timer (med løn)"), "4")
    journey.click(card.get_by_role("button", name="Indberet timer"))
    expect(page.locator(".alert-success")).to_contain_text("er indberettet for Jens Hansen")
    journey.screenshot("virk-2-hours")
    wide = page.evaluate("""() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right
        > document.documentElement.clientWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id)""")
    assert journey.horizontal_overflow() == 0, wide
    assert journey.clicks - start <= HOURS_CLICKS
    week = monday_of(timezone.localdate()) - dt.timedelta(weeks=1)
    row = WeekHours.objects.get(placement=placement)
    assert (row.week, row.internship_hours, row.ordinary_hours, row.status) == (week, 10, 4, "reported")

    # Opfølgning: rate each agreed task 1–10.
    start = journey.clicks
    journey.click(page.locator(".jobspor-nav").get_by_role("link", name="Opfølgning", exact=True))
    journey.click(page.get_by_role("link", name="Giv vurdering"))
    journey.select_option(page.get_by_label("pakke varer"), value="8")
    journey.select_option(page.get_by_label("rengøre lager"), value="6")
    journey.screenshot("virk-3-rate")
    journey.click("#save-rating")
    expect(page.locator(".alert-success")).to_contain_text("Tak")
    assert journey.clicks - start <= RATE_CLICKS
    ratings = {r.task: r.company_rating for r in FollowUp.objects.get().ratings.all()}
    assert ratings == {"pakke varer": 8, "rengøre lager": 6}
    journey.click(page.get_by_role("button", name="Log af"))

    # The jobformidler confirms the hours from "Mine opgaver".
    journey.login("anne")
    journey.click(page.get_by_role("link", name="Mine opgaver"))
    journey.click(page.get_by_role("link", name="Bekræft timer fra Nordlager ApS"))
    expect(page.locator(f"#queue-{placement.pk}")).to_contain_text("Birthe Berg")
    journey.screenshot("virk-4-confirm")
    journey.click(page.get_by_role("button", name="Bekræft", exact=True))
    expect(page.locator(".alert-success")).to_contain_text("er bekræftet")
    row.refresh_from_db()
    assert row.status == "confirmed"
    result = engine.compute(engine.KpiQuery(start=week, end=week + dt.timedelta(days=6)))
    assert result["ordinary_hours"]["numerator"] == 1 and result["companies_with_ordinary_hours"] == 1
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
