"""Form fields for parsed JSON values: strict about JSON types, with short Danish messages.

The form machinery gives required-field checks, lengths and choices with Django's Danish messages; these
fields add what a JSON file needs: no silent coercion ("2" is not 2), dates only as YYYY-MM-DD, lists,
nested objects, and references to other records (checked against the file and the database)."""

import datetime as dt
import json
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.cpr import cpr_clean
from jobspor.core.validators import EARLIEST, LATEST

from .errors import form_problems

DATE_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}")


def shown(value, limit: int = 40) -> str:
    """A value as it may appear in an error message (never used for CPR numbers)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nested_error(path: str, message: str) -> ValidationError:
    """An error inside a field's value (such as "[2].role" of "staff"); errors.form_problems joins the paths."""
    error = ValidationError(message)
    error.subpath = path
    return error


class JsonValue(forms.Widget):
    """Hands the parsed JSON value to the field unchanged."""

    def value_from_datadict(self, data, files, name):
        return data.get(name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data


class ContextBound:
    """A field that needs the import context (set by RecordForm for each form instance)."""

    ctx = None


class Text(forms.CharField):
    widget = JsonValue
    default_error_messages = {"type": _("skal være en tekst")}

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise ValidationError(self.error_messages["type"], code="type")
        return super().to_python(value)


class Key(Text):
    """The record's `id`: kept exactly as written, so no spaces around it."""

    default_error_messages = {"spaces": _("må ikke begynde eller slutte med mellemrum")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 64)
        super().__init__(strip=False, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value != value.strip():
            raise ValidationError(self.error_messages["spaces"], code="spaces")


class Ref(ContextBound, Key):
    """The id of another record, which must be in the file or the database."""

    def __init__(self, target: str, *, unknown, **kwargs):
        super().__init__(**kwargs)
        self.target = target
        self.unknown = unknown

    def validate(self, value):
        super().validate(value)
        if value and not self.ctx.exists(self.target, value):
            raise ValidationError(self.unknown, code="unknown", params={"value": shown(value)})


class Code(forms.ChoiceField):
    """One code of a vocabulary; `unknown` is the message for anything else (with %(value)s)."""

    widget = JsonValue
    default_error_messages = {"type": _("skal være en tekst")}

    def __init__(self, choices, *, unknown, **kwargs):
        super().__init__(choices=choices, **kwargs)
        self.error_messages["invalid_choice"] = unknown

    def to_python(self, value):
        if value is not None and not isinstance(value, str):
            raise ValidationError(self.error_messages["type"], code="type")
        return super().to_python(value)

    def validate(self, value):
        forms.Field.validate(self, value)
        if value and not self.valid_value(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": shown(value)})


class IntCode(forms.Field):
    """A number from a small vocabulary (1, 2, 3); null when not required."""

    widget = JsonValue
    default_error_messages = {"type": _("skal være et heltal")}

    def __init__(self, choices, *, unknown, **kwargs):
        super().__init__(**kwargs)
        self.allowed = [value for value, _label in choices]
        self.error_messages["invalid_choice"] = unknown

    def to_python(self, value):
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValidationError(self.error_messages["type"], code="type")
        return value

    def validate(self, value):
        super().validate(value)
        if value is not None and value not in self.allowed:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": shown(value)})


class Date(forms.Field):
    """A YYYY-MM-DD date within core/validators.py's bounds: not before `earliest`, not after LATEST, and for a
    `fact` (something that has happened) not after today."""

    widget = JsonValue
    default_error_messages = {"invalid": _("ugyldig dato '%(value)s' (skal være ÅÅÅÅ-MM-DD)"),
                              "too_early": _("datoen ligger før %(date)s"),
                              "future": _("datoen ligger efter i dag"),
                              "too_late": _("datoen ligger efter %(date)s")}

    def __init__(self, *, earliest: dt.date = EARLIEST, fact: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.earliest, self.fact = earliest, fact

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, str) and DATE_PATTERN.fullmatch(value):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise ValidationError(self.error_messages["invalid"], code="invalid", params={"value": shown(value)})

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value < self.earliest:
            raise ValidationError(self.error_messages["too_early"], code="too_early",
                                  params={"date": self.earliest.isoformat()})
        if self.fact and value > timezone.localdate():
            raise ValidationError(self.error_messages["future"], code="future")
        if value > LATEST:
            raise ValidationError(self.error_messages["too_late"], code="too_late", params={"date": LATEST.isoformat()})


class Flag(forms.Field):
    """true or false; omitted or null is false."""

    widget = JsonValue
    default_error_messages = {"type": _("skal være true eller false")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value is None:
            return False
        if not isinstance(value, bool):
            raise ValidationError(self.error_messages["type"], code="type")
        return value


class OptionalFlag(Flag):
    """true or false; omitted or null is None (an optional field of version 2: keep what the database has)."""

    def to_python(self, value):
        return None if value is None else super().to_python(value)


class CodeList(forms.Field):
    """A list of codes of one vocabulary, each at most once."""

    widget = JsonValue
    default_error_messages = {
        "type": _("skal være en liste af tekster"),
        "repeated": _("'%(value)s' står flere gange"),
    }

    def __init__(self, choices, *, unknown, **kwargs):
        super().__init__(**kwargs)
        self.allowed = {str(value) for value, _label in choices}
        self.error_messages["invalid_choice"] = unknown

    def to_python(self, value):
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise ValidationError(self.error_messages["type"], code="type")
        return value

    def validate(self, value):
        super().validate(value)
        errors = [ValidationError(self.error_messages["invalid_choice"], code="invalid_choice",
                                  params={"value": shown(item)}) for item in value if item not in self.allowed]
        errors += [ValidationError(self.error_messages["repeated"], code="repeated", params={"value": shown(item)})
                   for item in sorted(set(value)) if value.count(item) > 1]
        if errors:
            raise ValidationError(errors)


def bound_form(form_class, data: dict, ctx):
    """A form of this class (a RecordForm) bound to `data`: one instance per class and import, bound anew to each
    record (RecordForm.rebind). Making a Django form copies every field (deepcopy), which costs more than
    validating the record; the messages are the same. The caller reads the result (is_valid, cleaned_data,
    errors) before it validates the next record of that class."""
    forms_of_ctx = ctx.__dict__.setdefault("_record_forms", {})
    form = forms_of_ctx.get(form_class)
    if form is None:
        form = forms_of_ctx[form_class] = form_class({}, ctx=ctx)
    return form.rebind(data)


class FormList(ContextBound, forms.Field):
    """A list of JSON objects, each validated by `form_class` (a RecordForm)."""

    widget = JsonValue
    default_error_messages = {"type": _("skal være en liste"), "item": _("skal være et JSON-objekt")}

    def __init__(self, form_class, **kwargs):
        super().__init__(**kwargs)
        self.form_class = form_class

    def to_python(self, value):
        if value is None:
            return []
        if not isinstance(value, list):
            raise ValidationError(self.error_messages["type"], code="type")
        return value

    def clean(self, value):
        items = super().clean(value)
        cleaned, errors = [], []
        for number, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                errors.append(nested_error(f"[{number}]", str(self.error_messages["item"])))
                continue
            form = bound_form(self.form_class, item, self.ctx)
            if form.is_valid():
                cleaned.append(form.cleaned_data)
            for path, message in form_problems(form):
                errors.append(nested_error(f"[{number}].{path}" if path else f"[{number}]", message))
        if errors:
            raise ValidationError(errors)
        return cleaned


class FormObject(ContextBound, forms.Field):
    """One nested JSON object validated by `form_class` (a RecordForm); null or omitted is None."""

    widget = JsonValue
    default_error_messages = {"type": _("skal være et JSON-objekt")}

    def __init__(self, form_class, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.form_class = form_class

    def clean(self, value):
        value = super().clean(value)
        if value is None:
            return None
        if not isinstance(value, dict):
            raise ValidationError(self.error_messages["type"], code="type")
        form = bound_form(self.form_class, value, self.ctx)
        if form.is_valid():
            return form.cleaned_data
        raise ValidationError([nested_error(f".{path}" if path else "", message)
                               for path, message in form_problems(form)])


class Cpr(Text):
    """A Danish CPR number (valid birth date; modulus 11 not required), cleaned to 10 digits."""

    def __init__(self, **kwargs):
        super().__init__(max_length=11, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return cpr_clean(value) if value else value


class PostalCode(ContextBound, Text):
    default_error_messages = {"unknown": _("ukendt postnummer '%(value)s'")}

    def __init__(self, **kwargs):
        super().__init__(max_length=4, **kwargs)

    def validate(self, value):
        super().validate(value)
        if value and value not in self.ctx.postal_codes():
            raise ValidationError(self.error_messages["unknown"], code="unknown", params={"value": shown(value)})
