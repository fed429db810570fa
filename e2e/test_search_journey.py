"""Search from every page (issue 13): on a company's page, type "soren" in the header's search field and open
Søren's case — Danish letters forgiven, on a phone."""

from playwright.sync_api import expect

from jobspor.testing.factories import EmployeeFactory, make_case, make_company

# Search (1) · open the case (1); log in and the company page are the start (a bookmark)
CLICK_BUDGET = 3
FIELD_BUDGET = 3  # user name, password, search term


def test_search_soren_from_the_company_page(phone_journey):
    journey = phone_journey
    broker = EmployeeFactory(name="Anne Holm", roles=["jobformidler"], user__username="anne")
    make_case(primary=broker, name="Søren Østergaard")
    make_case(primary=broker, name="Jens Hansen")
    company = make_company(owner=broker, name="Åbybro Køkken ApS")
    page = journey.page

    journey.login("anne", next=f"/virksomheder/{company.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Åbybro Køkken ApS")
    journey.fill("#header-search", "soren")
    journey.click(page.locator(".jobspor-header-search").get_by_role("button", name="Søg"))
    expect(page.locator("#search-total")).to_contain_text("1 resultat")
    journey.click(page.get_by_role("link", name="Søren Østergaard"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Søren Østergaard")
    expect(page.locator("#standing")).to_be_visible()
    journey.screenshot("search-soren-phone")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
