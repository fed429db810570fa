"""PostgreSQL: the application runs as a role that may only INSERT and SELECT the audit tables. As that role
DELETE, UPDATE, TRUNCATE, disabling the triggers and a replica session fail; INSERT and SELECT work; the
application still serves an ordinary request (writing events and the access log) and applies the retention rule
through the owner's function. The test database's own user is a superuser: the limited role is made here."""

import uuid
from importlib import import_module
from io import StringIO

import psycopg
import pytest
from django.apps import apps as django_apps
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from jobspor.audit import chain, roles
from jobspor.audit.models import AccessLog, ChainAnchor, Event
from jobspor.audit.services import access_log_prune
from jobspor.citizens.models import PostalCode
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's")

FORBIDDEN = [
    "DELETE FROM audit_accesslog",
    "UPDATE audit_accesslog SET purpose = 'x'",
    "TRUNCATE audit_accesslog",
    "ALTER TABLE audit_accesslog DISABLE TRIGGER ALL",
    "ALTER TABLE audit_accesslog DISABLE TRIGGER audit_accesslog_no_delete",
    "DROP TABLE audit_accesslog",
    "DELETE FROM audit_event",
    "UPDATE audit_event SET actor = 'x'",
    "TRUNCATE audit_event",
    "ALTER TABLE audit_event DISABLE TRIGGER ALL",
    "DELETE FROM audit_chainanchor",
    "TRUNCATE audit_chainanchor",
    "SET session_replication_role = replica",
]


@pytest.fixture
def app_role(transactional_db):
    """A fresh login role with the application's rights; the superuser is given back and the role dropped after."""
    if not PostalCode.objects.exists():  # an earlier transactional test emptied what the migrations loaded
        import_module("jobspor.citizens.migrations.0002_load_postal_codes").load(django_apps, None)
    role = f"jobspor_app_{uuid.uuid4().hex[:10]}"
    out = StringIO()
    call_command("audit", "grant_app_role", role, "--create", stdout=out)
    assert "må nu kun INSERT og SELECT" in out.getvalue()
    superuser = connection.settings_dict["USER"]
    yield role
    connection.close()
    connection.settings_dict["USER"] = superuser
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{role}"')
        cursor.execute(f'DROP ROLE "{role}"')


def connect_as(role):
    s = connection.settings_dict
    return psycopg.connect(host=s["HOST"], port=s["PORT"] or 5432, dbname=s["NAME"], user=role)


def run_as_django(role):
    connection.close()
    connection.settings_dict["USER"] = role


def test_the_application_role_can_only_insert_and_select_the_audit_trail(app_role):
    AccessLog.objects.create(actor="a", action="view", purpose="p")  # a row to try on (as the owner)
    with connect_as(app_role) as conn:
        for sql in FORBIDDEN:
            with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():
                conn.execute(sql)
        with conn.transaction():
            conn.execute("INSERT INTO audit_chainanchor (at, chain, kind, last_id, last_hash, rows) "
                         "VALUES (now(), 'audit_accesslog', 'head', NULL, '', 0)")
            assert conn.execute("SELECT count(*) FROM audit_accesslog").fetchone()[0] == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege), conn.transaction():  # the retention period holds
            conn.execute("SELECT jobspor_audit_prune(now())")
        assert conn.execute("SELECT current_user").fetchone()[0] == app_role


def test_the_application_works_as_that_role(app_role, client):
    run_as_django(app_role)
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == app_role
    broker = EmployeeFactory(name="Anne Holm", team=TeamFactory(), roles=["jobformidler"], user__username="anne")
    case = make_case(primary=broker, name="Rolle Borger")  # services write events
    client.force_login(broker.user)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200 and "Rolle Borger" in response.content.decode()
    assert AccessLog.objects.filter(user_id=broker.user.pk, case_id=case.pk).exists()
    assert Event.objects.filter(case_id=case.pk).exists()
    assert access_log_prune() == 0  # through the owner's function: nothing is that old
    assert all(report.ok for report in chain.verify())
    chain.record_anchor()
    assert ChainAnchor.objects.filter(kind="head").count() == 2


def test_migrate_and_grants_run_as_the_owner_role(app_role, settings):
    owner = connection.settings_dict["USER"]
    run_as_django(app_role)
    settings.JOBSPOR_MIGRATE_DATABASE_URL = f"postgres://{owner}@localhost/ignored"
    with roles.as_owner() as owner_connection, owner_connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == owner
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user")
        assert cursor.fetchone()[0] == app_role  # and back
    settings.JOBSPOR_DATABASE_APP_ROLE = app_role
    out = StringIO()
    call_command("migrate", "audit", stdout=out)  # as the app role this would fail to grant
    assert f"Rettighederne for {app_role} er givet igen" in out.getvalue()


def test_a_superuser_or_unknown_role_is_refused(transactional_db):
    with pytest.raises(CommandError, match="superbruger"):
        call_command("audit", "grant_app_role", connection.settings_dict["USER"])
    with pytest.raises(CommandError, match="findes ikke"):
        call_command("audit", "grant_app_role", "ingen_saadan_rolle")
    with pytest.raises(CommandError, match="Ugyldigt rollenavn"):
        call_command("audit", "grant_app_role", 'x"; DROP TABLE audit_event; --')
