from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    name = "jobspor.mentors"
    label = "mentors"
    verbose_name = _("Mentorer")

    def ready(self):
        from . import case_tabs  # noqa: F401  (the Mentor tab of the case page)
