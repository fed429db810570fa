from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomyConfig(AppConfig):
    name = "jobspor.economy"
    label = "economy"
    verbose_name = _("Økonomi: ordinære timer og ydelse")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import case_tabs  # noqa: F401  (the Økonomi tab of the case page)
        from .db_triggers import install_after_migrate

        # SQLite: the no-overlap triggers are made after migrations, which may rebuild the tables (db_triggers.py).
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="economy_sqlite_triggers")
