from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "jobspor.plans"
    label = "plans"
    verbose_name = _("Planer")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from . import case_tabs, task_source  # noqa: F401  (the Plan tab and the sub-goals in "Mine opgaver")
        from .choices import PlanVerb

        register_verbs(PlanVerb)
