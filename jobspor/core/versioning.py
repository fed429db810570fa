"""No lost updates: optimistic locking, one way for every record several people edit.

- The model inherits `VersionedModel`: `lock_version` goes up by one in SQL on every save.
- The edit form mixes in `VersionedFormMixin`: two hidden fields carry the version the user saw and (signed)
  the values of the form's fields as the user saw them.
- The service locks the row (`lock_for_edit` / `ensure_current`) and compares: a save from an older version is
  refused with `StaleEdit` — a ValidationError naming each changed field (old → new), who changed it and when —
  and nothing is written. If only fields outside the form changed since, nothing the user saw is overwritten,
  so the save goes through.
"""

import json
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F
from django.db.models.expressions import Combinable
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import BaseModel

SALT = "jobspor.versioning"


class VersionedModel(BaseModel):
    lock_version = models.PositiveIntegerField(gettext_lazy("version"), default=1, db_default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            # In SQL, so that writers that do not compare (imports, commands) still move the version on.
            self.lock_version = F("lock_version") + 1
            if kwargs.get("update_fields"):
                kwargs["update_fields"] = {*kwargs["update_fields"], "lock_version"}
        super().save(*args, **kwargs)
        if isinstance(self.lock_version, Combinable):
            self.refresh_from_db(fields=["lock_version"])


# --- what the user saw ---------------------------------------------------------------------------------------

def _plain(value):
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def values_of(record, names) -> dict:
    """The record's values of these model fields, as JSON values (foreign keys as their id)."""
    values = {}
    for name in names:
        field = record._meta.get_field(name)
        values[name] = _plain(field.value_from_object(record))
    return values


@dataclass(frozen=True)
class Seen:
    """The version of the record the form was made from (0: there was none; None: unknown, no check) and, if
    known, the values of the form's fields then."""

    version: int | None
    values: dict | None = None

    @classmethod
    def of(cls, record, names=(), model=None) -> "Seen":
        """What a form shows of `record`; with no record (None), the defaults of `model`'s fields, version 0."""
        if record is None:
            fields = [model._meta.get_field(name) for name in names] if model is not None else []
            return cls(0, {f.name: _plain(f.get_default()) for f in fields})
        return cls(record.lock_version, values_of(record, names))


def seen_token(seen: Seen, record=None) -> str:
    return signing.dumps({"pk": getattr(record, "pk", None), "values": seen.values or {}}, salt=SALT, compress=True)


def seen_from_form(version, token: str, record=None) -> Seen:
    if version is None:
        return Seen(None)
    try:
        data = signing.loads(token or "", salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError):  # tampered or garbled: compare the version only
        return Seen(version)
    if not isinstance(data, dict) or not isinstance(data.get("values"), dict):
        return Seen(version)
    if record is not None and data.get("pk") not in (None, record.pk):
        return Seen(version)
    return Seen(version, data.get("values"))


# --- the check in the services -------------------------------------------------------------------------------

def _display(model, name, value) -> str:
    if value in (None, "", []):
        return _("(tomt)")
    field = model._meta.get_field(name)
    if field.is_relation:
        related = field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    if field.choices:
        labels = {str(key): label for key, label in field.flatchoices}
        return str(labels.get(str(value), value))
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        date = field.to_python(value)
        return f"{date:%d.%m.%Y}"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(field, models.DecimalField):
        return f"{Decimal(str(value)).normalize():f}".replace(".", ",")
    return str(value)


def _label(model, name) -> str:
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return name


def who_and_when(record) -> tuple[str, str]:
    user = getattr(record, "updated_by", None)
    employee = getattr(user, "employee", None) if user is not None else None
    who = getattr(employee, "name", None) or (user.get_full_name() or user.username if user else _("en anden"))
    at = getattr(record, "updated_at", None)
    when = _("den %(date)s") % {"date": f"{timezone.localtime(at):%d.%m.%Y kl. %H.%M}"} if at else ""
    return who, when


class StaleEdit(ValidationError):
    """A save from a version that is no longer the current one. Its messages: who saved in between and when,
    each changed field as old → new, and what to do. Raised before anything is written."""

    def __init__(self, lines: list[str], *, changes=(), current=None):
        super().__init__(lines)
        self.changes = list(changes)
        self.current = current

    @classmethod
    def for_record(cls, current, changes, *, deleted=False) -> "StaleEdit":
        if deleted or current is None:
            return cls([_("Ikke gemt: det, du var ved at rette, er slettet, efter du åbnede siden.")])
        who, when = who_and_when(current)
        lines = [_("Ikke gemt: %(who)s har gemt ændringer %(when)s, efter du åbnede siden. Intet er overskrevet.")
                 % {"who": who, "when": when}]
        for label, old, new in changes:
            lines.append(_("%(field)s: %(old)s → %(new)s") % {"field": label, "old": old, "new": new})
        lines.append(_("Det, du skrev, står stadig i formularen. Se ændringerne, ret til og gem igen."))
        return cls(lines, changes=changes, current=current)


def changes_since(current, seen: Seen) -> list[tuple[str, str, str]]:
    """(label, old, new) for each field the user saw that has another value now."""
    model = type(current)
    now = values_of(current, list(seen.values or {}))
    return [(_label(model, name), _display(model, name, old), _display(model, name, now[name]))
            for name, old in (seen.values or {}).items() if now[name] != old]


def ensure_current(current, seen: Seen | None) -> None:
    """Refuse (StaleEdit) a save made from an older version of `current` (locked by the caller; None if the
    record does not exist). No `seen`, or a form without a version: no check (imports, commands)."""
    if seen is None or seen.version is None:
        return
    if current is None:
        if seen.version:
            raise StaleEdit.for_record(None, [], deleted=True)
        return
    if current.lock_version == seen.version:
        return
    changes = changes_since(current, seen)  # version 0: created since, compared with the empty form
    if seen.values is not None and not changes:
        return  # only fields this form does not show have changed: nothing the user saw is overwritten
    raise StaleEdit.for_record(current, changes)


def lock_for_edit(queryset, *, pk, seen: Seen | None):
    """The row, locked for the rest of the transaction, after checking it is still the version the user saw."""
    current = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
    if current is None:
        raise StaleEdit.for_record(None, [], deleted=True)
    ensure_current(current, seen)
    return current


# --- the form --------------------------------------------------------------------------------------------------

class VersionedFormMixin:
    """Hidden `lock_version` and `seen` fields. Pass `record=` (the object, or None when it does not exist yet)
    when showing the form; after validation `form.seen` is what the service compares with."""

    version_model = None  # the model edited (a ModelForm's own by default)
    version_fields: tuple | None = None  # model fields to compare; default: the form's fields the model has

    def __init__(self, *args, record=..., **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self, forms.ModelForm):
            self.version_model = self.version_model or self._meta.model
            if record is ...:
                record = self.instance if self.instance.pk else None
        if record not in (..., None):
            self.version_model = type(record)
        self.record = None if record is ... else record
        self.fields["lock_version"] = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
        self.fields["seen"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if record is not ...:
            self._set_seen(Seen.of(record, self._version_names(), self.version_model), record)
        self.seen = Seen(None)

    def _version_names(self) -> list[str]:
        if self.version_model is None:
            return []
        names = self.version_fields if self.version_fields is not None else list(self.fields)
        found = []
        for name in names:
            try:
                field = self.version_model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.concrete and name not in ("lock_version", "seen"):
                found.append(name)
        return found

    def _set_seen(self, seen: Seen, record, *, into_data=False):
        self.initial["lock_version"] = seen.version
        self.initial["seen"] = seen_token(seen, record)
        if into_data and self.is_bound:  # the form is shown again: carry the current version from now on
            self.data = self.data.copy()
            self.data[self.add_prefix("lock_version")] = seen.version
            self.data[self.add_prefix("seen")] = self.initial["seen"]

    def full_clean(self):
        super().full_clean()
        if hasattr(self, "cleaned_data"):
            version = self.cleaned_data.pop("lock_version", None)
            token = self.cleaned_data.pop("seen", "")
            self.seen = seen_from_form(version, token, self.record)

    def show_stale(self, exc: StaleEdit):
        """Show the refusal on the form, which from now on carries the current version (saving again is a choice
        made knowing what changed)."""
        self.add_error(None, exc)
        current = exc.current
        self._set_seen(Seen.of(current, self._version_names(), self.version_model), current, into_data=True)


# --- the migrations ------------------------------------------------------------------------------------------

def add_lock_version(app_label: str, model_name: str):
    """The database side of adding `lock_version` (with AddField as the state side, in SeparateDatabaseAndState).
    On SQLite, Django adds a column with a default by rebuilding the table, which drops the table's own triggers
    and trips the triggers of other tables that name it; ALTER TABLE … ADD COLUMN keeps them all."""
    from django.db import migrations

    def field(model):
        column = models.PositiveIntegerField(default=1, db_default=1)
        column.set_attributes_from_name("lock_version")
        column.model = model
        return column

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} ADD COLUMN "
                                  '"lock_version" integer unsigned NOT NULL DEFAULT 1 CHECK ("lock_version" >= 0)')
        else:
            schema_editor.add_field(model, field(model))

    def backwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(f"ALTER TABLE {schema_editor.quote_name(model._meta.db_table)} "
                                  'DROP COLUMN "lock_version"')
        else:
            schema_editor.remove_field(model, field(model))

    return migrations.RunPython(forwards, backwards)
