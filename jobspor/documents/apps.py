from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Documents kept on a case or a company: uploaded on the case by staff or attached to messages on Min side,
    in Virksomhedsindgang and by staff; the case's Dokumenter tab; retention per document type."""

    name = "jobspor.documents"
    label = "documents"
    verbose_name = _("Dokumenter")

    def ready(self):
        from django.db.models.signals import post_migrate

        from jobspor.audit.subjects import LABELS
        from jobspor.audit.verbs import register_verbs

        from . import case_tabs  # noqa: F401  (the Dokumenter tab)
        from .models import DocumentVerb
        from .triggers import install_after_migrate

        register_verbs(DocumentVerb)
        LABELS.update({"documents:download": _("Dokument"), "documents:upload": _("Dokumenter")})
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="documents_sqlite_triggers")
