from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "jobspor.matching"
    label = "matching"
    verbose_name = _("Match")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from . import case_tabs  # noqa: F401  (the "Match" tab of the case page)
        from .choices import MatchVerb

        register_verbs(MatchVerb)
