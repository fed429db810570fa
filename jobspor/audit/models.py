"""Audit: the access log (who saw which citizen) and events (who changed what).

Both are append-only for the application, keep no foreign keys (so they outlive their subjects)
and never hold a CPR number.
"""

from django.db import models, router
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .verbs import Action, verb_label


class AppendOnlyError(Exception):
    pass


class AppendOnlyQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        """Chained rows (AccessLog, Event) are appended to their table's hash chain as one batch (audit.chain)."""
        objs = list(objs)
        if not objs or not getattr(self.model, "CHAIN_FIELDS", None):
            return super().bulk_create(objs, *args, **kwargs)
        from .chain import append

        if args or kwargs:
            return append(self.model, objs, using=self.db,
                          insert=lambda rows: models.QuerySet.bulk_create(self, rows, *args, **kwargs))
        from jobspor.core.bulk import objects_insert

        # The chain has given each row its id: one executemany (core.bulk), the same rows as bulk_create's.
        return append(self.model, objs, using=self.db, insert=lambda rows: objects_insert(rows, using=self.db))

    def update(self, **kwargs):
        raise AppendOnlyError("Audit rows cannot be changed")

    def delete(self):
        raise AppendOnlyError("Audit rows are removed only by the retention rule (audit.chain.prune)")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("Audit rows cannot be changed")
        if not getattr(self, "CHAIN_FIELDS", None):
            super().save(*args, **kwargs)
            return
        from .chain import append

        kwargs["force_insert"] = True  # the chain sets the id: never try an UPDATE first
        append(type(self), [self], using=kwargs.get("using") or router.db_for_write(type(self), instance=self),
               insert=lambda rows: super(AppendOnlyModel, self).save(*args, **kwargs))

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("Audit rows cannot be deleted")


class ChainedFields(models.Model):
    """Each row is a link of its table's hash chain (audit.chain): row_hash = sha256(prev_hash, the row's fields)."""

    prev_hash = models.CharField(_("forrige hash"), max_length=64, blank=True, default="", editable=False)
    row_hash = models.CharField(_("hash"), max_length=64, blank=True, default="", editable=False)

    class Meta:
        abstract = True


class AccessLog(AppendOnlyModel, ChainedFields):
    # The fields the row's hash covers, in this order (never reorder: old hashes would no longer verify).
    CHAIN_FIELDS = ("id", "at", "user_id", "actor", "citizen_id", "case_id", "action", "purpose", "query", "path",
                    "subject", "organisation", "role")

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


class Event(AppendOnlyModel, ChainedFields):
    CHAIN_FIELDS = ("id", "at", "user_id", "actor", "verb", "target_type", "target_id", "target_ref", "citizen_id",
                    "case_id", "before", "after")

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


class ChainAnchor(AppendOnlyModel):
    """A chain's head as it was at a moment (kind "head", written by `jobspor audit verify` or a scheduled task), or
    the end of what the retention rule deleted from the start of the access log (kind "prune"). Append-only like the
    chains: an anchored row that later goes missing shows that rows were deleted from the end of a chain."""

    class Kind(models.TextChoices):
        HEAD = "head", _("kædens hoved")
        PRUNE = "prune", _("slettet efter opbevaringsreglen")

    at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    chain = models.CharField(_("kæde"), max_length=30)  # the table: "audit_accesslog", "audit_event"
    kind = models.CharField(_("art"), max_length=10, choices=Kind.choices)
    last_id = models.BigIntegerField(_("sidste id"), null=True)
    last_hash = models.CharField(_("sidste hash"), max_length=64, blank=True, default="")
    rows = models.BigIntegerField(_("rækker"), default=0)  # head: rows in the chain; prune: rows deleted

    class Meta:
        verbose_name = _("kædeanker")
        verbose_name_plural = _("kædeankre")
        indexes = [models.Index(fields=["chain", "kind", "last_id"], name="audit_anchor_chain_kind")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.chain} {self.kind} {self.last_id}"
