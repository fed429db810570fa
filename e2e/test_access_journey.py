"""Journey 2: a refused look at a case is shown in Danish, logged, and visible to the leader in the access log."""

import pytest
from playwright.sync_api import expect

from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case

# Outsider logs in (1) · logs out (1) · leader logs in (1) · "Se adgangslog for borgeren" (1)
CLICK_BUDGET = 4
# Two logins: user name + password (4)
FIELD_BUDGET = 4


@pytest.mark.e2e
def test_denied_attempt_is_shown_in_leaders_access_log(journey):
    department = DepartmentFactory(name="Jobcenter Vest")
    team = TeamFactory(name="Team Nord", department=department)
    other_team = TeamFactory(name="Team Syd", department=department)
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    EmployeeFactory(name="Carl Dam", team=other_team, roles=["jobformidler"], user__username="carl")
    EmployeeFactory(name="Lise Lund", team=TeamFactory(name="Ledelsen", department=department), roles=["leder"],
                    user__username="lise")
    case = make_case(primary=anne, name="Jens Hansen")
    page = journey.page

    # A jobformidler from another team, not on the case, opens its address directly.
    journey.login("carl")
    response = journey.goto(f"/sag/{case.pk}/")
    assert response.status == 403
    expect(page).to_have_title("Ingen adgang – Jobspor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingen adgang")
    expect(page.get_by_role("alert")).to_contain_text("Forsøget er registreret i adgangsloggen.")
    expect(page.locator("main")).not_to_contain_text("Jens Hansen")
    journey.screenshot("2a-denied")
    journey.logout()

    # The department's leader sees the case and, from it, the citizen's access log.
    journey.login("lise")
    journey.goto(f"/sag/{case.pk}/")
    journey.click(page.get_by_role("link", name="Se adgangslog for borgeren"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Adgangslog – Jens Hansen")
    denied = page.locator("#access-log tbody tr", has_text="Adgang nægtet")
    expect(denied).to_have_count(1)
    expect(denied).to_contain_text("Carl Dam (carl)")
    expect(denied).to_contain_text("Sagsbehandling")
    expect(denied).to_contain_text(f"/sag/{case.pk}/")
    # The leader's own looks are logged too.
    expect(page.locator("#access-log tbody tr", has_text="Adgangslog vist")).to_contain_text("Lise Lund (lise)")
    journey.screenshot("2-final-access-log")

    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
