from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SigningConfig(AppConfig):
    """The plan and consent forms signed by the citizen on the spot (or with MitID on Min side)."""

    name = "jobspor.signing"
    label = "signing"
    verbose_name = _("Underskrifter")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from jobspor.audit.subjects import LABELS
        from jobspor.audit.verbs import register_verbs

        from .choices import SigningVerb
        from .frozen import install_after_migrate, lift_before_migrate

        register_verbs(SigningVerb)
        LABELS.update({
            "signing:overview": _("Underskrifter"), "signing:freeze_plan": _("Plan til underskrift"),
            "signing:freeze_consent": _("Samtykkeerklæring"), "signing:sign": _("Underskrift på stedet"),
            "signing:document": _("Underskrevet dokument"),
        })
        pre_migrate.connect(lift_before_migrate, sender=self, dispatch_uid="signing_sqlite_triggers")
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="signing_sqlite_triggers")
