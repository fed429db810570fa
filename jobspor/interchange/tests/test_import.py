import copy

import pytest

from jobspor.audit.models import Event
from jobspor.cases.models import Case, CaseStaff
from jobspor.citizens.models import Citizen
from jobspor.citizens.services import citizen_save
from jobspor.organisation.models import Employee, Team

from .conftest import run, sample_records, table_counts

pytestmark = pytest.mark.django_db


def test_valid_file_is_imported_and_counted(write_file):
    status, out, err = run("import", write_file(sample_records()))

    assert (status, err) == (0, "")
    assert out.strip() == "Importeret: team 2, employee 3, citizen 3, case 3"
    assert Team.objects.count() == 2 and Employee.objects.count() == 3 and Citizen.objects.count() == 3
    s1 = Case.objects.get(external_id="S1")
    assert s1.citizen.external_id == "B1"
    assert (s1.benefit, s1.target_group, s1.fsm_group, str(s1.opened)) == (
        "kontanthjaelp_aktivitetsparat", 2, 1, "2025-01-10")
    assert s1.team.external_id == "T1"  # the primary contact's team
    assert sorted((link.employee.external_id, link.role, link.is_primary) for link in s1.staff.all()) == [
        ("E1", "jobformidler", True), ("E3", "mentor", False)]
    s2 = Case.objects.get(external_id="S2")
    assert (str(s2.closed), s2.close_reason, s2.fsm_group) == ("2024-09-30", "ordinaer_beskaeftigelse", None)
    assert Case.objects.get(external_id="S3").team.external_id == "T2"
    b1 = Citizen.objects.get(external_id="B1")
    assert (b1.cpr, str(b1.birth_date), b1.postal_code_id) == ("0103874321", "1987-03-01", "8210")
    assert Citizen.objects.get(external_id="B3").postal_code is None
    assert Employee.objects.get(external_id="E3").team is None


def test_records_may_come_in_any_order(write_file):
    status, out, _err = run("import", write_file(list(reversed(sample_records()))))

    assert status == 0
    assert out.strip() == "Importeret: team 2, employee 3, citizen 3, case 3"


def test_importing_twice_leaves_the_database_as_after_the_first_time(write_file):
    path = write_file(sample_records())
    run("import", path)
    after_first = table_counts()
    staff_first = sorted(CaseStaff.objects.values_list("case__external_id", "employee__external_id", "role",
                                                       "is_primary"))

    status, out, _err = run("import", path)

    assert status == 0
    assert out.strip() == "Importeret: team 2, employee 3, citizen 3, case 3"
    assert table_counts() == after_first  # no new rows anywhere, not even events
    assert sorted(CaseStaff.objects.values_list("case__external_id", "employee__external_id", "role",
                                                "is_primary")) == staff_first


def test_a_second_import_updates_and_replaces_the_staff(write_file):
    run("import", write_file(sample_records()))
    records = copy.deepcopy(sample_records())
    s1 = next(r for r in records if r.get("id") == "S1")
    s1["staff"] = [{"employee": "E2", "role": "myndighedssagsbehandler", "primary": True},
                   {"employee": "E1", "role": "jobformidler", "primary": False}]
    s1.update(closed="2025-06-30", close_reason="flyttet")
    next(r for r in records if r.get("id") == "B1")["name"] = "Jens Peter Hansen"

    status, _out, err = run("import", write_file(records, "second.jsonl"))

    assert (status, err) == (0, "")
    case = Case.objects.get(external_id="S1")
    assert sorted((link.employee.external_id, link.role, link.is_primary) for link in case.staff.all()) == [
        ("E1", "jobformidler", False), ("E2", "myndighedssagsbehandler", True)]
    assert case.team.external_id == "T2"
    assert (str(case.closed), case.close_reason) == ("2025-06-30", "flyttet")
    assert Citizen.objects.get(external_id="B1").name == "Jens Peter Hansen"
    assert Event.objects.filter(verb="case_closed", case_id=case.pk).count() == 1


