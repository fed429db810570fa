"""The import streams its file and writes in batches: with batches of two records, everything an import promises
still holds across batch boundaries (all or nothing, idempotent, `line N:` numbers, checks across records)."""

import datetime as dt
import io

import pytest

from jobspor.audit.models import Event
from jobspor.citizens.models import Citizen, CitizenNameWord
from jobspor.citizens.search import name_words
from jobspor.contacts.models import Contact
from jobspor.interchange import importer
from jobspor.interchange.importer import Spool, import_lines
from jobspor.interchange.progress import NO_PROGRESS, progress_for
from jobspor.placements.models import WeekHours
from jobspor.placements.tests.test_interchange import COMPANY, HOURS, PLACEMENT

from .conftest import jsonl, run, sample_records, table_counts

pytestmark = pytest.mark.django_db

CONTACTS = [{"type": "contact", "id": f"K{n}", "case": "S1", "employee": "E1", "date": f"2025-03-{n:02d}",
             "kind": "opfoelgning", "note": f"Samtale {n}"} for n in range(10, 15)]


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(importer, "BATCH", 2)


def everything():
    return sample_records() + [COMPANY, PLACEMENT] + HOURS + CONTACTS


def test_batches_write_every_record_with_its_events(write_file):
    status, out, err = run("import", write_file(everything()))

    assert (status, err) == (0, "")
    assert out.strip() == ("Importeret: team 2, employee 3, citizen 3, case 3, contact 5, company 1, placement 1, "
                           "hours 5")
    assert WeekHours.objects.filter(placement__external_id="P1").count() == 5
    assert Event.objects.filter(verb="placement_hours_saved").count() == 5
    assert Event.objects.filter(verb="contact_logged").count() == 5
    assert Event.objects.filter(verb="citizen_created").count() == 3
    b2 = Citizen.objects.get(external_id="B2")
    assert (b2.search_name, b2.birth_date, b2.postal_code_id) == ("søs ålund", dt.date(1990, 12, 15), "8000")
    assert set(CitizenNameWord.objects.filter(citizen=b2).values_list("word", flat=True)) == name_words(b2.name)
    assert Contact.objects.get(external_id="K12").note == "Samtale 12"


def test_importing_twice_in_batches_changes_nothing_the_second_time(write_file):
    path = write_file(everything())
    run("import", path)
    after_first = table_counts()

    assert run("import", path)[0] == 0
    assert table_counts() == after_first  # no new rows, not even events


def test_changed_hours_are_updated_with_an_event(write_file):
    run("import", write_file(everything()))
    changed = [dict(HOURS[3], internship_hours=7)]

    assert run("import", write_file(changed, "changed.jsonl"))[0] == 0

    week = WeekHours.objects.get(placement__external_id="P1", week=dt.date(2025, 3, 24))
    assert week.internship_hours == 7
    event = Event.objects.filter(verb="placement_hours_saved", target_id=week.pk).latest("id")
    assert event.before == {"internship_hours": "10.0", "ordinary_hours": "2.5"}


def test_an_error_in_the_last_batch_rolls_back_every_batch_before_it(write_file):
    before = table_counts()
    late = dict(HOURS[-1], week="2025-W05")  # before the placement starts: only found as it is written

    status, out, err = run("import", write_file(everything()[:-len(CONTACTS)] + [late]))

    assert (status, out) == (1, "")
    assert err.startswith("line 19: week: ")
    assert table_counts() == before


def test_line_numbers_are_those_of_the_file_across_batches(write_file):
    records = sample_records()
    records[7] = b"{broken"
    records[9] = dict(records[9], benefit="ukendt")
    records[10] = dict(records[10], id="S1")  # the same key as line 9, two batches further on

    status, _out, err = run("import", write_file(records))

    assert status == 1
    assert err.splitlines() == [
        "line 8: ugyldig JSON (kolonne 2)",
        "line 10: benefit: ukendt ydelse 'ukendt'",
        "line 11: id: 'S1' står allerede i linje 9",
    ]


