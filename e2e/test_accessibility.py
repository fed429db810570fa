"""WCAG 2.1 AA on a representative set of pages, on demo data, at desktop and phone width.

axe-core (npm, node_modules/axe-core) is injected into each page from the file, so nothing is fetched: any
violation of impact serious or critical fails. Besides axe, every id that aria-describedby, aria-labelledby,
aria-controls or <label for> names must exist on the page, and no id may occur twice (several forms on a page).
"""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from jobspor.cases.models import CaseStaff
from jobspor.demo.generator import DEMO_PASSWORD
from jobspor.placements.models import Placement

from conftest import DESKTOP, PHONE, _context

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
    page.add_script_tag(path=str(AXE))
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
    placement = (Placement.objects.filter(agreements__isnull=False, hours__isnull=False)
                 .select_related("case", "company", "opening").order_by("pk").first())
    primary = CaseStaff.objects.select_related("employee__user").get(case=placement.case, is_primary=True)
    return placement, primary.employee.user.username


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


@pytest.mark.e2e
def test_pages_have_no_serious_accessibility_violations(browser, live_server, demo):
    placement, username = demo
    problems, audited = [], 0
    for viewport, width in ((DESKTOP, "1280"), (PHONE, "390")):
        context = _context(browser, live_server, viewport)
        page = context.new_page()
        page.goto(live_server.url + reverse("accounts:login"))
        problems += audit(page, f"{width} login")
        audited += 1
        for user, pages in ((username, lambda: _pages(placement, page, live_server.url)),
                            ("leder", lambda: iter([("ledelsesinfo", reverse("kpi:dashboard"))]))):
            page.context.clear_cookies()
            page.goto(live_server.url + reverse("accounts:login"))
            page.fill("#id_username", user)
            page.fill("#id_password", DEMO_PASSWORD)
            page.get_by_role("button", name="Log ind").click()
            page.wait_for_url(lambda url: "/konto/login/" not in url)
            for label, path in list(pages()):
                response = page.goto(live_server.url + path)
                if response.status >= 500:
                    problems.append(f"{width} {label}: {response.status} on {path}")
                    continue
                problems += audit(page, f"{width} {label} ({path})")
                audited += 1
            if user != username:
                continue
            for label, path, values, submit in _forms_with_errors(placement):
                page.goto(live_server.url + path)
                for selector, value in values.items():
                    page.locator(selector).first.fill(value)
                page.locator(submit).first.click()
                page.wait_for_load_state()
                if not page.locator(".form-error-message").count():
                    problems.append(f"{width} {label}: the form showed no error")
                problems += audit(page, f"{width} {label} ({path})")
                audited += 1
        context.close()
    print(f"\n[axe] {audited} page views audited (1280 and 390 px)")
    print("\n".join(problems))
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)
