from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """Documents kept on a case or a company (today: attachments to messages; issue 13 grows this into the case's
    documents with upload, retention per type and a list on the case)."""

    name = "jobspor.documents"
    label = "documents"
    verbose_name = _("Dokumenter")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from .models import DocumentVerb

        register_verbs(DocumentVerb)
