"""Staff login with OpenID Connect against a real provider started by the tests (pyop served over HTTP in a thread,
jobspor/testing/oidc_op.py): the authorization redirect, the provider's login, the callback, the code exchanged
for tokens over HTTP, the ID token's signature checked against the provider's JWKS, the groups mapped to roles."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from jobspor.audit.models import AccessLog, Event
from jobspor.organisation.models import Employee
from jobspor.sso import oidc
from jobspor.sso.models import GroupMapping, Source, StaffIdentity
from jobspor.testing.factories import EmployeeFactory, TeamFactory
from jobspor.testing.oidc_op import TestOP, follow_login


@pytest.fixture(scope="module")
def op():
    provider = TestOP()
    yield provider
    provider.stop()


@pytest.fixture
def oidc_on(op, db):
    op.reset()
    oidc._discovered.clear()
    with override_settings(**op.settings()):
        yield op


@pytest.fixture
def teams(db):
    north, south = TeamFactory(name="Team Nord", external_id="nord"), TeamFactory(name="Team Syd", external_id="syd")
    GroupMapping.objects.create(source=Source.OIDC, group="grp-jobformidlere", role="jobformidler", team=north)
    GroupMapping.objects.create(source=Source.OIDC, group="grp-ledere-syd", role="leder", team=south)
    GroupMapping.objects.create(source=Source.OIDC, group="grp-ledere-syd", role="jobformidler", team=south)
    return north, south


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
    denied = AccessLog.objects.filter(action="denied", subject="sso:oidc_callback").order_by("-id").first()
    assert denied is not None and reason in denied.purpose, denied and denied.purpose


def test_no_button_and_no_endpoints_without_settings(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Log ind med kommunens login" not in page
    assert client.get(reverse("sso:oidc_login")).status_code == 404


def test_the_login_page_offers_the_municipalitys_login(client, oidc_on):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "Log ind med kommunens login" in page and 'name="password"' in page  # local login remains


@pytest.mark.parametrize("discovery", [True, False], ids=["discovery", "endpoints"])
def test_a_new_employee_logs_in_with_roles_and_team_from_the_groups(client, oidc_on, teams, discovery):
    north, _south = teams
    with override_settings(**oidc_on.settings(discovery=discovery)):
        oidc_on.login_as("anne", email="Anne@Kommune.dk", name="Anne Andersen",
                         groups=["grp-jobformidlere", "grp-kantine"])
        response = follow_login(client, oidc_on, next_url="/sag/")
        assert response.status_code == 302 and response["Location"] == "/sag/", response.content[:500]
        assert oidc_on.token_requests == 1  # the code went to the provider's token endpoint over HTTP
        assert logged_in(client)
    employee = Employee.objects.get(email="Anne@Kommune.dk")
    assert (employee.name, employee.roles, employee.team) == ("Anne Andersen", ["jobformidler"], north)
    assert not employee.user.has_usable_password()  # this login exists only through the identity provider
    assert StaffIdentity.objects.get(source="oidc").subject == "sub-anne"
    assert client.session["staff_login_method"] == "oidc"
    login = Event.objects.get(verb="sso_login", user_id=employee.user_id)
    assert login.after["method"] == "oidc" and login.after["roles"] == ["jobformidler"]
    assert login.after["amr"] == ["pwd", "mfa"]


def test_an_existing_employee_is_found_by_email_then_by_subject(client, oidc_on, teams):
    bo = EmployeeFactory(name="Bo Berg", email="bo@kommune.dk", roles=["mentor"])
    before_users = get_user_model().objects.count()
    oidc_on.login_as("bo", email="BO@kommune.dk", groups=["grp-ledere-syd"])
    assert follow_login(client, oidc_on)["Location"] == reverse("home")
    bo.refresh_from_db()
    assert bo.roles == ["jobformidler", "leder"] and bo.team.name == "Team Syd"
    assert get_user_model().objects.count() == before_users and Employee.objects.count() == 1
    # The e-mail changes at the provider (a new name): the subject still finds Bo.
    client.logout()
    oidc_on.login_as("bo", email="bo.berg@kommune.dk", groups=["grp-ledere-syd"])
    follow_login(client, oidc_on)
    assert logged_in(client) and Employee.objects.filter(email__icontains="bo").count() == 1


def test_groups_changed_at_the_provider_change_the_roles_at_the_next_login(client, oidc_on, teams):
    north, south = teams
    oidc_on.login_as("cai", email="cai@kommune.dk", groups=["grp-jobformidlere"])
    follow_login(client, oidc_on)
    employee = Employee.objects.get(email="cai@kommune.dk")
    assert (employee.roles, employee.team) == (["jobformidler"], north)
    client.logout()
    oidc_on.login_as("cai", email="cai@kommune.dk", groups=["grp-ledere-syd"])
    follow_login(client, oidc_on)
    employee.refresh_from_db()
    assert (employee.roles, employee.team) == (["jobformidler", "leder"], south)
    synced = Event.objects.get(verb="sso_roles_synced", target_id=employee.pk)
    assert synced.before == {"roles": ["jobformidler"], "team": "Team Nord"}
    assert synced.after == {"roles": ["jobformidler", "leder"], "team": "Team Syd"}
    # The leader's start page (kpi dashboard) is where the new role lands.
    assert client.get(reverse("home"))["Location"] == reverse("kpi:dashboard")


def test_a_token_for_another_audience_is_refused(client, oidc_on, teams):
    EmployeeFactory(email="dea@kommune.dk", roles=["mentor"])
    before = snapshot()
    oidc_on.login_as("dea", email="dea@kommune.dk", groups=["grp-jobformidlere"])
    oidc_on.audience = "en-anden-app"
    assert_refused(client, follow_login(client, oidc_on), message="var ikke til Jobspor", reason="audience",
                   before=before)


def test_an_expired_token_is_refused(client, oidc_on, teams):
    EmployeeFactory(email="eva@kommune.dk", roles=["mentor"])
    before = snapshot()
    oidc_on.login_as("eva", email="eva@kommune.dk", groups=["grp-jobformidlere"])
    oidc_on.id_token_lifetime = -600  # expired ten minutes ago, beyond the allowed clock skew
    assert_refused(client, follow_login(client, oidc_on), message="er udløbet", reason="udløbet", before=before)


def test_a_token_from_another_issuer_is_refused(client, oidc_on, teams):
    before = snapshot()
    oidc_on.login_as("fie", email="fie@kommune.dk", groups=["grp-jobformidlere"])
    oidc_on.issuer_override = "https://rogue.example"
    assert_refused(client, follow_login(client, oidc_on), message="ikke fra den identitetsudbyder",
                   reason="ukendt udsteder", before=before)


def test_a_user_whose_groups_map_to_nothing_is_refused(client, oidc_on, teams):
    EmployeeFactory(email="gry@kommune.dk", roles=["mentor"])
    before = snapshot()
    oidc_on.login_as("gry", email="gry@kommune.dk", groups=["grp-kantine", "grp-alle"])
    assert_refused(client, follow_login(client, oidc_on), message="ikke i en gruppe, der giver adgang",
                   reason="ingen gruppe", before=before)


def test_an_inactive_employee_is_refused(client, oidc_on, teams):
    EmployeeFactory(email="hal@kommune.dk", is_active=False)
    before = snapshot()
    oidc_on.login_as("hal", email="hal@kommune.dk", groups=["grp-jobformidlere"])
    assert_refused(client, follow_login(client, oidc_on), message="adgang til Jobspor er lukket",
                   reason="ikke aktiv", before=before)


def test_a_callback_this_browser_did_not_start_is_refused(client, oidc_on, teams):
    before = snapshot()
    assert_refused(client, client.get(reverse("sso:oidc_callback"), {"code": "abc", "state": "forged"}),
                   message="ikke til et login", reason="state", before=before)
    # The provider's own refusal (the person cancelled) is shown and logged too.
    assert_refused(client, client.get(reverse("sso:oidc_callback"), {"error": "access_denied"}),
                   message="blev ikke gennemført", reason="gennemførte ikke", before=before)


def test_mandatory_totp_for_local_logins_leaves_sso_logins_to_the_provider(client, oidc_on, teams):
    with override_settings(JOBSPOR_REQUIRE_TOTP=True):
        oidc_on.login_as("ida", email="ida@kommune.dk", groups=["grp-jobformidlere"])
        follow_login(client, oidc_on)
        assert client.get(reverse("cases:list")).status_code == 200  # not sent to set up TOTP


def test_mfa_in_the_token_can_be_required(client, oidc_on, teams):
    with override_settings(JOBSPOR_OIDC_REQUIRE_MFA=True):
        before = snapshot()
        oidc_on.login_as("jon", email="jon@kommune.dk", groups=["grp-jobformidlere"])
        oidc_on.amr = ["pwd"]
        assert_refused(client, follow_login(client, oidc_on), message="to-faktor", reason="uden to-faktor",
                       before=before)
        oidc_on.amr = ["pwd", "mfa"]
        follow_login(client, oidc_on)
        assert logged_in(client)


def test_a_provider_that_does_not_answer_or_refuses_the_client_is_refused_in_danish(client, oidc_on, teams):
    before = snapshot()
    oidc_on.login_as("kim", email="kim@kommune.dk", groups=["grp-jobformidlere"])
    with override_settings(JOBSPOR_OIDC_TOKEN_ENDPOINT="http://127.0.0.1:9/token"):  # nothing listens there
        assert_refused(client, follow_login(client, oidc_on), message="svarede ikke, som det skulle",
                       reason="fejl i kaldet", before=before)
    with override_settings(JOBSPOR_OIDC_CLIENT_SECRET="forkert-hemmelighed"):  # the provider refuses the client
        assert_refused(client, follow_login(client, oidc_on), message="svarede ikke, som det skulle",
                       reason="HTTP 40", before=before)


def test_refused_sso_logins_lock_nobody_out(client, oidc_on, teams):
    """Six colleagues behind the jobcentre's one address without the right group: the seventh, with it, gets in,
    and the password lock-out counted none of them (each refusal is in the access log)."""
    from axes.models import AccessAttempt

    for n in range(6):
        oidc_on.login_as(f"u{n}", email=f"u{n}@kommune.dk", groups=["grp-kantine"])
        assert follow_login(client, oidc_on).status_code == 403
    assert AccessLog.objects.filter(action="denied", subject="sso:oidc_callback").count() == 6
    assert not AccessAttempt.objects.exists()
    oidc_on.login_as("ok", email="ok@kommune.dk", groups=["grp-jobformidlere"])
    assert follow_login(client, oidc_on).status_code == 302 and logged_in(client)


# --- logging out (RP-initiated logout) --------------------------------------------------------------------------------

def test_log_af_after_an_oidc_login_ends_the_session_at_the_provider_too(client, oidc_on, teams):
    import requests

    oidc_on.login_as("frida", email="frida@kommune.dk", groups=["grp-jobformidlere"])
    follow_login(client, oidc_on)
    assert logged_in(client)
    id_token = client.session[oidc.ID_TOKEN]
    # The pages' form-action lets "Log af" (a form posting to Jobspor) be redirected on to the provider.
    csp = client.get(reverse("cases:list"))["Content-Security-Policy"]
    form_action = next(d for d in csp.split(";") if d.strip().startswith("form-action"))
    assert oidc_on.base_url in form_action

    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == f"{oidc_on.base_url}/logout"
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert query == {"id_token_hint": id_token, "client_id": "jobspor-test",
                     "post_logout_redirect_uri": "http://testserver/konto/login/"}
    assert not logged_in(client) and "_auth_user_id" not in client.session and oidc.ID_TOKEN not in client.session
    # The provider accepts the hint and the registered address and sends the browser back to Jobspor's login page.
    at_op = requests.get(response["Location"], allow_redirects=False, timeout=30)
    assert at_op.status_code == 302
    assert at_op.headers["Location"].rstrip("?") == "http://testserver/konto/login/"  # pyop adds an empty query
    assert len(oidc_on.logouts) == 1 and oidc_on.logouts[0]["id_token_hint"] == id_token


def test_without_an_end_session_endpoint_log_af_ends_the_jobspor_session_only(client, oidc_on, teams):
    oidc_on.end_session = False
    oidc_on.provider = oidc_on._provider()
    oidc_on.login_as("gert", email="gert@kommune.dk", groups=["grp-jobformidlere"])
    follow_login(client, oidc_on)
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login") and not logged_in(client)
    assert oidc_on.logouts == []


def test_a_password_user_logs_out_as_before_with_oidc_set_up(client, oidc_on):
    employee = EmployeeFactory(roles=["jobformidler"])
    client.force_login(employee.user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert not logged_in(client) and oidc_on.logouts == []


def test_an_explicit_end_session_endpoint_wins_over_discovery(client, oidc_on, teams):
    with override_settings(JOBSPOR_OIDC_END_SESSION_ENDPOINT="https://adfs.kommune.dk/adfs/oauth2/logout?x=1"):
        oidc_on.login_as("hans", email="hans@kommune.dk", groups=["grp-jobformidlere"])
        follow_login(client, oidc_on)
        csp = client.get(reverse("cases:list"))["Content-Security-Policy"]
        assert "https://adfs.kommune.dk" in csp
        location = client.post(reverse("accounts:logout"))["Location"]
    assert location.startswith("https://adfs.kommune.dk/adfs/oauth2/logout?x=1&id_token_hint=")


# --- Entra ID's groups overage ------------------------------------------------------------------------------------

OVERAGE = {"_claim_names": {"groups": "src1"},
           "_claim_sources": {"src1": {"endpoint": "https://graph.windows.net/tenant/users/sub-ida/getMemberObjects"}},
           "amr": ["pwd", "mfa"]}


@pytest.mark.parametrize("claims", [OVERAGE, {"hasgroups": True, "amr": ["pwd"]}], ids=["claim_names", "hasgroups"])
def test_too_many_groups_at_entra_id_is_refused_with_what_to_change(client, oidc_on, teams, claims):
    """The provider sends no groups claim but Entra ID's pointer to Graph: refused with a message for the
    administrator, not as "no group", logged, nothing changed and no call to Microsoft Graph."""
    EmployeeFactory(email="ida@kommune.dk", roles=["mentor"])
    before = snapshot()
    oidc_on.login_as("ida", email="ida@kommune.dk", groups=["grp-jobformidlere"])
    oidc_on.claims_override = claims
    response = follow_login(client, oidc_on)
    assert_refused(client, response, message="fordi du er medlem af for mange grupper", reason="group overage",
                   before=before)
    page = response.content.decode()
    assert "kun at sende grupper, der er tildelt applikationen" in page and "app-roller" in page
    assert "ikke i en gruppe, der giver adgang" not in page


def test_the_overage_check_reads_the_configured_claim():
    from jobspor.sso.oidc import groups_overage

    assert groups_overage(OVERAGE, "groups")
    assert groups_overage({"hasgroups": "true"}, "groups")
    assert not groups_overage({**OVERAGE, "groups": ["a"]}, "groups")  # the groups came after all
    assert not groups_overage(OVERAGE, "roles")  # app roles are not cut short: a missing roles claim is no overage
    assert not groups_overage({"hasgroups": True}, "roles")
    assert groups_overage({"_claim_names": {"roles": "src1"}}, "roles")
    assert not groups_overage({"groups": []}, "groups") and not groups_overage({}, "groups")
