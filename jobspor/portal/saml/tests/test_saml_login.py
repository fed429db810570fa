"""MitID (citizens) and MitID Erhverv (company users) through NemLog-in, driven end to end against a real pysaml2
IdP started by the tests (conftest.py): Jobspor's signed AuthnRequest goes to the IdP over HTTP, the IdP's signed
answer is posted back to Jobspor's assertion consumer service, and the person lands on their portal."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.citizen_portal.models import CitizenUser
from jobspor.company_portal.models import CompanyUser
from jobspor.portal.saml.privileges import ADMIN, REPORT_HOURS, SIGN, privilege_list
from jobspor.testing.factories import EmployeeFactory, make_case, make_company
from jobspor.testing.saml_idp import decode_redirect_message

from .conftest import idp_answer, post_to_acs, saml_login, start_login

UUID = "urn:uuid:0b8a1f2e-1111-4222-8333-444455556666"


@pytest.fixture
def case(db):
    return make_case(primary=EmployeeFactory(roles=["jobformidler"], name="Jonas Formidler"), name="Karen Jensen")


@pytest.fixture
def company(db):
    return make_company(name="Havnens Lager ApS", owner=EmployeeFactory(roles=["virksomhedskonsulent"]))


def logged_in_kind(client):
    """Which portal the client's session opens: "citizen", "company" or None."""
    if client.get(reverse("minside:home")).status_code == 200:
        return "citizen"
    if client.get(reverse("virk:home")).status_code == 200:
        return "company"
    return None


# --- the good path ---------------------------------------------------------------------------------------------

def test_citizen_logs_in_on_min_side_through_the_idp(client, saml_idp, case):
    saml_idp.citizen(case.citizen.cpr, loa="Substantial")
    response = saml_login(client, saml_idp)
    assert response.status_code == 302
    assert response["Location"] == reverse("minside:home")
    page = client.get(reverse("minside:home")).content.decode()
    assert "Karen Jensen" in page and "Jonas Formidler" in page
    assert client.session["portal_login_method"] == "mitid"
    assert client.session["portal_assurance"] == "Substantial"
    saml_session = SessionStore(client.cookies["jobspor_saml"].value).load()
    assert saml_session and case.citizen.cpr not in json.dumps(saml_session)  # no CPR kept in the SAML session
    link = CitizenUser.objects.get(citizen=case.citizen)
    assert Event.objects.filter(verb="portal_login", user_id=link.user_id,
                                after__method="mitid", after__assurance="Substantial").count() == 1
    # A second login is the same citizen user.
    client.logout()
    saml_idp.citizen(case.citizen.cpr, loa="High")
    assert saml_login(client, saml_idp)["Location"] == reverse("minside:home")
    assert CitizenUser.objects.filter(citizen=case.citizen).count() == 1


def test_an_encrypted_assertion_is_decrypted_with_our_key(client, saml_idp, case):
    saml_idp.citizen(case.citizen.cpr)
    saml_idp.encrypt_assertion = True
    action, fields = idp_answer(start_login(client))
    import base64
    xml = base64.b64decode(fields["SAMLResponse"]).decode()
    assert "EncryptedAssertion" in xml and case.citizen.cpr not in xml
    assert post_to_acs(client, action, fields)["Location"] == reverse("minside:home")
    assert logged_in_kind(client) == "citizen"
    # And it is used once only, like any other.
    client.logout()
    assert post_to_acs(client, action, fields).status_code == 403


def test_the_acs_takes_the_idps_cross_site_post_without_a_csrf_token(saml_idp, case):
    browser = Client(enforce_csrf_checks=True)
    saml_idp.citizen(case.citizen.cpr)
    assert saml_login(browser, saml_idp)["Location"] == reverse("minside:home")


def test_company_user_logs_in_with_rights_from_the_privileges_for_that_cvr(client, saml_idp, company):
    privileges = privilege_list(company.cvr, [SIGN, REPORT_HOURS])
    saml_idp.company(company.cvr, UUID, privileges=privileges, name="Mette Lagerchef")
    response = saml_login(client, saml_idp, erhverv=True)
    assert response["Location"] == reverse("virk:home")
    page = client.get(reverse("virk:home")).content.decode()
    assert "Havnens Lager ApS" in page
    link = CompanyUser.objects.get(mitid_uuid=UUID)
    assert (link.company, link.name) == (company, "Mette Lagerchef")
    assert (link.can_sign, link.can_report_hours, link.is_admin) == (True, True, False)
    assert client.session["portal_login_method"] == "mitid_erhverv"
    # Next login: the rights follow MitID Erhverv (here: only admin), still the same user.
    client.logout()
    saml_idp.company(company.cvr, UUID, privileges=privilege_list(company.cvr, [ADMIN]), name="Mette Lagerchef")
    saml_login(client, saml_idp, erhverv=True)
    link.refresh_from_db()
    assert (link.can_sign, link.can_report_hours, link.is_admin) == (False, False, True)
    assert CompanyUser.objects.filter(mitid_uuid=UUID).count() == 1


