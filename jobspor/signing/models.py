"""Documents the citizen signs besides the work agreement: the plan and consent forms. Each is a frozen version —
the exact content as canonical JSON and its SHA-256 — made when the jobformidler readies it for signing, and at
most one signature by the citizen. Neither is ever changed or deleted (database triggers, see frozen.py): a later
change to the plan makes a new version, the signed one stays as it was signed."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.core.models import BaseModel

from .choices import DocumentKind, SigningChannel


class SignableDocument(BaseModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="signable_documents",
                             verbose_name=_("sag"))
    kind = models.CharField(_("dokument"), max_length=30, choices=DocumentKind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("titel"), max_length=200)
    document = models.JSONField(_("dokument"), editable=False)
    content_hash = models.CharField(_("dokumentets SHA-256"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("dokument til underskrift")
        verbose_name_plural = _("dokumenter til underskrift")
        ordering = ["case", "kind", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "kind", "version"], name="signable_version_once"),
            models.CheckConstraint(condition=Q(kind__in=DocumentKind.values), name="signable_kind_known"),
        ]

    def __str__(self):
        return f"{self.title} v{self.version}"


class DocumentSignature(BaseModel):
    """The citizen's confirmation of one exact version: typed name, time, channel and the hash signed."""

    document = models.OneToOneField(SignableDocument, on_delete=models.PROTECT, related_name="signature",
                                    verbose_name=_("dokument"))
    signer_name = models.CharField(_("underskrevet af"), max_length=200)
    signed_at = models.DateTimeField(_("tidspunkt"))
    content_hash = models.CharField(_("dokumentets SHA-256"), max_length=64)
    channel = models.CharField(_("underskrevet"), max_length=10, choices=SigningChannel.choices,
                               default=SigningChannel.DEVICE)

    class Meta:
        verbose_name = _("underskrift af dokument")
        verbose_name_plural = _("underskrifter af dokumenter")
        ordering = ["signed_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(channel__in=SigningChannel.values), name="document_signature_channel"),
            models.CheckConstraint(condition=~Q(signer_name=""), name="document_signature_has_name"),
        ]

    def __str__(self):
        return f"{self.signer_name}: {self.document}"

    @property
    def described(self) -> str:
        from django.utils.translation import gettext

        if self.channel == SigningChannel.MITID:
            return gettext("underskrevet med MitID af %(name)s") % {"name": self.signer_name}
        return gettext("underskrevet af %(name)s") % {"name": self.signer_name}
