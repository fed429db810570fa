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
        if user is None and _plain_stamp(type(self)):
            # What the foreign keys' descriptors do when given None and no related object is cached (imports stamp
            # tens of thousands of new rows): no id, None cached.
            cache = self._state.fields_cache
            if cache.get("created_by") is None and cache.get("updated_by") is None:
                if self._state.adding and self.created_by_id is None:
                    self.__dict__["created_by_id"] = None
                    cache["created_by"] = None
                self.__dict__["updated_by_id"] = None
                cache["updated_by"] = None
                return
        if self._state.adding and self.created_by_id is None:
            self.created_by = user
        self.updated_by = user


_plain_stamps: dict[type, bool] = {}


def _plain_stamp(model) -> bool:
    """Are the model's created_by/updated_by Django's own foreign keys with Django's own descriptors?"""
    plain = _plain_stamps.get(model)
    if plain is None:
        from django.db.models.fields.related_descriptors import (
            ForeignKeyDeferredAttribute,
            ForwardManyToOneDescriptor,
        )

        plain = _plain_stamps[model] = all(
            type(model.__dict__.get(name) or getattr(model, name, None)) is ForwardManyToOneDescriptor
            and type(getattr(model, f"{name}_id", None)) is ForeignKeyDeferredAttribute
            and model._meta.get_field(name).related_fields[0][0].attname == f"{name}_id"
            for name in ("created_by", "updated_by"))
    return plain
