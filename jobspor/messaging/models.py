"""Messages between the jobcentre and a citizen (on the citizen's case) or a company.

A thread belongs to exactly one case or one company. Messages and their attachments are never changed or deleted
(a database trigger refuses UPDATE, see triggers.py; PROTECT keeps them from cascading away). The thread keeps what
the lists need cheaply: when the last message came, and since when the other side has waited for our answer."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.companies.models import Company
from jobspor.documents.models import Document


class AuthorKind(models.TextChoices):
    STAFF = "staff", _("Jobcentret")
    CITIZEN = "citizen", _("Borgeren")
    COMPANY = "company", _("Virksomheden")


class ThreadStatus(models.TextChoices):
    OPEN = "open", _("Åben")
    CLOSED = "closed", _("Afsluttet")


class MessageVerb(models.TextChoices):
    SENT = "message_sent", _("Besked sendt")


class Thread(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="message_threads",
                             verbose_name=_("sag"))
    company = models.ForeignKey(Company, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="message_threads", verbose_name=_("virksomhed"))
    subject = models.CharField(_("emne"), max_length=200)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=ThreadStatus.choices, default=ThreadStatus.OPEN)
    last_message_at = models.DateTimeField(_("seneste besked"), default=timezone.now, db_index=True)
    # The first citizen/company message not yet answered by the jobcentre; None when it is our turn no more.
    awaiting_since = models.DateTimeField(_("venter på svar siden"), null=True, blank=True, db_index=True)
    # Read marks per side: the newest message id each side has seen (unread = the other side's later messages).
    party_read_id = models.BigIntegerField(default=0, editable=False)
    staff_read_id = models.BigIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("beskedtråd")
        verbose_name_plural = _("beskedtråde")
        ordering = ["-last_message_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=(models.Q(case__isnull=False, company__isnull=True)
                                              | models.Q(case__isnull=True, company__isnull=False)),
                                   name="thread_on_case_or_company"),
        ]

    def __str__(self):
        return self.subject

    @property
    def party_kind(self) -> str:
        return AuthorKind.CITIZEN if self.case_id else AuthorKind.COMPANY

    def delete(self, *args, **kwargs):
        raise models.ProtectedError("Beskeder slettes ikke.", {self})


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="messages", verbose_name=_("tråd"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("afsender"))
    author_kind = models.CharField(_("afsendertype"), max_length=10, choices=AuthorKind.choices)
    author_name = models.CharField(_("afsenderens navn"), max_length=200)  # as it was when sent
    body = models.TextField(_("besked"))
    sent_at = models.DateTimeField(_("sendt"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("besked")
        verbose_name_plural = _("beskeder")
        ordering = ["sent_at", "id"]
        constraints = [models.CheckConstraint(condition=~models.Q(body=""), name="message_body_not_empty")]

    def __str__(self):
        return f"{self.author_name}: {self.body[:40]}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise models.ProtectedError("En sendt besked kan ikke ændres.", {self})
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise models.ProtectedError("Beskeder slettes ikke.", {self})


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="attachments",
                                verbose_name=_("besked"))
    document = models.OneToOneField(Document, on_delete=models.PROTECT, related_name="message_attachment",
                                    verbose_name=_("dokument"))

    class Meta:
        verbose_name = _("vedhæftet fil")
        verbose_name_plural = _("vedhæftede filer")
        ordering = ["id"]

    def __str__(self):
        return self.document.name

    def delete(self, *args, **kwargs):
        raise models.ProtectedError("Vedhæftede filer slettes ikke.", {self})
