from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobspor.jobs"
    label = "jobs"
    verbose_name = _("Jobåbninger")

    def ready(self):
        from . import history  # noqa: F401  (the company page's history of filled openings)
