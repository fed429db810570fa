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


def phone_with_idp(browser, live_server, idp, request):
    """A phone-sized browser that may reach Jobspor and the test's NemLog-in, and nothing else."""
    context = browser.new_context(viewport=PHONE, locale="da-DK", timezone_id="Europe/Copenhagen")
    context.set_default_timeout(15_000)
    allowed = (live_server.url, idp.base_url)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(allowed)
                  else route.abort())
    return context, Journey(context.new_page(), live_server.url, request.node)


def test_citizen_logs_in_with_mitid_and_out_again(browser, live_server, transactional_db, reference_data,
                                                   nemlog_in, request):
    case = make_case(primary=EmployeeFactory(roles=["jobformidler"], name="Jonas Formidler"), name="Karen Jensen")
    nemlog_in.citizen(case.citizen.cpr)
    context, journey = phone_with_idp(browser, live_server, nemlog_in, request)
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


# "Log ind med MitID Erhverv" (1); the privileges in the assertion decide what the user may do
COMPANY_CLICK_BUDGET = 1


def test_company_user_logs_in_with_mitid_erhverv(browser, live_server, transactional_db, reference_data, nemlog_in,
                                                 request):
    from jobspor.company_portal.models import CompanyUser
    from jobspor.portal.saml.privileges import REPORT_HOURS, SIGN, privilege_list
    from jobspor.testing.factories import make_company

    owner = EmployeeFactory(roles=["virksomhedskonsulent"], name="Vera Konsulent", phone="70101010")
    company = make_company(owner=owner, name="Havnens Lager ApS")
    nemlog_in.company(company.cvr, "5f1c2f4e-0000-4000-8000-000000000001", name="Mette Lagerchef",
                      privileges=privilege_list(company.cvr, [SIGN, REPORT_HOURS]))
    context, journey = phone_with_idp(browser, live_server, nemlog_in, request)
    page = journey.page
    try:
        journey.goto("/virksomhed/log-ind/")
        journey.click(page.get_by_role("link", name="Log ind med MitID Erhverv"))
        page.wait_for_url(live_server.url + "/virksomhed/")
        content = page.content()
        assert "Havnens Lager ApS" in content and "Vera Konsulent" in content and "Mette Lagerchef" in content
        link = CompanyUser.objects.get(company=company)
        assert (link.can_sign, link.can_report_hours, link.is_admin) == (True, True, False)
        journey.assert_within_budget(clicks=COMPANY_CLICK_BUDGET, fields=0)
    finally:
        context.close()
