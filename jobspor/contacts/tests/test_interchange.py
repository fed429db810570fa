"""Import and export of `contact` records exactly as interchange.md shows them."""

import json

import pytest

from jobspor.audit.models import AccessLog
from jobspor.contacts.models import Contact, NoteVersion
from jobspor.interchange.tests.conftest import jsonl, run, sample_records, table_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def write_file(tmp_path):
    def write(records, name="data.jsonl"):
        path = tmp_path / name
        path.write_bytes(jsonl(records))
        return path

    return write


K1 = {"type": "contact", "id": "K1", "case": "S1", "employee": "E1", "date": "2025-03-10", "kind": "opfoelgning",
      "note": "Opfølgning i praktikken hos Nordlager."}


def test_contacts_are_imported_and_reimporting_changes_nothing(write_file):
    path = write_file(sample_records() + [K1])
    status, out, err = run("import", path)
    assert (status, err) == (0, "")
    assert out.strip().endswith("case 3, contact 1")
    contact = Contact.objects.get(external_id="K1")
    assert (contact.case.external_id, contact.employee.external_id, str(contact.date), contact.kind, contact.note) \
        == ("S1", "E1", "2025-03-10", "opfoelgning", "Opfølgning i praktikken hos Nordlager.")
    before = table_counts()
    assert run("import", path)[0] == 0
    assert table_counts() == before


def test_a_changed_note_is_a_new_version(write_file):
    run("import", write_file(sample_records() + [K1]))
    run("import", write_file([K1 | {"note": "Rettet notat."}], name="second.jsonl"))
    contact = Contact.objects.get(external_id="K1")
    assert contact.note == "Rettet notat." and contact.note_version == 2
    assert NoteVersion.objects.get(contact=contact).text == "Opfølgning i praktikken hos Nordlager."


@pytest.mark.parametrize("change, message", [
    ({"kind": "kaffemoede"}, "line {n}: kind: ukendt kontaktform 'kaffemoede'"),
    ({"case": "S9"}, "line {n}: case: sag 'S9' findes hverken i filen eller i databasen"),
    ({"employee": "E9"}, "line {n}: employee: medarbejder 'E9' findes hverken i filen eller i databasen"),
    ({"date": "10-03-2025"}, "line {n}: date: ugyldig dato '10-03-2025'"),
    ({"date": "2999-01-01"}, "line {n}: date: datoen ligger efter i dag"),
    ({"mood": "glad"}, "line {n}: ukendt felt 'mood'"),
])
def test_bad_contacts_are_refused_with_the_line_and_nothing_changes(write_file, change, message):
    before = table_counts()
    records = sample_records() + [K1 | change]
    status, out, err = run("import", write_file(records))
    assert status == 1
    assert message.format(n=len(records)) in err
    assert table_counts() == before


def test_a_contact_cannot_move_to_another_case(write_file):
    run("import", write_file(sample_records() + [K1]))
    status, _out, err = run("import", write_file([K1 | {"case": "S3"}], name="move.jsonl"))
    assert status == 1 and "line 1: case: kontakten hører til sag 'S1'" in err


def test_contacts_are_exported_as_in_the_format_and_the_export_is_logged(write_file, tmp_path):
    run("import", write_file(sample_records() + [K1]))
    target = tmp_path / "export.jsonl"
    assert run("export", target)[0] == 0
    lines = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert lines[-1] == K1
    types = [line["type"] for line in lines]
    assert types.index("contact") > max(i for i, t in enumerate(types) if t == "case")
    citizen_id = Contact.objects.get().case.citizen_id
    assert AccessLog.objects.filter(action="export", citizen_id=citizen_id).exists()
