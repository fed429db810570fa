from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MessagingConfig(AppConfig):
    """Beskeder between the jobcentre and citizens (Min side) or companies (Virksomhedsindgang)."""

    name = "jobspor.messaging"
    label = "messaging"
    verbose_name = _("Beskeder")

    def ready(self):
        from django.db.models.signals import post_migrate

        from jobspor.audit.subjects import LABELS
        from jobspor.audit.verbs import register_verbs

        from . import case_tabs, followup  # noqa: F401  (the Beskeder tabs and the "Mine opgaver" source)
        from .models import MessageVerb
        from .triggers import install_after_migrate

        register_verbs(MessageVerb)
        LABELS.update({
            "messaging:case_thread": _("Besked"), "messaging:case_thread_new": _("Besked"),
            "messaging:attachment": _("Vedhæftet fil"), "messaging:inbox": _("Beskeder, der venter på svar"),
        })
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="messaging_sqlite_triggers")
