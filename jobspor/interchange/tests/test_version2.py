"""The optional fields of interchange.md version 2: case `fleksjob_visitated` and placement `contact`."""

import json

import pytest

from jobspor.cases.models import Case
from jobspor.companies.models import CompanyContact
from jobspor.placements.models import Placement
from jobspor.placements.tests.test_interchange import COMPANY, PLACEMENT

from .conftest import run, sample_records, table_counts

pytestmark = pytest.mark.django_db


def _with_case(records, case_id, **changes):
    return [r | changes if r.get("type") == "case" and r["id"] == case_id else r for r in records]


def test_fleksjob_visitated_is_imported_kept_when_omitted_and_exported(write_file, tmp_path):
    records = _with_case(sample_records(), "S1", fleksjob_visitated=True)
    assert run("import", write_file(records))[0] == 0
    assert Case.objects.get(external_id="S1").fleksjob_visitated is True
    assert Case.objects.get(external_id="S3").fleksjob_visitated is False
    # A version 1 file (no field) changes nothing; null neither.
    assert run("import", write_file(sample_records(), "v1.jsonl"))[0] == 0
    assert run("import", write_file(_with_case(sample_records(), "S1", fleksjob_visitated=None), "null.jsonl"))[0] == 0
    assert Case.objects.get(external_id="S1").fleksjob_visitated is True
    assert run("export", tmp_path / "out.jsonl")[0] == 0
    exported = {r["id"]: r for r in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())
                if r["type"] == "case"}
    assert exported["S1"]["fleksjob_visitated"] is True and exported["S3"]["fleksjob_visitated"] is False


def test_ledighedsydelse_implies_the_visitation(write_file):
    records = _with_case(sample_records(), "S3", benefit="ledighedsydelse")
    assert run("import", write_file(records))[0] == 0
    assert Case.objects.get(external_id="S3").fleksjob_visitated is True
    before = table_counts()
    bad = _with_case(sample_records(), "S3", benefit="ledighedsydelse", fleksjob_visitated=False)
    bad = _with_case(bad, "S1", fleksjob_visitated="ja")
    status, _out, err = run("import", write_file(bad, "bad.jsonl"))
    assert status == 1
    assert "line 9: fleksjob_visitated: skal være true eller false" in err
    assert "line 11: fleksjob_visitated: ledighedsydelse forudsætter visitation til fleksjob" in err
    assert table_counts() == before


def test_a_placement_contact_is_matched_by_name_within_the_company_or_created(write_file, tmp_path):
    person = {"name": "Mette Lund", "email": "mette@nordlager.dk", "phone": None}
    path = write_file(sample_records() + [COMPANY, PLACEMENT | {"contact": person}])
    assert run("import", path)[0] == 0
    placement = Placement.objects.select_related("contact").get(external_id="P1")
    assert (placement.contact.name, placement.contact.email, placement.contact.company.external_id) == (
        "Mette Lund", "mette@nordlager.dk", "V1")
    counts = table_counts()
    assert run("import", path)[0] == 0
    assert table_counts() == counts  # the same person: no second contact, no event
    # Matched by name (any case), the phone added; email kept when not given.
    again = PLACEMENT | {"contact": {"name": "mette lund", "phone": "20 30 40 50"}}
    assert run("import", write_file(sample_records() + [COMPANY, again], "again.jsonl"))[0] == 0
    contact = CompanyContact.objects.get()
    assert (contact.name, contact.email, contact.phone) == ("Mette Lund", "mette@nordlager.dk", "20 30 40 50")
    # Omitted: the placement keeps its contact.
    assert run("import", write_file(sample_records() + [COMPANY, PLACEMENT], "v1.jsonl"))[0] == 0
    assert Placement.objects.get(external_id="P1").contact_id == contact.pk
    assert run("export", tmp_path / "out.jsonl")[0] == 0
    exported = [r for r in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())
                if r["type"] == "placement"]
    assert exported[0]["contact"] == {"name": "Mette Lund", "email": "mette@nordlager.dk", "phone": "20 30 40 50"}


def test_a_new_placement_without_contact_has_none(write_file):
    assert run("import", write_file(sample_records() + [COMPANY, PLACEMENT]))[0] == 0
    assert Placement.objects.get(external_id="P1").contact is None


@pytest.mark.parametrize("contact, message", [
    ({"email": "a@b.dk"}, "contact.name: Dette felt er påkrævet."),
    ({"name": "Mette", "email": "ikke-en-mail"}, "contact.email: ugyldig e-mailadresse 'ikke-en-mail'"),
    ({"name": "Mette", "role": "chef"}, "contact: ukendt felt 'role'"),
    ("Mette Lund", "contact: skal være et JSON-objekt"),
])
def test_a_bad_contact_is_refused_with_its_path(write_file, contact, message):
    run("import", write_file(sample_records() + [COMPANY]))
    before = table_counts()
    status, _out, err = run("import", write_file([PLACEMENT | {"contact": contact}], "bad.jsonl"))
    assert status == 1 and message in err, err
    assert table_counts() == before
