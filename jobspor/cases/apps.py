from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "jobspor.cases"
    label = "cases"
    verbose_name = _("Sager")

    def ready(self):
        from . import case_tabs  # noqa: F401  (registers the built-in tabs of the case page)
