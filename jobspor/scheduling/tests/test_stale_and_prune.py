"""A worker killed in the middle of a job (SIGKILL, out of memory, the server went down) leaves its run "Kører" for
ever: the next worker pass fails it with a Danish reason and retries it like any failed run; on its last attempt it
stands as a failure for the administrator. Old runs are pruned daily, never a failure nobody has retried."""

import dataclasses
import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from jobspor.scheduling.models import JobRun, RunStatus
from jobspor.scheduling.schedule import JOBS, job_named
from jobspor.scheduling.services import enqueue_run, run_now, runs_prune, runs_stale_fail
from jobspor.testing.factories import EmployeeFactory, make_company, make_job

pytestmark = pytest.mark.django_db

STOPPED = "Arbejderen stoppede under kørslen – kørslen blev ikke afsluttet"


def worker():
    call_command("worker", "--once", stdout=io.StringIO())


def killed_while_running(run: JobRun, *, minutes_ago: int) -> JobRun:
    """What a worker has written when it is killed in the middle of `run`: the queue row claimed, the run started."""
    DBTaskResult.objects.get(pk=run.task_result_id).claim("killed-worker")
    JobRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING,
                                            started_at=timezone.now() - dt.timedelta(minutes=minutes_ago))
    run.refresh_from_db()
    return run


@pytest.fixture
def admin_client(client):
    client.force_login(EmployeeFactory(roles=["administrator"]).user)
    return client


def test_a_run_left_running_by_a_killed_worker_fails_and_is_retried(admin_client, only, settings):
    only()  # nothing scheduled: only what the test starts
    settings.JOBSPOR_TASK_STALE_MINUTES = 60
    settings.JOBSPOR_TASK_RETRY_SECONDS = 60
    stuck = killed_while_running(run_now(actor=None, job_name="expire_openings"), minutes_ago=90)
    page = admin_client.get(reverse("scheduling:runs")).content.decode()
    assert "Kører" in page and STOPPED not in page

    worker()  # the next worker pass (systemd restarted it)
    stuck.refresh_from_db()
    assert stuck.status == RunStatus.FAILED and stuck.finished_at is not None
    assert stuck.error.startswith(STOPPED) and "ikke afsluttet efter 60 minutter" in stuck.error
    assert DBTaskResult.objects.get(pk=stuck.task_result_id).status == "FAILED"  # the queue's row agrees
    retry = JobRun.objects.get(retry_of=stuck)
    assert (retry.attempt, retry.status) == (2, RunStatus.QUEUED)
    assert retry.run_after - stuck.finished_at == dt.timedelta(minutes=1)  # the usual backoff
    page = admin_client.get(reverse("scheduling:runs")).content.decode()
    assert STOPPED in page and "Fejlede" in page
    assert "ikke prøvet igen" not in page  # retried automatically: not (yet) a standing failure


def test_the_retry_of_an_abandoned_run_does_the_work(only, settings):
    only()
    settings.JOBSPOR_TASK_RETRY_SECONDS = 0
    today = timezone.localdate()
    opening = make_job(company=make_company(), title="Fristen er gået", posted=today - dt.timedelta(days=30),
                       deadline=today - dt.timedelta(days=1))
    stuck = killed_while_running(run_now(actor=None, job_name="expire_openings"), minutes_ago=61)
    worker()
    retry = JobRun.objects.get(retry_of=stuck)
    assert retry.status == RunStatus.DONE and retry.summary == {"udløbet": 1}
    opening.refresh_from_db()
    assert opening.status == "expired"


def test_abandoned_on_the_last_attempt_it_stands_failed_for_the_administrator(admin_client, only, settings):
    only()
    settings.JOBSPOR_TASK_MAX_ATTEMPTS = 3
    due = timezone.now() - dt.timedelta(hours=3)
    last = enqueue_run(job=job_named("expire_openings"), due_at=due, attempt=3)
    killed_while_running(last, minutes_ago=120)
    worker()
    last.refresh_from_db()
    assert last.status == RunStatus.FAILED and not JobRun.objects.filter(retry_of=last).exists()
    assert list(JobRun.objects.standing_failures()) == [last]
    page = admin_client.get(reverse("scheduling:runs")).content.decode()
    assert "1 kørsel er fejlet og ikke prøvet igen." in page
    assert STOPPED in page and page.count("Prøv igen</button>") == 1
    page = admin_client.get(reverse("scheduling:runs") + "?vis=fejl").content.decode()
    assert f'id="run-{last.pk}"' in page


