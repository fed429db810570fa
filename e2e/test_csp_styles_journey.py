"""Styles under `style-src 'self'` in a real browser: the pages with bars (Ledelsesinfo's dashboard, a case's Plan
tab, the caseload against the norm) and a form page raise not one `securitypolicyviolation` event and not one
console error or warning, and the bars still have their widths: with no inline style allowed, a bar's width comes
from a class (`w-pct-N`, jobspor/core/static/jobspor/percent.css), so a non-zero percent must still draw a
non-zero bar, and the norm's reference line still stands where the norm is."""

import datetime as dt

import pytest
from playwright.sync_api import expect
from test_csp_journey import PolicyWatch  # e2e/ is on sys.path (rootdir-relative test modules)

from jobspor.cases.models import Case
from jobspor.fidelity.services import norm_set
from jobspor.kpi.tests import scenario
from jobspor.plans.choices import SubGoalStatus
from jobspor.plans.models import SubGoal
from jobspor.plans.services import plan_save, sub_goal_add
from jobspor.testing.factories import EmployeeFactory, make_case

# Each bar on the page: its own width, its track's width, and the percent its class names (-1: no class).
BAR_WIDTHS = """(selector) => [...document.querySelectorAll(selector)].map(e => ({
    width: e.getBoundingClientRect().width,
    track: e.parentElement.getBoundingClientRect().width,
    pct: Number(((e.className.match(/\\bw-pct-(\\d+)\\b/) || [])[1] ?? -1)),
}))"""


def assert_bars_drawn(page, selector, *, at_least=1):
    bars = page.evaluate(BAR_WIDTHS, selector)
    assert len(bars) >= at_least, (selector, bars)
    assert all(b["pct"] >= 0 for b in bars), ("a bar without its width class", selector, bars)
    assert any(b["pct"] > 0 for b in bars), ("no bar with a width to check", selector, bars)
    for bar in bars:
        if bar["pct"] > 0:
            assert bar["width"] > 0, ("a non-zero percent drawn as nothing", selector, bar)
            # Within a pixel (and the plan's min-width of 2px) of its share of the track.
            assert abs(bar["width"] - max(bar["track"] * bar["pct"] / 100, 2)) <= 1.5, (selector, bar)
        else:
            assert bar["width"] <= 2, (selector, bar)


@pytest.mark.e2e
def test_pages_with_bars_and_a_form_need_no_inline_style(journey):
    page = journey.page
    watch = PolicyWatch(page)
    today = dt.date.today()
    data = scenario.build(4, citizens=30, window=(today - dt.timedelta(days=500), today))
    team = data["teams"][0]
    Case.objects.filter(team__isnull=True).update(team=team)  # the leader sees every case
    leader = EmployeeFactory(name="Lene Leder", team=team, roles=["leder"], user__username="lene")
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    case = make_case(primary=anne, name="Søren Østergaard")
    for name in ("Jens Hansen", "Karen Sørensen"):
        make_case(primary=anne, name=name)
    norm_set(actor=leader.user, employee=leader, cases=2, reason="Test")
    plan = plan_save(actor=anne.user, case=case, goal="job", goal_text="Lagermedarbejder",
                     made=today - dt.timedelta(days=90))
    for days, text in [(-60, "Møde op til samtale"), (-30, "Søge tre job"), (-5, "Praktik i en uge"),
                       (20, "Truckcertifikat"), (40, "Ordinære timer")]:
        sub_goal_add(actor=anne.user, plan=plan, text=text, due=today + dt.timedelta(days=days))
    SubGoal.objects.filter(plan=plan, text__in=["Møde op til samtale", "Søge tre job"]).update(
        status=SubGoalStatus.REACHED, reached_on=today - dt.timedelta(days=25))

    journey.login("lene")
    response = journey.goto("/ledelsesinfo/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ledelsesinformation")
    journey.settle()
    journey.screenshot("csp-styles-kpi-dashboard")
    policy = {d.split()[0]: d.split()[1:] for d in response.headers["content-security-policy"].split(";") if d.strip()}
    assert policy["style-src"] == ["'self'"], policy
    assert_bars_drawn(page, ".kpi-fill", at_least=3)
    # The reference line of the team bars (24 %) stands at 24 % of its track.
    left = page.evaluate("""() => [...document.querySelectorAll('.kpi-ref')].map(e =>
        (e.getBoundingClientRect().left - e.parentElement.getBoundingClientRect().left)
        / e.parentElement.getBoundingClientRect().width)""")
    assert left and all(0 <= x <= 1 for x in left), left
    assert any(abs(x - 0.24) < 0.01 for x in left), left

    journey.goto("/ledelsesinfo/sagsstamme/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sagsstamme")
    journey.settle()
    journey.screenshot("csp-styles-caseload")
    assert_bars_drawn(page, ".kpi-fill", at_least=2)
    norm_line = page.locator(".caseload-norm-line").first
    expect(norm_line).to_be_attached()
    assert page.evaluate("e => e.getBoundingClientRect().left - e.parentElement.getBoundingClientRect().left",
                         norm_line.element_handle()) > 0
    journey.logout()

    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/?fane=plan")
    expect(page.locator("#progression-heading")).to_be_visible()
    journey.settle()
    journey.screenshot("csp-styles-plan-tab")
    assert_bars_drawn(page, ".plan-bar span.fill", at_least=4)
    # The Plan tab's action row (title left, buttons right) is still spread out, by DKFDS's utility class.
    actions = page.locator(".jobspor-tabs ~ .jobspor-actions").first
    assert actions.evaluate("e => getComputedStyle(e).justifyContent") == "space-between"

    journey.goto(f"/sag/{case.pk}/rediger/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    journey.settle()
    # The form keeps its readable width (60rem, 600px at DKFDS's 10px root size).
    assert page.evaluate("getComputedStyle(document.querySelector('main form[method=post]')).maxWidth") == "600px"

    watch.assert_clean()
    assert not journey.js_errors, journey.js_errors
    assert not journey.broken_requests, journey.broken_requests
