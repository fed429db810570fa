from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "jobspor.placements"
    label = "placements"
    verbose_name = _("Virksomhedsforløb")

    def ready(self):
        # The "Forløb" tab; due follow-ups in "Mine opgaver"; the company history and activity score.
        from jobspor.audit.verbs import register_verbs

        from . import case_tabs, company_history, followup  # noqa: F401
        from .verbs import PlacementVerb

        register_verbs(PlacementVerb)  # the history tab reads them as Danish sentences
