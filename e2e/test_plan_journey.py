"""Journey: a jobformidler lays a plan and adds a sub-goal with owner and due date; the case's mentor logs
in, sees the plan (but no assessments) and follows up on the sub-goal."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jobspor.cases.services import case_staff_add
from jobspor.testing.factories import DepartmentFactory, EmployeeFactory, TeamFactory, make_case

# Log in (1) · Plan tab (1) · Læg plan (1) · goal "Job" (counted as a field) · Gem plan (1) · Tilføj delmål (1)
# · save without due date (1) · save again (1) · log out (1) · mentor logs in (1) · Plan tab (1) · Følg op (1)
# · Gem opfølgning (1)
CLICK_BUDGET = 12
# Two logins (4) · goal + goal text (2) · sub-goal text, owner, due date (3) · note (1)
FIELD_BUDGET = 10


@pytest.mark.e2e
def test_jobformidler_adds_sub_goal_and_mentor_sees_the_plan_only(journey):
    department = DepartmentFactory(name="Jobcenter Vest")
    team = TeamFactory(name="Team Nord", department=department)
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    mette = EmployeeFactory(name="Mette Mentor", team=TeamFactory(name="Mentorkorps", department=department),
                            roles=["mentor"], user__username="mette")
    case = make_case(primary=anne, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    case_staff_add(actor=None, case=case, employee=mette, role="mentor")
    due = timezone.localdate() + dt.timedelta(days=10)
    page = journey.page
    tabs = page.locator(".jobspor-tabs")

    # The jobformidler opens the case and lays the plan.
    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/")
    journey.click(tabs.get_by_role("link", name="Plan"))
    expect(page.locator("main")).to_contain_text("Der er endnu ingen plan på sagen.")
    journey.click(page.get_by_role("link", name="Læg plan"))
    journey.check(page.get_by_label("Job", exact=True))
    journey.fill("#id_goal_text", "Lagermedarbejder 25 timer om ugen")
    journey.click(page.get_by_role("button", name="Gem plan"))
    expect(page.locator(".alert-success")).to_contain_text("Planen er gemt.")

    # A sub-goal: first without a due date (a Danish error at the field, nothing saved), then with one.
    journey.click(page.get_by_role("link", name="Tilføj delmål"))
    journey.fill("#id_text", "Tage bussen selv til Nordlager")
    journey.select_option("#id_owner", label="Mette Mentor")
    journey.click(page.get_by_role("button", name="Tilføj delmål"))
    expect(page.locator("#id_due_error")).to_contain_text("Et delmål skal have en frist.")
    journey.screenshot("plan-a-due-date-missing")
    journey.fill("#id_due", due.isoformat())
    journey.click(page.get_by_role("button", name="Tilføj delmål"))
    expect(page.locator(".alert-success")).to_contain_text("Delmålet er tilføjet planen.")
    goal = page.locator(".plan-subgoal", has_text="Tage bussen selv til Nordlager")
    expect(goal).to_contain_text("Mette Mentor")
    expect(goal).to_contain_text(f"{due.day}.")
    expect(page.locator("#plan-goal")).to_contain_text("Lagermedarbejder 25 timer om ugen")
    journey.screenshot("plan-b-sub-goal-added")
    journey.logout()

    # The mentor sees the plan and its sub-goals, and no assessments, history or mentor tab.
    journey.login("mette")
    journey.goto(f"/sag/{case.pk}/")
    expect(tabs.get_by_role("link", name="Plan")).to_be_visible()
    for hidden in ("Vurderinger", "Historik", "Mentor"):
        expect(tabs.get_by_role("link", name=hidden, exact=True)).to_have_count(0)
    journey.click(tabs.get_by_role("link", name="Plan"))
    expect(goal).to_contain_text("Tage bussen selv til Nordlager")
    expect(page.get_by_role("link", name="Tilføj delmål")).to_have_count(0)
    journey.click(goal.get_by_role("link", name="Følg op"))
    journey.fill("#id_text", "Vi tog bussen sammen i dag; i morgen prøver Jens selv.")
    journey.click(page.get_by_role("button", name="Gem opfølgning"))
    expect(page.locator(".alert-success")).to_contain_text("Opfølgningen er gemt.")
    expect(goal).to_contain_text("i morgen prøver Jens selv")
    expect(goal).to_contain_text("Mette Mentor")
    journey.screenshot("plan-c-mentor-follow-up")
    assert journey.goto(f"/sag/{case.pk}/?fane=vurderinger").status == 403

    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
