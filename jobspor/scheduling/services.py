"""Running scheduled jobs: claim and enqueue what is due, run a job recording how it went, retry a failure with
backoff up to a limit, and let an administrator retry or start a job by hand.

A run is claimed by inserting its JobRun row (unique per job, due time and attempt) in the same transaction as the
django-tasks result row: two workers that find the same job due cannot both enqueue it."""

import datetime as dt
import logging
import traceback

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import is_locked_database_exception

from jobspor.audit.services import event_record

from .compat import TaskResultStatus
from .models import JobRun, RunStatus
from .schedule import JOBS, Job, active_jobs, job_named

logger = logging.getLogger("jobspor.scheduling")

RETRIED = "job_retried"
STARTED = "job_started_by_hand"


def retry_delay(attempt: int) -> dt.timedelta:
    """Backoff after failed attempt N: base, base×5, base×25 … (1, 5, 25 minutes by default)."""
    return dt.timedelta(seconds=settings.JOBSPOR_TASK_RETRY_SECONDS * 5 ** (attempt - 1))


def enqueue_run(*, job: Job, due_at=None, attempt=1, run_after=None, started_by=None, retry_of=None) -> JobRun | None:
    """Claim (job, due_at, attempt) and enqueue its task; None when another worker has claimed it already."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.name, due_at=due_at, attempt=attempt, run_after=run_after,
                                            started_by=started_by if getattr(started_by, "pk", None) else None,
                                            retry_of=retry_of)
        except IntegrityError:
            return None
        task = job.task.using(run_after=run_after) if run_after else job.task
        result = task.enqueue(run_id=run.pk)
        run.task_result_id = str(result.id)
        run.save(update_fields=["task_result_id"])
    return run


def schedule_due(*, now=None) -> list[JobRun]:
    """Enqueue every job whose latest due time has no run yet (the worker calls this on each round); first, fail and
    retry the runs a killed worker left "running"."""
    now = now or timezone.now()
    try:
        runs_stale_fail(now=now)
    except OperationalError as exc:  # SQLite: another worker is writing past the wait; the next round looks again
        if not is_locked_database_exception(exc):
            raise
    enqueued = []
    for job in active_jobs():
        due = job.due_at(now)
        try:
            if JobRun.objects.filter(job=job.name, due_at=due).exists():
                continue
            run = enqueue_run(job=job, due_at=due)
        except OperationalError as exc:
            if not is_locked_database_exception(exc):
                raise
            continue  # SQLite: another worker is writing past the wait; the next round tries again
        if run is not None:
            enqueued.append(run)
    return enqueued


def execute(run_id, work):
    """Run `work()` for the JobRun `run_id`: its summary (a dict) is kept; a failure keeps its traceback, plans the
    next attempt after a backoff while attempts remain, and is raised again so django-tasks marks its result failed."""
    if run_id is None:  # enqueued directly, outside the schedule
        return work()
    JobRun.objects.filter(pk=run_id).update(status=RunStatus.RUNNING, started_at=timezone.now())
    try:
        summary = work()
    except Exception as exc:
        run = JobRun.objects.get(pk=run_id)
        run.status = RunStatus.FAILED
        run.finished_at = timezone.now()
        run.error = "".join(traceback.format_exception(exc))[-20_000:]
        run.save(update_fields=["status", "finished_at", "error"])
        logger.error("Kørsel %s (%s, forsøg %s) fejlede: %s", run.pk, run.job, run.attempt, run.error_head)
        retry_later(run)
        raise
    JobRun.objects.filter(pk=run_id).update(status=RunStatus.DONE, finished_at=timezone.now(), summary=summary)
    return summary


def retry_later(run: JobRun) -> JobRun | None:
    """The next attempt of a failed run after its backoff, while attempts remain (else it stays failed for an
    administrator)."""
    job = job_named(run.job)
    if job is None or run.attempt >= settings.JOBSPOR_TASK_MAX_ATTEMPTS:
        return None
    return enqueue_run(job=job, due_at=run.due_at, attempt=run.attempt + 1,
                       run_after=run.finished_at + retry_delay(run.attempt), started_by=run.started_by,
                       retry_of=run)


def stale_after(job_name: str) -> dt.timedelta:
    job = job_named(job_name)
    return job.stale_after if job else dt.timedelta(minutes=settings.JOBSPOR_TASK_STALE_MINUTES)


def runs_stale_fail(*, now=None) -> list[JobRun]:
    """Runs still "running" past their job's limit: the worker running them was killed (SIGKILL, out of memory, the
    server went down) and will never finish them. Each is failed with a Danish reason, its queue row too, and
    retried like any failed run. A run that does finish after all still records its result."""
    now = now or timezone.now()
    shortest = min([stale_after(job.name) for job in JOBS] + [stale_after("")])
    failed = []
    for run in JobRun.objects.filter(status=RunStatus.RUNNING, started_at__lt=now - shortest).order_by("id"):
        limit = stale_after(run.job)
        if run.started_at >= now - limit:
            continue
        error = _("Arbejderen stoppede under kørslen – kørslen blev ikke afsluttet (startet %(started)s, ikke "
                  "afsluttet efter %(minutes)d minutter).") % {
            "started": timezone.localtime(run.started_at).strftime("%d.%m.%Y %H:%M"),
            "minutes": limit.total_seconds() // 60}
        with transaction.atomic():
            # Only if still running: another worker may have failed it, or the run may have finished meanwhile.
            if not JobRun.objects.filter(pk=run.pk, status=RunStatus.RUNNING).update(
                    status=RunStatus.FAILED, finished_at=now, error=error):
                continue
            if run.task_result_id:
                DBTaskResult.objects.filter(pk=run.task_result_id, status=TaskResultStatus.RUNNING).update(
                    status=TaskResultStatus.FAILED, finished_at=now, exception_class_path="", traceback=error)
        run.refresh_from_db()
        logger.error("Kørsel %s (%s, forsøg %s) hang som kørende siden %s: sat til fejlet", run.pk, run.job,
                     run.attempt, run.started_at.isoformat())
        retry_later(run)
        failed.append(run)
    return failed


def runs_prune(*, now=None) -> dict:
    """Finished runs older than JOBSPOR_TASK_RUN_RETENTION_DAYS go, with the queue's finished rows of that age. A
    failure nobody has retried yet (a standing failure) is never deleted, however old; nor is a run that is queued or
    running."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.JOBSPOR_TASK_RUN_RETENTION_DAYS)
    standing = JobRun.objects.standing_failures()
    doomed = list(JobRun.objects.filter(enqueued_at__lt=cutoff, status__in=[RunStatus.DONE, RunStatus.FAILED])
                  .exclude(pk__in=standing.values("pk")).values_list("pk", flat=True))
    deleted = 0
    for start in range(0, len(doomed), 500):
        chunk = doomed[start:start + 500]
        with transaction.atomic():
            # retry_of protects the run a retry points to: unlink first (a kept retry just loses its link).
            JobRun.objects.filter(retry_of__in=chunk).update(retry_of=None)
            deleted += JobRun.objects.filter(pk__in=chunk).delete()[0]
    keep = [tid for tid in standing.exclude(task_result_id="").values_list("task_result_id", flat=True)]
    queue = (DBTaskResult.objects.filter(status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
                                         finished_at__lt=cutoff).exclude(pk__in=keep).delete()[0])
    return {"kørsler slettet": deleted, "køens rækker slettet": queue}


