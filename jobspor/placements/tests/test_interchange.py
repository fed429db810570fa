"""Import and export of `placement` and `hours` records exactly as interchange.md."""

import datetime as dt
import json

import pytest

from jobspor.interchange.tests.conftest import run, sample_records, table_counts, write_file  # noqa: F401
from jobspor.placements.models import Placement, WeekHours, WorkAgreement

pytestmark = pytest.mark.django_db

COMPANY = {"type": "company", "id": "V1", "cvr": "12345674", "name": "Nordlager ApS", "industry": "521000",
           "sector": "privat", "postal_code": "8200", "employees": 35}
PLACEMENT = {"type": "placement", "id": "P1", "case": "S1", "company": "V1", "kind": "virksomhedspraktik",
             "purpose": 1, "start": "2025-03-03", "end": None, "agreement_signed": "2025-03-03", "end_reason": None}
ENDED = {"type": "placement", "id": "P2", "case": "S3", "company": "V1", "kind": "ordinaere_timer", "purpose": None,
         "start": "2025-02-03", "end": "2025-04-30", "agreement_signed": None, "end_reason": "ordinaer_beskaeftigelse"}
HOURS = [{"type": "hours", "placement": "P1", "week": f"2025-W{w}", "internship_hours": 10,
          "ordinary_hours": 0 if w < 13 else 2.5} for w in range(10, 15)]


def test_import_twice_then_export_gives_the_same_records(write_file, tmp_path):  # noqa: F811
    path = write_file(HOURS + [PLACEMENT, ENDED] + sample_records() + [COMPANY])  # any order
    status, out, err = run("import", path)
    assert (status, err) == (0, "")
    assert out.strip().endswith("placement 2, hours 5")
    p1 = Placement.objects.get(external_id="P1")
    assert (p1.status, p1.agreement_signed_on, p1.purpose) == ("active", dt.date(2025, 3, 3), 1)
    assert WorkAgreement.objects.get(placement=p1).signatures.count() == 3  # signed by all parties on that date
    assert Placement.objects.get(external_id="P2").status == "ended"
    assert WeekHours.objects.get(placement=p1, week=dt.date(2025, 3, 31)).ordinary_hours == 2.5
    counts = table_counts()
    assert run("import", path)[0] == 0
    assert table_counts() == counts  # idempotent: no new rows, not even events

    target = tmp_path / "export.jsonl"
    assert run("export", target)[0] == 0
    exported = [json.loads(line) for line in target.read_text().splitlines()]
    assert [r for r in exported if r["type"] == "placement"] == [PLACEMENT | {"contact": None},
                                                                 ENDED | {"contact": None}]  # v2: always written
    assert [r for r in exported if r["type"] == "hours"] == HOURS
    types = [r["type"] for r in exported]
    assert types.index("placement") > types.index("case") and types.index("hours") > types.index("placement")


def test_bad_lines_are_reported_in_danish_and_nothing_is_changed(write_file):  # noqa: F811
    run("import", write_file(sample_records() + [COMPANY, PLACEMENT]))
    before = table_counts()
    bad = [
        PLACEMENT | {"id": "P7", "end": "2025-03-01"},
        PLACEMENT | {"id": "P8", "purpose": None},
        PLACEMENT | {"id": "P9", "kind": "praktik", "case": "S99"},
        {"type": "hours", "placement": "P1", "week": "2025-W10", "internship_hours": 61, "ordinary_hours": 0},
        {"type": "hours", "placement": "P1", "week": "2025-W99", "internship_hours": 1, "ordinary_hours": 0},
        {"type": "hours", "placement": "P1", "week": "2025-W08", "internship_hours": 1, "ordinary_hours": 0},
        {"type": "hours", "placement": "P1", "week": "2025-W11", "internship_hours": 40, "ordinary_hours": 30},
        {"type": "hours", "placement": "P5", "week": "2025-W11", "internship_hours": "4", "ordinary_hours": 0},
        {"type": "hours", "placement": "P1", "week": "2025-W12", "internship_hours": 5, "ordinary_hours": 0},
    ]
    status, out, err = run("import", write_file(bad, "bad.jsonl"))
    assert status == 1
    lines = err.strip().splitlines()
    assert lines[0] == "line 1: end: forløbet kan ikke slutte, før det starter (start)"
    assert lines[1] == "line 2: purpose: en virksomhedspraktik skal have et formål (1, 2 eller 3)"
    assert "ukendt forløbstype 'praktik'" in lines[2] and "sag 'S99' findes hverken" in lines[2]
    assert lines[3] == "line 4: internship_hours: skal være mellem 0 og 60"
    assert lines[4] == "line 5: week: ugyldig uge '2025-W99' (skal være ÅÅÅÅ-Wuu, fx 2025-W10)"
    assert lines[5] == "line 6: week: uge 8 (2025) ligger uden for forløbets periode (03.03.2025–)"
    assert lines[6] == "line 7: ordinary_hours: højst 60 timer i alt i en uge"
    assert "virksomhedsforløb 'P5' findes hverken" in lines[7] and "skal være et tal" in lines[7]
    assert len(lines) == 8
    assert table_counts() == before


def test_hours_of_a_placement_new_in_the_file_lie_inside_its_period(write_file):  # noqa: F811
    run("import", write_file(sample_records() + [COMPANY]))
    before = table_counts()
    late = {"type": "hours", "placement": "P2", "week": "2025-W19", "internship_hours": 5, "ordinary_hours": 0}
    status, _out, err = run("import", write_file([ENDED, late], "late.jsonl"))
    assert status == 1
    assert err.strip() == "line 2: week: uge 19 (2025) ligger uden for forløbets periode (03.02.2025–30.04.2025)"
    assert table_counts() == before


def test_a_period_that_would_strand_hours_is_refused_naming_the_weeks(write_file):  # noqa: F811
    """Re-importing a placement with an earlier end (or a later start) never deletes hours: line N names them."""
    assert run("import", write_file(sample_records() + [COMPANY, PLACEMENT] + HOURS))[0] == 0
    before = table_counts()
    shorter = PLACEMENT | {"end": "2025-03-16", "end_reason": "sygdom"}
    status, _out, err = run("import", write_file([shorter], "shorter.jsonl"))
    assert status == 1
    assert err.strip() == ("line 1: end: forløbet har timer i uge 12 (2025), uge 13 (2025), uge 14 (2025), som "
                           "ville ligge uden for den nye periode (03.03.2025–16.03.2025); en import sletter ikke timer")
    later = PLACEMENT | {"start": "2025-03-17"}
    status, _out, err = run("import", write_file([later], "later.jsonl"))
    assert status == 1 and "uge 10 (2025), uge 11 (2025)" in err and err.startswith("line 1: start:")
    assert table_counts() == before
    assert Placement.objects.get(external_id="P1").end is None
