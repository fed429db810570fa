"""The schedule and the worker: a due job is enqueued and run exactly once per due time (whoever else is working),
a failing job is retried with backoff and then shown as failed to the administrator, who can retry it."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobspor.scheduling import tasks
from jobspor.scheduling.models import JobRun, RunStatus
from jobspor.scheduling.schedule import JOBS, job_named
from jobspor.scheduling.services import schedule_due
from jobspor.testing.factories import EmployeeFactory, make_company, make_job

pytestmark = pytest.mark.django_db

TZ = timezone.get_current_timezone()


def local(*args):
    return dt.datetime(*args, tzinfo=TZ)


def worker(*args):
    out = io.StringIO()
    call_command("worker", "--once", *args, stdout=out)
    return out.getvalue()


def expired_opening():
    today = timezone.localdate()
    return make_job(company=make_company(), title="Fristen er gået", posted=today - dt.timedelta(days=30),
                    deadline=today - dt.timedelta(days=1))


def test_due_times():
    daily = job_named("expire_openings")  # 00:05
    assert daily.due_at(local(2026, 3, 10, 0, 4)) == local(2026, 3, 9, 0, 5)
    assert daily.due_at(local(2026, 3, 10, 0, 5)) == local(2026, 3, 10, 0, 5)
    assert daily.next_due(local(2026, 3, 10, 12, 0)) == local(2026, 3, 11, 0, 5)
    letters = job_named("send_letters")  # every 5 minutes
    assert letters.due_at(local(2026, 3, 10, 9, 7, 30)) == local(2026, 3, 10, 9, 5)
    assert letters.next_due(local(2026, 3, 10, 9, 7, 30)) == local(2026, 3, 10, 9, 10)


def test_each_due_time_is_enqueued_once_however_many_workers_look():
    now = local(2026, 3, 10, 16, 0)
    first = schedule_due(now=now)
    assert sorted(run.job for run in first) == sorted(job.name for job in JOBS)
    assert schedule_due(now=now) == []  # a second worker at the same moment
    assert schedule_due(now=now + dt.timedelta(minutes=2)) == []  # nothing new is due yet
    later = schedule_due(now=now + dt.timedelta(minutes=5))
    frequent = sorted(job.name for job in JOBS if job.every_minutes)
    assert sorted(run.job for run in later) == frequent == ["chain_facts", "send_letters"]
    assert JobRun.objects.count() == DBTaskResult.objects.count() == len(JOBS) + len(frequent)
    tomorrow = schedule_due(now=now + dt.timedelta(days=1))
    assert len(tomorrow) == len(JOBS)  # the next day's due times


def test_the_claim_is_in_the_database(only):
    """Two workers that both saw no run (the check before the insert) still enqueue once: the unique row decides."""
    from jobspor.scheduling.services import enqueue_run

    job = job_named("expire_openings")
    due = local(2026, 3, 10, 0, 5)
    assert enqueue_run(job=job, due_at=due) is not None
    assert enqueue_run(job=job, due_at=due) is None
    assert JobRun.objects.filter(job=job.name).count() == DBTaskResult.objects.count() == 1


def test_the_worker_runs_a_due_job_once(only):
    only("expire_openings")
    opening = expired_opening()
    out = worker()
    assert "Sat i kø: expire_openings" in out
    opening.refresh_from_db()
    assert opening.status == "expired"
    run = JobRun.objects.get()
    assert run.status == RunStatus.DONE and run.summary == {"udløbet": 1} and run.finished_at
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"
    worker()  # the same due time again: nothing new
    assert JobRun.objects.count() == DBTaskResult.objects.count() == 1


def test_the_worker_processes_what_is_queued(only):
    only()  # nothing scheduled: just the queue
    opening = expired_opening()
    result = tasks.expire_openings.enqueue()
    assert DBTaskResult.objects.get().status == "READY"
    worker()
    opening.refresh_from_db()
    assert opening.status == "expired"
    assert DBTaskResult.objects.get(pk=result.id).status == "SUCCESSFUL"
    assert DBTaskResult.objects.get(pk=result.id).return_value == {"udløbet": 1}


def test_max_tasks_stops_the_worker(only):
    only()
    for _ in range(3):
        tasks.prune_access_log.enqueue()
    worker("--max-tasks", "2")
    assert DBTaskResult.objects.filter(status="SUCCESSFUL").count() == 2
    assert DBTaskResult.objects.filter(status="READY").count() == 1


@pytest.fixture
def broken():
    """The expiry service fails until the test undoes it (its own patch: undoing it leaves conftest's in place)."""
    def fail(**kwargs):
        raise RuntimeError("Databasen over jobåbninger svarede ikke")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tasks, "jobs_expire", fail)
        yield patch


