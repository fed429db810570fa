from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "jobspor.audit"
    label = "audit"
    verbose_name = _("Logning")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from .triggers import install_after_migrate, lift_before_migrate

        pre_migrate.connect(lift_before_migrate, sender=self, dispatch_uid="audit_sqlite_triggers")
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="audit_sqlite_triggers")
