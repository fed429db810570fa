"""C10 on a phone: the citizen opens "Ordinære timer og min økonomi" on Min side (prefilled from their own case),
types a wage and hours, and reads the result, the chart and the table behind it — all within 390 px."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client
from playwright.sync_api import expect
from test_phone_journey import assert_fits_phone

from jobspor.economy.models import EarningsRule, Rate
from jobspor.testing.factories import EmployeeFactory, citizen_login, make_case

# Beregn (1)
CLICK_BUDGET = 1
# Hourly wage and hours per week (2); the benefit, rate and date are prefilled from the case
FIELD_BUDGET = 2


@pytest.mark.e2e
def test_citizen_uses_the_calculator_on_a_phone(phone_journey):
    journey = phone_journey
    # The sources give no base rate and no maximum dagpenge rate: made-up figures for the journey.
    Rate.objects.create(scheme="kontanthjaelp", kind="sats", category="forhoejet_sats", amount=Decimal("12000"),
                        valid_from=dt.date(2025, 7, 1), source="test", confirmed=True)
    Rate.objects.create(scheme="kontanthjaelp", kind="hoejeste_dagpengesats", category="", amount=Decimal("20000"),
                        valid_from=dt.date(2025, 7, 1), source="test", confirmed=True)
    EarningsRule.objects.get_or_create(  # shipped by the migration; live_server's flush may have emptied the table
        scheme="kontanthjaelp", category="forhoejet_sats", valid_from=dt.date(2025, 7, 1),
        defaults={"disregard_monthly": Decimal("2500"), "reduction_percent": Decimal("65"),
                  "full_deduction_at_percent": Decimal("100"), "source": "lundsteenwiederquist.dk"})
    case = make_case(primary=EmployeeFactory(roles=["jobformidler"]), name="Lone Timer")  # 36 years: forhøjet sats
    client = Client()
    citizen_login(client, case.citizen)  # the session MitID would start (the SAML flow has its own tests)
    journey.page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value,
                                       "url": journey.base_url}])
    journey.goto("/min-side/oekonomi/")
    expect(journey.page.get_by_role("heading", name="Ordinære timer og min økonomi")).to_be_visible()
    journey.fill(journey.page.get_by_label("Timeløn før skat (kr.)"), "140")
    journey.fill(journey.page.get_by_label("Ordinære timer pr. uge"), "15")
    journey.click(journey.page.get_by_role("button", name="Beregn"))
    # 140 × 15 × 52/12 = 9.100; 65 % × (9.100 − 2.500) = 4.290 → benefit 7.710; income 16.810; gain 4.810.
    expect(journey.page.get_by_text("4.810 kr.", exact=True)).to_be_visible()
    chart = journey.page.get_by_role("img", name="Indkomst pr. måned efter timer om ugen: ydelse og løn")
    expect(chart).to_be_visible()
    expect(journey.page.get_by_text("ikke bekræftet").first).to_be_visible()
    assert_fits_phone(journey, "the calculator's result")
    journey.screenshot("economy_minside_phone")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
