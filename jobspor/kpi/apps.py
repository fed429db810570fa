from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobspor.kpi"
    verbose_name = _("Ledelsesinformation")

    def ready(self):
        from django.db.models.signals import post_migrate

        from jobspor.audit.verbs import register_verbs

        from .services import GoalVerb, VisitationVerb

        register_verbs(GoalVerb)
        register_verbs(VisitationVerb)
        post_migrate.connect(_triggers_after_migrate, sender=self, dispatch_uid="kpi_facts_triggers")


def _triggers_after_migrate(using="default", **kwargs):
    """SQLite drops a table's triggers when a migration rebuilds it: the chain facts' are made again."""
    from django.db import connections

    from .facts import install

    install(connections[using])
