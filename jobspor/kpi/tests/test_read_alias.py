"""Management information reads through the alias of JOBSPOR_KPI_DATABASE_URL (a replica in production)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]

# Subprocesses on SQLite files of their own, whatever the run's database: the same in both runs of `make test`.
pytestmark = pytest.mark.one_database(on="sqlite")  # its own SQLite files whatever the run's database

SETUP = """
import django, os, datetime as dt
django.setup()
from jobspor.testing.factories import EmployeeFactory, make_case
from django.db import connections
# A case that only the replica has (the primary lost it, say): the KPI figures must show it.
employee = EmployeeFactory(roles=["jobformidler"])
make_case(primary=employee, opened=dt.date(2026, 1, 5))
"""


@pytest.mark.timeout(900)  # subprocesses that migrate two databases: 63 s quiet, over 300 s on a loaded machine
def test_kpi_command_reads_the_replica_alias(tmp_path):
    primary, replica = tmp_path / "primary.db", tmp_path / "replica.db"
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "JOBSPOR_KPI_DATABASE_URL"}}
    base["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    jobspor = str(Path(sys.executable).parent / "jobspor")
    for db in (primary, replica):  # both migrated; only the replica gets the case
        env = base | {"DATABASE_URL": f"sqlite:///{db}"}
        subprocess.run([jobspor, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([sys.executable, "-c", SETUP], cwd=ROOT, env=base | {"DATABASE_URL": f"sqlite:///{replica}"},
                   check=True, capture_output=True)
    command = [jobspor, "kpi", "--from", "2026-01-01", "--to", "2026-06-30", "--format", "json"]

    def population(env):
        out = subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True, text=True)
        return json.loads(out.stdout)["population"]

    assert population(base | {"DATABASE_URL": f"sqlite:///{primary}"}) == 0
    assert population(base | {"DATABASE_URL": f"sqlite:///{primary}",
                              "JOBSPOR_KPI_DATABASE_URL": f"sqlite:///{replica}"}) == 1
