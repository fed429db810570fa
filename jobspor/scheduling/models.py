"""One row per attempt of a scheduled (or manually restarted) job: what ran, when it was due, how it went.

The unique (job, due_at, attempt) constraint is the claim: when two workers find the same job due, only the one
whose INSERT succeeds enqueues it, so a due time runs exactly once (a retry is the next attempt of the same due time).
The django-tasks result (DBTaskResult) keeps the queue's own view; this row is what the administrator reads."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("I kø")
    RUNNING = "running", _("Kører")
    DONE = "done", _("Gennemført")
    FAILED = "failed", _("Fejlede")


class JobRunQuerySet(models.QuerySet):
    def standing_failures(self):
        """Failed runs nobody has retried yet: what needs an administrator."""
        return self.filter(status=RunStatus.FAILED, retried_by__isnull=True)


class JobRun(models.Model):
    job = models.CharField(_("job"), max_length=50)
    # The scheduled time this run is for; None for a run started by hand.
    due_at = models.DateTimeField(_("planlagt til"), null=True, blank=True)
    attempt = models.PositiveSmallIntegerField(_("forsøg"), default=1)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    run_after = models.DateTimeField(_("tidligst"), null=True, blank=True)
    enqueued_at = models.DateTimeField(_("sat i kø"), auto_now_add=True)
    started_at = models.DateTimeField(_("startet"), null=True, blank=True)
    finished_at = models.DateTimeField(_("afsluttet"), null=True, blank=True)
    summary = models.JSONField(_("resultat"), null=True, blank=True)
    error = models.TextField(_("fejl"), blank=True)
    task_result_id = models.CharField(_("opgave-id"), max_length=64, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("startet af"))
    # The failed run this one retries (automatically after a backoff, or by an administrator's "Prøv igen").
    retry_of = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="retried_by", verbose_name=_("nyt forsøg af"))

    objects = JobRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("kørsel")
        verbose_name_plural = _("kørsler")
        ordering = ["-enqueued_at", "-id"]
        indexes = [models.Index(fields=["job", "-enqueued_at"]), models.Index(fields=["status", "-enqueued_at"])]
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at", "attempt"], name="jobrun_one_claim_per_due_time"),
            models.CheckConstraint(condition=Q(status__in=RunStatus.values), name="jobrun_status_known"),
            models.CheckConstraint(condition=Q(attempt__gte=1), name="jobrun_attempt_positive"),
        ]

    def __str__(self):
        return f"{self.job} #{self.attempt} ({self.status})"

    @property
    def summary_text(self) -> str:
        if isinstance(self.summary, dict):
            return ", ".join(f"{key}: {value}" for key, value in self.summary.items())
        return "" if self.summary is None else str(self.summary)

    @property
    def error_head(self) -> str:
        """The exception line of the traceback: what the list shows; the whole traceback is behind a toggle."""
        lines = [line for line in self.error.strip().splitlines() if line.strip()]
        return lines[-1] if lines else ""


class MeetingReminder(models.Model):
    """That a citizen was reminded of an appointment (at this version of it): a retried or repeated reminder run
    never sends the same reminder twice; a moved meeting (a new sequence) is reminded again."""

    appointment = models.ForeignKey("appointments.Appointment", on_delete=models.CASCADE, related_name="+")
    sequence = models.PositiveIntegerField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["appointment", "sequence"], name="meeting_reminder_once")]

    def __str__(self):
        return f"{self.appointment_id}/{self.sequence}"
