import copy

import pytest

from jobspor.audit.models import AccessLog, Event
from jobspor.cv.models import Cv, CvItem
from jobspor.interchange.tests.conftest import run, sample_records, table_counts

pytestmark = pytest.mark.django_db

CV = {"type": "cv", "citizen": "B1", "created": "2025-02-01",
      "competencies": ["truckcertifikat"], "tasks": ["pakke varer", "rengøre lager"],
      "experience": [{"kind": "job", "title": "Lagerarbejder", "from": "2009-01-01", "to": "2012-06-30"}],
      "job_goals": [{"title": "Lagermedarbejder", "created": "2025-02-01"}],
      "driving_licence": ["B"], "max_commute_km": 25, "hours_per_week": 10,
      "accommodations": ["ingen tunge løft"]}


def records(*cvs):
    return sample_records() + [copy.deepcopy(cv) for cv in cvs]


def test_cv_record_is_imported_as_in_interchange_md(write_file):
    status, out, err = run("import", write_file(records(CV)))

    assert (status, err) == (0, "")
    assert out.strip() == "Importeret: team 2, employee 3, citizen 3, case 3, cv 1"
    cv = Cv.objects.get(citizen__external_id="B1")
    assert [i.text for i in cv.items.filter(kind="task").order_by("position")] == ["pakke varer", "rengøre lager"]
    assert cv.items.get(kind="task", text="pakke varer").key == "pak var"
    assert (cv.driving_licence, cv.max_commute_km, cv.hours_now, str(cv.created)) == (["B"], 25, 10, "2025-02-01")
    assert [(e.kind, e.title, str(e.start), str(e.end)) for e in cv.experience.all()] == [
        ("job", "Lagerarbejder", "2009-01-01", "2012-06-30")]


def test_import_is_idempotent_and_a_cv_line_replaces_the_cv(write_file):
    path = write_file(records(CV))
    run("import", path)
    first = table_counts()
    run("import", path)
    assert table_counts() == first

    changed = copy.deepcopy(CV) | {"tasks": ["plukke ordrer"], "experience": None, "driving_licence": None,
                                   "max_commute_km": None}
    status, _out, err = run("import", write_file(records(changed), "second.jsonl"))
    assert (status, err) == (0, "")
    cv = Cv.objects.get()
    assert list(cv.items.filter(kind="task").values_list("text", flat=True)) == ["plukke ordrer"]
    assert (cv.experience.count(), cv.driving_licence, cv.max_commute_km) == (0, [], None)
    assert Event.objects.filter(verb="cv_replaced").count() == 2


def test_experience_kind_aliases_are_accepted(write_file):
    cv = copy.deepcopy(CV)
    cv["experience"] = [{"kind": "education", "title": "Grundforløb", "from": "2005-08-01", "to": None},
                        {"kind": "internship", "title": "Praktik i Netto", "from": "2008-01-01", "to": "2008-03-01"}]
    assert run("import", write_file(records(cv)))[0] == 0
    assert sorted(Cv.objects.get().experience.values_list("kind", flat=True)) == ["praktik", "uddannelse"]


@pytest.mark.parametrize(("change", "message"), [
    ({"tasks": ["Pakke varer. Køre truck"]}, "line 12: tasks[1]: En arbejdsopgave skal være én kort sætning – uden "
                                            "punktum i midten"),
    ({"tasks": ["pakke varer", "pakning af varer"]}, "line 12: tasks[2]: 'pakning af varer' er det samme som "
                                                     "'pakke varer' ([1])"),
    ({"driving_licence": ["B", "X"]}, "line 12: driving_licence: ukendt kørekortkategori 'X'"),
    ({"experience": [{"kind": "job", "title": "Lager", "from": "2012-01-01", "to": "2009-01-01"}]},
     "line 12: experience[1].to: slutter før den begynder (from)"),
    ({"experience": [{"kind": "hobby", "title": "Lager", "from": "2012-01-01", "to": None}]},
     "line 12: experience[1].kind: ukendt slags erfaring 'hobby'"),
    ({"hours_per_week": "10"}, "line 12: hours_per_week: skal være et heltal"),
    ({"citizen": "B9"}, "line 12: citizen: borger 'B9' findes hverken i filen eller i databasen"),
    ({"skills": []}, "line 12: ukendt felt 'skills'"),
    ({"created": None}, "line 12: created:"),
])
def test_bad_cv_lines_are_reported_in_danish_and_change_nothing(write_file, change, message):
    before = table_counts()
    status, out, err = run("import", write_file(records(copy.deepcopy(CV) | change)))
    assert status == 1 and out == ""
    assert err.startswith(message), err
    assert table_counts() == before


def test_two_cv_lines_for_one_citizen_are_refused(write_file):
    status, _out, err = run("import", write_file(records(CV, CV)))
    assert status == 1 and "line 13: citizen: 'B1' står allerede i linje 12" in err


def test_export_round_trip_and_access_log(write_file, tmp_path):
    minimal = {"type": "cv", "citizen": "B2", "created": "2025-03-01"}
    run("import", write_file(records(CV, minimal)))
    target = tmp_path / "export.jsonl"

    status, out, _err = run("export", target)

    assert status == 0 and "case 3, " in out and ", cv 2" in out  # (other apps' record types come between and after)
    lines = target.read_text(encoding="utf-8").splitlines()
    exported = [line for line in lines if line.startswith('{"type":"cv"')]
    import json

    assert json.loads(exported[0]) == CV
    assert json.loads(exported[1]) == minimal | {
        "competencies": [], "tasks": [], "experience": [], "job_goals": [], "driving_licence": [],
        "max_commute_km": None, "hours_per_week": None, "accommodations": []}
    assert list(json.loads(exported[0])) == list(CV)  # keys in the order of interchange.md
    b1 = Cv.objects.get(citizen__external_id="B1").citizen_id
    assert AccessLog.objects.filter(action="export", citizen_id=b1).exists()

    # Into an empty database: the same CVs.
    for model in (CvItem,):
        model.objects.all().delete()
    Cv.objects.all().delete()
    assert run("import", target)[0] == 0
    run("export", tmp_path / "again.jsonl")
    assert (tmp_path / "again.jsonl").read_text(encoding="utf-8") == target.read_text(encoding="utf-8")


def test_imported_entries_take_the_records_created_date(write_file):
    """kpi.md v2: has_cv counts entries by their own date; an imported entry is dated by the record's `created`,
    also when a later import changes only that date. Entries added in the UI are dated the day they are added."""
    import datetime as dt

    from django.utils import timezone

    from jobspor.cv.models import CvExperience
    from jobspor.cv.services import cv_item_add

    run("import", write_file(records(CV)))
    cv = Cv.objects.get(citizen__external_id="B1")
    assert {str(d) for d in CvItem.objects.filter(cv=cv).values_list("created", flat=True)} == {"2025-02-01"}
    assert {str(d) for d in CvExperience.objects.filter(cv=cv).values_list("created", flat=True)} == {"2025-02-01"}
    run("import", write_file(records(CV | {"created": "2025-01-15"}), "again.jsonl"))
    assert set(CvItem.objects.filter(cv=cv).values_list("created", flat=True)) == {dt.date(2025, 1, 15)}
    assert set(CvExperience.objects.filter(cv=cv).values_list("created", flat=True)) == {dt.date(2025, 1, 15)}
    item = cv_item_add(actor=None, citizen=cv.citizen, kind="task", text="køre truck")
    assert item.created == timezone.localdate()
