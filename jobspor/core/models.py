"""Base model: every domain row knows when and by whom it was created and last changed."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_external_id(prefix: str) -> str:
    """An id for rows created in the UI; imported rows keep the id of their file."""
    return f"{prefix}-{secrets.token_hex(4).upper()}"


class BaseModel(models.Model):
    created_at = models.DateTimeField(_("oprettet"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ændret"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("oprettet af"),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("ændret af"),
    )

    class Meta:
        abstract = True

    def stamp(self, actor):
        """Set created_by/updated_by from the acting user (None for commands and imports)."""
        user = actor if getattr(actor, "pk", None) else None
        if self._state.adding and self.created_by_id is None:
            self.created_by = user
        self.updated_by = user
