from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "jobspor.placements"
    label = "placements"
    verbose_name = _("Virksomhedsforløb")

    def ready(self):
        # The "Forløb" tab; due follow-ups in "Mine opgaver"; the company history and activity score.
        from django.db.models.signals import post_migrate, pre_migrate

        from jobspor.audit.verbs import register_verbs

        from . import case_tabs, company_history, followup  # noqa: F401
        from .frozen import lift_before_migrate, reinstall_after_migrate
        from .verbs import PlacementVerb

        register_verbs(PlacementVerb)  # the history tab reads them as Danish sentences
        pre_migrate.connect(lift_before_migrate, sender=self, dispatch_uid="placements_frozen_triggers")
        post_migrate.connect(reinstall_after_migrate, sender=self, dispatch_uid="placements_frozen_triggers")
