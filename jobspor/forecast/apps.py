from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForecastConfig(AppConfig):
    name = "jobspor.forecast"
    label = "forecast"
    verbose_name = _("Prognoser")

    def ready(self):
        from . import case_tabs, task_source  # noqa: F401  (the Prognose tab and next actions in "Mine opgaver")