def test_a_cpr_number_twice_is_found_across_batches(write_file):
    records = sample_records()
    records[7] = dict(records[7], cpr="0103874321")  # B3 with B1's CPR number, two batches later

    status, _out, err = run("import", write_file(records))

    assert status == 1
    assert err == "line 8: cpr: CPR-nummeret er også borger 'B1' (linje 6)\n"


def test_lines_are_read_once_from_any_iterable():
    lines = iter(jsonl(sample_records()).splitlines(keepends=True))  # a one-pass iterator, as a pipe would be

    assert import_lines(lines) == {"team": 2, "employee": 3, "citizen": 3, "case": 3}


def test_a_spool_gives_its_items_back_in_batches_in_order():
    with Spool() as spool:
        for n in range(5):
            spool.add((n, {"n": n}))
        batches = list(spool.batches())

    assert batches == [[(0, {"n": 0}), (1, {"n": 1})], [(2, {"n": 2}), (3, {"n": 3})], [(4, {"n": 4})]]


class Recorded:
    def __init__(self):
        self.calls = []

    def start(self, label, total):
        self.calls.append(("start", label, total))

    def advance(self, amount):
        self.calls.append(("advance", amount))

    def finish(self):
        self.calls.append(("finish",))


def test_progress_is_reported_per_pass():
    progress = Recorded()
    data = jsonl(sample_records())

    import_lines(data.splitlines(keepends=True), progress=progress, size=len(data))

    starts = [call for call in progress.calls if call[0] == "start"]
    assert starts == [("start", "Læser", len(data)), ("start", "Kontrollerer", 11), ("start", "Skriver", 11)]
    assert sum(call[1] for call in progress.calls if call[0] == "advance") == len(data) + 11 + 11


def test_no_bar_unless_stderr_is_a_terminal():
    assert progress_for(io.StringIO()) is NO_PROGRESS



def test_a_large_import_lifts_the_change_triggers_and_logs_everything_instead(write_file, monkeypatch):
    """Above PAUSE_TRIGGERS_ROWS records on SQLite matching's and the KPI facts' triggers are lifted while writing:
    matching logs one "all" change, every case is marked for its facts, and the triggers are back afterwards. On
    PostgreSQL they stay (lifting them would lock the tables for every reader until the import commits)."""
    from django.db import connection

    from jobspor.cases.models import Case
    from jobspor.kpi.models import CaseFactsChange
    from jobspor.matching.changes import EVERYTHING
    from jobspor.matching.models import IndexChange

    monkeypatch.setattr(importer, "PAUSE_TRIGGERS_ROWS", 1)
    last = IndexChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert run("import", write_file(sample_records()))[0] == 0
    if connection.vendor == "postgresql":
        kinds = set(IndexChange.objects.filter(id__gt=last).values_list("kind", flat=True))
        assert EVERYTHING not in kinds and "case" in kinds  # logged row by row, as any write
        return

    assert list(IndexChange.objects.filter(id__gt=last).values_list("kind", flat=True)) == [EVERYTHING]
    assert set(CaseFactsChange.objects.values_list("case_id", flat=True)) >= set(Case.objects.values_list("pk",
                                                                                                          flat=True))
    Citizen.objects.filter(external_id="B1").update(postal_code_id="8000")  # the triggers are installed again
    assert IndexChange.objects.filter(id__gt=last).exclude(kind=EVERYTHING).exists()


def test_a_large_import_that_fails_while_writing_leaves_the_triggers_in_place(write_file, monkeypatch):
    from django.core.exceptions import ValidationError

    from jobspor.interchange.records import case as case_record
    from jobspor.matching.models import IndexChange

    def refuse(**kwargs):
        raise ValidationError({"benefit": "afvist af tjenesten"})

    monkeypatch.setattr(importer, "PAUSE_TRIGGERS_ROWS", 1)
    monkeypatch.setattr(case_record, "case_build", refuse)
    before = table_counts()
    assert run("import", write_file(sample_records()))[0] == 1
    assert table_counts() == before

    monkeypatch.undo()  # a small import, the triggers as they are: each row written is logged
    last = IndexChange.objects.order_by("-id").values_list("id", flat=True).first() or 0
    assert run("import", write_file(sample_records()))[0] == 0
    assert IndexChange.objects.filter(id__gt=last, kind="case").exists()
