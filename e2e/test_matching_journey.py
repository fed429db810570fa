"""Journey: a consultant opens an opening, sees ranked candidates with Danish reasons, puts two on the
shortlist, records that it was sent, and records an outcome."""

import pytest
from playwright.sync_api import expect

from jobspor.matching.models import ShortlistEntry
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case, make_company, make_cv, make_job

# Log in (1) · Job og småjob (1) · the opening (1) · Kandidater (1) · two × Sæt på shortliste (2) · send (1) ·
# Registrér udfald (1)
CLICKS = 8
# User name + password (2) · the outcome (1)
FIELDS = 3


@pytest.mark.e2e
def test_consultant_shortlists_candidates_and_records_an_outcome(journey):
    team = TeamFactory(name="Team Nord")
    kim = EmployeeFactory(name="Kim Konsulent", team=team, roles=["jobformidler"], user__username="kim")
    company = make_company(name="Nordlager ApS", postal_code="8700")
    make_job(company=company, title="Lagerhjælp", external_id="J1", tasks=["pakke varer", "plukke ordrer"],
             hours_per_week=8, postal_code="8700")
    for name, code, tasks in [("Ali Hansen", "8700", ["pakke varer", "plukke ordrer"]),
                              ("Bente Jensen", "7100", ["pakke varer"]), ("Carl Berg", "8700", ["plukke ordrer"])]:
        make_cv(case=make_case(primary=kim, name=name, postal_code=code), tasks=tasks, hours_per_week=10)
    page = journey.page
    journey.login("kim")
    journey.click(page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Job og småjob"))
    journey.click(page.get_by_role("link", name="Lagerhjælp").first)
    journey.click(page.locator("#job-candidates"))
    ranking = page.locator("#ranking li")
    expect(ranking.first).to_contain_text("Ali Hansen")
    expect(ranking.first).to_contain_text("Har erfaring med at pakke varer og plukke ordrer (2 af 2 opgaver)")
    expect(ranking.first).to_contain_text("Bor 0 km fra arbejdspladsen")
    journey.screenshot("m1-candidates")
    journey.click(ranking.nth(0).get_by_role("button", name="Sæt på shortliste"))
    expect(page.locator("#shortlist li")).to_have_count(1)
    journey.click(page.locator("#ranking").get_by_role("button", name="Sæt på shortliste").first)
    expect(page.locator("#shortlist li")).to_have_count(2)
    journey.click(page.locator("#send-shortlist"))
    entry = ShortlistEntry.objects.get(case__citizen__name="Ali Hansen")
    journey.select_option(f"#id_e{entry.pk}-outcome", value="samtale")
    journey.click(page.locator(f"#entry-{entry.pk}").get_by_role("button", name="Registrér udfald"))
    expect(page.locator(f"#outcome-{entry.pk}")).to_have_text("Samtale")
    journey.screenshot("m2-shortlist-outcome")
    entry.refresh_from_db()
    assert entry.outcome == "samtale" and entry.sent_on is not None
    journey.assert_within_budget(clicks=CLICKS, fields=FIELDS)
