"""Without SAML settings Jobspor runs as before: the /saml/ pages say MitID is not set up, the portals' login pages
show no MitID button, and production settings load."""

import importlib

import pytest
from django.test import override_settings
from django.urls import reverse

from jobspor.portal.saml import saml_configured
from jobspor.portal.saml.privileges import ADMIN, SIGN, privilege_list, privileges_for_cvr, rights_from
from jobspor.portal.saml.replay import Replayed, mark_used, seen_before

NONE = {"JOBSPOR_SAML_ENTITY_ID": "", "JOBSPOR_SAML_IDP_METADATA": "", "JOBSPOR_SAML_KEY_FILE": "",
        "JOBSPOR_SAML_CERT_FILE": ""}


@override_settings(**NONE)
@pytest.mark.parametrize("name", ["saml:login", "saml:acs", "saml:sls", "saml:metadata"])
def test_saml_pages_say_mitid_is_not_set_up(client, db, name):
    response = client.post(reverse(name)) if name == "saml:acs" else client.get(reverse(name))
    assert response.status_code == 404
    assert "Log ind med MitID er ikke sat op" in response.content.decode()


@override_settings(**NONE)
@pytest.mark.parametrize(("page", "button"), [("minside:login", "Log ind med MitID"),
                                              ("virk:login", "Log ind med MitID Erhverv")])
def test_login_pages_hide_the_mitid_button_when_not_set_up(client, db, page, button):
    content = client.get(reverse(page)).content.decode()
    assert f">{button}<" not in content and "ikke sat op på denne installation" in content


@pytest.mark.parametrize(("page", "href"), [("minside:login", "/saml/log-ind/?next=/min-side/"),
                                            ("virk:login", "/saml/log-ind/?idp=erhverv&amp;next=/virksomhed/")])
def test_login_pages_show_the_mitid_button_when_set_up(client, saml_idp, page, href):
    assert href in client.get(reverse(page)).content.decode()


def test_a_missing_file_is_not_set_up(saml_world):
    with override_settings(**{**saml_world["settings"], "JOBSPOR_SAML_KEY_FILE": "/nonexistent/sp.key"}):
        assert not saml_configured()
    with override_settings(**saml_world["settings"]):
        assert saml_configured()


def test_production_settings_load_without_saml_variables(monkeypatch):
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "jobspor.kommune.example")  # production has no default host
    for name in ("JOBSPOR_SAML_ENTITY_ID", "JOBSPOR_SAML_IDP_METADATA", "JOBSPOR_SAML_KEY_FILE",
                 "JOBSPOR_SAML_CERT_FILE"):
        monkeypatch.delenv(name, raising=False)
    importlib.reload(importlib.import_module("config.settings.base"))  # read the environment again
    production = importlib.reload(importlib.import_module("config.settings.production"))
    assert production.JOBSPOR_SAML_ENTITY_ID == "" and production.SAML_SESSION_COOKIE_SAMESITE == "None"


def test_an_id_is_used_once(db):
    mark_used(["_resp1", "_assert1"])
    assert seen_before(["_assert1"])
    with pytest.raises(Replayed):
        mark_used(["_resp2", "_assert1"])
    assert not seen_before(["_resp2"])  # nothing of a refused batch is kept


def test_privileges_count_only_for_the_cvr_logged_in_for():
    value = privilege_list("11111111", [SIGN, ADMIN])
    assert privileges_for_cvr(value, "11111111") == {SIGN, ADMIN}
    assert privileges_for_cvr(value, "22222222") == set()
    assert privileges_for_cvr("not base64 xml", "11111111") == set()
    assert rights_from({SIGN}) == {"is_admin": False, "can_sign": True, "can_report_hours": False}
    # No Jobspor privileges at all: the company's administrator decides in Brugere (None keeps their setting).
    assert rights_from(set()) == {"is_admin": None, "can_sign": None, "can_report_hours": None}
