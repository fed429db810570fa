from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobspor.jobs"
    label = "jobs"
    verbose_name = _("Jobåbninger")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from .services import JobVerb

        register_verbs(JobVerb)
        from . import followup, history  # noqa: F401  (company postings in "Mine opgaver"; the company page's history)