def run_retry(*, actor, run: JobRun) -> JobRun:
    """The administrator's "Prøv igen" on a failed run: its next attempt, now."""
    if run.status != RunStatus.FAILED:
        raise ValidationError(_("Kun en kørsel, der er fejlet, kan prøves igen."), code="not_failed")
    job = job_named(run.job)
    if job is None:
        raise ValidationError(_("Jobbet findes ikke længere."), code="unknown_job")
    superseded = ValidationError(_("Kørslen er allerede prøvet igen: se det nyeste forsøg."), code="superseded")
    if JobRun.objects.filter(retry_of=run).exists():
        raise superseded
    try:
        new = enqueue_run(job=job, due_at=run.due_at, attempt=run.attempt + 1, started_by=actor, retry_of=run)
    except IntegrityError:  # retried by someone else at this very moment
        raise superseded
    if new is None:
        raise superseded
    event_record(actor=actor, verb=RETRIED, target=new, after={"job": job.name, "attempt": new.attempt,
                                                               "retry_of": run.pk})
    return new


def run_now(*, actor, job_name: str) -> JobRun:
    """"Kør nu": a run outside the schedule (no due time), e.g. after fixing what made it fail."""
    job = job_named(job_name)
    if job is None:
        raise ValidationError(_("Jobbet findes ikke."), code="unknown_job")
    run = enqueue_run(job=job, due_at=None, started_by=actor)
    event_record(actor=actor, verb=STARTED, target=run, after={"job": job.name})
    return run


def overview(*, now=None) -> list[dict]:
    """Each job of the schedule with its latest run and next due time (the administrator's page)."""
    now = now or timezone.now()
    active = {job.name for job in active_jobs()}
    rows = []
    for job in JOBS:
        last = JobRun.objects.filter(job=job.name).order_by("-enqueued_at", "-id").first()
        rows.append({"job": job, "last": last, "next_due": job.next_due(now), "active": job.name in active})
    return rows
