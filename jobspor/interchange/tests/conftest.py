import json
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command


def sample_records():
    """A small jobcentre: two teams, three employees, three citizens, three cases (one closed)."""
    return [
        {"type": "team", "id": "T1", "name": "Team Nord"},
        {"type": "team", "id": "T2", "name": "Team Syd"},
        {"type": "employee", "id": "E1", "name": "Anne Holm", "roles": ["jobformidler"], "team": "T1"},
        {"type": "employee", "id": "E2", "name": "Bo Ærø", "roles": ["myndighedssagsbehandler"], "team": "T2"},
        {"type": "employee", "id": "E3", "name": "Carl Mentor", "roles": ["mentor"], "team": None},
        {"type": "citizen", "id": "B1", "cpr": "0103874321", "name": "Jens Hansen", "postal_code": "8210"},
        {"type": "citizen", "id": "B2", "cpr": "1512901234", "name": "Søs Ålund", "postal_code": "8000"},
        {"type": "citizen", "id": "B3", "cpr": "2802751112", "name": "Ole Ørn", "postal_code": None},
        {"type": "case", "id": "S1", "citizen": "B1", "benefit": "kontanthjaelp_aktivitetsparat",
         "target_group": 2, "fsm_group": 1, "opened": "2025-01-10", "closed": None, "close_reason": None,
         "public_support_since": "2016-05-01",
         "staff": [{"employee": "E1", "role": "jobformidler", "primary": True},
                   {"employee": "E3", "role": "mentor", "primary": False}]},
        {"type": "case", "id": "S2", "citizen": "B2", "benefit": "a_dagpenge", "target_group": 1,
         "fsm_group": None, "opened": "2024-03-01", "closed": "2024-09-30",
         "close_reason": "ordinaer_beskaeftigelse", "public_support_since": None,
         "staff": [{"employee": "E2", "role": "myndighedssagsbehandler", "primary": True}]},
        {"type": "case", "id": "S3", "citizen": "B2", "benefit": "sygedagpenge", "target_group": 2,
         "fsm_group": 2, "opened": "2025-02-01", "closed": None, "close_reason": None,
         "public_support_since": None,
         "staff": [{"employee": "E1", "role": "jobformidler", "primary": False},
                   {"employee": "E2", "role": "myndighedssagsbehandler", "primary": True}]},
    ]


def jsonl(records) -> bytes:
    """Records as JSON Lines in UTF-8; text and bytes are written as they are (for broken lines)."""
    def encoded(record):
        if isinstance(record, bytes):
            return record
        return (record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)).encode()

    return b"".join(encoded(record) + b"\n" for record in records)


@pytest.fixture
def write_file(tmp_path):
    def write(records, name="data.jsonl"):
        path = tmp_path / name
        path.write_bytes(jsonl(records))
        return path

    return write


def run(command, path):
    """Run a command as the CLI would: (exit status, stdout, stderr)."""
    out, err = StringIO(), StringIO()
    try:
        call_command(command, str(path), stdout=out, stderr=err)
        status = 0
    except SystemExit as exc:
        status = exc.code
    return status, out.getvalue(), err.getvalue()


# Not data: the matching index's log of writes (jobspor/matching/changes.py), which a trigger appends to on every
# saved row — an import that changes nothing still saves — and trims, and the index copies stored beside it.
DERIVED = {"matching.IndexChange", "matching.IndexSnapshot"}


def table_counts() -> dict[str, int]:
    """Rows in every table, audit tables included."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()
            if model._meta.label not in DERIVED}
