"""Citizens, company users and staff each stay in their own part of the site: a portal user has no staff rights,
a staff login does not open a portal page, and anonymous visitors are sent to the right login.

Every named URL of both portals is walked here, with placeholder ids: the separation is decided on the URL before
any view runs. That a citizen (or company) reaches only its *own* objects is tested with each portal page."""

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from jobspor.testing.factories import (
    EmployeeFactory,
    citizen_login,
    company_login,
    make_case,
    make_company,
    make_company_user,
)

# Who may open which portal page is decided in Python, the same on both databases: make test runs the matrix once, in
# the SQLite run, which has less to do than the PostgreSQL one.
pytestmark = pytest.mark.one_database(on="sqlite")

PORTAL_NAMESPACES = {"minside", "virk", "saml"}
# Pages a visitor may open without logging in (their own login pages, the SAML endpoints).
PUBLIC = {"minside:login", "minside:demo_login", "minside:logout", "virk:login", "virk:demo_login", "virk:logout"}


def portal_urls(namespace):
    """(name, path) of every named URL in the namespace, with placeholder values for its arguments."""
    resolver = next(p for p in get_resolver().url_patterns
                    if isinstance(p, URLResolver) and p.namespace == namespace)
    found = []
    for p in resolver.url_patterns:
        if isinstance(p, URLPattern) and p.name:
            name = f"{namespace}:{p.name}"
            kwargs = {k: (1 if conv.__class__.__name__ == "IntConverter" else "x")
                      for k, conv in p.pattern.converters.items()}
            found.append((name, reverse(name, kwargs=kwargs)))
    return found


MINSIDE = portal_urls("minside")
VIRK = portal_urls("virk")
STAFF_SAMPLE = ["cases:list", "followup:my_tasks", "companies:list", "jobs:list", "kpi:dashboard",
                "contacts:stalled", "forecast:team", "accounts:totp"]


@pytest.fixture
def people(db):
    broker = EmployeeFactory(roles=["jobformidler"])
    case = make_case(primary=broker)
    company = make_company(owner=broker)
    return {"broker": broker, "case": case, "company": company,
            "company_user": make_company_user(company=company)}


@pytest.mark.parametrize(("name", "path"), [u for u in MINSIDE + VIRK if u[0] not in PUBLIC])
def test_staff_cannot_open_portal_pages(client, people, name, path):
    client.force_login(people["broker"].user)
    response = client.get(path)
    assert response.status_code == 403
    assert "selvbetjeningen" in response.content.decode()


@pytest.mark.parametrize("name", STAFF_SAMPLE)
def test_citizen_has_no_staff_rights(client, people, name):
    citizen_login(client, people["case"].citizen)
    response = client.get(reverse(name))
    assert response.status_code == 403
    assert "kun for jobcentrets medarbejdere" in response.content.decode()


@pytest.mark.parametrize("name", STAFF_SAMPLE)
def test_company_user_has_no_staff_rights(client, people, name):
    company_login(client, people["company_user"])
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize(("name", "path"), [u for u in VIRK if u[0] not in PUBLIC])
def test_citizen_cannot_open_company_pages(client, people, name, path):
    citizen_login(client, people["case"].citizen)
    assert client.get(path).status_code == 403


@pytest.mark.parametrize(("name", "path"), [u for u in MINSIDE if u[0] not in PUBLIC])
def test_company_user_cannot_open_citizen_pages(client, people, name, path):
    company_login(client, people["company_user"])
    assert client.get(path).status_code == 403


@pytest.mark.parametrize(("name", "path"), [u for u in MINSIDE + VIRK if u[0] not in PUBLIC])
def test_anonymous_is_sent_to_the_portals_own_login(client, db, name, path):
    response = client.get(path)
    assert response.status_code == 302
    login = reverse("minside:login") if name.startswith("minside:") else reverse("virk:login")
    assert response["Location"].startswith(login)


def test_portal_users_home_is_their_portal(client, people):
    citizen_login(client, people["case"].citizen)
    assert client.get("/")["Location"] == reverse("minside:home")
    client.logout()
    company_login(client, people["company_user"])
    assert client.get("/")["Location"] == reverse("virk:home")


def test_portal_user_cannot_log_in_to_the_admin_or_with_a_password(client, people):
    user = citizen_login(client, people["case"].citizen)
    assert not user.has_usable_password()
    assert client.get("/admin/").status_code in (302, 403)


@pytest.mark.parametrize("path", ["/min-side/log-ind/demo/", "/virksomhed/log-ind/demo/"])
def test_demo_logins_are_off_unless_turned_on(client, db, path):
    assert client.get(path).status_code == 404
    with override_settings(JOBSPOR_DEMO_LOGINS=True):
        assert client.get(path).status_code == 200


def test_production_settings_refuse_demo_logins(monkeypatch):
    import importlib
    monkeypatch.setenv("DJANGO_SECRET_KEY", "x" * 50)
    monkeypatch.setenv("DJANGO_ALLOWED_HOSTS", "jobspor.kommune.example")  # production has no default host
    monkeypatch.setenv("JOBSPOR_DEMO_LOGINS", "1")
    production = importlib.import_module("config.settings.production")
    assert importlib.reload(production).JOBSPOR_DEMO_LOGINS is False


@override_settings(JOBSPOR_DEMO_LOGINS=True)
def test_demo_login_picks_a_demo_citizen_and_shows_their_jobformidler(client, people):
    citizen = people["case"].citizen
    response = client.post(reverse("minside:demo_login"), {"citizen": citizen.pk})
    assert response["Location"] == reverse("minside:home")
    page = client.get(reverse("minside:home")).content.decode()
    assert citizen.name in page and people["broker"].name in page
    assert "Sager" not in page  # no staff menu


@override_settings(JOBSPOR_DEMO_LOGINS=True)
def test_demo_company_login_shows_the_companys_contact(client, people):
    response = client.post(reverse("virk:demo_login"), {"user": people["company_user"].pk})
    assert response["Location"] == reverse("virk:home")
    page = client.get(reverse("virk:home")).content.decode()
    assert people["company"].name in page and people["broker"].name in page
    assert "Du får svar inden for 24 timer på hverdage." in page  # the answer promise
