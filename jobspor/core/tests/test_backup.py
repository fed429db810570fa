"""Backups and restore (issue 15.5): a backup restored into an empty database exports exactly as the original;
a file that is not a Jobspor backup, or a database that is not empty, is refused and nothing changes."""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from jobspor.core import backup
from jobspor.testing.migrated import migrated_postgres, migrated_sqlite

ROOT = Path(__file__).resolve().parents[3]


def jobspor(database_url, *args, tmp_path, ok=True):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings.local",
           "JOBSPOR_DOCUMENTS_DIR": str(tmp_path / "documents")}
    result = subprocess.run([sys.executable, "-m", "jobspor.cli", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600)
    assert (result.returncode == 0) == ok, result.stderr[-2000:]
    return result.stdout + result.stderr


def refusals(database_url) -> int:
    sql = "SELECT COUNT(*) FROM audit_event WHERE verb = 'backup_restore_refused'"
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return db.execute(sql).fetchone()[0]
    import psycopg

    with psycopg.connect(database_url) as db:
        return db.execute(sql).fetchone()[0]


def _databases(tmp_path):
    """Two new databases on the database server the tests run on (SQLite: two files): one migrated (a copy of the
    run's migrated database: jobspor/testing/migrated.py), one empty."""
    if connection.vendor == "sqlite":
        return migrated_sqlite(tmp_path / "a.sqlite3"), f"sqlite:///{tmp_path / 'b.sqlite3'}"
    import psycopg

    settings = connection.settings_dict
    base = f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}"
    original, empty = (f"jobspor_backup_{uuid.uuid4().hex[:8]}" for _n in range(2))
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{empty}"')
    return migrated_postgres(original, base), f"{base}/{empty}"


@pytest.mark.django_db
# Subprocesses that each start Django, one loads a demo: over the suite's 300 s when both cores are shared with the
# other database's run and more.
@pytest.mark.timeout(900)
def test_a_backup_restored_into_an_empty_database_exports_the_same_and_bad_restores_are_refused(tmp_path):
    original, empty = _databases(tmp_path)
    jobspor(original, "demo", "--cases", "40", tmp_path=tmp_path)
    jobspor(original, "export", str(tmp_path / "before.jsonl"), tmp_path=tmp_path)
    out = jobspor(original, "backup", "--output", str(tmp_path / "backups"), tmp_path=tmp_path)
    [made] = list((tmp_path / "backups").iterdir())
    assert str(made) in out
    jobspor(empty, "restore", str(made), tmp_path=tmp_path)
    jobspor(empty, "export", str(tmp_path / "after.jsonl"), tmp_path=tmp_path)
    before, after = (tmp_path / "before.jsonl").read_text(), (tmp_path / "after.jsonl").read_text()
    assert before == after and before.count("\n") > 100
    # Bad input: a file that is not a backup, and a database that is not empty. Refused, logged, nothing changed.
    fake = tmp_path / "jobspor-20261206-120000.sqlite3"
    fake.write_text("ikke en backup")
    assert "ikke en Jobspor-backup" in jobspor(original, "restore", str(fake), tmp_path=tmp_path, ok=False)
    assert "Databasen er ikke tom" in jobspor(original, "restore", str(made), tmp_path=tmp_path, ok=False)
    assert refusals(original) == 2
    jobspor(original, "export", str(tmp_path / "again.jsonl"), tmp_path=tmp_path)
    assert (tmp_path / "again.jsonl").read_text() == before


def test_retention_keeps_two_weeks_of_days_and_the_first_of_each_month_for_a_year(tmp_path):
    import datetime as dt

    today = dt.date(2026, 12, 6)
    names = ["20261206-020000", "20261125-020000", "20261120-020000", "20261101-020000", "20260105-020000",
             "20251201-020000", "20251115-020000"]
    for name in names:
        (tmp_path / f"jobspor-{name}.sqlite3").write_bytes(b"x")
    deleted = {p.name for p in backup.prune(tmp_path, today=today)}
    assert deleted == {"jobspor-20261120-020000.sqlite3", "jobspor-20251201-020000.sqlite3",
                       "jobspor-20251115-020000.sqlite3"}
