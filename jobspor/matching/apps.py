from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "jobspor.matching"
    label = "matching"
    verbose_name = _("Match")

    def ready(self):
        from django.db.models.signals import post_migrate

        from jobspor.audit.verbs import register_verbs

        from . import case_tabs  # noqa: F401  (the "Match" tab of the case page)
        from .choices import MatchVerb

        register_verbs(MatchVerb)
        post_migrate.connect(_triggers_after_migrate, sender=self, dispatch_uid="matching_index_triggers")


def _triggers_after_migrate(using="default", **kwargs):
    """SQLite drops a table's triggers when a migration rebuilds it: the change log's are made again."""
    from django.db import connections

    from .changes import install

    install(connections[using])
