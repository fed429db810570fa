"""Journey on a phone: a jobformidler gives a citizen a volunteer mentor with tasks from the mentor catalogue,
and sees, next to each chosen area, what the mentor may not do."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case

# Log in (1) · Mentor tab (1) · Tilknyt mentor (1) · save (1)
CLICK_BUDGET = 4
# User name + password (2) · kind (1) · name, phone, organisation (3) · two areas (2) · tasks (1) · hours (1)
FIELD_BUDGET = 10


@pytest.mark.e2e
def test_jobformidler_assigns_a_volunteer_mentor_on_a_phone(phone_journey):
    journey = phone_journey
    team = TeamFactory(name="Team Nord", department=DepartmentFactory(name="Jobcenter Vest"))
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    page = journey.page

    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="Mentor", exact=True))
    expect(page.locator("main")).to_contain_text("Borgeren har ingen mentor.")
    journey.click(page.get_by_role("link", name="Tilknyt mentor"))
    journey.check(page.get_by_label("Frivillig mentor", exact=True))
    journey.fill("#id_volunteer_name", "Karen Frivillig")
    journey.fill("#id_volunteer_phone", "20 30 40 50")
    journey.fill("#id_volunteer_organisation", "Røde Kors Horsens")
    journey.check("#area-praktiske_opgaver")
    journey.check("#area-kontakt")
    journey.fill("#id_tasks", "Øve busturen til praktikken. Følge Jens til lægen første gang.")
    journey.fill("#id_hours_per_week", "1,5")
    assert journey.horizontal_overflow() == 0
    journey.screenshot("mentor-a-form-phone")
    journey.click(page.get_by_role("button", name="Tilknyt mentor"))

    expect(page.locator(".alert-success")).to_contain_text("Karen Frivillig er tilknyttet som mentor.")
    assignment = page.locator("section", has_text="Karen Frivillig").first
    expect(assignment).to_contain_text("Røde Kors Horsens")
    expect(assignment).to_contain_text("1,5")
    expect(assignment).to_contain_text("At søge bevillinger for borgeren")  # kontakt: may not
    expect(assignment).to_contain_text("taxaordning")  # praktiske opgaver: may not
    expect(assignment).not_to_contain_text("At dokumentere eller vurdere borgerens arbejdsevne")
    assert journey.horizontal_overflow() == 0
    journey.screenshot("mentor-b-assigned-phone")

    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
