"""A migrated, empty Jobspor database for a test that runs `jobspor` commands in subprocesses on a database of its own
(backup and restore, the command line, the KPI replica alias).

`jobspor migrate` of a new database costs 20-30 s of CPU on a quiet machine (Django renders the states of ~130
migrations) and over a minute when the other database's run shares the cores; four such tests migrated five times per
run. Here they copy the test database's migrated copy that template_db keeps for the run (the same migrations: its
schema and rows equal a `jobspor migrate` under config.settings.local, checked by comparing dumps), and migrate a file
once per process when there is none (no xdist, or the worker that made it has finished and removed it). Such a test is
marked django_db, so that its worker makes (or copies) the run's test database before the test looks for the copy."""

from __future__ import annotations

import atexit
import os
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

from django.db import connection

from . import template_db

ROOT = Path(__file__).resolve().parents[2]
_OWN = Path(tempfile.gettempdir()) / f"jobspor_migrated_{os.getpid()}.sqlite3"  # this process's, when needed


def _migrate(database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.local"}
    subprocess.run([sys.executable, "-m", "jobspor.cli", "migrate", "-v0"], cwd=ROOT, env=env, check=True,
                   timeout=900)


def _copy_sqlite(source: Path, dest: Path) -> bool:
    """Copy with SQLite's backup API; False when the source is gone (read-only open: never an empty new file)."""
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    except sqlite3.OperationalError:
        return False
    try:
        target = sqlite3.connect(dest)
        try:
            src.backup(target)
        finally:
            target.close()
    except sqlite3.DatabaseError:
        dest.unlink(missing_ok=True)
        return False
    finally:
        src.close()
    return True


def migrated_sqlite(dest: Path) -> str:
    """A migrated, empty SQLite database at `dest`; returns its DATABASE_URL."""
    if template_db._run_id():
        with template_db._locked("default"):
            if _copy_sqlite(template_db._sqlite_file("default"), dest):
                return f"sqlite:///{dest}"
    if not _OWN.exists():
        _migrate(f"sqlite:///{_OWN}")
        atexit.register(_OWN.unlink, missing_ok=True)
    if not _copy_sqlite(_OWN, dest):
        raise RuntimeError(f"could not copy {_OWN}")
    return f"sqlite:///{dest}"


def migrated_postgres(name: str, base_url: str) -> str:
    """A new, migrated PostgreSQL database `name` on the test run's server (`base_url`: postgres://user@host:port);
    returns its DATABASE_URL. From the run's template database when there is one, else created and migrated."""
    template = template_db._template_name("default", "postgresql")
    quote = connection.ops.quote_name
    if template_db._run_id():
        with template_db._locked("default"), template_db._pg_admin(connection) as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone():
                cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
                return f"{base_url}/{name}"
    with template_db._pg_admin(connection) as cursor:
        cursor.execute(f"CREATE DATABASE {quote(name)}")
    _migrate(f"{base_url}/{name}")
    return f"{base_url}/{name}"
