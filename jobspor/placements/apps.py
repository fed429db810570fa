from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "jobspor.placements"
    label = "placements"
    verbose_name = _("Virksomhedsforløb")

    def ready(self):
        from . import case_tabs, followup  # noqa: F401  (the "Forløb" tab; due follow-ups in "Mine opgaver")
