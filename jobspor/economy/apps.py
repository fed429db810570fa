from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "jobspor.economy"
    label = "economy"
    verbose_name = _("Økonomi: ordinære timer og ydelse")

    def ready(self):
        from . import case_tabs  # noqa: F401  (the Økonomi tab of the case page)
