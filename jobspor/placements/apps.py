from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "jobspor.placements"
    label = "placements"
    verbose_name = _("Virksomhedsforløb")

    def ready(self):
        # The "Forløb" tab; due follow-ups in "Mine opgaver"; the company history and activity score.
        from . import case_tabs, company_history, followup  # noqa: F401
