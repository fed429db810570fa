"""Each scheduled job does its work when the worker runs it: letters waiting in the outbox are sent, an expired
opening is closed (test_schedule.py), a drifted placement flag is set right, old access-log rows go, documents past
retention are erased, and tomorrow's meetings are reminded on Min side, once."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from jobspor.appointments.services import appointment_cancel
from jobspor.appointments.tests.helpers import at, book
from jobspor.audit.models import AccessLog
from jobspor.cases.models import Case
from jobspor.documents.models import Document, DocumentKind, DocumentSource
from jobspor.documents.services import document_store
from jobspor.documents.tests.samples import upload
from jobspor.letters.models import Letter, LetterStatus
from jobspor.letters.tests.test_services import free_letter
from jobspor.messaging.models import Thread
from jobspor.placements.models import Placement
from jobspor.placements.tests.matrix import placement_for
from jobspor.scheduling.models import JobRun
from jobspor.scheduling.services import run_now
from jobspor.testing.factories import EmployeeFactory, citizen_login, make_case

pytestmark = pytest.mark.django_db


def run(name):
    """Start the job as an administrator would ("Kør nu") and let the worker run it."""
    job_run = run_now(actor=None, job_name=name)
    call_command("worker", "--once", stdout=io.StringIO())
    job_run.refresh_from_db()
    assert job_run.status == "done", job_run.error
    return job_run.summary


@pytest.fixture(autouse=True)
def nothing_scheduled(settings, tmp_path):
    from jobspor.scheduling.schedule import JOBS

    settings.JOBSPOR_SCHEDULE_OFF = ",".join(job.name for job in JOBS)  # only what the test starts
    settings.JOBSPOR_DOCUMENTS_DIR = tmp_path / "documents"
    settings.JOBSPOR_LETTER_OUTBOX_DIR = tmp_path / "outbox"
    settings.JOBSPOR_LETTER_TRANSPORT = "outbox"


def test_letters_waiting_in_the_outbox_are_sent(job_broker, settings, tmp_path):
    case = make_case(primary=job_broker)
    blocker = tmp_path / "blocked"
    blocker.write_text("not a folder")
    settings.JOBSPOR_LETTER_OUTBOX_DIR = blocker / "outbox"  # the first attempt fails
    from jobspor.letters import services as letters

    letter = letters.letter_send(actor=job_broker.user, letter=free_letter(case, job_broker.user))
    assert letter.status == LetterStatus.FAILED
    Letter.objects.filter(pk=letter.pk).update(next_attempt_at=timezone.now() - dt.timedelta(minutes=1))  # its turn
    settings.JOBSPOR_LETTER_OUTBOX_DIR = tmp_path / "outbox"
    assert run("send_letters") == {"sendt": 1, "fejlede": 0}
    assert Letter.objects.get(pk=letter.pk).status == LetterStatus.SENT


def test_drifted_placement_flags_are_recomputed(job_broker):
    placement = placement_for(make_case(primary=job_broker))
    right = Placement.objects.filter(pk=placement.pk).values_list("follow_up_due", flat=True).get()
    assert right is not None
    Placement.objects.filter(pk=placement.pk).update(follow_up_due=dt.date(2020, 1, 1))
    assert run("placement_flags") == {"rettet": 1}
    assert Placement.objects.get(pk=placement.pk).follow_up_due == right
    assert run("placement_flags") == {"rettet": 0}


def test_the_production_chain_follows_a_new_placement(job_broker):
    from jobspor.kpi.models import CaseFacts

    case = make_case(primary=job_broker)
    run("chain_facts")
    assert CaseFacts.objects.get(case=case).placement_on is None
    placement = placement_for(case)
    assert run("chain_facts") == {"genberegnet": 1}
    assert CaseFacts.objects.get(case=case).placement_on == placement.start
    assert run("chain_facts") == {"genberegnet": 0}


def test_old_access_log_rows_are_pruned():
    now = timezone.now()
    AccessLog.objects.bulk_create([
        AccessLog(actor="a", action="view", purpose="p", at=now - dt.timedelta(days=400)),
        AccessLog(actor="a", action="view", purpose="p", at=now - dt.timedelta(days=10)),
    ])
    assert run("prune_access_log") == {"slettet": 1}
    assert AccessLog.objects.count() == 1


def test_documents_past_retention_are_erased(job_broker, settings):
    settings.JOBSPOR_DOCUMENT_RETENTION_YEARS = {"helbred": 1}
    closed = make_case(primary=job_broker, name="Jens Hansen")
    Case.objects.filter(pk=closed.pk).update(closed=dt.date(2025, 1, 31), close_reason="ordinaer_beskaeftigelse")
    closed.refresh_from_db()
    document = document_store(actor=job_broker.user, uploaded=upload(), source=DocumentSource.UPLOAD, case=closed,
                              kind=DocumentKind.HEALTH)
    assert run("documents_retention") == {"slettet": 1}
    assert Document.objects.get(pk=document.pk).erased_at is not None


def test_tomorrows_meetings_are_reminded_once_on_min_side(client, job_broker):
    ida = make_case(primary=job_broker, name="Ida Andersen")
    bo = make_case(primary=job_broker, name="Bo Jensen")
    book(case=ida, staff=[job_broker], start=at(1, 10, 30), title="Jobsamtale om lager", place_text="Lokale 3")
    cancelled = book(case=bo, staff=[job_broker], start=at(1, 9), title="Aflyst samtale")
    appointment_cancel(actor=job_broker.user, appointment=cancelled)
    book(case=bo, staff=[job_broker], start=at(2, 9), title="Om to dage")
    book(case=bo, staff=[job_broker], start=at(1, 13), title="Uden borgeren", citizen_attends=False)

    assert run("meeting_reminders") == {"påmindet": 1}
    thread = Thread.objects.get()
    assert thread.case_id == ida.pk and thread.subject == "Påmindelse: møde i morgen kl. 10.30"
    message = thread.messages.get()
    assert message.author_name == "Jobcentret (automatisk)"
    assert "Jobsamtale om lager" in message.body and "Lokale 3" in message.body and "kl. 10.30" in message.body
    assert run("meeting_reminders") == {"påmindet": 0}  # nothing twice
    assert Thread.objects.count() == 1

    citizen_login(client, ida.citizen)
    page = client.get(reverse("minside:messages")).content.decode()
    assert "Påmindelse: møde i morgen kl. 10.30" in page


def test_the_reminder_account_cannot_log_in(client, job_broker):
    from jobspor.scheduling.reminders import system_user

    user = system_user()
    assert not user.is_active and not user.has_usable_password()
    assert not EmployeeFactory._meta.model.objects.filter(user=user).exists()
    assert JobRun.objects.count() == 0
