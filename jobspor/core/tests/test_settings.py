import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]

# Subprocesses on SQLite files of their own, and settings: the same in both runs of `make test`.
pytestmark = pytest.mark.one_database(on="sqlite")  # its own SQLite files whatever the run's database


def test_sqlite_runs_in_wal_mode(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.local'; django.setup();"
            "from django.db import connection; c=connection.cursor(); c.execute('PRAGMA journal_mode');"
            "print(c.fetchone()[0])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "wal"


def test_sqlite_keeps_its_connection_from_one_request_to_the_next(tmp_path):
    """A worker keeps its SQLite connection between requests (CONN_MAX_AGE), as on PostgreSQL: a new connection per
    request read the schema and ran the pragmas again with a cold page cache, 12–60 ms of every page over HTTP."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {"DATABASE_URL": f"sqlite:///{tmp_path}/x.db"}
    code = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings.local'; django.setup();"
            "from django.core.signals import request_finished, request_started; from django.db import connection;"
            "request_started.send(None); connection.ensure_connection(); first = connection.connection;"
            "request_finished.send(None); request_started.send(None); connection.ensure_connection();"
            "print(connection.connection is first, connection.settings_dict['CONN_MAX_AGE'])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "60"]


def test_production_settings_have_no_default_secret():
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_SECRET_KEY"}}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    out = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=ROOT, env=env,
                         capture_output=True, text=True)
    assert out.returncode != 0 and "DJANGO_SECRET_KEY" in out.stderr


def test_danish_is_the_default_language():
    assert settings.LANGUAGE_CODE == "da"
    assert [code for code, _ in settings.LANGUAGES] == ["da", "en"]


def test_jobspor_command_is_django_management():
    jobspor = Path(sys.executable).parent / "jobspor"
    out = subprocess.run([str(jobspor), "help"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert "migrate" in out.stdout and "runserver" in out.stdout


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    """JIT compilation made a 0.1 s management-information read take 0.55 s (config/settings/base.py)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
