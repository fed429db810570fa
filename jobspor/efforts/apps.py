from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EffortsConfig(AppConfig):
    name = "jobspor.efforts"
    label = "efforts"
    verbose_name = _("Parallelle indsatser")

    def ready(self):
        from jobspor.contacts.presentation import labels_add

        from . import case_tabs  # noqa: F401  (the Indsatser tab and the underretning warning)
        from .presentation import LABELS

        labels_add(LABELS)
