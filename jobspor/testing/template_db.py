"""One migration per test run and database, not one per pytest-xdist worker.

Each worker creates its own test database and migrates it: about 18 s of CPU (Django renders the migration states of
~130 migrations), four times in `make test`. Here the first worker of a run to get the lock migrates as usual and
keeps a copy (SQLite: a file made with SQLite's backup API; PostgreSQL: a template database); the others wait for the
lock and fill their empty test database from the copy instead of migrating. The copy is the migrated database itself,
triggers, data migrations and all. Without a run id (no xdist) or with --reuse-db nothing changes.

Only the `migrate` that Django's test database creation runs is intercepted (while `create_test_db` runs); a test
that calls `migrate` itself still migrates."""

import fcntl
import os
import sqlite3
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core import management
from django.db import connections
from django.db.backends.base.creation import BaseDatabaseCreation


def _run_id() -> str:
    return os.environ.get("PYTEST_XDIST_TESTRUNUID", "")


def _template_name(alias: str, vendor: str) -> str:
    return f"jobspor_tpl_{_run_id()[:12]}_{alias}_{vendor}"


def _sqlite_file(alias: str) -> Path:
    return Path(tempfile.gettempdir()) / f"{_template_name(alias, 'sqlite')}.sqlite3"


@contextmanager
def _locked(alias: str):
    path = Path(tempfile.gettempdir()) / f"{_template_name(alias, 'lock')}.lock"
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pg_admin(connection):
    """Autocommit statements on the server's maintenance database (CREATE/DROP DATABASE)."""
    return connection._nodb_cursor()


def _pg_exists(connection, name: str) -> bool:
    with _pg_admin(connection) as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _has_copy(connection, alias) -> bool:
    if connection.vendor == "sqlite":
        return _sqlite_file(alias).exists()
    return _pg_exists(connection, _template_name(alias, "postgresql"))


def _keep_copy(connection, alias):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(_sqlite_file(alias))
        try:
            connection.connection.backup(target)
        finally:
            target.close()
        return
    name, quote = connection.settings_dict["NAME"], connection.ops.quote_name
    connection.close()  # CREATE DATABASE … TEMPLATE needs the source without sessions
    with _pg_admin(connection) as cursor:
        cursor.execute(f"CREATE DATABASE {quote(_template_name(alias, 'postgresql'))} TEMPLATE {quote(name)}")


def _fill_from_copy(connection, alias):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(_sqlite_file(alias))
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    name, quote = connection.settings_dict["NAME"], connection.ops.quote_name
    connection.close()
    with _pg_admin(connection) as cursor:
        cursor.execute(f"DROP DATABASE {quote(name)}")
        cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(_template_name(alias, 'postgresql'))}")


def _drop_copies(aliases):
    for alias in aliases:
        (Path(tempfile.gettempdir()) / f"{_template_name(alias, 'lock')}.lock").unlink(missing_ok=True)
        connection = connections[alias]
        if connection.vendor == "sqlite":
            _sqlite_file(alias).unlink(missing_ok=True)
        elif connection.vendor == "postgresql":
            try:
                with _pg_admin(connection) as cursor:
                    cursor.execute(f"DROP DATABASE IF EXISTS "
                                   f"{connection.ops.quote_name(_template_name(alias, 'postgresql'))}")
            except Exception:  # noqa: BLE001 — a worker still copying it; the throw-away server goes anyway
                pass


@contextmanager
def migrated_once(*, keepdb: bool):
    """While active, the test databases' migration runs once per xdist run and database (see the module's text)."""
    if not _run_id() or keepdb:
        yield
        return
    real_call, real_create = management.call_command, BaseDatabaseCreation.create_test_db
    made = []

    def call_command(name, *args, **kwargs):
        alias = kwargs.get("database", "default")
        connection = connections[alias]
        if name != "migrate" or connection.vendor not in {"sqlite", "postgresql"}:
            return real_call(name, *args, **kwargs)
        with _locked(alias):
            if _has_copy(connection, alias):
                _fill_from_copy(connection, alias)
                return None
            result = real_call(name, *args, **kwargs)
            _keep_copy(connection, alias)
            made.append(alias)
            return result

    def create_test_db(self, *args, **kwargs):
        management.call_command = call_command  # create_test_db imports it when it runs
        try:
            return real_create(self, *args, **kwargs)
        finally:
            management.call_command = real_call

    BaseDatabaseCreation.create_test_db = create_test_db
    try:
        yield
    finally:
        BaseDatabaseCreation.create_test_db = real_create
        _drop_copies(made)
