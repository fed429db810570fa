"""A letter on a case. While a draft its subject and body can be edited; sending renders the PDF once (kept outside
the web root with documents.files.store), snapshots the address and puts the letter in the outbox, from where a
transport delivers it. A failed delivery keeps its Danish reason and the letter stays pending to be tried again.
A sent letter is frozen by the database (frozen.py); so is the content of a letter that has left the draft state."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.citizens.models import Citizen
from jobspor.core.models import BaseModel

from .choices import Channel, LetterKind, LetterStatus


class Letter(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="letters", verbose_name=_("sag"))
    kind = models.CharField(_("brevtype"), max_length=20, choices=LetterKind.choices)
    subject = models.CharField(_("overskrift"), max_length=200)
    body = models.TextField(_("brevtekst"))
    status = models.CharField(_("status"), max_length=12, choices=LetterStatus.choices, default=LetterStatus.DRAFT)
    # A meeting invitation's meeting (also put in the MeMo message as a calendar action).
    meeting_start = models.DateTimeField(_("mødets start"), null=True, blank=True)
    meeting_end = models.DateTimeField(_("mødets slut"), null=True, blank=True)
    meeting_place = models.CharField(_("mødested"), max_length=300, blank=True)
    meeting_video_link = models.URLField(_("videolink"), max_length=500, blank=True)
    # Set when the letter is sent (leaves the draft state): how it is addressed and the rendered PDF.
    channel = models.CharField(_("forsendelse"), max_length=10, choices=Channel.choices, blank=True)
    recipient_name = models.CharField(_("modtager"), max_length=200, blank=True)
    recipient_address = models.TextField(_("modtagerens adresse"), blank=True)
    pdf_storage_name = models.CharField(max_length=100, blank=True, editable=False)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    memo_uuid = models.UUIDField(_("MeMo-besked-id"), null=True, blank=True, unique=True, editable=False)
    queued_at = models.DateTimeField(_("lagt i udbakken"), null=True, blank=True)
    # Delivery: every attempt counts; the reason of the last failure stays for the case page.
    transport = models.CharField(_("transport"), max_length=20, blank=True)
    message_id = models.CharField(_("forsendelses-id"), max_length=200, blank=True)
    attempts = models.PositiveIntegerField(_("forsøg"), default=0)
    last_error = models.TextField(_("fejl"), blank=True)
    last_attempt_at = models.DateTimeField(_("seneste forsøg"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("næste forsøg"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("brev")
        verbose_name_plural = _("breve")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(status=LetterStatus.SENT) | Q(sent_at__isnull=False),
                                   name="letter_sent_has_time"),
            models.CheckConstraint(condition=Q(status=LetterStatus.DRAFT) | (
                ~Q(pdf_storage_name="") & Q(memo_uuid__isnull=False) & Q(queued_at__isnull=False) & ~Q(channel="")),
                name="letter_sent_has_pdf"),
            models.CheckConstraint(condition=~Q(status=LetterStatus.FAILED) | ~Q(last_error=""),
                                   name="letter_failed_has_reason"),
            models.CheckConstraint(condition=Q(meeting_end__isnull=True) | Q(meeting_start__isnull=True) |
                                   Q(meeting_end__gt=models.F("meeting_start")),
                                   name="letter_meeting_ends_after_start"),
        ]

    def __str__(self):
        return self.subject

    @property
    def is_draft(self) -> bool:
        return self.status == LetterStatus.DRAFT

    @property
    def is_pending(self) -> bool:
        return self.status in (LetterStatus.QUEUED, LetterStatus.FAILED)


class DigitalPostExemption(BaseModel):
    """The citizen is exempt from Digital Post (fritaget): letters go on paper to the postal address."""

    citizen = models.OneToOneField(Citizen, on_delete=models.PROTECT, related_name="digital_post_exemption",
                                   verbose_name=_("borger"))
    reason = models.CharField(_("begrundelse"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("fritagelse for Digital Post")
        verbose_name_plural = _("fritagelser for Digital Post")

    def __str__(self):
        return str(self.citizen)
