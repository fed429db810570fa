"""WCAG 2.1 AA on a representative set of pages, on demo data, at desktop and phone width.

axe-core (npm, node_modules/axe-core) is evaluated in each page from the file, so nothing is fetched: any
violation of impact serious or critical fails. Besides axe, every id that aria-describedby, aria-labelledby,
aria-controls or <label for> names must exist on the page, and no id may occur twice (several forms on a page).
"""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from playwright.sync_api import expect

from conftest import DESKTOP, PHONE, _context
from jobspor.cases.models import CaseStaff
from jobspor.contacts.models import Contact
from jobspor.demo.generator import DEMO_PASSWORD
from jobspor.placements.models import Placement
from jobspor.testing.factories import PASSWORD, EmployeeFactory, TeamFactory, make_case

AXE = settings.NODE_MODULES / "axe-core" / "axe.min.js"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
               "resultTypes": ["violations"]}

# Every id reference on the page resolves, and no id is used twice.
ID_CHECK = """() => {
  const broken = [];
  for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls']) {
    for (const el of document.querySelectorAll('[' + attr + ']')) {
      for (const id of el.getAttribute(attr).split(/\\s+/).filter(Boolean)) {
        if (!document.getElementById(id)) broken.push(attr + '=' + id);
      }
    }
  }
  for (const label of document.querySelectorAll('label[for]')) {
    const id = label.getAttribute('for');
    if (!id || !document.getElementById(id)) broken.push('label for=' + id);
  }
  const seen = {};
  for (const el of document.querySelectorAll('[id]')) seen[el.id] = (seen[el.id] || 0) + 1;
  const duplicated = Object.keys(seen).filter(id => seen[id] > 1);
  return {broken, duplicated};
}"""


def audit(page, label):
    """axe's serious and critical violations and the broken id references of the page now shown."""
    # Evaluated through the DevTools protocol: an added <script> tag would be inline script, which the pages'
    # Content-Security-Policy refuses (as it should).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    problems = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = [" ".join(map(str, n["target"])) for n in v["nodes"][:4]]
            problems.append(f"{label}: axe {v['id']} ({v['impact']}, {len(v['nodes'])}×) {targets}")
    ids = page.evaluate(ID_CHECK)
    if ids["broken"]:
        problems.append(f"{label}: references to ids that do not exist: {ids['broken'][:8]}")
    if ids["duplicated"]:
        problems.append(f"{label}: ids used more than once: {ids['duplicated'][:8]}")
    return problems


@pytest.fixture
def demo(transactional_db, reference_data):
    call_command("demo", cases=40, seed=11, stdout=io.StringIO())
    # A placement with an agreement and hours whose pages render, if there is one: server errors are the crawl
    # test's business; a page that answers 500 is reported as not audited.
    candidates = (Placement.objects.filter(agreements__isnull=False, hours__isnull=False).distinct()
                  .select_related("case", "company", "opening").order_by("pk"))
    for placement in candidates:
        user = CaseStaff.objects.select_related("employee__user").get(case=placement.case, is_primary=True)
        user = user.employee.user
        client = Client(raise_request_exception=False)
        client.force_login(user)
        version = placement.agreements.order_by("-version").first().version
        if all(client.get(url).status_code == 200 for url in (
                reverse("placements:detail", args=[placement.case.pk, placement.pk]),
                reverse("placements:agreement", args=[placement.case.pk, placement.pk, version]))):
            return placement, user.username
    placement = candidates.first()
    return placement, CaseStaff.objects.get(case=placement.case, is_primary=True).employee.user.username


# Forms shown again with their errors: (label, path, {selector: value}, submit button selector).
def _forms_with_errors(placement):
    case = placement.case
    yield ("ret sag med fejl", reverse("cases:edit", args=[case.pk]),
           {"#id_closed": "2000-01-01"}, "main form button[type=submit]")
    yield ("ret virksomhed med fejl", reverse("companies:edit", args=[placement.company.pk]),
           {"#id_name": ""}, "main form button[type=submit]")
    yield ("journal med fejl", reverse("cases:detail", args=[case.pk]) + "?fane=kontakter",
           {"form[action$='/kontakter/ny/'] [name=date]": ""}, "#save-contact")
    yield ("timer med fejl", reverse("placements:hours", args=[case.pk, placement.pk]),
           {"#hours-grid input[type=text], #hours-grid input[type=number]": "999"}, "#save-hours")


def _pages(placement, page, base_url):
    case = placement.case
    yield "sagsliste", reverse("cases:list") + "?scope=mine"
    page.goto(base_url + reverse("cases:detail", args=[case.pk]))
    for href in page.eval_on_selector_all(".jobspor-tabs a", "links => links.map(a => a.getAttribute('href'))"):
        yield f"fane {href}", reverse("cases:detail", args=[case.pk]) + href
    yield "ret sag", reverse("cases:edit", args=[case.pk])
    yield "vurdering", reverse("cases:assessment_new", args=[case.pk])
    yield "virksomhed", reverse("companies:detail", args=[placement.company.pk])
    yield "ret virksomhed", reverse("companies:edit", args=[placement.company.pk])
    opening = placement.opening or placement.company.openings.first()
    if opening:
        yield "jobåbning", reverse("jobs:detail", args=[opening.pk])
    yield "forløb", reverse("placements:detail", args=[case.pk, placement.pk])
    yield "timer", reverse("placements:hours", args=[case.pk, placement.pk])
    yield "opfølgning", reverse("placements:follow_up", args=[case.pk, placement.pk])
    agreement = placement.agreements.order_by("-version").first()
    yield "arbejdsaftale", reverse("placements:agreement", args=[case.pk, placement.pk, agreement.version])
    yield "mine opgaver", reverse("followup:my_tasks")


