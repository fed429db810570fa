from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairsConfig(AppConfig):
    name = "jobspor.pairs"
    label = "pairs"
    verbose_name = _("Makkerskab")
