from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterchangeConfig(AppConfig):
    name = "jobspor.interchange"
    label = "interchange"
    verbose_name = _("Import og eksport")

    def ready(self):
        from . import records  # noqa: F401  (registers the record types)
