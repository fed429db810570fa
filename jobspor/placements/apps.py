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
        from .sqlite_triggers import install_after_migrate, lift_before_migrate
        from .verbs import PlacementVerb

        register_verbs(PlacementVerb)  # the history tab reads them as Danish sentences
        # SQLite: triggers are made after migrations, which may rebuild tables (see sqlite_triggers.py).
        pre_migrate.connect(lift_before_migrate, sender=self, dispatch_uid="placements_sqlite_triggers")
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="placements_sqlite_triggers")
