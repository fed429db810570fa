"""A real pysaml2 identity provider for the SAML tests (jobspor.testing.saml_idp), and helpers to drive the login
through it: Jobspor's redirect to the IdP, a real HTTP request to the IdP's thread, the IdP's signed answer posted
back to Jobspor's assertion consumer service."""

from urllib.parse import urlparse

import pytest
import requests
from django.test import override_settings
from django.urls import reverse

from jobspor.testing.saml_idp import form_fields, start_test_idp


@pytest.fixture(scope="session")
def saml_world(tmp_path_factory):
    """Keys and certificates made now; the IdP's HTTP server; the SP's metadata loaded into the IdP."""
    idp, settings = start_test_idp(tmp_path_factory.mktemp("saml"))
    yield {"idp": idp, "settings": settings}
    idp.stop()


@pytest.fixture
def saml_idp(saml_world, db):
    """The IdP, reset, with Jobspor's SAML settings pointing at it for the test."""
    idp = saml_world["idp"]
    idp.reset()
    with override_settings(**saml_world["settings"]):
        yield idp


def start_login(client, *, next_url=None, erhverv=False):
    params = {"next": next_url or (reverse("virk:home") if erhverv else reverse("minside:home"))}
    if erhverv:
        params["idp"] = "erhverv"
    response = client.get(reverse("saml:login"), params)
    assert response.status_code == 302, response.content[:500]
    return response["Location"]


def post_to_acs(client, action, fields):
    assert urlparse(action).netloc == "testserver"
    return client.post(urlparse(action).path, fields)


def idp_answer(idp_url):
    """The browser at the IdP: a real HTTP request to the IdP's thread; its auto-submitting form."""
    page = requests.get(idp_url, timeout=30)
    assert page.status_code == 200, page.text
    return form_fields(page.text)


def saml_login(client, idp, **kwargs):
    """The whole flow: Jobspor → IdP → back to Jobspor's ACS. Returns the ACS's response."""
    action, fields = idp_answer(start_login(client, **kwargs))
    return post_to_acs(client, action, fields)
