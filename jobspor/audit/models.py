"""Audit: the access log (who saw which citizen) and events (who changed what).

Both are append-only for the application, keep no foreign keys (so they outlive their subjects)
and never hold a CPR number.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .verbs import Action, verb_label


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("Audit rows cannot be changed")

    def delete(self):
        raise AppendOnlyError("Audit rows are removed only by the retention rule (audit.services)")

    def _retention_delete(self):
        return models.QuerySet.delete(self)


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit rows cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit rows cannot be deleted")


class AccessLog(AppendOnlyModel):
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    user_id = models.BigIntegerField(_("bruger-id"), null=True)
    actor = models.CharField(_("hvem"), max_length=200)
    citizen_id = models.BigIntegerField(_("borger"), null=True, db_index=True)
    case_id = models.BigIntegerField(_("sag"), null=True)
    action = models.CharField(_("handling"), max_length=30, choices=Action.choices)
    purpose = models.CharField(_("formål"), max_length=200)
    query = models.CharField(_("søgekriterie"), max_length=500, blank=True)
    path = models.CharField(_("side"), max_length=500, blank=True)
    # What was read: a tab of the case page ("fane:journal") or a page or document by its URL name
    # ("cv:pdf", "placements:agreement_pdf"); labels in audit.subjects.
    subject = models.CharField(_("hvad"), max_length=100, blank=True, default="")
    # Who looked, as the citizen sees it on Min side (CJEU C-579/21): the organisation unit (a team of the
    # jobcentre, or a company by name and CVR) and the role, as they were when the row was written.
    organisation = models.CharField(_("organisation"), max_length=200, blank=True, default="")
    role = models.CharField(_("rolle"), max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("adgangslog")
        verbose_name_plural = _("adgangslog")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action}"

    @property
    def subject_label(self) -> str:
        from .subjects import subject_label

        return subject_label(self.subject)


class Event(AppendOnlyModel):
    at = models.DateTimeField(_("tidspunkt"), default=timezone.now, db_index=True)
    user_id = models.BigIntegerField(_("bruger-id"), null=True)
    actor = models.CharField(_("hvem"), max_length=200)
    verb = models.CharField(_("hændelse"), max_length=40)  # a code; labels in verbs.verb_label
    target_type = models.CharField(_("type"), max_length=50)
    target_id = models.BigIntegerField(_("objekt-id"), null=True)
    target_ref = models.CharField(_("objekt"), max_length=200, blank=True)
    citizen_id = models.BigIntegerField(_("borger"), null=True, db_index=True)
    case_id = models.BigIntegerField(_("sag"), null=True, db_index=True)
    before = models.JSONField(_("før"), null=True, blank=True)
    after = models.JSONField(_("efter"), null=True, blank=True)

    class Meta:
        verbose_name = _("hændelse")
        verbose_name_plural = _("hændelser")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.verb}"

    @property
    def verb_label(self) -> str:
        return verb_label(self.verb)