def test_privileges_scoped_to_another_cvr_give_no_rights(client, saml_idp, company):
    saml_idp.company(company.cvr, UUID, privileges=privilege_list("12345674", [SIGN, REPORT_HOURS, ADMIN]))
    assert saml_login(client, saml_idp, erhverv=True)["Location"] == reverse("virk:home")
    link = CompanyUser.objects.get(mitid_uuid=UUID)
    assert (link.can_sign, link.can_report_hours, link.is_admin) == (False, False, False)


def test_login_returns_to_a_page_on_this_site_only(client, saml_idp, case):
    saml_idp.citizen(case.citizen.cpr)
    assert saml_login(client, saml_idp, next_url="/min-side/samtykke/")["Location"] == "/min-side/samtykke/"
    client.logout()
    for evil in ("https://evil.example/min-side/", "//evil.example/", "/\\evil.example"):
        saml_idp.citizen(case.citizen.cpr)
        assert saml_login(client, saml_idp, next_url=evil)["Location"] == reverse("minside:home")
        client.logout()


def test_the_authn_request_is_signed_and_asks_for_substantial(client, saml_idp, case):
    url = start_login(client)
    assert url.startswith(saml_idp.base_url + "/sso/redirect?")
    assert "Signature=" in url and "SigAlg=" in url
    xml = decode_redirect_message(url)
    assert "https://data.gov.dk/concept/core/nsis/loa/Substantial" in xml and 'Comparison="minimum"' in xml
    idp_answer(url)  # the IdP checked the signature against Jobspor's metadata
    assert saml_idp.requests[-1].message.issuer.text == "https://jobspor.test/saml/sp"
    tampered = url.replace("Signature=", "Signature=AAAA")
    import requests
    assert requests.get(tampered, timeout=30).status_code == 400


