from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SparringConfig(AppConfig):
    name = "jobspor.sparring"
    label = "sparring"
    verbose_name = _("Sagssparring")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from .choices import SparringVerb

        register_verbs(SparringVerb)
