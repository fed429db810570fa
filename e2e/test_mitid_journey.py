"""MitID login on Min side in a real browser (390 px), through the test's own NemLog-in (a pysaml2 IdP on
127.0.0.1, jobspor.testing.saml_idp): the IdP's auto-submitting form posts back to Jobspor cross-port, the SAML
session's cookie comes along, the citizen lands on Mit forløb; "Log af" logs out of NemLog-in too."""

from urllib.parse import urlparse

import pytest
from django.test import override_settings

from conftest import PHONE, Journey
from jobspor.testing.factories import EmployeeFactory, make_case
from jobspor.testing.saml_idp import start_test_idp

# "Log ind med MitID" (1) · "Log af" (1); at the IdP nothing (the test IdP plays a MitID that is already approved)
CLICK_BUDGET = 2
FIELD_BUDGET = 0


@pytest.fixture
def nemlog_in(live_server, tmp_path):
    idp, settings = start_test_idp(tmp_path, sp_base_url=live_server.url, host=urlparse(live_server.url).hostname)
    with override_settings(**settings):
        yield idp
    idp.stop()


def test_citizen_logs_in_with_mitid_and_out_again(browser, live_server, transactional_db, reference_data,
                                                   nemlog_in):
    case = make_case(primary=EmployeeFactory(roles=["jobformidler"], name="Jonas Formidler"), name="Karen Jensen")
    nemlog_in.citizen(case.citizen.cpr)
    context = browser.new_context(viewport=PHONE, locale="da-DK", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(15_000)
    allowed = (live_server.url, nemlog_in.base_url)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(allowed)
                  else route.abort())
    journey = Journey(context.new_page(), live_server.url, "mitid-login")
    page = journey.page
    try:
        journey.goto("/min-side/log-ind/")
        journey.click(page.get_by_role("link", name="Log ind med MitID"))
        page.wait_for_url(live_server.url + "/min-side/")
        assert "Karen Jensen" in page.content() and "Jonas Formidler" in page.content()
        journey.click(page.get_by_role("button", name="Log af"))
        page.wait_for_url("**/min-side/log-ind/")
        assert "Du er også logget af hos NemLog-in" in page.content()
        journey.goto("/min-side/")
        assert "/min-side/log-ind/" in page.url
        journey.assert_within_budget(clicks=CLICK_BUDGET, fields=FIELD_BUDGET)
    finally:
        context.close()
