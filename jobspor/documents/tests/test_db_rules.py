"""The database keeps document rows (SQLite and PostgreSQL): no DELETE, no change to what a row says about its
file, erasure marked once; the type and title may be corrected."""

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from jobspor.documents.models import Document, DocumentKind, DocumentSource
from jobspor.documents.services import document_store
from jobspor.documents.triggers import installed
from jobspor.testing.factories import EmployeeFactory, make_case

from .samples import upload


@pytest.fixture
def document(db):
    anne = EmployeeFactory(roles=["jobformidler"])
    return document_store(actor=anne.user, uploaded=upload(), source=DocumentSource.UPLOAD,
                          case=make_case(primary=anne))


def refused(sql, params=()):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_triggers_are_installed(db):
    assert installed(connection)


def test_a_row_cannot_be_deleted(document):
    refused("DELETE FROM documents_document WHERE id = %s", [document.pk])
    assert Document.objects.filter(pk=document.pk).exists()


@pytest.mark.parametrize(("column", "value"), [("name", "andet.pdf"), ("sha256", "1" * 64), ("size", 5),
                                                ("storage_name", "x" * 40), ("case_id", None)])
def test_what_a_row_says_about_its_file_cannot_change(document, column, value):
    refused(f"UPDATE documents_document SET {column} = %s WHERE id = %s", [value, document.pk])


def test_type_and_title_may_be_corrected_until_erased(document):
    Document.objects.filter(pk=document.pk).update(kind=DocumentKind.HEALTH, title="Lægeerklæring")
    Document.objects.filter(pk=document.pk).update(erased_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC),
                                                   erased_by="kommando (x)", retention_end=dt.date(2029, 12, 31))
    refused("UPDATE documents_document SET erased_at = NULL WHERE id = %s", [document.pk])
    refused("UPDATE documents_document SET retention_end = %s WHERE id = %s", [dt.date(2031, 1, 1), document.pk])
    refused("UPDATE documents_document SET title = %s WHERE id = %s", ["ny", document.pk])


def test_an_erasure_must_say_who_and_why(document):
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.filter(pk=document.pk).update(erased_at=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
