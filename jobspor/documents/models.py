"""A document kept on a case (or on a company): the file itself lies outside the web root under a random name
(files.py); this row says what it is, where it came from and who brought it.

Rows are never deleted and what they say about the file never changes (triggers.py). Past its retention period
(retention.py) a document's file content is erased and the row is marked so: who erased it, when, and the end of
the period it was kept for."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.companies.models import Company


class DocumentSource(models.TextChoices):
    MESSAGE = "besked", _("Vedhæftet en besked")
    UPLOAD = "upload", _("Lagt på sagen")


class DocumentKind(models.TextChoices):
    """What a document is; its retention period follows from it (retention.py)."""

    HEALTH = "helbred", _("Lægeerklæring eller helbredsoplysninger")
    FROM_CITIZEN = "borger", _("Papir fra borgeren")
    SIGNED_FORM = "blanket", _("Underskrevet blanket")
    CERTIFICATE = "attest", _("Attest eller bevis")
    CORRESPONDENCE = "korrespondance", _("Bilag til en besked")
    OTHER = "andet", _("Andet")


class DocumentVerb(models.TextChoices):
    STORED = "document_stored", _("Dokument gemt")
    ERASED = "document_erased", _("Dokumentets indhold slettet efter opbevaringsfrist")


class Document(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="documents",
                             verbose_name=_("sag"))
    company = models.ForeignKey(Company, on_delete=models.PROTECT, null=True, blank=True, related_name="documents",
                                verbose_name=_("virksomhed"))
    name = models.CharField(_("filnavn"), max_length=255)
    content_type = models.CharField(_("filtype"), max_length=100)  # as sniffed from the content, not as sent
    size = models.PositiveIntegerField(_("størrelse (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False)
    # Relative to settings.JOBSPOR_DOCUMENTS_DIR; random, so a name says nothing and cannot be guessed.
    storage_name = models.CharField(max_length=100, unique=True, editable=False)
    source = models.CharField(_("kilde"), max_length=20, choices=DocumentSource.choices)
    kind = models.CharField(_("dokumenttype"), max_length=20, choices=DocumentKind.choices,
                            default=DocumentKind.OTHER)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("gemt af"))
    uploaded_at = models.DateTimeField(_("gemt"), default=timezone.now)
    # Set once, when the file content is erased after its retention period; the row stays.
    erased_at = models.DateTimeField(_("indhold slettet"), null=True, blank=True)
    erased_by = models.CharField(_("slettet af"), max_length=200, blank=True)
    retention_end = models.DateField(_("opbevaringsfrist udløb"), null=True, blank=True)

    class Meta:
        verbose_name = _("dokument")
        verbose_name_plural = _("dokumenter")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(case__isnull=False) | models.Q(company__isnull=False),
                                   name="document_on_case_or_company"),
            models.CheckConstraint(condition=models.Q(size__gt=0), name="document_not_empty"),
            models.CheckConstraint(condition=models.Q(erased_at__isnull=True)
                                   | (models.Q(retention_end__isnull=False) & ~models.Q(erased_by="")),
                                   name="document_erasure_says_why_and_who"),
        ]

    def __str__(self):
        return self.title or self.name

    @property
    def erased(self) -> bool:
        return self.erased_at is not None

    def delete(self, *args, **kwargs):
        raise models.ProtectedError("Dokumenter slettes ikke.", {self})