def test_a_failure_waits_with_backoff(only, broken, settings):
    only("expire_openings")
    settings.JOBSPOR_TASK_RETRY_SECONDS = 60
    worker()
    first, retry = JobRun.objects.order_by("attempt")
    assert first.status == RunStatus.FAILED and "svarede ikke" in first.error
    assert retry.attempt == 2 and retry.status == RunStatus.QUEUED
    assert retry.run_after - first.finished_at == dt.timedelta(minutes=1)
    worker()  # not yet
    assert JobRun.objects.get(pk=retry.pk).status == RunStatus.QUEUED


def test_a_failing_job_is_retried_then_shown_failed_to_the_administrator(client, only, broken, settings):
    only("expire_openings")
    settings.JOBSPOR_TASK_RETRY_SECONDS = 0  # retries at once, so one worker round sees them all
    opening = expired_opening()
    worker()
    runs = list(JobRun.objects.order_by("attempt"))
    assert [(r.attempt, r.status) for r in runs] == [(1, "failed"), (2, "failed"), (3, "failed")]
    assert len({r.due_at for r in runs}) == 1
    assert DBTaskResult.objects.filter(status="FAILED").count() == 3  # django-tasks' own record agrees

    admin = EmployeeFactory(roles=["administrator"])
    client.force_login(admin.user)
    page = client.get(reverse("scheduling:runs")).content.decode()
    assert "1 kørsel er fejlet og ikke prøvet igen." in page  # the first two were retried automatically
    assert page.count("details-summary\">RuntimeError: Databasen over jobåbninger svarede ikke") == 3
    assert page.count("Prøv igen</button>") == 1

    broken.undo()  # the cause is fixed; the administrator retries the last attempt
    response = client.post(reverse("scheduling:retry", args=[runs[-1].pk]))
    assert response.status_code == 302
    again = JobRun.objects.get(attempt=4)
    assert again.started_by == admin.user and again.due_at == runs[0].due_at and again.retry_of == runs[-1]
    refused = client.post(reverse("scheduling:retry", args=[runs[0].pk]), follow=True).content.decode()
    assert "allerede prøvet igen" in refused and JobRun.objects.count() == 4
    worker()
    again.refresh_from_db()
    opening.refresh_from_db()
    assert again.status == RunStatus.DONE and opening.status == "expired"
    page = client.get(reverse("scheduling:runs")).content.decode()
    assert "Gennemført" in page and "udløbet: 1" in page
    assert "ikke prøvet igen" not in page and "Prøv igen</button>" not in page


@pytest.mark.parametrize("role", ["jobformidler", "leder", "mentor"])
def test_only_administrators_see_and_steer_runs(client, only, role):
    only("expire_openings")
    worker()
    employee = EmployeeFactory(roles=[role])
    client.force_login(employee.user)
    run = JobRun.objects.get()
    assert client.get(reverse("scheduling:runs")).status_code == 403
    assert client.post(reverse("scheduling:retry", args=[run.pk])).status_code == 403
    assert client.post(reverse("scheduling:run_now", args=["expire_openings"])).status_code == 403
    assert JobRun.objects.count() == 1


def test_run_now_by_hand(client, only):
    only()
    opening = expired_opening()
    admin = EmployeeFactory(roles=["administrator"])
    client.force_login(admin.user)
    page = client.get(reverse("scheduling:runs")).content.decode()
    assert "Udløb af jobåbninger" in page and "dagligt kl. 00:05" in page
    client.post(reverse("scheduling:run_now", args=["expire_openings"]))
    assert client.post(reverse("scheduling:run_now", args=["findes-ikke"])).status_code == 302
    run = JobRun.objects.get()
    assert run.due_at is None and run.started_by == admin.user
    worker()
    opening.refresh_from_db()
    assert opening.status == "expired"


@pytest.mark.django_db(transaction=True)
def test_two_workers_at_the_same_moment_enqueue_each_due_time_once():
    """Two workers (threads, each with its own database connection and real transactions) look at the same moment:
    every job is enqueued once, and each worker got only the runs it claimed."""
    import threading

    from django.db import connection

    now = local(2026, 3, 10, 16, 0)
    barrier = threading.Barrier(2)
    claimed, errors = [], []

    def one_worker():
        try:
            barrier.wait(timeout=30)
            claimed.append([run.job for run in schedule_due(now=now)])
        except Exception as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=one_worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and len(claimed) == 2
    # SQLite's in-memory test database answers "locked" at once where a file waits; a job skipped that way is
    # claimed on the worker's next round. Whatever the interleaving: never twice.
    claimed.append([run.job for run in schedule_due(now=now)])
    assert sorted(sum(claimed, [])) == sorted(job.name for job in JOBS)
    assert JobRun.objects.count() == DBTaskResult.objects.count() == len(JOBS)
