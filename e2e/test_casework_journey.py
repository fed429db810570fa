"""Journey 1: a jobformidler finds a citizen, attaches a colleague and records an assessment that departs
from the system's suggestion (which needs a written reason)."""

import re

import pytest
from playwright.sync_api import expect

from jobspor.assessments.questionnaire import AREAS
from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case

# Log in (1) · search (1) · open case (1) · staff tab (1) · attach (1) · assessments tab (1) · new assessment (1)
# · save without reason (1) · save again (1) · overview tab (1)
CLICK_BUDGET = 10
# User name + password (2) · search term (1) · colleague + role (2) · ten areas (10) · hours (1) · group (1)
# · reason (1)
FIELD_BUDGET = 18

# One step of barrier in three areas, 25 hours a week: the system suggests hovedmålgruppe 1.
ANSWERS = {area: 0 for area in AREAS} | {"education": 1, "work_experience": 1, "motivation": 1}
HOURS = "25"
REASON = "Borgeren har netop mistet sin bolig og har brug for en helhedsorienteret indsats."


@pytest.mark.e2e
def test_jobformidler_attaches_colleague_and_overrides_suggestion(journey):
    department = DepartmentFactory(name="Jobcenter Vest")
    team = TeamFactory(name="Team Nord", department=department)
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    EmployeeFactory(name="Bo Berg", team=team, roles=["myndighedssagsbehandler"], user__username="bo")
    EmployeeFactory(name="Bente Ravn", team=TeamFactory(name="Team Syd", department=department),
                    roles=["myndighedssagsbehandler"])
    case = make_case(primary=anne, name="Jens Hansen", birth="120488")
    for name in ("Jens Jensen", "Karen Hansen", "Mette Holm"):
        make_case(primary=anne, name=name)
    page = journey.page

    journey.login("anne", next="/sag/")  # a bookmark of the case list
    expect(page.locator("#result-count")).to_have_text("4 sager")

    # Find the citizen by name (the list updates in place with htmx).
    journey.fill("#id_q", "Jens Hansen")
    journey.click(page.locator("#case-filter").get_by_role("button", name="Søg", exact=True))
    expect(page.locator("#result-count")).to_have_text("1 sag")
    journey.click(page.locator("#case-results").get_by_role("link", name="Jens Hansen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Jens Hansen")

    # Attach the team's myndighedssagsbehandler.
    tabs = page.locator(".jobspor-tabs")
    journey.click(tabs.get_by_role("link", name="Medarbejdere"))
    journey.select_option("#id_employee", label="Bo Berg (Team Nord)")
    journey.select_option("#id_role", label="Myndighedssagsbehandler")
    journey.click(page.get_by_role("button", name="Tilknyt", exact=True))
    expect(page.locator(".alert-success")).to_contain_text("Bo Berg er tilknyttet sagen.")
    bo_row = page.locator("#staff-table tbody tr", has_text="Bo Berg")
    expect(bo_row).to_contain_text("Myndighedssagsbehandler")
    expect(page.locator("#staff-table tbody tr")).to_have_count(2)
    journey.screenshot("1a-staff-attached")

    # A new assessment: answer every area and the hours; the suggestion appears live.
    journey.click(tabs.get_by_role("link", name="Vurderinger"))
    journey.click(page.get_by_role("link", name="Ny vurdering"))
    expect(page.locator("#suggested-group")).to_have_count(0)
    for area, score in ANSWERS.items():
        label, options = AREAS[area]
        group = page.get_by_role("group", name=str(label), exact=True)
        journey.check(group.get_by_label(str(options[score]), exact=True))
    journey.fill("#id_hours_now", HOURS)
    expect(page.locator("#suggested-group")).to_have_text("hovedmålgruppe 1")

    # Choose a different group and save without a reason: a Danish error next to the reason field.
    decision = page.get_by_role("group", name="Hovedmålgruppe (din beslutning)")
    journey.check(decision.get_by_label("2 – Udsatte borgere"))
    journey.click("#save-assessment")
    reason_group = page.locator(".form-group", has=page.locator("#id_override_reason"))
    expect(reason_group.locator(".form-error-message")).to_contain_text(
        "Du har valgt en anden hovedmålgruppe end forslaget (1). Skriv hvorfor.")
    expect(page.locator("#id_override_reason")).to_have_attribute(
        "aria-describedby", re.compile(r"\bid_override_reason_error\b"))
    # Required when departing from the suggestion, so not marked "(valgfri)".
    expect(page.locator("label[for=id_override_reason]")).not_to_contain_text("valgfri")
    # The answers are kept, so only the reason is missing.
    expect(decision.get_by_label("2 – Udsatte borgere")).to_be_checked()
    expect(page.locator("#id_hours_now")).to_have_value(HOURS)
    expect(page.locator("#suggested-group")).to_have_text("hovedmålgruppe 1")
    journey.screenshot("1b-assessment-reason-missing")

    journey.fill("#id_override_reason", REASON)
    journey.click("#save-assessment")
    expect(page).to_have_url(re.compile(rf"/sag/{case.pk}/\?fane=vurderinger$"))
    expect(page.locator(".alert-success")).to_contain_text("Vurderingen er gemt")
    assessment = page.locator("section.jobspor-panel").first
    expect(assessment.get_by_role("heading")).to_contain_text("hovedmålgruppe 2")
    expect(assessment).to_contain_text("Forslag: 1 – Tættest på arbejdsmarkedet")
    expect(assessment).to_contain_text("Afveget fra forslaget")
    expect(assessment).to_contain_text(REASON)
    journey.screenshot("1c-assessments-tab")

    # The case now has the chosen target group.
    journey.click(tabs.get_by_role("link", name="Overblik"))
    expect(page.locator("dt:text-is('Hovedmålgruppe') + dd")).to_have_text("2 – Udsatte borgere")
    journey.screenshot("1-final-case-overview")

    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
