from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobspor.kpi"
    verbose_name = _("Ledelsesinformation")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from jobspor.audit.verbs import register_verbs

        from .facts import install_after_migrate, lift_before_migrate
        from .services import GoalVerb, VisitationVerb

        register_verbs(GoalVerb)
        register_verbs(VisitationVerb)
        # The chain's kept stage dates (facts.py): on SQLite their triggers are lifted around every migrate.
        pre_migrate.connect(lift_before_migrate, sender=self, dispatch_uid="kpi_facts_triggers")
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="kpi_facts_triggers")
