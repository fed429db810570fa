from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KpiConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "jobspor.kpi"
    verbose_name = _("Ledelsesinformation")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from .services import GoalVerb, VisitationVerb

        register_verbs(GoalVerb)
        register_verbs(VisitationVerb)
