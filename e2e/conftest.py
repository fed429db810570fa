"""Browser journeys: Playwright (sync API) driving Debian's /usr/bin/chromium against pytest-django's live_server.

Never downloads a browser: the executable is given explicitly and nothing outside the live server is fetched.
"""

import os
import urllib.request
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect, sync_playwright

from jobspor.citizens.models import PostalCode
from jobspor.testing.factories import PASSWORD

# Playwright's sync API runs an event loop in the test thread; Django would then refuse ORM calls from it.
# (Django reads this when a call is made, so setting it here, before any test runs, is enough.)
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# expect() waits 5 s by default: too little for a page on CI, where both databases' suites share two cores (a
# citizen's Beskeder page once took longer and failed a whole run). A user would still wait on it, so we do too.
expect.set_options(timeout=20_000)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

# True when htmx is idle: no request, swap or settle under way and every element with an hx- attribute processed. A page
# still being parsed, or that loads htmx (deferred) and has not run it yet, is not idle: a field filled then is typed
# into before htmx listens to it, and no suggestion ever comes (a CI flake on a loaded machine: a click's navigation
# returns as the new page starts to load). A page without htmx is idle once parsed.
HTMX_IDLE = """() => document.readyState !== 'loading' && (!document.querySelector('script[src*="htmx"]')
    || (!!window.htmx && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')
    && [...document.querySelectorAll('[hx-get], [hx-post], [hx-trigger]')].every(e => e['htmx-internal-data'])))"""


class Journey:
    """Drives a page and counts what the user had to do: clicks, and fields typed, filled, checked or selected.

    Opening a URL (a bookmark, a link from a colleague) is not counted; every interaction with the page is.
    """

    def __init__(self, page, base_url, node):
        """`node` is the test's pytest node (its counts are reported at the end of the run), or just a name."""
        self.page = page
        self.base_url = base_url
        self.node = None if isinstance(node, str) else node
        self.name = node if isinstance(node, str) else node.name
        self.clicks = 0
        self.fields = 0
        self.js_errors = []
        self.broken_requests = []  # anything blocked (outside the live server) or a missing static file
        page.on("pageerror", lambda exc: self.js_errors.append(str(exc)))
        # net::ERR_ABORTED is a request cut short by navigating away (an htmx suggestion when the form is saved).
        page.on("requestfailed", lambda req: req.failure != "net::ERR_ABORTED"
                and self.broken_requests.append(f"{req.url} ({req.failure})"))
        page.on("response", lambda res: res.status >= 400 and "/static/" in res.url
                and self.broken_requests.append(f"{res.url} ({res.status})"))

    def _locator(self, target):
        return self.page.locator(target) if isinstance(target, str) else target

    def goto(self, path):
        return self.page.goto(self.base_url + path)

    def settle(self):
        """Wait until htmx is idle and has wired up everything it swapped in, as a user's eye would.

        Typing into a field that htmx is about to replace loses the text, and a form htmx has not processed
        yet submits natively, so every interaction waits for this first (both happened as CI flakes)."""
        try:
            self.page.wait_for_function(HTMX_IDLE, timeout=5000)
        except PlaywrightError:
            pass  # a page navigating away, or without htmx: nothing to wait for

    def click(self, target):
        self.clicks += 1
        self.settle()
        self._locator(target).click()

    def fill(self, target, value):
        self.fields += 1
        self.settle()
        self._locator(target).fill(value)

    def check(self, target):
        self.fields += 1
        self.settle()
        self._locator(target).check()

    def select_option(self, target, **kwargs):
        self.fields += 1
        self.settle()
        self._locator(target).select_option(**kwargs)

    def login(self, username, password=PASSWORD, next=None):
        """Log in on the login page; `next` is where the user was going (a bookmark), else their start page."""
        self.goto("/konto/login/" + (f"?next={next}" if next else ""))
        self.fill("#id_username", username)
        self.fill("#id_password", password)
        self.click(self.page.get_by_role("button", name="Log ind"))
        self.page.wait_for_url(lambda url: "/konto/login/" not in url)

    def logout(self):
        self.click(self.page.get_by_role("button", name="Log af"))
        self.page.wait_for_url("**/konto/login/**")

    def screenshot(self, name):
        SCREENSHOTS.mkdir(exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def horizontal_overflow(self) -> int:
        """How many CSS pixels the document is wider than the viewport (0 when it fits)."""
        width = self.page.evaluate("document.documentElement.scrollWidth")
        return max(0, width - self.page.viewport_size["width"])

    def assert_within_budget(self, *, clicks, fields):
        print(f"\n[{self.name}] clicks: {self.clicks}/{clicks}, fields: {self.fields}/{fields}")
        if self.node is not None:
            self.node.user_properties.append((
                "summary:journey counts (used/budget)",  # printed by ../conftest.py
                f"{self.name}: clicks {self.clicks}/{clicks}, fields {self.fields}/{fields}"))
        assert not self.js_errors, f"JavaScript errors: {self.js_errors}"
        assert not self.broken_requests, f"Failed requests: {self.broken_requests}"
        assert self.clicks <= clicks, f"{self.name}: {self.clicks} clicks, budget {clicks}"
        assert self.fields <= fields, f"{self.name}: {self.fields} fields, budget {fields}"


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


def _context(browser, live_server, viewport):
    # An English browser on purpose: the UI must still be Danish (the browser's wish is ignored).
    context = browser.new_context(viewport=viewport, locale="en-US", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(20_000)  # CI runs both databases' suites on two cores

    def local_only(route):
        if route.request.url.startswith(live_server.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", local_only)
    return context


@pytest.fixture
def reference_data(transactional_db):
    """live_server needs transactional_db, which empties every table after a test, including the postal codes
    the migrations loaded. Load them again when they are gone. (Not serialized rollback: once Playwright's event
    loop runs in this thread Django hands out other connection objects, which lack the serialized contents.)"""
    if not PostalCode.objects.exists():
        import_module("jobspor.citizens.migrations.0002_load_postal_codes").load(django_apps, None)


_warmed = []


def _warm_up(live_server):
    """The first request a process serves imports every view and scans the static files: on a loaded machine that
    takes longer than a page's 20 s timeout. Under pytest-xdist a journey can be a worker's first test, so one
    request with time to spare goes first (not a user's action: nothing is counted)."""
    if not _warmed:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        opener.open(live_server.url + "/konto/login/", timeout=300).read()
        _warmed.append(live_server.url)


@pytest.fixture
def journey(browser, live_server, transactional_db, reference_data, request):
    _warm_up(live_server)
    context = _context(browser, live_server, DESKTOP)
    yield Journey(context.new_page(), live_server.url, request.node)
    context.close()


@pytest.fixture
def phone_journey(browser, live_server, transactional_db, reference_data, request):
    _warm_up(live_server)
    context = _context(browser, live_server, PHONE)
    yield Journey(context.new_page(), live_server.url, request.node)
    context.close()

