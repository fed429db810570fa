import datetime as dt
import json
import os
import stat

import pytest

from jobspor.audit.models import AccessLog
from jobspor.audit.verbs import Action
from jobspor.cases.models import Case, CaseStaff
from jobspor.cases.services import case_create, case_staff_add, case_update
from jobspor.citizens.models import Citizen
from jobspor.citizens.services import citizen_save
from jobspor.organisation.models import Employee, Team
from jobspor.organisation.services import employee_upsert, team_upsert

from .conftest import jsonl, run, sample_records

pytestmark = pytest.mark.django_db


def _wipe():
    """Empty the tables an import writes (the audit trail is append-only and stays)."""
    CaseStaff.objects.all().delete()
    Case.objects.all().delete()
    Citizen.objects.all().delete()
    Employee.objects.all().delete()
    Team.objects.all().delete()


def test_export_writes_every_record_in_the_interchange_format(write_file, tmp_path):
    run("import", write_file(sample_records()))
    target = tmp_path / "export.jsonl"

    status, out, _err = run("export", target)

    assert status == 0
    # (record types added by later apps follow with their counts)
    assert out.strip().startswith(f"Eksporteret til {target}: team 2, employee 3, citizen 3, case 3")
    # Same records, same keys in the same order, dependency order, compact UTF-8 JSON, one per line;
    # the staff of a case with the primary contact first.
    expected = sample_records()
    for record in expected:
        if record["type"] == "case":
            record["staff"].sort(key=lambda entry: (not entry["primary"], entry["employee"]))
            record["fleksjob_visitated"] = False  # version 2: written always
    assert target.read_bytes() == jsonl(expected).replace(b", ", b",").replace(b": ", b":")
    assert "Søs Ålund" in target.read_text(encoding="utf-8")


def test_export_is_readable_by_its_owner_only(write_file, tmp_path):
    run("import", write_file(sample_records()))
    target = tmp_path / "export.jsonl"

    run("export", target)

    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_export_logs_every_exported_citizen(write_file, tmp_path):
    run("import", write_file(sample_records()))

    run("export", tmp_path / "export.jsonl")

    rows = AccessLog.objects.filter(action=Action.EXPORT)
    assert sorted(rows.values_list("citizen_id", flat=True)) == sorted(Citizen.objects.values_list("pk", flat=True))
    assert {(row.purpose, row.user_id) for row in rows} == {("Eksport", None)}
    assert rows.first().actor.startswith("kommando")


def test_export_of_an_empty_database_is_an_empty_file(tmp_path):
    target = tmp_path / "export.jsonl"

    status, out, _err = run("export", target)

    assert status == 0
    assert target.read_bytes() == b""
    assert out.strip().startswith(f"Eksporteret til {target}: team 0, employee 0, citizen 0, case 0")
    assert not AccessLog.objects.exists()


def _jobcentre_made_in_the_ui():
    """Data as the UI makes it: citizens with address, cases without target group, staff added later."""
    north = team_upsert(external_id="T-NORD", name="Team Nord")
    south = team_upsert(external_id="T-SYD", name="Team Syd")
    anne = employee_upsert(external_id="E-ANNE", name="Anne Holm", roles=["jobformidler", "leder"], team=north)
    bo = employee_upsert(external_id="E-BO", name="Bo Ærø", roles=["myndighedssagsbehandler"], team=south)
    mette = employee_upsert(external_id="E-METTE", name="Mette Mentor", roles=["mentor"], team=None)
    jens = citizen_save(actor=None, cpr="0103874321", name="Jens Hansen", address="Vejen 1", postal_code="8210",
                        external_id="B-1")
    soes = citizen_save(actor=None, cpr="1512901234", name="Søs Ålund", postal_code=None)
    first = case_create(actor=None, citizen=jens, benefit="kontanthjaelp_jobparat", opened=dt.date(2025, 1, 10),
                        primary_employee=anne, external_id="S-1")
    case_staff_add(actor=None, case=first, employee=mette, role="mentor")
    case_staff_add(actor=None, case=first, employee=bo, role="myndighedssagsbehandler", primary=True)
    second = case_create(actor=None, citizen=soes, benefit="sygedagpenge", opened=dt.date(2024, 5, 1),
                         primary_employee=bo, primary_role="myndighedssagsbehandler", target_group=2,
                         fsm_group=3, public_support_since=dt.date(2020, 1, 1))
    case_update(actor=None, case=second, closed=dt.date(2024, 12, 1), close_reason="foertidspension")


def test_round_trip_into_an_empty_database_gives_the_same_export(tmp_path):
    _jobcentre_made_in_the_ui()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    run("export", first)
    _wipe()

    status, out, err = run("import", first)
    run("export", second)

    assert (status, err) == (0, "")
    assert out.strip() == "Importeret: team 2, employee 3, citizen 2, case 2"
    assert second.read_text(encoding="utf-8") == first.read_text(encoding="utf-8")
    case = next(r for r in map(json.loads, first.read_text(encoding="utf-8").splitlines()) if r["id"] == "S-1")
    assert case["staff"][0] == {"employee": "E-BO", "role": "myndighedssagsbehandler", "primary": True}
    assert case["target_group"] is None and case["close_reason"] is None
