"""Single logout with NemLog-in, both ways, against the test IdP: the portal's "Log af" sends a signed
LogoutRequest to the IdP and the IdP's answer ends the session; the IdP's own (signed) LogoutRequest ends the
session too, and an unsigned one does not."""

from urllib.parse import urlparse

import pytest
import requests
from django.urls import reverse

from jobspor.testing.factories import EmployeeFactory, make_case, make_company
from jobspor.testing.saml_idp import decode_redirect_message

from .conftest import saml_login
from .test_saml_login import UUID, logged_in_kind


@pytest.fixture
def case(db):
    return make_case(primary=EmployeeFactory(roles=["jobformidler"]), name="Karen Jensen")


def local(url):
    parsed = urlparse(url)
    assert parsed.netloc == "testserver", url
    return parsed.path + ("?" + parsed.query if parsed.query else "")


def test_log_af_on_min_side_logs_out_of_nemlog_in_too(client, saml_idp, case):
    saml_idp.citizen(case.citizen.cpr)
    saml_login(client, saml_idp)
    response = client.post(reverse("minside:logout"))
    assert response.status_code == 302 and response["Location"].startswith(saml_idp.base_url + "/slo/redirect?")
    assert "Signature=" in response["Location"]
    assert "LogoutRequest" in decode_redirect_message(response["Location"])
    assert logged_in_kind(client) is None  # logged out here at once, whatever the IdP answers
    at_idp = requests.get(response["Location"], allow_redirects=False, timeout=30)
    assert at_idp.status_code == 302, at_idp.text
    assert saml_idp.logout_requests[-1].message.name_id.text == saml_idp.name_id
    back = client.get(local(at_idp.headers["Location"]))
    assert back["Location"] == reverse("minside:login")
    page = client.get(back["Location"]).content.decode()
    assert "Du er også logget af hos NemLog-in" in page


def test_company_user_logs_out_of_nemlog_in_too(client, saml_idp, db):
    company = make_company(owner=EmployeeFactory(roles=["virksomhedskonsulent"]))
    saml_idp.company(company.cvr, UUID)
    saml_login(client, saml_idp, erhverv=True)
    response = client.post(reverse("virk:logout"))
    at_idp = requests.get(response["Location"], allow_redirects=False, timeout=30)
    assert client.get(local(at_idp.headers["Location"]))["Location"] == reverse("virk:login")
    assert logged_in_kind(client) is None


def test_demo_login_logs_out_locally_only(client, saml_idp, case, settings):
    settings.JOBSPOR_DEMO_LOGINS = True
    client.post(reverse("minside:demo_login"), {"citizen": case.citizen.pk})
    assert client.post(reverse("minside:logout"))["Location"] == reverse("minside:login")
    assert logged_in_kind(client) is None


def test_the_idps_logout_request_ends_the_session(client, saml_idp, case):
    saml_idp.citizen(case.citizen.cpr)
    saml_login(client, saml_idp)
    response = client.get(local(saml_idp.logout_request_url()))
    assert response.status_code == 302 and response["Location"].startswith(saml_idp.base_url + "/slo/redirect?")
    assert "<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"" in \
        decode_redirect_message(response["Location"]).replace("ns0:", "samlp:")
    assert logged_in_kind(client) is None


def test_the_idps_logout_request_ends_the_session_without_its_cookie(client, saml_idp, case):
    """NemLog-in may send the logout request by a cross-site POST that carries only the SAML session's cookie."""
    from django.conf import settings
    saml_idp.citizen(case.citizen.cpr)
    saml_login(client, saml_idp)
    session_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    del client.cookies[settings.SESSION_COOKIE_NAME]
    assert client.get(local(saml_idp.logout_request_url())).status_code == 302
    client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie  # the old session is gone all the same
    assert logged_in_kind(client) is None


def test_an_unsigned_logout_request_logs_nobody_out(client, saml_idp, case):
    saml_idp.citizen(case.citizen.cpr)
    saml_login(client, saml_idp)
    response = client.get(local(saml_idp.logout_request_url(sign=False)))
    assert response.status_code == 400
    assert "kunne ikke behandles" in response.content.decode()
    assert logged_in_kind(client) == "citizen"
