from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "jobspor.companies"
    label = "companies"
    verbose_name = _("Virksomheder")

    def ready(self):
        from . import followup  # noqa: F401  (registers company follow-ups in "Mine opgaver")