def test_import_keeps_citizen_data_the_format_does_not_carry(write_file):
    citizen_save(actor=None, external_id="B1", cpr="0103874321", name="Jens Hansen", address="Vejen 1",
                 postal_code="8210", phone="12345678")

    run("import", write_file(sample_records()))

    citizen = Citizen.objects.get(external_id="B1")
    assert (citizen.address, citizen.phone) == ("Vejen 1", "12345678")


def test_references_may_point_into_the_database(write_file):
    run("import", write_file(sample_records()))
    case = {"type": "case", "id": "S9", "citizen": "B3", "benefit": "ingen_ydelse", "opened": "2025-03-01",
            "staff": [{"employee": "E3", "role": "mentor", "primary": True}]}

    status, out, err = run("import", write_file([case], "more.jsonl"))

    assert (status, err) == (0, "")
    assert out.strip() == "Importeret: case 1"
    assert Case.objects.get(external_id="S9").target_group is None


def test_blank_lines_are_skipped_but_counted(write_file):
    records = sample_records()
    lines = [records[0], "", "   ", {"type": "team", "id": "T2", "name": ""}]

    status, _out, err = run("import", write_file(lines))

    assert status == 1
    assert err.startswith("line 4: name: ")


def _case(**changes):
    record = next(r for r in sample_records() if r.get("id") == "S1")
    record.update(changes)
    return record


def _citizen(**changes):
    record = next(r for r in sample_records() if r.get("id") == "B1")
    record.update(changes)
    return record


TWO_PRIMARIES = [{"employee": "E1", "role": "jobformidler", "primary": True},
                 {"employee": "E3", "role": "mentor", "primary": True}]

