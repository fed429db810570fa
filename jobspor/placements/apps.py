from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate, pre_migrate
from django.utils.translation import gettext_lazy as _


def _sqlite_triggers_off(sender, using="default", **kwargs):
    """SQLite rebuilds tables on ALTER; the hours-in-period triggers (db_triggers.py) would block that."""
    from .db_triggers import sqlite_drop

    if connections[using].vendor == "sqlite":
        sqlite_drop(connections[using])


def _sqlite_triggers_on(sender, using="default", **kwargs):
    from .db_triggers import sqlite_create

    if connections[using].vendor == "sqlite":
        sqlite_create(connections[using])


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
        pre_migrate.connect(_sqlite_triggers_off, sender=self, dispatch_uid="placements_sqlite_triggers_off")
        post_migrate.connect(_sqlite_triggers_on, sender=self, dispatch_uid="placements_sqlite_triggers_on")
