"""Test praksis: a leader opens Ledelsesinfo, goes to the team's checklist for this quarter, answers a question
and sees the team's fidelity score; then the team page shows it beside the team's results."""

import pytest
from playwright.sync_api import expect

from jobspor.fidelity.models import Answer, Question
from jobspor.testing.factories import EmployeeFactory, TeamFactory

# Nav item (1) · "Test praksis" link (1) · the team's "0 af 46" (1) · "Besvar" (1) · "Gem svar" (1) · team (1)
CLICK_BUDGET = 6
# Yes (1)
FIELD_BUDGET = 1


@pytest.mark.e2e
def test_leader_answers_a_question_and_sees_the_score(journey):
    team = TeamFactory(name="Team Fjord")
    EmployeeFactory(name="Lene Leder", team=team, roles=["leder"], user__username="lene")
    if not Question.objects.exists():  # a transactional test before this one emptied what the migration loaded
        from jobspor.fidelity.questions import sync

        sync()
    question = Question.objects.get(code="1.1")
    page = journey.page

    journey.login("lene")
    journey.clicks = journey.fields = 0  # the budget counts from the start page
    journey.click(page.locator(".jobspor-nav").get_by_role("link", name="Ledelsesinfo"))
    journey.click(page.get_by_role("link", name="Test praksis: teamenes troskab mod JobFirst-metoden"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Test praksis i eget jobcenter")
    journey.click(page.locator("#fidelity-teams").get_by_role("link", name="0 af 46"))
    item = page.locator(f"#q{question.pk}")
    expect(item).to_contain_text("Taler I med borgeren om muligheder for ordinære timer ved første samtale?")
    journey.click(item.get_by_role("link", name="Besvar"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Spørgsmål 1.1")
    journey.check(page.get_by_label("Ja", exact=True))
    journey.screenshot("fidelity-1-answer")
    journey.click(page.get_by_role("button", name="Gem svar"))
    expect(page.get_by_role("status").first).to_contain_text(
        "Teamets troskab i perioden: 100 % (1 af 46 spørgsmål besvaret)")
    expect(page.locator(f"#q{question.pk} .fidelity-answer")).to_contain_text("Ja")
    journey.screenshot("fidelity-2-score")
    assert Answer.objects.get().value == "yes"

    journey.click(page.locator(".breadcrumbs").get_by_role("link", name="Team Fjord"))
    expect(page.get_by_text("Samvariation – ikke årsag")).to_be_visible()
    expect(page.locator("svg.fidelity-chart circle")).to_have_count(1)  # one point: this quarter's fidelity
    journey.screenshot("fidelity-3-beside-results")
    journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
