from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "jobspor.accounts"
    label = "accounts"
    verbose_name = _("Brugerkonti")

    def ready(self):
        from jobspor.audit.verbs import register_verbs

        from .services import AccountVerb

        register_verbs(AccountVerb)
