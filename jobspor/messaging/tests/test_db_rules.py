"""In the database itself: a sent message and its attachment cannot be changed; a thread is on one case or one
company; a message is never empty (SQLite and PostgreSQL)."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from jobspor.documents.tests.samples import upload
from jobspor.messaging.models import AuthorKind, Message, Thread
from jobspor.messaging.services import thread_start
from jobspor.testing.factories import EmployeeFactory, make_case, make_company


@pytest.fixture
def thread(db):
    broker = EmployeeFactory()
    case = make_case(primary=broker)
    return thread_start(actor=broker.user, author_kind=AuthorKind.STAFF, case=case, subject="Møde",
                        body="Vi ses torsdag.", attachments=[upload()])


def test_a_sent_message_cannot_be_changed_even_with_raw_sql(thread):
    message = thread.messages.get()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE messaging_message SET body = 'ændret' WHERE id = %s", [message.pk])
    with pytest.raises(DatabaseError), transaction.atomic():
        Message.objects.filter(pk=message.pk).update(body="ændret")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE messaging_attachment SET message_id = message_id")
    message.refresh_from_db()
    assert message.body == "Vi ses torsdag."
    with pytest.raises(Exception, match="kan ikke ændres"):
        message.save()
    with pytest.raises(Exception, match="slettes ikke"):
        message.delete()


def test_a_thread_belongs_to_a_case_or_a_company(thread):
    company = make_company()
    with pytest.raises(IntegrityError), transaction.atomic():
        Thread.objects.create(case=thread.case, company=company, subject="Begge")
    with pytest.raises(IntegrityError), transaction.atomic():
        Thread.objects.create(subject="Ingen")


def test_an_empty_message_is_refused_by_the_database(thread):
    with pytest.raises(IntegrityError), transaction.atomic():
        Message.objects.create(thread=thread, author=thread.messages.get().author, author_kind="staff",
                               author_name="x", body="")
