"""Import and export of `company` and `job` records exactly as interchange.md."""

import json

import pytest

from jobspor.companies.models import Company
from jobspor.interchange.tests.conftest import run, sample_records, table_counts, write_file  # noqa: F401
from jobspor.jobs.models import JobOpening

pytestmark = pytest.mark.django_db

COMPANY = {"type": "company", "id": "V1", "cvr": "12345674", "name": "Nordlager ApS", "industry": "521000",
           "sector": "privat", "postal_code": "8200", "employees": 35}
JOB = {"type": "job", "id": "J1", "company": "V1", "title": "Lagerhjælp", "kind": "smaajob", "hours_per_week": 8,
       "tasks": ["pakke varer"], "requirements": {"driving_licence": None, "competencies": []},
       "posted": "2025-03-01", "deadline": "2025-03-31", "status": "filled", "filled_by": "B1",
       "filled_on": "2025-03-20"}
OPEN_JOB = {"type": "job", "id": "J2", "company": "V1", "title": "Chauffør", "kind": "ordinaer_stilling",
            "hours_per_week": 37, "tasks": [], "requirements": {"driving_licence": "C", "competencies": ["kran"]},
            "posted": "2025-04-01", "deadline": None, "status": "open", "filled_by": None, "filled_on": None}


def test_import_twice_then_export_gives_the_same_records(write_file, tmp_path):  # noqa: F811
    path = write_file(sample_records() + [JOB, OPEN_JOB, COMPANY])  # any order
    status, out, err = run("import", path)
    assert (status, err) == (0, "")
    assert out.strip() == "Importeret: team 2, employee 3, citizen 3, case 3, company 1, job 2"
    job = JobOpening.objects.get(external_id="J1")
    assert job.filled_by.external_id == "B1" and job.filled_case.external_id == "S1"  # the case open that day
    counts = table_counts()
    assert run("import", path)[0] == 0
    assert table_counts() == counts  # idempotent: no new rows, not even events

    target = tmp_path / "export.jsonl"
    assert run("export", target)[0] == 0
    exported = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r for r in exported if r["type"] == "company"] == [COMPANY]
    assert [r for r in exported if r["type"] == "job"] == [JOB, OPEN_JOB]


def test_bad_lines_are_reported_in_danish_and_nothing_is_changed(write_file):  # noqa: F811
    run("import", write_file(sample_records() + [COMPANY]))
    before = table_counts()
    bad = [
        COMPANY | {"id": "V2", "cvr": "12345678"},
        COMPANY | {"id": "V3", "cvr": "13585628", "industry": "041000", "color": "blå"},
        COMPANY | {"id": "V4"},  # V1's CVR number
        JOB | {"id": "J9", "deadline": "2025-02-01"},
        JOB | {"id": "J8", "company": "V77", "hours_per_week": 40, "filled_by": "B99"},
        OPEN_JOB | {"id": "J7", "requirements": {"licence": "B"}, "filled_on": "2025-04-02"},
    ]
    status, out, err = run("import", write_file(bad, "bad.jsonl"))
    assert status == 1
    lines = err.strip().splitlines()
    assert lines[0] == "line 1: cvr: CVR-nummeret er ikke gyldigt (kontrolcifferet passer ikke)."
    assert lines[1].startswith("line 2: ") and "Ukendt DB07-hovedgruppe 04." in lines[1] and "'color'" in lines[1]
    assert lines[2] == "line 3: cvr: CVR-nummeret tilhører allerede virksomhed 'V1' i databasen"
    assert "fristen kan ikke ligge før" in lines[3]
    assert "virksomhed 'V77' findes hverken" in lines[4] and "borger 'B99'" in lines[4] and "37 timer" in lines[4]
    assert "ukendt felt 'licence'" in lines[5] and "kun en besat jobåbning" in lines[5]
    assert table_counts() == before
    assert Company.objects.count() == 1