BAD_LINES = {
    "invalid CPR": (_citizen(cpr="3213874321"),
                    "cpr: CPR-nummeret indeholder ikke en gyldig fødselsdato."),
    "short CPR": (_citizen(cpr="12345"), "cpr: CPR-nummeret skal have 10 cifre"),
    "unknown benefit": (_case(benefit="xyz"), "benefit: ukendt ydelse 'xyz'"),
    "two primary contacts": (_case(staff=TWO_PRIMARIES), "staff: en sag skal have præcis én primær kontaktperson"),
    "no primary contact": (_case(staff=[{"employee": "E1", "role": "jobformidler"}]),
                           "staff: en sag skal have præcis én primær kontaktperson"),
    "case for a citizen that does not exist": (_case(citizen="B99"),
                                               "citizen: borger 'B99' findes hverken i filen eller i databasen"),
    "malformed JSON": ('{"type": "team", "id": "T9" "name": "x"}', "ugyldig JSON"),
    "unknown field": (_citizen(shoe_size=44), "ukendt felt 'shoe_size'"),
    "unknown field in staff": (_case(staff=[{"employee": "E1", "role": "jobformidler", "primary": True,
                                             "x": 1}]), "staff[1]: ukendt felt 'x'"),
    "unknown staff employee": (_case(staff=[{"employee": "E9", "role": "jobformidler", "primary": True}]),
                               "staff[1].employee: medarbejder 'E9' findes hverken i filen eller i databasen"),
    "unknown staff role": (_case(staff=[{"employee": "E1", "role": "boss", "primary": True}]),
                           "staff[1].role: ukendt rolle på sagen 'boss'"),
    "same employee twice": (_case(staff=[{"employee": "E1", "role": "jobformidler", "primary": True},
                                         {"employee": "E1", "role": "mentor"}]),
                            "staff[2].employee: medarbejder 'E1' står flere gange"),
    "id with spaces": ({"type": "team", "id": " T9", "name": "x"}, "id: må ikke begynde eller slutte med mellemrum"),
    "unknown type": ({"type": "spaceship", "id": "X"}, "type: ukendt posttype 'spaceship'"),
    "missing type": ({"id": "T9", "name": "x"}, "type: feltet mangler"),
    "not an object": ("[1, 2]", "linjen skal være et JSON-objekt"),
    "missing required field": ({"type": "team", "id": "T9"}, "name: Dette felt er påkrævet."),
    "number as text": (_case(target_group="2"), "target_group: skal være et heltal"),
    "unknown target group": (_case(target_group=4), "target_group: ukendt hovedmålgruppe 4"),
    "unknown fsm group": (_case(fsm_group=0), "fsm_group: ukendt 'Flere skal med'-gruppe 0"),
    "date not YYYY-MM-DD": (_case(opened="10-01-2025"), "opened: ugyldig dato '10-01-2025'"),
    "impossible date": (_case(opened="2025-02-30"), "opened: ugyldig dato '2025-02-30'"),
    "closed without reason": (_case(closed="2025-05-01"), "close_reason: angiv en afslutningsårsag"),
    "reason without closed": (_case(close_reason="flyttet"), "closed: angiv en afslutningsdato"),
    "unknown close reason": (_case(closed="2025-05-01", close_reason="lottogevinst"),
                             "close_reason: ukendt afslutningsårsag 'lottogevinst'"),
    "closed before opened": (_case(closed="2024-12-31", close_reason="flyttet"),
                             "closed: sagen kan ikke være afsluttet før den er oprettet"),
    "unknown postal code": (_citizen(postal_code="9999"), "postal_code: ukendt postnummer '9999'"),
    "unknown employee role": ({"type": "employee", "id": "E9", "name": "X", "roles": ["boss"]},
                              "roles: ukendt rolle 'boss'"),
    "employee of unknown team": ({"type": "employee", "id": "E9", "name": "X", "roles": ["mentor"],
                                  "team": "T9"}, "team: team 'T9' findes hverken i filen eller i databasen"),
    "same CPR as another citizen": (_citizen(id="B9"), "cpr: CPR-nummeret er også borger 'B1' (linje "),
    "same id twice": ({"type": "team", "id": "T1", "name": "Igen"}, "id: 'T1' står allerede i linje 1"),
    "repeated key": ('{"type": "team", "id": "T9", "name": "a", "name": "b"}', "feltet 'name' står flere gange"),
    # The reader parses without its repeated-key hook first: a repeated key is still found, nested too, with a
    # colon in a text beside it, and before a syntax error further on (as the hook finds it).
    "repeated key, colon in a text": ('{"type": "team", "id": "T9", "name": "kl. 10:00", "name": "b"}',
                                      "feltet 'name' står flere gange"),
    "repeated nested key": ('{"type": "case", "id": "S9", "staff": [{"employee": "E1", "employee": "E2"}]}',
                            "feltet 'employee' står flere gange"),
    "repeated key, then bad JSON": ('{"type": "case", "staff": [{"role": 1, "role": 2}], "id": }',
                                    "feltet 'role' står flere gange"),
    "repeated key in a list line": ('[{"a": 1, "a": 2}]', "feltet 'a' står flere gange"),
    "not UTF-8": (b'{"type": "team", "id": "T9", "name": "\xe6"}', "ugyldige tegn (filen skal være UTF-8)"),
}


@pytest.mark.parametrize("bad_line, expected", list(BAD_LINES.values()), ids=list(BAD_LINES))
def test_an_invalid_line_is_reported_and_nothing_is_changed(write_file, bad_line, expected):
    before = table_counts()
    records = [*sample_records(), bad_line]
    bad_number = len(records)

    status, out, err = run("import", write_file(records))

    assert status == 1
    assert out == ""
    assert err.startswith(f"line {bad_number}: {expected}"), err
    assert err.count("\n") == 1  # only the bad line is reported
    assert table_counts() == before


