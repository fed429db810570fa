"""Management information reads through the alias of JOBSPOR_KPI_DATABASE_URL (a replica in production)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jobspor.testing.migrated import migrated_sqlite

ROOT = Path(__file__).resolve().parents[3]

# Subprocesses on SQLite files of their own, whatever the run's database: the same in both runs of `make test`. The
# run's test database is made first: its migrated copy is reused (jobspor/testing/migrated.py).
pytestmark = [pytest.mark.one_database(on="sqlite"), pytest.mark.django_db]

SETUP = """
import django, os, datetime as dt
django.setup()
from jobspor.testing.factories import EmployeeFactory, make_case
from django.db import connections
# A case that only the replica has (the primary lost it, say): the KPI figures must show it.
employee = EmployeeFactory(roles=["jobformidler"])
make_case(primary=employee, opened=dt.date(2026, 1, 5))
"""


@pytest.mark.timeout(900)  # subprocesses: over 300 s on a loaded machine when each migrated its database
def test_kpi_command_reads_the_replica_alias(tmp_path):
    primary, replica = tmp_path / "primary.db", tmp_path / "replica.db"
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "JOBSPOR_KPI_DATABASE_URL"}}
    base["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    jobspor = str(Path(sys.executable).parent / "jobspor")
    for db in (primary, replica):  # both migrated; only the replica gets the case
        migrated_sqlite(db)
    subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=base | {"DATABASE_URL": f"sqlite:///{replica}"},
                   check=True, capture_output=True)
    command = [jobspor, "kpi", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "json"]

    def population(env):
        out = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        return json.loads(out.stdout)["population"]

    assert population(base | {"DATABASE_URL": f"sqlite:///{primary}"}) == 0
    assert population(base | {"DATABASE_URL": f"sqlite:///{primary}",
                              "JOBSPOR_KPI_DATABASE_URL": f"sqlite:///{replica}"}) == 1
