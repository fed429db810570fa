"""Sent is frozen by the database itself (jobspor/letters/frozen.py), on SQLite and PostgreSQL: whatever goes around
the services (raw SQL, a bug) cannot change or delete a sent letter, nor change what a queued letter says."""

import pytest
from django.db import IntegrityError, connection, transaction

from jobspor.letters import services
from jobspor.letters.choices import LetterKind, LetterStatus
from jobspor.letters.models import Letter

pytestmark = pytest.mark.django_db


def sql(statement, params=()):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def sent(case, job_broker):
    draft = services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.FREE)
    draft = services.letter_update(actor=job_broker.user, letter=draft, subject="Husk dit CV", body="Tekst")
    letter = services.letter_send(actor=job_broker.user, letter=draft)
    assert letter.status == LetterStatus.SENT
    return letter


@pytest.mark.parametrize("statement", [
    "UPDATE letters_letter SET body = 'ændret' WHERE id = %s",
    "UPDATE letters_letter SET attempts = 9 WHERE id = %s",
    "UPDATE letters_letter SET status = 'kladde' WHERE id = %s",
    "DELETE FROM letters_letter WHERE id = %s",
])
def test_a_sent_letter_cannot_be_changed_or_deleted(sent, statement):
    with pytest.raises(IntegrityError):
        sql(statement, [sent.pk])
    assert Letter.objects.get(pk=sent.pk).body == "Tekst"


def test_orm_save_of_a_sent_letter_is_refused_too(sent):
    sent.subject = "Noget andet"
    with pytest.raises(IntegrityError), transaction.atomic():
        sent.save()


def test_a_waiting_letter_can_move_on_but_not_change_what_it_says(case, job_broker, settings, letter_dirs):
    (letter_dirs / "blocked").write_text("")
    settings.JOBSPOR_LETTER_OUTBOX_DIR = letter_dirs / "blocked" / "outbox"
    draft = services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.FREE)
    failed = services.letter_send(actor=job_broker.user, letter=draft, subject="Husk dit CV", body="Tekst")
    assert failed.status == LetterStatus.FAILED
    for statement in ("UPDATE letters_letter SET subject = 'x' WHERE id = %s",
                      "UPDATE letters_letter SET pdf_storage_name = 'other' WHERE id = %s",
                      "UPDATE letters_letter SET status = 'kladde' WHERE id = %s",
                      "DELETE FROM letters_letter WHERE id = %s"):
        with pytest.raises(IntegrityError):
            sql(statement, [failed.pk])
    sql("UPDATE letters_letter SET attempts = attempts + 1, last_error = 'igen' WHERE id = %s", [failed.pk])
    assert Letter.objects.get(pk=failed.pk).attempts == 2


def test_a_draft_is_free(case, job_broker):
    draft = services.letter_draft(actor=job_broker.user, case=case, kind=LetterKind.FREE)
    sql("UPDATE letters_letter SET body = 'ny' WHERE id = %s", [draft.pk])
    sql("DELETE FROM letters_letter WHERE id = %s", [draft.pk])
    assert not Letter.objects.exists()
