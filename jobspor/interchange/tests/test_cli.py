"""The real command line: `jobspor import` must exit 1 on a bad file (call_command cannot show that)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from jobspor.testing.migrated import migrated_sqlite

from .conftest import jsonl, sample_records

JOBSPOR = Path(sys.executable).parent / "jobspor"

# Subprocesses on SQLite files of their own, whatever the run's database: the same in both runs of `make test`. The
# run's test database is made first: its migrated copy is reused (jobspor/testing/migrated.py).
pytestmark = [pytest.mark.one_database(on="sqlite"), pytest.mark.django_db]


@pytest.mark.skipif(not JOBSPOR.exists(), reason="the jobspor command is not installed")
def test_cli_import_and_export(tmp_path):
    env = {**os.environ, "DATABASE_URL": migrated_sqlite(tmp_path / "cli.sqlite3"),
           "DJANGO_SETTINGS_MODULE": "config.settings.test"}

    def jobspor(*args):
        return subprocess.run([str(JOBSPOR), *args], env=env, capture_output=True, text=True, timeout=300)

    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_bytes(jsonl(sample_records()))
    bad.write_bytes(jsonl([*sample_records(), '{"type": "team"']))

    rejected = jobspor("import", str(bad))
    imported = jobspor("import", str(good))
    exported = jobspor("export", str(tmp_path / "out.jsonl"))

    assert (rejected.returncode, rejected.stdout, rejected.stderr) == (1, "", "line 12: ugyldig JSON (kolonne 16)\n")
    assert (imported.returncode, imported.stdout) == (0, "Importeret: team 2, employee 3, citizen 3, case 3\n")
    assert exported.returncode == 0
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 11
