from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompaniesConfig(AppConfig):
    name = "jobspor.companies"
    label = "companies"
    verbose_name = _("Virksomheder")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from .verbs import CompanyVerb

        register_verbs(CompanyVerb)
        from . import followup  # noqa: F401  (registers company follow-ups in "Mine opgaver")
