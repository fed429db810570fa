"""Journey 3: the case list and case page on a phone-sized screen, and the CPR reveal."""

import re

import pytest
from playwright.sync_api import expect

from jobspor.assessments.services import assessment_complete
from jobspor.cases.services import case_staff_add
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case

# Log in (1) · open the case (1) · "Vis fuldt CPR-nummer" (1)
CLICK_BUDGET = 3
# User name + password (2)
FIELD_BUDGET = 2
PHONE_WIDTH = 390
OVERFLOW_TOLERANCE = 2  # CSS pixels (sub-pixel rounding)

# Elements sticking out to the right of the viewport, unless inside a scroll box (a wide table in .table-wrap).
# body has overflow-x: hidden (DKFDS), so content cut off there would not show in the document's scrollWidth.
STICKING_OUT_JS = """(limit) => {
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') return true;
    }
    return false;
  };
  return [...document.body.querySelectorAll('*')]
    .filter((el) => el.getBoundingClientRect().right > limit && !clipped(el))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${[...el.classList].join('.')} `
                 + `right=${Math.round(el.getBoundingClientRect().right)}`);
}"""


def assert_fits_phone(journey, what):
    page = journey.page
    page.evaluate("window.scrollTo(0, 0)")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    sticking_out = page.evaluate(STICKING_OUT_JS, PHONE_WIDTH + OVERFLOW_TOLERANCE)
    assert scroll_width <= PHONE_WIDTH + OVERFLOW_TOLERANCE, f"{what}: scrollWidth {scroll_width}, {sticking_out}"
    assert not sticking_out, f"{what}: content wider than the screen: {sticking_out}"


@pytest.mark.e2e
def test_case_list_and_case_page_fit_a_phone(phone_journey):
    journey = phone_journey
    team = TeamFactory(name="Team Nord")
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    bo = EmployeeFactory(name="Bo Berg", team=team, roles=["myndighedssagsbehandler"])
    name = "Mette Louise Kristiansen-Østergaard"
    case = make_case(primary=anne, name=name, birth="241199", sex="K",
                     benefit="uddannelseshjaelp_aabenlyst_uddannelsesparat")
    for other in ("Jens Hansen", "Karen Marie Sørensen"):
        make_case(primary=anne, name=other)
    case_staff_add(actor=anne.user, case=case, employee=bo, role="myndighedssagsbehandler")
    answers = {"education": 2, "work_experience": 2, "health": 0, "addiction": 0, "housing": 1, "economy": 1,
               "family": 0, "social_network": 0, "language": 0, "motivation": 0, "hours_now": 20,
               "education_wish": True}
    assessment_complete(actor=anne.user, case=case, answers=answers, chosen_group=3,
                        note="Ønsker at begynde på en erhvervsuddannelse til august.")
    full_cpr = f"{case.citizen.cpr[:6]}-{case.citizen.cpr[6:]}"
    page = journey.page
    assert page.viewport_size["width"] == PHONE_WIDTH

    journey.login("anne", next="/sag/")  # a bookmark of the case list
    expect(page.locator("#result-count")).to_have_text("3 sager")
    row = page.locator("#case-results tbody tr", has_text=name)
    expect(row.locator("td[data-title='Målgruppe']")).to_have_text("3 – Uddannelsesparate unge")
    assert_fits_phone(journey, "case list")
    journey.screenshot("3a-phone-case-list")

    journey.click(page.locator("#case-results").get_by_role("link", name=name))
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert_fits_phone(journey, "case overview")

    # The other tabs and the questionnaire fit too (opened by address; not part of the journey's count).
    for tab, heading in [("medarbejdere", "Medarbejdere på sagen"),
                         ("vurderinger", "Vurderinger af afstand til arbejdsmarkedet"),
                         ("historik", "Ændringshistorik")]:
        journey.goto(f"/sag/{case.pk}/?fane={tab}")
        expect(page.get_by_role("heading", level=2).first).to_have_text(heading)
        assert_fits_phone(journey, f"tab {tab}")
        journey.screenshot(f"3b-phone-tab-{tab}")
    journey.goto(f"/sag/{case.pk}/vurdering/")
    assert_fits_phone(journey, "assessment form")
    journey.goto(f"/sag/{case.pk}/")

    # One click shows the full CPR number in place.
    cpr = page.locator("#cpr-value")
    expect(cpr).to_have_text(f"{full_cpr[:6]}-xxxx")
    journey.click(page.get_by_role("button", name="Vis fuldt CPR-nummer"))
    expect(cpr).to_have_text(re.compile(r"^\d{6}-\d{4}$"))
    expect(cpr).to_have_text(full_cpr)
    assert_fits_phone(journey, "case overview with full CPR")
    journey.screenshot("3-final-phone-case-cpr")

    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
