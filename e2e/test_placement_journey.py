"""Journey: a jobformidler registers a company placement with its work agreement from the case, and the citizen,
the company contact and the jobformidler sign on the spot on one tablet (a national study counted 80 clicks to
register one internship; the budget here is 15). Then a month of hours in one go."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from jobspor.companies.models import CompanyContact
from jobspor.companies.services import contact_save
from jobspor.cv.services import cv_item_add
from jobspor.placements.models import Placement, Signature, WeekHours
from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case, make_company

# Log in (1) · Forløb tab (1) · new placement (1) · save (1) · sign on the spot (1) · three signatures (3)
CLICK_BUDGET = 15
# User name + password (2) · company, contact, kind, purpose (4) · two tasks (2) · hours (1) · three names (3)
FIELD_BUDGET = 14
TABLET = {"width": 820, "height": 1180}


@pytest.fixture
def setting(transactional_db):
    team = TeamFactory(name="Team Nord", department=DepartmentFactory(name="Jobcenter Vest"))
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne",
                           phone="33445566", email="anne@jobcenter.dk")
    case = make_case(primary=anne, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    for task in ("pakke varer", "rengøre lager", "fylde hylder op"):
        cv_item_add(actor=None, citizen=case.citizen, kind="task", text=task)
    company = make_company(name="Nordlager ApS", postal_code="8210")
    contact_save(actor=None, company=company, name="Mette Lund", role="Lagerchef", phone="20304050")
    other = make_company(name="Bageriet Aps", postal_code="8000")
    contact_save(actor=None, company=other, name="Per Bager")
    return {"case": case}


def _draw(page, canvas):
    """A signature stroke with the pointer (mouse events are pointer events to the pad)."""
    page.locator(canvas).scroll_into_view_if_needed()
    box = page.locator(canvas).bounding_box()
    x, y = box["x"] + 20, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(x + step * 18, y + (12 if step % 2 else -12))
    page.mouse.up()


@pytest.mark.e2e
def test_register_placement_and_sign_on_one_tablet(journey, setting):
    page = journey.page
    page.set_viewport_size(TABLET)
    case = setting["case"]
    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")  # from the case (opened from the list or a bookmark)

    journey.click(page.locator(".jobspor-tabs").get_by_role("link", name="Forløb"))
    journey.click("#new-placement")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyt virksomhedsforløb")
    page.wait_for_load_state("load")  # htmx is loaded (deferred script)
    journey.select_option("#id_company", label="Nordlager ApS")
    expect(page.locator("#id_contact")).to_have_value(str(CompanyContact.objects.get(name="Mette Lund").pk))
    journey.select_option("#id_kind", label="Virksomhedspraktik")
    journey.select_option("#id_purpose", index=1)
    journey.check(page.get_by_label("pakke varer", exact=True))
    journey.check(page.get_by_label("rengøre lager", exact=True))
    journey.fill("#id_hours_per_week", "12")
    journey.screenshot("placement-1-form")
    journey.click("#save-placement")
    expect(page.locator(".alert-success")).to_contain_text("Virksomhedsforløbet er oprettet")

    journey.click("#sign-link")
    # The page names the parties' roles, never whose name to type.
    expect(page.locator("#underskrifter")).not_to_contain_text("Jens Hansen")
    for role, name in (("borger", "Jens Hansen"), ("virksomhed", "Mette Lund"), ("jobcenter", "Anne Holm")):
        journey.fill(f"#id_signer_{role}", name)
        if role == "borger":  # the citizen also draws a signature with a finger on the pad
            _draw(page, f"#sign-{role} canvas")
        if role == "jobcenter":
            journey.screenshot("placement-2-signing")
        journey.click(f"#sign-button-{role}")
    expect(page.locator("#agreement-state")).to_contain_text("Underskrevet af alle")
    assert journey.horizontal_overflow() == 0
    journey.screenshot("placement-3-signed")

    placement = Placement.objects.get()
    assert placement.agreement_signed_on == dt.date.today() and placement.contact.name == "Mette Lund"
    drawn = Signature.objects.get(role="borger")
    assert drawn.drawing and drawn.content_hash == placement.agreements.get().content_hash
    assert not Signature.objects.get(role="virksomhed").drawing
    assert placement.agreements.get().tasks == ["pakke varer", "rengøre lager"]
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)


@pytest.mark.e2e
def test_enter_a_month_of_hours(journey, setting):
    from jobspor.placements import services

    case = setting["case"]
    company = make_company(name="Havnens Kantine", postal_code="8000")
    contact = contact_save(actor=None, company=company, name="Lone Kok")
    placement = services.placement_create(
        actor=None, case=case, company=company, contact=contact, kind="virksomhedspraktik", purpose=1,
        start=dt.date(2025, 3, 3), agreement={"goal": "Ordinære timer i køkkenet", "tasks": ["opvask"],
                                              "hours_per_week": 10, "conversion": "Efter 4 uger",
                                              "start": dt.date(2025, 3, 3)})
    page = journey.page
    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/forloeb/{placement.pk}/")
    journey.click("#hours-link")
    journey.goto(f"/sag/{case.pk}/forloeb/{placement.pk}/timer/?maaned=2025-03")
    expect(page.locator("#hours-grid tbody tr")).to_have_count(5)
    for week in range(10, 15):
        journey.fill(f"#id_i-2025-W{week}", "10" if week < 13 else "8")
    journey.fill("#id_o-2025-W13", "2")
    journey.fill("#id_o-2025-W14", "61")
    journey.click("#save-hours")
    expect(page.locator("#id_o-2025-W14_error")).to_contain_text("Højst 60 timer.")
    assert not WeekHours.objects.exists()
    journey.fill("#id_o-2025-W14", "4,5")
    journey.click("#save-hours")
    expect(page.locator(".alert-success")).to_contain_text("Timerne for marts 2025 er gemt.")
    expect(page.locator(".jobspor-hours-chart rect.ordinary")).to_have_count(5)
    journey.screenshot("placement-4-hours")
    assert WeekHours.objects.filter(placement=placement).count() == 5
    assert str(WeekHours.objects.get(week=dt.date(2025, 3, 31)).ordinary_hours) == "4.5"
    journey.assert_within_budget(clicks=4, fields=10)


def _first_monday(month: dt.date) -> dt.date:
    return month + dt.timedelta(days=(7 - month.weekday()) % 7)


@pytest.mark.e2e
def test_six_weeks_of_hours_two_follow_ups_with_ratings_and_the_flag(journey, setting):
    """Six weeks of internship hours over two months, two follow-ups on site with the citizen's and the
    company's ratings (1–10) four weeks apart; the tasks are mastered and still no ordinary hours, so the
    placement is flagged (seed 004: convert to paid hours or change company), and the progression shows."""
    from jobspor.placements import services

    case = setting["case"]
    today = dt.date.today()
    two_back = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    two_back = (two_back - dt.timedelta(days=1)).replace(day=1)
    start = _first_monday(two_back)
    company = make_company(name="Havnens Kantine", postal_code="8000")
    contact = contact_save(actor=None, company=company, name="Lone Kok")
    placement = services.placement_create(
        actor=None, case=case, company=company, contact=contact, kind="virksomhedspraktik", purpose=1,
        start=start, agreement={"goal": "Ordinære timer i køkkenet", "tasks": ["vaske op", "skrælle grøntsager"],
                                "hours_per_week": 10, "conversion": "Mestrede opgaver aflønnes efter 4 uger",
                                "start": start})
    page = journey.page
    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/forloeb/{placement.pk}/")

    # Six weeks of hours: the month two back in full, the rest in the month after.
    entered = 0
    for back in (2, 1):
        journey.click("#hours-link")
        for _ in range(back):
            # A link, not htmx: wait for the month before the next click, which would else hit the page still shown
            # (a CI flake: two clicks went one month back).
            shown = page.locator("#month-name").inner_text()
            journey.click("#previous-month")
            expect(page.locator("#month-name")).not_to_have_text(shown)
        for field in page.locator("#hours-grid input[id^='id_i-']").all():
            if entered == 6:
                break
            journey.fill(field, "10")
            entered += 1
        journey.click("#save-hours")
        expect(page.locator(".alert-success")).to_contain_text("er gemt")
    assert WeekHours.objects.filter(placement=placement, internship_hours=10).count() == 6

    # Two follow-ups on site, four weeks apart (the first one the week after the hours start).
    for day, (citizen, company_rating) in ((today - dt.timedelta(days=35), (6, 8)), (today, (8, 9))):
        journey.click("#follow-up-link")
        journey.fill("#id_date", f"{day:%Y-%m-%d}")
        journey.fill("#id_place", "Køkkenet")
        journey.fill("#id_participants", "Jens, Lone, Anne")
        for i in range(2):
            journey.fill(f"#id_c{i}", str(citizen))
            journey.fill(f"#id_k{i}", str(company_rating))
        journey.click("#save-follow-up")
    expect(page.locator(".jobspor-flag").first).to_contain_text("uden ordinære timer")
    expect(page.locator(".jobspor-task-charts svg")).to_have_count(2)
    expect(page.locator(".jobspor-hours-chart")).to_be_visible()
    journey.screenshot("placement-5-flagged")
    placement.refresh_from_db()
    assert placement.mastered_unconverted
    journey.assert_within_budget(clicks=12, fields=22)
