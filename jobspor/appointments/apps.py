from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "jobspor.appointments"
    label = "appointments"
    verbose_name = _("Kalender")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from . import case_tabs, followup  # noqa: F401  (the Møder tab; today's appointments on "Mine opgaver")
        from .choices import AppointmentVerb

        register_verbs(AppointmentVerb)
