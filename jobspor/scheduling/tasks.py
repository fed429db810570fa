"""The scheduled jobs as tasks of Django's tasks interface (thin: each calls the service its command calls).
Each takes the id of its JobRun (schedule.py / services.py enqueue them) and returns a small summary."""

from django.utils import timezone

from jobspor.audit.services import access_log_prune
from jobspor.documents.services import retention_run
from jobspor.jobs.services import jobs_expire
from jobspor.kpi.facts import facts_refresh
from jobspor.letters.services import letters_send_pending
from jobspor.placements.services import flags_refresh_all

from .compat import task
from .reminders import meeting_reminders_send
from .services import execute, runs_prune


@task()
def send_letters(run_id=None):
    def work():
        sent, failed = letters_send_pending()
        return {"sendt": sent, "fejlede": failed}
    return execute(run_id, work)


@task()
def expire_openings(run_id=None):
    return execute(run_id, lambda: {"udløbet": jobs_expire(actor=None, today=timezone.localdate())})


@task()
def placement_flags(run_id=None):
    return execute(run_id, lambda: {"rettet": flags_refresh_all()})


@task()
def prune_access_log(run_id=None):
    return execute(run_id, lambda: {"slettet": access_log_prune()})


@task()
def prune_runs(run_id=None):
    return execute(run_id, runs_prune)


@task()
def documents_retention(run_id=None):
    return execute(run_id, lambda: {"slettet": len(retention_run(actor=None, today=timezone.localdate(),
                                                                  apply=True))})


@task()
def meeting_reminders(run_id=None):
    return execute(run_id, lambda: {"påmindet": meeting_reminders_send(today=timezone.localdate())})


@task()
def chain_facts(run_id=None):
    """Between page views too: a leader's first dashboard after a large import then finds the chain up to date."""
    return execute(run_id, lambda: {"genberegnet": facts_refresh()})
