from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FidelityConfig(AppConfig):
    name = "jobspor.fidelity"
    label = "fidelity"
    verbose_name = _("Test praksis og sagsstamme")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from .choices import FidelityVerb

        register_verbs(FidelityVerb)
