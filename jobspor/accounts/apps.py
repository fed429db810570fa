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

        from django.contrib.auth.signals import user_logged_in

        from .security import remember_login_time

        user_logged_in.connect(remember_login_time, dispatch_uid="jobspor_login_at")
