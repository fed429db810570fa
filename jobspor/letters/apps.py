from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    """Letters to the citizen (mødeindkaldelse, planen, arbejdsaftalen, frit brev): drafted from case data, rendered to
    PDF, sent as Digital Post (SF1601, MeMo) or to a local outbox, and kept on the case with their status."""

    name = "jobspor.letters"
    label = "letters"
    verbose_name = _("Breve")

    def ready(self):
        from django.db.models.signals import post_migrate, pre_migrate

        from jobspor.audit.verbs import register_verbs

        from . import case_tabs  # noqa: F401  (the "Breve" tab)
        from .frozen import install_after_migrate, lift_before_migrate
        from .verbs import LetterVerb

        register_verbs(LetterVerb)
        # SQLite: the triggers are made after migrations, which may rebuild the table (as in placements).
        pre_migrate.connect(lift_before_migrate, sender=self, dispatch_uid="letters_sqlite_triggers")
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="letters_sqlite_triggers")
