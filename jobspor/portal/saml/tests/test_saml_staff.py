"""Staff login through KOMBIT's Context Handler, driven end to end against a real pysaml2 IdP (jobspor.testing.saml_idp)
playing the Context Handler: Jobspor's signed AuthnRequest for its staff SP entity goes to the IdP over HTTP, the
IdP's signed answer with the privileges (dk:gov:saml:attribute:Privileges_intermediate) comes back to the staff
ACS, and the employee lands with the roles and team the privileges give."""

import base64
import datetime as dt

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from saml2.metadata import entity_descriptor

from jobspor.audit.models import AccessLog, Event
from jobspor.organisation.models import Employee
from jobspor.portal.saml.staff import ASSURANCE, CVR, PRIVILEGES, staff_sp_config
from jobspor.sso.models import GroupMapping, Source, StaffIdentity
from jobspor.testing.factories import EmployeeFactory, TeamFactory
from jobspor.testing.saml_idp import SamlIdP, form_fields, make_key_pair

from .conftest import post_to_acs

MUNICIPALITY = "29189846"
JOBFORMIDLER = "http://jobspor.dk/roles/usersystemrole/jobformidler/1"
LEDER = "http://jobspor.dk/roles/usersystemrole/leder/1"
ORG_UNIT = "http://sts.kombit.dk/constraints/orgenhed/1"
MAIL = "urn:oid:0.9.2342.19200300.100.1.3"
NAME = "urn:oid:2.5.4.3"


def bpp(*groups) -> str:
    """A Privileges_intermediate value as the Context Handler sends it: (cvr, [privileges], {constraint: value})."""
    body = ""
    for cvr, privileges, constraints in groups:
        body += f'<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:{cvr}">'
        body += "".join(f'<Constraint Name="{n}">{v}</Constraint>' for n, v in constraints.items())
        body += "".join(f"<Privilege>{p}</Privilege>" for p in privileges) + "</PrivilegeGroup>"
    xml = ('<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList '
           'xmlns:bpp="http://itst.dk/oiosaml/basic_privilege_profile" '
           f'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{body}</bpp:PrivilegeList>')
    return base64.b64encode(xml.encode()).decode()