def test_metadata_is_served(client, saml_idp):
    response = client.get(reverse("saml:metadata"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/xml")
    xml = response.content.decode()
    assert 'entityID="https://jobspor.test/saml/sp"' in xml
    assert 'AuthnRequestsSigned="true"' in xml and 'WantAssertionsSigned="true"' in xml
    assert 'Location="http://testserver/saml/acs/"' in xml and 'Location="http://testserver/saml/sls/"' in xml
    assert 'use="signing"' in xml and 'use="encryption"' in xml


# --- bad input: refused with a Danish message, nobody logged in, nothing changed, the refusal logged ------------

def snapshot():
    return (get_user_model().objects.count(), CitizenUser.objects.count(), CompanyUser.objects.count(),
            Event.objects.count())


def assert_refused(client, response, *, message, reason, before):
    page = response.content.decode()
    assert response.status_code in (400, 403), page[:500]
    assert "Du blev ikke logget ind" in page and message in page, page
    assert logged_in_kind(client) is None
    assert snapshot() == before
    denied = AccessLog.objects.filter(action="denied", subject="saml:acs").order_by("-id").first()
    assert denied is not None and reason in denied.purpose, denied and denied.purpose


def test_expired_assertion_is_refused(client, saml_idp, case):
    before = snapshot()
    saml_idp.citizen(case.citizen.cpr)
    import datetime as dt
    saml_idp.valid_from, saml_idp.valid_until = dt.timedelta(minutes=-20), dt.timedelta(minutes=-10)
    assert_refused(client, saml_login(client, saml_idp), message="Svaret fra MitID er udløbet",
                   reason="udløbet", before=before)


def test_assertion_slightly_ahead_of_our_clock_is_accepted(client, saml_idp, case):
    import datetime as dt
    saml_idp.citizen(case.citizen.cpr)
    saml_idp.valid_from = dt.timedelta(seconds=30)  # the IdP's clock is 30 s ahead: within the allowed skew
    assert saml_login(client, saml_idp)["Location"] == reverse("minside:home")


def test_replayed_response_is_refused(client, saml_idp, case):
    saml_idp.citizen(case.citizen.cpr)
    action, fields = idp_answer(start_login(client))
    assert post_to_acs(client, action, fields)["Location"] == reverse("minside:home")
    client.logout()
    before = snapshot()
    assert_refused(client, post_to_acs(client, action, fields), message="allerede brugt", reason="genafspilning",
                   before=before)
    # From another browser too (no login in flight there).
    other = client.__class__()
    assert_refused(other, post_to_acs(other, action, fields), message="allerede brugt", reason="genafspilning",
                   before=before)


def test_response_for_another_audience_is_refused(client, saml_idp, case):
    before = snapshot()
    saml_idp.citizen(case.citizen.cpr)
    saml_idp.audience = "https://another-service.example/sp"
    assert_refused(client, saml_login(client, saml_idp), message="ikke til denne løsning", reason="audience",
                   before=before)


def test_unsigned_assertion_is_refused_even_in_a_signed_response(client, saml_idp, case):
    before = snapshot()
    saml_idp.citizen(case.citizen.cpr)
    saml_idp.sign_assertion, saml_idp.sign_response = False, True
    assert_refused(client, saml_login(client, saml_idp), message="ikke underskrevet", reason="uden underskrift",
                   before=before)


@pytest.mark.parametrize("same_entity_id", [False, True], ids=["unknown-issuer", "unknown-key"])
def test_assertion_from_an_unknown_idp_is_refused(client, saml_idp, saml_world, case, tmp_path, same_entity_id):
    from jobspor.testing.saml_idp import SamlIdP
    # Another IdP with its own key (and entity id), answering Jobspor's request as if it were NemLog-in.
    rogue = SamlIdP(tmp_path, entity_id=saml_idp.entity_id if same_entity_id else "https://rogue.example/idp",
                    serve=False, base_url=saml_idp.base_url)
    rogue.load_sp_metadata(path=saml_idp.sp_metadata_file)
    rogue.citizen(case.citizen.cpr)
    before = snapshot()
    action, fields = rogue.answer(start_login(client))
    assert_refused(client, post_to_acs(client, action, fields), message="Underskriften på svaret fra MitID",
                   reason="underskrift ikke godkendt", before=before)


def test_a_trusted_idp_answering_a_request_sent_to_another_is_refused(client, saml_idp, saml_world, case, tmp_path):
    """Two IdPs in the metadata, citizens' logins go to the first: the second's (validly signed) answer is refused."""
    from django.test import override_settings

    from jobspor.testing.saml_idp import SamlIdP
    other = SamlIdP(tmp_path, entity_id="https://other-idp.example/idp", serve=False, base_url=saml_idp.base_url)
    other.load_sp_metadata(path=saml_idp.sp_metadata_file)
    other.citizen(case.citizen.cpr)
    with override_settings(JOBSPOR_SAML_IDP_METADATA=f"{saml_idp.metadata_file},{other.metadata_file}",
                           JOBSPOR_SAML_IDP_ENTITY_ID=saml_idp.entity_id):
        before = snapshot()
        url = start_login(client)
        assert url.startswith(saml_idp.base_url)
        action, fields = other.answer(url)
        assert_refused(client, post_to_acs(client, action, fields), message="kom ikke fra den NemLog-in",
                       reason="ukendt udsteder", before=before)


def test_level_of_assurance_low_is_refused(client, saml_idp, case):
    before = snapshot()
    saml_idp.citizen(case.citizen.cpr, loa="Low")
    assert_refused(client, saml_login(client, saml_idp), message="sikringsniveau", reason="niveau Low",
                   before=before)


def test_cpr_matching_no_citizen_is_refused(client, saml_idp, case):
    before = snapshot()
    saml_idp.citizen("0101010101")
    assert_refused(client, saml_login(client, saml_idp), message="Vi kan ikke finde dig som borger",
                   reason="passer ikke til en borger", before=before)
    assert "0101010101" not in AccessLog.objects.order_by("-id").first().purpose  # never a CPR in the log
    assert "0101010101" not in json.dumps(SessionStore(client.cookies["jobspor_saml"].value).load())


def test_cvr_matching_no_company_is_refused(client, saml_idp, company):
    before = snapshot()
    saml_idp.company("87654321", UUID)
    assert_refused(client, saml_login(client, saml_idp, erhverv=True), message="Virksomheden er ikke kendt",
                   reason="passer ikke til en virksomhed", before=before)


def test_private_mitid_on_the_company_door_is_refused(client, saml_idp, case):
    before = snapshot()
    saml_idp.citizen(case.citizen.cpr)
    assert_refused(client, saml_login(client, saml_idp, erhverv=True), message="kræver login med MitID Erhverv",
                   reason="intet CVR-nummer", before=before)


def test_closed_company_user_is_refused(client, saml_idp, company):
    saml_idp.company(company.cvr, UUID)
    saml_login(client, saml_idp, erhverv=True)
    client.logout()
    CompanyUser.objects.filter(mitid_uuid=UUID).update(is_active=False)
    before = snapshot()
    assert_refused(client, saml_login(client, saml_idp, erhverv=True), message="adgang til Virksomhedsindgangen er "
                   "lukket", reason="lukket", before=before)


def test_garbage_and_unsolicited_posts_are_refused(client, saml_idp, case):
    before = snapshot()
    assert_refused(client, client.post(reverse("saml:acs"), {"SAMLResponse": "bm90IHhtbA=="}),
                   message="kunne ikke læses", reason="svar", before=before)
    # A genuine answer to a request made in another browser.
    saml_idp.citizen(case.citizen.cpr)
    other = client.__class__()
    action, fields = idp_answer(start_login(other))
    assert_refused(client, post_to_acs(client, action, fields), message="Vi har ikke bedt om dette svar",
                   reason="uden forespørgsel", before=before)