def test_a_long_run_within_its_limit_is_left_alone(only, settings):
    only()
    settings.JOBSPOR_TASK_STALE_MINUTES = 60
    running = killed_while_running(run_now(actor=None, job_name="expire_openings"), minutes_ago=45)
    # A job may have its own, longer limit.
    index = next(i for i, job in enumerate(JOBS) if job.name == "documents_retention")
    original = JOBS[index]
    JOBS[index] = dataclasses.replace(original, stale_minutes=240)
    try:
        long_job = killed_while_running(run_now(actor=None, job_name="documents_retention"), minutes_ago=180)
        assert runs_stale_fail() == []
        assert {r.status for r in JobRun.objects.filter(pk__in=[running.pk, long_job.pk])} == {RunStatus.RUNNING}
        settings.JOBSPOR_TASK_STALE_MINUTES = 30  # the global limit is a setting
        assert runs_stale_fail() == [running]
    finally:
        JOBS[index] = original


def test_a_run_that_finishes_after_all_keeps_its_result(only, settings):
    """Taken for dead but only slow: its own end still records how it went (the retry is harmless, jobs are
    idempotent)."""
    only()
    from jobspor.scheduling.services import execute

    stuck = killed_while_running(run_now(actor=None, job_name="expire_openings"), minutes_ago=90)
    runs_stale_fail()

    def work():
        return {"udløbet": 0}
    JobRun.objects.filter(pk=stuck.pk).update(status=RunStatus.RUNNING)  # execute() marks it running at its start
    assert execute(stuck.pk, work) == {"udløbet": 0}
    stuck.refresh_from_db()
    assert stuck.status == RunStatus.DONE


# --- pruning -------------------------------------------------------------------------------------------------------

def aged(run: JobRun, days: int, **fields) -> JobRun:
    when = timezone.now() - dt.timedelta(days=days)
    JobRun.objects.filter(pk=run.pk).update(enqueued_at=when, **fields)
    if fields.get("status") in (RunStatus.DONE, RunStatus.FAILED):
        DBTaskResult.objects.filter(pk=run.task_result_id).update(
            status="SUCCESSFUL" if fields["status"] == RunStatus.DONE else "FAILED", finished_at=when)
    run.refresh_from_db()
    return run


def test_pruning_deletes_old_finished_runs_and_keeps_standing_failures(admin_client, only, settings):
    only()
    settings.JOBSPOR_TASK_RUN_RETENTION_DAYS = 90
    job = job_named("send_letters")
    base = timezone.now() - dt.timedelta(days=200)

    def run(minutes, attempt=1, retry_of=None):
        return enqueue_run(job=job, due_at=base + dt.timedelta(minutes=minutes), attempt=attempt, retry_of=retry_of)

    old_done = aged(run(0), 120, status=RunStatus.DONE)
    # An old failure, retried automatically and then done: both go.
    failed_then_retried = aged(run(5), 120, status=RunStatus.FAILED)
    its_retry = aged(run(5, attempt=2, retry_of=failed_then_retried), 120, status=RunStatus.DONE)
    # An old failure on its last attempt, nobody retried it: stays however old, with the attempt before it gone.
    before_standing = aged(run(10), 150, status=RunStatus.FAILED)
    standing = aged(run(10, attempt=2, retry_of=before_standing), 150, status=RunStatus.FAILED, error="RuntimeError")
    recent_done = aged(run(15), 10, status=RunStatus.DONE)
    old_but_queued = aged(run(20), 120)  # never ran (no worker): not finished, not pruned

    summary = runs_prune()
    assert summary == {"kørsler slettet": 4, "køens rækker slettet": 4}
    left = set(JobRun.objects.values_list("pk", flat=True))
    assert left == {standing.pk, recent_done.pk, old_but_queued.pk}
    assert not left & {old_done.pk, failed_then_retried.pk, its_retry.pk, before_standing.pk}
    standing.refresh_from_db()
    assert standing.retry_of is None and list(JobRun.objects.standing_failures()) == [standing]
    assert DBTaskResult.objects.filter(pk=standing.task_result_id).exists()  # its queue row stays too
    page = admin_client.get(reverse("scheduling:runs")).content.decode()
    assert "1 kørsel er fejlet og ikke prøvet igen." in page


def test_pruning_is_a_scheduled_job_the_worker_runs(only, settings):
    only()
    settings.JOBSPOR_TASK_RUN_RETENTION_DAYS = 30
    assert job_named("prune_runs").at == dt.time(3, 15)
    old = aged(run_now(actor=None, job_name="expire_openings"), 45, status=RunStatus.DONE)
    pruning = run_now(actor=None, job_name="prune_runs")
    worker()
    pruning.refresh_from_db()
    assert pruning.status == RunStatus.DONE, pruning.error
    assert pruning.summary == {"kørsler slettet": 1, "køens rækker slettet": 1}
    assert not JobRun.objects.filter(pk=old.pk).exists()
