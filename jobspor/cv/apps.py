from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CvConfig(AppConfig):
    name = "jobspor.cv"
    label = "cv"
    verbose_name = _("CV")

    def ready(self):
        from . import case_tabs  # noqa: F401  (registers the CV tab of the case page)
        from .presentation import register_labels

        register_labels()
