"""Journey (Min side, 390 px): a citizen logs in (the demo login; the MitID/SAML flow has its own journey), reads
the plan, marks their own activity done and adds a task to the CV from a suggestion."""

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone
from playwright.sync_api import expect

from jobspor.citizen_portal.services import citizen_user_for
from jobspor.plans.services import citizen_activity_add, plan_save, sub_goal_add
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case, make_cv

# Demo login (1) · pick the citizen (1) · "Min plan" (1) · "Markér som udført" (1) · "Mit CV" (1) · the suggested
# task (1)
CLICK_BUDGET = 6
# The first letters of the task (1)
FIELD_BUDGET = 1
PHONE_WIDTH = 390


def fits_phone(journey, what):
    journey.page.evaluate("window.scrollTo(0, 0)")
    assert journey.horizontal_overflow() <= 2, f"{what} is wider than the phone"


@pytest.mark.e2e
@override_settings(JOBSPOR_DEMO_LOGINS=True)
def test_citizen_reads_plan_marks_activity_done_and_adds_cv_task(phone_journey):
    journey, page = phone_journey, phone_journey.page
    anne = EmployeeFactory(name="Anne Holm", team=TeamFactory(name="Team Nord"), roles=["jobformidler"],
                           user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen", opened=dt.date(2025, 1, 10))
    soon = timezone.localdate() + dt.timedelta(days=10)
    plan = plan_save(actor=anne.user, case=case, goal="job", goal_text="Lagermedarbejder 25 timer om ugen",
                     made=dt.date(2025, 2, 1))
    sub_goal_add(actor=anne.user, plan=plan, text="Møde op i praktik 3 dage om ugen", due=soon)
    citizen_activity_add(actor=citizen_user_for(case.citizen), plan=plan, text="Søge 3 job om ugen", due=soon)
    make_cv(case=case, tasks=["Køre truck"])
    for name in ("Karen Sørensen", "Ali Demir"):  # other CVs make the phrase a suggestion (at least two CVs)
        make_cv(case=make_case(primary=anne, name=name), tasks=["Pakke varer på lager"])
    assert page.viewport_size["width"] == PHONE_WIDTH

    journey.goto("/min-side/log-ind/")
    journey.click(page.get_by_role("link", name="Demo-login: vælg en demoborger"))
    journey.click(page.get_by_role("button", name="Log ind som Jens Hansen"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit forløb")

    journey.click(page.get_by_role("navigation").get_by_role("link", name="Min plan"))
    expect(page.locator("#plan-goal")).to_contain_text("Lagermedarbejder 25 timer om ugen")
    agreed = page.locator(".plan-subgoal", has_text="Møde op i praktik")
    expect(agreed).to_contain_text("Aftalt med jobcentret")
    expect(agreed.get_by_role("button", name="Markér som udført")).to_have_count(0)  # agreed: comment only
    mine = page.locator(".plan-subgoal", has_text="Søge 3 job om ugen")
    expect(mine).to_contain_text("Din aktivitet")
    fits_phone(journey, "Min plan")
    journey.screenshot("minside-plan-a-plan")

    journey.click(mine.get_by_role("button", name="Markér som udført"))
    expect(page.locator(".alert-success")).to_contain_text("Markeret som udført.")
    mine = page.locator(".plan-subgoal", has_text="Søge 3 job om ugen")
    expect(mine).to_contain_text("Nået")
    expect(mine).to_contain_text("senest ændret af dig")
    journey.screenshot("minside-plan-b-done")

    journey.click(page.get_by_role("navigation").get_by_role("link", name="Mit CV"))
    expect(page.locator("#cv-task-list")).to_contain_text("Køre truck")
    journey.fill("#id_task-text", "pakke")
    chip = page.locator("#task-suggestions").get_by_role("button", name="Pakke varer på lager")
    expect(chip).to_be_visible()
    journey.click(chip)
    expect(page.locator(".alert-success")).to_contain_text("står nu på dit CV")
    expect(page.locator("#cv-task-list")).to_contain_text("Pakke varer på lager")
    fits_phone(journey, "Mit CV")
    journey.screenshot("minside-plan-c-cv")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)

    # The jobformidler (on her phone) sees on the case what the citizen did, marked as the citizen's.
    page.get_by_role("button", name="Log af").click()
    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/?fane=plan")
    mine = page.locator(".plan-subgoal", has_text="Søge 3 job om ugen")
    expect(mine).to_contain_text("Borgerens aktivitet")
    expect(mine).to_contain_text("Nået")
    expect(mine).to_contain_text("af Borgeren selv")
    journey.screenshot("minside-plan-d-staff-plan-tab")
    journey.goto(f"/sag/{case.pk}/?fane=cv")
    expect(page.locator("#cv-task-list li", has_text="Pakke varer på lager")).to_contain_text("Borgerens")
    expect(page.locator("#cv-task-list li", has_text="Køre truck")).not_to_contain_text("Borgerens")