def test_one_bad_line_among_good_lines_leaves_the_database_unchanged(write_file):
    run("import", write_file(sample_records()))
    before = table_counts()
    records = copy.deepcopy(sample_records())
    records[0]["name"] = "Team Nordvest"
    records.insert(4, {"type": "citizen", "id": "B4", "cpr": "0101011234", "name": "Ny Borger"})
    records.insert(6, _case(id="S4", citizen="B4", benefit="ukendt_ydelse"))

    status, _out, err = run("import", write_file(records, "second.jsonl"))

    assert status == 1
    assert err == "line 7: benefit: ukendt ydelse 'ukendt_ydelse'\n"
    assert table_counts() == before
    assert Team.objects.get(external_id="T1").name == "Team Nord"
    assert not Citizen.objects.filter(external_id="B4").exists()


def test_every_invalid_line_is_reported_in_order(write_file):
    records = [_case(benefit="xyz"), *sample_records(), _citizen(id="B8", cpr="3213874321", name="")]

    status, _out, err = run("import", write_file(records))

    assert status == 1
    assert err.splitlines() == [
        "line 1: benefit: ukendt ydelse 'xyz'",
        f"line {len(records)}: cpr: CPR-nummeret indeholder ikke en gyldig fødselsdato.; "
        "name: Dette felt er påkrævet.",
    ]


def test_a_cpr_number_of_another_citizen_in_the_database_is_rejected(write_file):
    run("import", write_file(sample_records()))

    status, _out, err = run("import", write_file([_citizen(id="B7")], "second.jsonl"))

    assert status == 1
    assert err == "line 1: cpr: CPR-nummeret tilhører allerede borger 'B1' i databasen\n"


def test_a_case_cannot_move_to_another_citizen(write_file):
    run("import", write_file(sample_records()))

    status, _out, err = run("import", write_file([_case(citizen="B3")], "second.jsonl"))

    assert status == 1
    assert err == "line 1: citizen: sagen tilhører borger 'B1' og kan ikke flyttes\n"


def test_a_missing_file_is_a_command_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Kan ikke læse"):
        run("import", tmp_path / "missing.jsonl")


def test_a_service_refusing_a_record_rolls_back_the_whole_import(write_file, monkeypatch):
    """The services check each record again as it is written (case_build for a new case, case_upsert for one that
    exists); a refusal then names its line, and everything written before it in the transaction is undone."""
    from django.core.exceptions import ValidationError

    from jobspor.interchange.records import case as case_record

    real_build = case_record.case_build

    def refuse_s3(**kwargs):
        if kwargs["external_id"] == "S3":
            raise ValidationError({"benefit": "afvist af tjenesten"})
        return real_build(**kwargs)

    monkeypatch.setattr(case_record, "case_build", refuse_s3)
    before = table_counts()

    status, out, err = run("import", write_file(sample_records()))

    assert (status, out) == (1, "")
    assert err == "line 11: benefit: afvist af tjenesten\n"
    assert table_counts() == before


def test_a_service_refusing_a_changed_record_rolls_back_the_whole_import(write_file, monkeypatch):
    """A case that exists and differs from the file goes through case_upsert, whose refusal undoes everything."""
    from django.core.exceptions import ValidationError

    from jobspor.interchange.records import case as case_record

    assert run("import", write_file(sample_records()))[0] == 0
    records = sample_records()
    for record in records:
        if record["type"] == "case":
            record["benefit"] = "a_dagpenge"
    real_upsert = case_record.case_upsert

    def refuse_s3(**kwargs):
        if kwargs["external_id"] == "S3":
            raise ValidationError({"benefit": "afvist af tjenesten"})
        return real_upsert(**kwargs)

    monkeypatch.setattr(case_record, "case_upsert", refuse_s3)
    before = table_counts()

    status, out, err = run("import", write_file(records))

    assert (status, out) == (1, "")
    assert err == "line 11: benefit: afvist af tjenesten\n"
    assert table_counts() == before
    assert not Case.objects.filter(benefit="a_dagpenge").exclude(external_id="S2").exists()