@pytest.fixture(scope="module")
def kombit_world(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("kombit")
    sp_key, sp_cert = make_key_pair(workdir, "sp-kombit", "Jobspor medarbejdere")
    idp = SamlIdP(workdir / "idp", entity_id="https://contexthandler.test/runtime/saml2/metadata.idp")
    settings = {"JOBSPOR_KOMBIT_ENTITY_ID": "https://jobspor.test/saml/medarbejder",
                "JOBSPOR_KOMBIT_IDP_METADATA": idp.metadata_file, "JOBSPOR_KOMBIT_KEY_FILE": sp_key,
                "JOBSPOR_KOMBIT_CERT_FILE": sp_cert, "JOBSPOR_SAML_BASE_URL": "http://testserver",
                "JOBSPOR_KOMBIT_CVR": MUNICIPALITY}
    with override_settings(**settings):
        idp.load_sp_metadata(str(entity_descriptor(staff_sp_config(None))))
    yield idp, settings
    idp.stop()


@pytest.fixture
def kombit(kombit_world, db):
    idp, settings = kombit_world
    idp.reset()
    with override_settings(**settings):
        yield idp


@pytest.fixture
def teams(db):
    north = TeamFactory(name="Team Nord", external_id="8c1f0a52-0000-4000-8000-00000000000a")
    GroupMapping.objects.create(source=Source.KOMBIT, group=JOBFORMIDLER, role="jobformidler")
    GroupMapping.objects.create(source=Source.KOMBIT, group=LEDER, role="leder")
    return north


def employee_answer(idp, *, privileges, email="anne@kommune.dk", name="Anne Andersen"):
    idp.attributes = {PRIVILEGES: [privileges], CVR: [MUNICIPALITY], ASSURANCE: ["3"], MAIL: [email], NAME: [name]}


def kombit_login(client, next_url="/sag/"):
    start = client.get(reverse("saml:staff_login"), {"next": next_url})
    assert start.status_code == 302, start.content[:300]
    page = requests.get(start["Location"], timeout=30)
    assert page.status_code == 200, page.text
    return post_to_acs(client, *form_fields(page.text))


def snapshot():
    return (get_user_model().objects.count(), StaffIdentity.objects.count(), Event.objects.count(),
            sorted((e.name, tuple(e.roles), e.team_id) for e in Employee.objects.all()))


def logged_in(client):
    return client.get(reverse("cases:list")).status_code == 200


def assert_refused(client, response, *, message, reason, before):
    page = response.content.decode()
    assert response.status_code in (400, 403), page[:500]
    assert "Du blev ikke logget ind" in page and message in page, page
    assert not logged_in(client)
    assert snapshot() == before
    denied = AccessLog.objects.filter(action="denied", subject="saml:staff_acs").order_by("-id").first()
    assert denied is not None and reason in denied.purpose and "KOMBIT" in denied.purpose, denied and denied.purpose


def test_login_page_offers_kombit_and_the_metadata_is_served(client, kombit):
    assert "Log ind via KOMBIT" in client.get(reverse("accounts:login")).content.decode()
    xml = client.get(reverse("saml:staff_metadata")).content.decode()
    assert 'entityID="https://jobspor.test/saml/medarbejder"' in xml
    assert 'Location="http://testserver/saml/medarbejder/acs/"' in xml


def test_no_kombit_without_settings(client, db):
    assert "KOMBIT" not in client.get(reverse("accounts:login")).content.decode()
    assert client.get(reverse("saml:staff_login")).status_code == 404


def test_employee_logs_in_with_roles_and_team_from_the_privileges(client, kombit, teams):
    employee_answer(kombit, privileges=bpp((MUNICIPALITY, [JOBFORMIDLER, LEDER], {ORG_UNIT: teams.external_id})))
    response = kombit_login(client)
    assert response.status_code == 302 and response["Location"] == "/sag/", response.content[:500]
    assert logged_in(client)
    employee = Employee.objects.get(email="anne@kommune.dk")
    assert (employee.name, employee.roles, employee.team) == ("Anne Andersen", ["jobformidler", "leder"], teams)
    assert client.session["staff_login_method"] == "kombit"
    login = Event.objects.get(verb="sso_login", user_id=employee.user_id)
    assert login.after["method"] == "kombit" and login.after["assurance"] == "3"
    # Next login: the privileges changed at the municipality's user administration → the roles follow.
    client.logout()
    employee_answer(kombit, privileges=bpp((MUNICIPALITY, [JOBFORMIDLER], {})))
    kombit_login(client)
    employee.refresh_from_db()
    assert (employee.roles, employee.team) == (["jobformidler"], teams)  # no team named: the team stays
    assert Employee.objects.count() == 1


def test_an_existing_employee_is_found_by_email(client, kombit, teams):
    bo = EmployeeFactory(name="Bo Berg", email="bo@kommune.dk", roles=["mentor"])
    employee_answer(kombit, privileges=bpp((MUNICIPALITY, [LEDER], {})), email="Bo@Kommune.dk")
    kombit_login(client)
    bo.refresh_from_db()
    assert bo.roles == ["leder"] and StaffIdentity.objects.get(source="kombit").employee == bo


def test_privileges_for_another_municipality_give_nothing(client, kombit, teams):
    before = snapshot()
    employee_answer(kombit, privileges=bpp(("12345678", [JOBFORMIDLER], {})))
    assert_refused(client, kombit_login(client), message="ikke i en gruppe, der giver adgang",
                   reason="ingen gruppe", before=before)


def test_unknown_privileges_are_refused(client, kombit, teams):
    before = snapshot()
    employee_answer(kombit, privileges=bpp((MUNICIPALITY, ["http://andet.dk/roles/noget/1"], {})))
    assert_refused(client, kombit_login(client), message="ikke i en gruppe", reason="ingen gruppe", before=before)
    employee_answer(kombit, privileges="ikke base64 xml")
    assert_refused(client, kombit_login(client), message="ikke i en gruppe", reason="ingen gruppe", before=before)


def test_an_unsigned_assertion_is_refused(client, kombit, teams):
    before = snapshot()
    employee_answer(kombit, privileges=bpp((MUNICIPALITY, [JOBFORMIDLER], {})))
    kombit.sign_assertion, kombit.sign_response = False, True
    assert_refused(client, kombit_login(client), message="ikke underskrevet", reason="uden underskrift",
                   before=before)


def test_an_expired_assertion_is_refused(client, kombit, teams):
    before = snapshot()
    employee_answer(kombit, privileges=bpp((MUNICIPALITY, [JOBFORMIDLER], {})))
    kombit.valid_from, kombit.valid_until = dt.timedelta(minutes=-20), dt.timedelta(minutes=-10)
    assert_refused(client, kombit_login(client), message="er udløbet", reason="udløbet", before=before)


def test_an_assertion_for_another_audience_is_refused(client, kombit, teams):
    before = snapshot()
    employee_answer(kombit, privileges=bpp((MUNICIPALITY, [JOBFORMIDLER], {})))
    kombit.audience = "https://jobspor.test/saml/sp"  # the citizens' SP: not the staff entity
    assert_refused(client, kombit_login(client), message="var ikke til Jobspor", reason="audience", before=before)


def test_garbage_and_replayed_answers_are_refused(client, kombit, teams):
    before = snapshot()
    assert_refused(client, client.post(reverse("saml:staff_acs"), {"SAMLResponse": "bm90IHhtbA=="}),
                   message="kunne ikke læses", reason="kunne ikke læses", before=before)
    employee_answer(kombit, privileges=bpp((MUNICIPALITY, [JOBFORMIDLER], {})))
    start = client.get(reverse("saml:staff_login"))
    action, fields = form_fields(requests.get(start["Location"], timeout=30).text)
    assert post_to_acs(client, action, fields).status_code == 302
    client.logout()
    before = snapshot()
    assert_refused(client, post_to_acs(client, action, fields), message="allerede brugt", reason="genafspilning",
                   before=before)


def test_mandatory_totp_for_local_logins_leaves_kombit_logins_to_the_context_handler(client, kombit, teams):
    employee_answer(kombit, privileges=bpp((MUNICIPALITY, [JOBFORMIDLER], {})))
    with override_settings(JOBSPOR_REQUIRE_TOTP=True):
        kombit_login(client)
        assert client.get(reverse("cases:list")).status_code == 200  # not sent to set up TOTP
