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
from django_tasks_db.utils import is_locked_database_exception

from jobspor.audit.services import event_record

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
    """Enqueue every job whose latest due time has no run yet (the worker calls this on each round)."""
    now = now or timezone.now()
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
        job = job_named(run.job)
        if job is not None and run.attempt < settings.JOBSPOR_TASK_MAX_ATTEMPTS:
            enqueue_run(job=job, due_at=run.due_at, attempt=run.attempt + 1,
                        run_after=run.finished_at + retry_delay(run.attempt), started_by=run.started_by,
                        retry_of=run)
        raise
    JobRun.objects.filter(pk=run_id).update(status=RunStatus.DONE, finished_at=timezone.now(), summary=summary)
    return summary


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
