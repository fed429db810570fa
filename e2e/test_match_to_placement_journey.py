"""Journey (issue 10, point 7): from the case's Match tab a jobformidler presses "Opret forløb" on the best
opening; the placement form arrives with the opening's company, title and tasks filled in; saving starts the
placement today and marks the opening filled, so it is offered to nobody else."""

import pytest
from playwright.sync_api import expect

from jobspor.companies.services import contact_save
from jobspor.jobs.choices import JobStatus
from jobspor.jobs.models import JobOpening
from jobspor.placements.models import Placement
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case, make_company, make_cv, make_job

# Log in (1) · Match tab (1) · Opret forløb (1) · save (1)
CLICK_BUDGET = 4
# User name + password (2)
FIELD_BUDGET = 2


@pytest.fixture
def setting(transactional_db):
    anne = EmployeeFactory(name="Anne Holm", team=TeamFactory(name="Team Nord"), roles=["jobformidler"],
                           user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", postal_code="8700")
    make_cv(case=case, tasks=["pakke varer", "plukke ordrer"], job_goals=["Lagermedarbejder"], max_commute_km=20,
            hours_per_week=10, driving_licence=["B"])
    company = make_company(name="Hansen & Søn Lager ApS", postal_code="8700")
    contact_save(actor=None, company=company, name="Mette Lund", role="Lagerchef")
    job = make_job(company=company, title="Lagerhjælp", external_id="J1", tasks=["pakke varer", "plukke ordrer"],
                   hours_per_week=8, postal_code="8700")
    return {"case": case, "job": job}


@pytest.mark.e2e
def test_opret_forloeb_from_a_match(journey, setting):
    page = journey.page
    case, job = setting["case"], setting["job"]
    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="Match"))
    expect(page.locator(f"#job-match-{job.pk}")).to_contain_text("Lagerhjælp")
    journey.click(f"#place-{job.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyt virksomhedsforløb")
    expect(page.locator("#id_title")).to_have_value("Lagerhjælp")
    expect(page.get_by_label("pakke varer", exact=True)).to_be_checked()
    expect(page.get_by_label("plukke ordrer", exact=True)).to_be_checked()
    journey.screenshot("match-1-prefilled")
    journey.click("#save-placement")
    expect(page.locator(".alert-success")).to_contain_text("Virksomhedsforløbet er oprettet")
    placement = Placement.objects.get()
    assert placement.opening_id == job.pk and placement.company_id == job.company_id
    assert placement.contact.name == "Mette Lund"
    assert JobOpening.objects.get(pk=job.pk).status == JobStatus.FILLED
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
