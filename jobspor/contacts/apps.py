from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "jobspor.contacts"
    label = "contacts"
    verbose_name = _("Kontakter og journal")

    def ready(self):
        from . import case_tabs, followup  # noqa: F401  (the Kontakter tab and the "Mine opgaver" sources)
        from .presentation import LABELS, labels_add

        labels_add(LABELS)