def _login(page, base_url, username):
    page.context.clear_cookies()
    page.goto(base_url + reverse("accounts:login"))
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/konto/login/" not in url)


NOT_AUDITED = []  # pages that answered a server error (the crawl test fails on those)


def _audit_pages(page, base_url, pages, width):
    problems = []
    for label, path in pages:
        response = page.goto(base_url + path)
        if response.status >= 500:
            NOT_AUDITED.append(f"{width} {label}: {response.status} on {path}")
            continue
        problems += audit(page, f"{width} {label} ({path})")
    return problems


def _audit_forms_with_errors(page, base_url, placement, width):
    problems = []
    for label, path, values, submit in _forms_with_errors(placement):
        page.goto(base_url + path)
        for selector, value in values.items():
            page.locator(selector).first.fill(value)
        page.locator(submit).first.click()
        page.wait_for_load_state()
        if not page.locator(".form-error-message").count():
            problems.append(f"{width} {label}: the form showed no error")
        problems += audit(page, f"{width} {label} ({path})")
    return problems


@pytest.mark.e2e
@pytest.mark.timeout(900)  # a demo load and some 60 page views with axe; about 4 minutes on a busy 2-core machine
def test_pages_have_no_serious_accessibility_violations(browser, live_server, demo):
    placement, username = demo
    problems, audited = [], 0
    for viewport, width in ((DESKTOP, "1280"), (PHONE, "390")):
        context = _context(browser, live_server, viewport)
        page = context.new_page()
        page.goto(live_server.url + reverse("accounts:login"))
        problems += audit(page, f"{width} login")
        _login(page, live_server.url, username)
        pages = list(_pages(placement, page, live_server.url))
        problems += _audit_pages(page, live_server.url, pages, width)
        problems += _audit_forms_with_errors(page, live_server.url, placement, width)
        _login(page, live_server.url, "leder")
        problems += _audit_pages(page, live_server.url, [("ledelsesinfo", reverse("kpi:dashboard"))], width)
        audited += 1 + len(pages) + len(list(_forms_with_errors(placement))) + 1
        context.close()
    audited -= len(NOT_AUDITED)
    print(f"\n[axe] {audited} page views audited (1280 and 390 px); not audited: {NOT_AUDITED or 'none'}")
    print("\n".join(problems))
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)


@pytest.mark.e2e
def test_idle_warning_extends_the_session_and_a_note_saved_after_expiry_is_kept(journey, settings):
    settings.SESSION_COOKIE_AGE = 20  # the warning shows for the last 10 seconds
    anne = EmployeeFactory(name="Anne Holm", team=TeamFactory(name="Team Nord"), roles=["jobformidler"],
                           user__username="anne")
    case = make_case(primary=anne, name="Jens Hansen")
    page = journey.page
    journey.login("anne")
    journey.goto(f"/sag/{case.pk}/?fane=kontakter")
    journey.clicks = journey.fields = 0
    journey.fill("#id_note", "Jens vil gerne prøve lagerarbejde.")

    dialog = page.get_by_role("alertdialog")
    expect(dialog).to_be_visible(timeout=15_000)
    expect(dialog).to_contain_text("Du bliver snart logget af")
    expect(page.locator("#session-timeout-extend")).to_be_focused()
    problems = audit(page, "advarsel")
    journey.click("#session-timeout-extend")
    expect(dialog).to_be_hidden()

    # Now let it run out: the notice says so, and closing it leaves the page as it was.
    expect(page.locator("#session-timeout-expired")).to_be_visible(timeout=25_000)
    journey.click("#session-timeout-close")
    expect(dialog).to_be_hidden()
    expect(page.locator("#id_note")).to_have_value("Jens vil gerne prøve lagerarbejde.")
    journey.click("#save-contact")

    page.wait_for_url("**/konto/login/**")
    expect(page.locator("main")).to_contain_text("Det, du skrev, er ikke gemt endnu, men det er ikke tabt")
    assert not Contact.objects.exists()
    journey.fill("#id_username", "anne")
    journey.fill("#id_password", PASSWORD)
    journey.click(page.get_by_role("button", name="Log ind"))
    page.wait_for_url("**/konto/fortsaet/")
    expect(page.locator("#kept-fields")).to_contain_text("Jens vil gerne prøve lagerarbejde.")
    problems += audit(page, "gem det, du skrev")
    journey.click("#resume-save")
    expect(page.locator(".alert-success")).to_contain_text("Kontakten er registreret.")
    assert Contact.objects.get().note == "Jens vil gerne prøve lagerarbejde."
    assert not problems, problems
    journey.assert_within_budget(clicks=5, fields=3)
