"""The Content-Security-Policy in a real browser: a jobformidler, a leader, a citizen (Min side), a company user
(Virksomhedsindgang) and an administrator open representative pages; not one `securitypolicyviolation` event and not
one console error or warning, and htmx still works under the policy (a search that swaps results, a POST with the
CSRF header htmx reads from hx-headers, a CV suggestion typed on Min side, a case tab). A control proves the
listener would see a violation: an injected inline handler is refused and does not run."""

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from playwright.sync_api import expect

from jobspor.testing.factories import (
    PASSWORD,
    EmployeeFactory,
    TeamFactory,
    make_case,
    make_company,
    make_company_user,
    make_cv,
    make_job,
)

WATCH_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolation(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} on ${location.pathname} (${e.sample || ""})`));
"""


class PolicyWatch:
    """Every CSP violation and every console error or warning on any page the journey opens."""

    def __init__(self, page):
        self.violations, self.console = [], []
        page.expose_function("__cspViolation", lambda text: self.violations.append(text))
        page.add_init_script(WATCH_VIOLATIONS)
        page.on("console", lambda m: m.type in ("error", "warning")
                and self.console.append(f"{m.type}: {m.text} ({page.url})"))

    def assert_clean(self):
        assert not self.violations, "\n".join(self.violations)
        assert not self.console, "\n".join(self.console)


def visit(journey, path, heading=None):
    response = journey.goto(path)
    assert response.status < 400, (path, response.status)
    assert "script-src 'self'" in response.headers["content-security-policy"], path
    if heading:
        expect(journey.page.get_by_role("heading", level=1)).to_contain_text(heading)
    journey.settle()


@pytest.mark.e2e
@override_settings(JOBSPOR_DEMO_LOGINS=True)
def test_no_policy_violation_and_htmx_works_for_every_kind_of_user(journey):
    page = journey.page
    watch = PolicyWatch(page)
    team = TeamFactory(name="Team Nord")
    anne = EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")
    EmployeeFactory(name="Lars Leder", team=team, roles=["leder"], user__username="lars")
    case = make_case(primary=anne, name="Søren Østergaard")
    make_case(primary=anne, name="Jens Hansen")
    make_cv(case=case, tasks=["Køre truck"])
    for name in ("Karen Sørensen", "Ali Demir"):  # two other CVs make the phrase a suggestion on Min side
        make_cv(case=make_case(primary=anne, name=name), tasks=["Pakke varer på lager"])
    company = make_company(owner=anne, name="Nordlager ApS")
    make_job(company=company, title="Lagerhjælp")
    make_company_user(company=company, name="Birthe Berg")

    # A jobformidler: her tasks, the case list searched through htmx (results swapped in, the URL pushed).
    journey.login("anne")
    journey.settle()
    visit(journey, "/sag/?scope=mine", "Sager")
    page.evaluate("window.__samePage = true")
    journey.fill("#id_q", "soren")
    journey.click(page.locator("#case-filter").get_by_role("button", name="Søg"))
    expect(page.locator("#case-results")).to_contain_text("Søren Østergaard")
    expect(page.locator("#case-results")).not_to_contain_text("Jens Hansen")
    assert page.evaluate("window.__samePage === true"), "the search reloaded the page instead of an htmx swap"
    assert "q=soren" in page.url
    # The case: the full CPR number by an htmx POST (its CSRF token comes from hx-headers on <body>), then tabs.
    visit(journey, f"/sag/{case.pk}/", "Søren Østergaard")
    masked = page.locator("#cpr-value").inner_text()
    journey.click(page.locator("#reveal-cpr"))
    expect(page.locator("#cpr-value")).not_to_have_text(masked)
    for tab in page.locator(".jobspor-tabs a").all()[:6]:
        href = tab.get_attribute("href")
        visit(journey, f"/sag/{case.pk}/{href}")
    for path in ["/virksomheder/", f"/virksomheder/{company.pk}/", "/job/", "/beskeder/", "/opgaver/", "/soeg/?q=nord"]:
        visit(journey, path)
    journey.logout()

    # A leader: Ledelsesinfo and the team.
    journey.login("lars")
    visit(journey, "/ledelsesinfo/")
    visit(journey, "/team/")
    journey.logout()

    # A citizen on Min side (the demo login), typing a CV task: the suggestion comes by htmx as she types.
    journey.goto("/min-side/log-ind/")
    journey.click(page.get_by_role("link", name="Demo-login: vælg en demoborger"))
    journey.click(page.get_by_role("button", name="Log ind som Søren Østergaard"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit forløb")
    journey.click(page.get_by_role("navigation").get_by_role("link", name="Mit CV"))
    journey.fill("#id_task-text", "pakke")
    expect(page.locator("#task-suggestions").get_by_role("button", name="Pakke varer på lager")).to_be_visible()
    for path in ["/min-side/plan/", "/min-side/beskeder/", "/min-side/samtykke/"]:
        visit(journey, path)
    page.get_by_role("button", name="Log af").click()
    page.wait_for_url("**/min-side/log-ind/**")

    # A company user on Virksomhedsindgang.
    journey.goto("/virksomhed/log-ind/")
    journey.click(page.get_by_role("link", name="Demo-login: vælg en demovirksomhed"))
    journey.click(page.get_by_role("button", name="Log ind som Birthe Berg, Nordlager ApS"))
    page.wait_for_url(lambda url: "/log-ind/" not in url)
    for path in ["/virksomhed/", "/virksomhed/opslag/", "/virksomhed/aftaler/", "/virksomhed/timer/",
                 "/virksomhed/beskeder/"]:
        visit(journey, path)
    page.get_by_role("button", name="Log af").click()
    page.wait_for_url("**/virksomhed/log-ind/**")

    # The admin site (its own scripts: jQuery, the change list's actions) under the same policy.
    get_user_model().objects.create_superuser("admin", "admin@kommune.example", PASSWORD)
    journey.goto("/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    for path in ["/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/"]:
        visit(journey, path)

    watch.assert_clean()
    assert not journey.js_errors, journey.js_errors

    # The control: an inline handler injected into the page is refused, runs not, and the listener sees it.
    page.evaluate("""document.body.insertAdjacentHTML("beforeend",
        '<img src="/static/jobspor/favicon.svg" onload="window.__ran = true" alt="">')""")
    page.wait_for_timeout(500)
    assert page.evaluate("window.__ran") is None
    assert any("script-src" in v for v in watch.violations), watch.violations
