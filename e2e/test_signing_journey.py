"""Journey: on a phone (390 px) the jobformidler makes the plan ready for signing from the Plan tab and hands the
phone to the citizen, who signs on the spot (first forgetting the name: a Danish message, nothing signed); the
signed version shows with its hash, checked ("Hash stemmer"), and the Plan tab lists it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from test_phone_journey import assert_fits_phone

from jobspor.plans import services as plan_services
from jobspor.signing.models import DocumentSignature, SignableDocument
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case

# Log in (1) · Plan tab (1) · "Gør planen klar til underskrift" (1) · "Skriv under" without a name (1)
# · "Skriv under" (1)
CLICK_BUDGET = 5
# User name + password (2) · the citizen's name (1) · the tick (1)
FIELD_BUDGET = 4


@pytest.mark.e2e
def test_citizen_signs_the_plan_on_the_jobformidlers_phone(phone_journey):
    journey = phone_journey
    anne = EmployeeFactory(name="Anne Holm", team=TeamFactory(name="Team Nord"), roles=["jobformidler"],
                           user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    plan = plan_services.plan_save(actor=anne.user, case=case, goal="job", goal_text="Lagermedarbejder 25 timer")
    plan_services.sub_goal_add(actor=anne.user, plan=plan, text="Tage bussen selv til Nordlager",
                               due=timezone.localdate() + dt.timedelta(days=14))
    page = journey.page

    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="Plan"))
    expect(page.locator("#plan-signing")).to_contain_text("Planen er ikke skrevet under endnu.")
    journey.click(page.get_by_role("button", name="Gør planen klar til underskrift"))

    # The phone goes to the citizen: the plan as it will be signed, its fingerprint, and the signing form.
    expect(page.locator("#signing-sub-goals")).to_contain_text("Tage bussen selv til Nordlager")
    doc = SignableDocument.objects.get(case=case, kind="plan")
    expect(page.locator("#signing-hash")).to_contain_text(doc.content_hash)
    assert_fits_phone(journey, "the signing page")
    journey.click(page.get_by_role("button", name="Skriv under"))
    expect(page.locator("main")).to_contain_text("Skriv dit fulde navn for at skrive under.")
    assert not DocumentSignature.objects.exists()
    journey.fill(page.get_by_label("Skriv dit fulde navn"), "Jens Hansen")
    journey.check(page.get_by_label("Jeg har læst dokumentet og er enig i det."))
    journey.screenshot("signing-a-citizen-signs-on-phone")
    journey.click(page.get_by_role("button", name="Skriv under"))

    # The signed version with its hash, checked.
    expect(page.locator(".alert-success")).to_contain_text("er underskrevet")
    expect(page.locator("#signing-status")).to_contain_text("Underskrevet af Jens Hansen")
    expect(page.locator("#signing-check")).to_contain_text("Hash stemmer")
    expect(page.locator("#signing-hash")).to_contain_text(doc.content_hash)
    assert_fits_phone(journey, "the signed version")
    journey.screenshot("signing-b-signed-with-hash")
    assert DocumentSignature.objects.get(document=doc).channel == "enhed"

    journey.goto(f"/sag/{case.pk}/?fane=plan")
    expect(page.locator("#plan-signing")).to_contain_text("underskrevet af Jens Hansen")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
