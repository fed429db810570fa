"""Which job runs when. Daily jobs run at a local (Copenhagen) time; frequent ones every few minutes. `jobspor worker`
enqueues each job once per due time: the latest due time not in the future, so a worker that was stopped over night
catches up once, not once per missed day. JOBSPOR_SCHEDULE_OFF (comma-separated job names) leaves jobs out."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Job:
    name: str
    label: str | Promise
    task_name: str  # the task's name in jobspor.scheduling.tasks
    at: dt.time | None = None  # daily, local time
    every_minutes: int | None = None
    # Minutes "running" after which a run is taken as abandoned by a killed worker (None: JOBSPOR_TASK_STALE_MINUTES).
    stale_minutes: int | None = None

    @property
    def stale_after(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.stale_minutes or settings.JOBSPOR_TASK_STALE_MINUTES)

    @property
    def task(self):
        from . import tasks

        return getattr(tasks, self.task_name)

    def due_at(self, now: dt.datetime) -> dt.datetime:
        """The latest due time at or before `now`."""
        if self.every_minutes:
            step = self.every_minutes * 60
            seconds = int(now.timestamp()) // step * step
            return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
        local = timezone.localtime(now)
        due = timezone.make_aware(dt.datetime.combine(local.date(), self.at))
        if due > now:
            due = timezone.make_aware(dt.datetime.combine(local.date() - dt.timedelta(days=1), self.at))
        return due

    def next_due(self, now: dt.datetime) -> dt.datetime:
        if self.every_minutes:
            return self.due_at(now) + dt.timedelta(minutes=self.every_minutes)
        last = timezone.localtime(self.due_at(now))
        return timezone.make_aware(dt.datetime.combine(last.date() + dt.timedelta(days=1), self.at))

    @property
    def when(self) -> str:
        if self.every_minutes:
            return _("hvert %(n)d. minut") % {"n": self.every_minutes}
        return _("dagligt kl. %(at)s") % {"at": self.at.strftime("%H:%M")}


JOBS = [
    Job("send_letters", _("Send breve i udbakken"), "send_letters", every_minutes=5),
    Job("expire_openings", _("Udløb af jobåbninger og småjob efter ansøgningsfristen"), "expire_openings",
        at=dt.time(0, 5)),
    Job("placement_flags", _("Genberegn virksomhedsforløbenes nøgletal (mestret, ordinære timer, opfølgning)"),
        "placement_flags", at=dt.time(2, 0)),
    Job("prune_access_log", _("Slet adgangslog efter opbevaringsperioden"), "prune_access_log", at=dt.time(3, 0)),
    Job("prune_runs", _("Slet gamle kørsler efter opbevaringsperioden (fejlede, der ikke er prøvet igen, bliver)"),
        "prune_runs", at=dt.time(3, 15)),
    Job("documents_retention", _("Slet indholdet af dokumenter efter opbevaringsfristen"), "documents_retention",
        at=dt.time(3, 30)),
    Job("chain_facts", _("Opdater produktionskædens trin pr. sag efter ændringer (ledelsesinfo)"), "chain_facts",
        every_minutes=5),
    Job("meeting_reminders", _("Påmind borgere om morgendagens møder (besked på Min side)"), "meeting_reminders",
        at=dt.time(15, 0)),
]


def active_jobs() -> list[Job]:
    off = {name.strip() for name in settings.JOBSPOR_SCHEDULE_OFF.split(",") if name.strip()}
    return [job for job in JOBS if job.name not in off]


def job_named(name: str) -> Job | None:
    return next((job for job in JOBS if job.name == name), None)
