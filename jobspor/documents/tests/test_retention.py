"""Retention per document type: on a closed case, past its type's period, a document's file content is erased;
the row stays marked "slettet efter opbevaringsfrist <date>" with who and when, and an event is recorded. A dry
run (the default) changes nothing; an open case's documents are never due."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from jobspor.audit.models import Event
from jobspor.cases.models import Case
from jobspor.documents.files import path_of
from jobspor.documents.models import Document, DocumentKind, DocumentSource
from jobspor.documents.retention import retention_end, rule_for
from jobspor.documents.services import document_store, retention_run
from jobspor.testing.factories import EmployeeFactory, make_case

from .samples import upload

CLOSED = dt.date(2025, 6, 30)


@pytest.fixture
def world(db):
    anne = EmployeeFactory(name="Anne Holm", roles=["jobformidler"])
    closed = make_case(primary=anne, name="Jens Hansen")
    Case.objects.filter(pk=closed.pk).update(closed=CLOSED, close_reason="ordinaer_beskaeftigelse")
    closed.refresh_from_db()
    open_case = make_case(primary=anne, name="Ida Andersen")

    def store(case, kind, name="fil.pdf"):
        return document_store(actor=anne.user, uploaded=upload(name), source=DocumentSource.UPLOAD, case=case,
                              kind=kind)

    return {"anne": anne, "closed": closed, "open": open_case, "health": store(closed, DocumentKind.HEALTH),
            "form": store(closed, DocumentKind.SIGNED_FORM), "open_health": store(open_case, DocumentKind.HEALTH)}


def test_each_type_has_a_period_and_a_stated_basis():
    for kind in DocumentKind.values:
        rule = rule_for(kind)
        assert rule.years > 0 and len(str(rule.basis)) > 20
    assert rule_for(DocumentKind.HEALTH).years < rule_for(DocumentKind.FROM_CITIZEN).years
    assert retention_end(DocumentKind.HEALTH, dt.date(2024, 2, 29)) == dt.date(2026, 2, 28)
    assert retention_end(DocumentKind.HEALTH, None) is None


def test_the_period_can_be_set_in_settings(settings):
    settings.JOBSPOR_DOCUMENT_RETENTION_YEARS = {"helbred": 1}
    assert rule_for(DocumentKind.HEALTH).years == 1 and "JOBSPOR_DOCUMENT_RETENTION_YEARS" in rule_for(
        DocumentKind.HEALTH).basis
    assert retention_end(DocumentKind.HEALTH, CLOSED) == dt.date(2026, 6, 30)


def test_a_dry_run_changes_nothing(world):
    due = retention_run(actor=None, today=dt.date(2027, 7, 1), apply=False)
    assert [item.document.pk for item in due] == [world["health"].pk]
    assert not Document.objects.filter(erased_at__isnull=False).exists()
    assert path_of(world["health"]).exists()
    assert not Event.objects.filter(verb="document_erased").exists()


def test_apply_erases_the_content_of_what_is_past_its_period_and_keeps_the_row(world):
    assert retention_run(actor=None, today=dt.date(2027, 6, 30), apply=True) == []  # the last day is still kept
    due = retention_run(actor=None, today=dt.date(2027, 7, 1), apply=True)
    assert [item.document.pk for item in due] == [world["health"].pk]
    health = Document.objects.get(pk=world["health"].pk)
    assert health.erased and health.retention_end == dt.date(2027, 6, 30) and health.erased_by.startswith("kommando")
    assert not path_of(health).exists()
    assert path_of(world["form"]).exists() and path_of(world["open_health"]).exists()  # longer period; open case
    event = Event.objects.get(verb="document_erased")
    assert event.case_id == world["closed"].pk and event.after["retention_end"] == "2027-06-30"
    assert Document.objects.count() == 3
    # Running again erases nothing twice.
    assert retention_run(actor=None, today=dt.date(2027, 7, 2), apply=True) == []
    later = retention_run(actor=None, today=dt.date(2030, 7, 1), apply=True)
    assert [item.document.pk for item in later] == [world["form"].pk]
    assert path_of(world["open_health"]).exists()


def test_the_erased_document_says_so_on_the_case(client, world):
    retention_run(actor=None, today=dt.date(2027, 7, 1), apply=True)
    client.force_login(world["anne"].user)
    page = client.get(f"{reverse('cases:detail', args=[world['closed'].pk])}?fane=dokumenter").content.decode()
    assert "slettet efter opbevaringsfrist 30. juni 2027" in page
    response = client.get(reverse("documents:download", args=[world["closed"].pk, world["health"].pk]))
    assert response.status_code == 410
    assert "er slettet efter opbevaringsfrist 30. juni 2027" in response.content.decode()


def test_the_command_is_a_dry_run_unless_told(world):
    out = io.StringIO()
    call_command("documents", "retention", "--today", "2027-07-01", stdout=out)
    assert "1 dokumenter er over opbevaringsfristen. Intet er slettet" in out.getvalue()
    assert not Document.objects.filter(erased_at__isnull=False).exists()
    out = io.StringIO()
    call_command("documents", "retention", "--today", "2027-07-01", "--apply", stdout=out)
    assert "1 dokumenter har fået deres indhold slettet" in out.getvalue()
    assert Document.objects.get(pk=world["health"].pk).erased


def test_a_file_left_by_a_stopped_run_is_removed_by_the_next(world):
    Document.objects.filter(pk=world["health"].pk).update(erased_at=dt.datetime(2027, 7, 1, tzinfo=dt.UTC),
                                                          erased_by="kommando (x)", retention_end=dt.date(2027, 6, 30))
    assert path_of(world["health"]).exists()
    retention_run(actor=None, today=dt.date(2027, 7, 1), apply=True)
    assert not path_of(world["health"]).exists()
