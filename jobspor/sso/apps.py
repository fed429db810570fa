from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "jobspor.sso"
    label = "sso"
    verbose_name = _("Single sign-on for medarbejdere")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from .services import SsoVerb

        register_verbs(SsoVerb)
