"""Ledelsesinformation: a leader opens the dashboard, filters to 'Flere skal med' group 1, drills from
"ordinary hours" to the cases behind the number and downloads them to Excel: the file opens and holds the
same number of cases."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from jobspor.cases.models import Case
from jobspor.kpi import engine
from jobspor.kpi.engine import KpiQuery
from jobspor.kpi.tests import scenario
from jobspor.organisation.models import Team
from jobspor.testing.factories import EmployeeFactory

# Nav item (1) · open the filters (1) · "Vis tal" (1) · the number (1) · Excel (1)
CLICK_BUDGET = 6
# The 'Flere skal med' group (1)
FIELD_BUDGET = 1


@pytest.mark.e2e
def test_leader_drills_from_ordinary_hours_to_the_cases_and_downloads_excel(journey):
    today = dt.date.today()
    data = scenario.build(8, citizens=80, key_dates=[dt.date(today.year, 1, 1)],
                          window=(today - dt.timedelta(days=600), today))
    department = data["teams"][0].department
    Team.objects.filter(pk__in=[t.pk for t in data["teams"]]).update(department=department)
    Case.objects.filter(team__isnull=True).update(team=data["teams"][0])  # the leader sees every case
    EmployeeFactory(name="Lene Leder", team=data["teams"][0], roles=["leder"], user__username="lene")
    expected = engine.compute(KpiQuery(start=dt.date(today.year, 1, 1), end=today, fsm_group=1))
    page = journey.page

    journey.login("lene")
    journey.clicks = journey.fields = 0  # the budget counts from the start page
    journey.click(page.locator(".jobspor-nav").get_by_role("link", name="Ledelsesinfo"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesinformation")
    journey.screenshot("kpi-1-dashboard")
    journey.click(page.get_by_text("Vælg enhed, periode og filtre"))
    journey.select_option("#id_fsm_group", value="1")
    journey.click(page.get_by_role("button", name="Vis tal"))
    table = page.locator("#table-kpi")
    row = table.locator("tr", has_text="Har haft ordinære timer")
    number = expected["ordinary_hours"]["numerator"]
    expect(row.locator("td").nth(1)).to_have_text(str(number))
    expect(table.locator("tr", has_text="Sager i perioden").locator("td").nth(1)).to_have_text(
        str(expected["population"]))
    journey.screenshot("kpi-2-group-1")

    journey.click(row.get_by_role("link", name=str(number)))
    expect(page.get_by_role("heading", level=1)).to_have_text("Har haft ordinære timer")
    expect(page.locator("#drill-table tbody tr")).to_have_count(min(number, 25))
    journey.screenshot("kpi-3-drill")

    with page.expect_download() as download_info:
        journey.click(page.get_by_role("link", name="Excel"))
    path = download_info.value.path()
    rows = list(load_workbook(io.BytesIO(open(path, "rb").read())).active.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[:2] == ("Sag", "Borger"))  # after the title, unit, period
    assert header > 0 and any("Periode" in str(cell) for row in rows[:header] for cell in row if cell)
    rows = rows[header:]
    assert len(rows) - 1 == number
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)


@pytest.mark.e2e
def test_dashboard_fits_a_phone(phone_journey):
    today = dt.date.today()
    data = scenario.build(4, citizens=30, window=(today - dt.timedelta(days=500), today))
    EmployeeFactory(name="Lene Leder", team=data["teams"][0], roles=["leder"], user__username="lene")
    phone_journey.login("lene")
    phone_journey.goto("/ledelsesinfo/")
    expect(phone_journey.page.get_by_role("heading", level=1)).to_have_text("Ledelsesinformation")
    phone_journey.screenshot("kpi-phone")
    assert phone_journey.horizontal_overflow() == 0
