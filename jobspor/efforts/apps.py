from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EffortsConfig(AppConfig):
    name = "jobspor.efforts"
    label = "efforts"
    verbose_name = _("Parallelle indsatser")

    def ready(self):
        from . import case_tabs  # noqa: F401  (the Indsatser tab and the underretning warning)
