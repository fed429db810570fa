"""Validation of a record without Django's form machinery, for the records that are valid (nearly all of a file).

A form (RecordForm) checks a record field by field (`Field.clean`: to_python, validate, run_validators; about
60–75 µs per record through the form). `record_clean(form_class, data, ctx)` compiles, once per form class and
import, one plain function per field that gives the same cleaned value for a value that is valid, and gives up
(`Slow`) on anything it is not sure of: a wrong type, an empty required value, a value too long, an unknown code or
reference, a date out of bounds. Field classes it does not know (exact types: a subclass such as IsoWeek is not a
Text here) are cleaned by their own `clean`, as the form does. Then the form's own `clean()` (checks across fields)
runs on the cleaned values, on the same form instance as before (`bound_form`).

Whenever anything gives up or the form's clean adds an error, the caller validates the record through the form,
as before: every message (`line N: …`) comes from the form, so they stay exactly the same.
"""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MinLengthValidator, ProhibitNullCharactersValidator
from django.forms.utils import ErrorDict
from django.utils import timezone

from jobspor.citizens.cpr import cpr_clean
from jobspor.core.validators import LATEST

from .fields import (
    DATE_PATTERN,
    Code,
    CodeList,
    Cpr,
    Date,
    Flag,
    FormList,
    FormObject,
    IntCode,
    JsonValue,
    Key,
    OptionalFlag,
    PostalCode,
    Ref,
    Text,
    bound_form,
)
from .forms import RecordForm


class Slow(Exception):
    """The compiled check is not sure: validate the record through its form."""


_TEXT_VALIDATORS = (MinLengthValidator, MaxLengthValidator, ProhibitNullCharactersValidator)


def record_clean(form_class, data: dict, ctx) -> dict | None:
    """The form's cleaned_data for a valid record, or None: then validate it through the form (the messages)."""
    plans = ctx.__dict__.setdefault("_record_plans", {})
    plan = plans.get(form_class, False)
    if plan is False:
        plan = plans[form_class] = _compile(form_class, ctx)
    if plan is None:
        return None
    try:
        return _run(form_class, plan, data, ctx)
    except Slow:
        return None


def _run(form_class, plan, data, ctx) -> dict:
    checks, form_clean = plan
    for name in data:
        if name not in checks:
            raise Slow  # an unknown field: the form's message
    cleaned = {name: check(data.get(name)) for name, check in checks.items()}
    if not form_clean:
        return cleaned
    form = bound_form(form_class, data, ctx)  # the same instance the form path uses, bound to this record
    form._errors = ErrorDict(renderer=form.renderer)
    form.cleaned_data = cleaned
    form._clean_form()
    form._post_clean()
    if form._errors:
        raise Slow
    return form.cleaned_data


def _compile(form_class, ctx):
    """({field name: check}, run the form's clean?) or None when the form needs its own path."""
    form = bound_form(form_class, {}, ctx)  # its fields are the ones the form path uses (ctx set on them)
    if form.prefix or type(form).full_clean is not forms.Form.full_clean:
        return None
    if type(form)._clean_fields is not RecordForm._clean_fields:
        return None
    checks = {}
    for name, field in form.fields.items():
        if hasattr(form, f"clean_{name}") or field.disabled or type(field.widget) is not JsonValue:
            return None
        check = _check(field, ctx)
        if check is None:
            return None
        checks[name] = check
    form_clean = (type(form).clean is not RecordForm.clean or type(form)._post_clean is not forms.Form._post_clean
                  or type(form)._clean_form is not forms.Form._clean_form)
    return checks, form_clean


def _generic(field):
    def check(value):
        try:
            return field.clean(value)
        except ValidationError:
            raise Slow from None
    return check


def compiled_field(field_class, *, text=False):
    """Register `maker(field, ctx) → check` for exactly this field class (a record module's own field); `text`: a
    Text subclass whose maker builds on `text_check` (only the CharField's own validators are allowed)."""
    def register(maker):
        _MAKERS[field_class] = maker
        if text:
            _TEXT_KINDS.add(field_class)
        return maker
    return register


def _check(field, ctx):
    kind = type(field)
    maker = _MAKERS.get(kind)
    if maker is None:
        return _generic(field)
    if kind in _TEXT_KINDS:
        if any(type(v) not in _TEXT_VALIDATORS for v in field.validators):
            return _generic(field)
    elif field.validators:
        return _generic(field)
    return maker(field, ctx)


def _text(field, ctx, *, spaces=False, after=None):
    """Text (a CharField): a str; stripped unless strip=False; empty → empty_value (refused if required); length
    and NUL as its validators; `spaces`: Key's check; `after`: the value once checked → the cleaned value."""
    required, strip, empty = field.required, field.strip, field.empty_value
    max_length, min_length = field.max_length, field.min_length

    def check(value):
        if value is None:
            if required:
                raise Slow
            return empty
        if type(value) is not str:
            raise Slow
        if strip:
            value = value.strip()
        if not value:
            if required:
                raise Slow
            return empty
        if max_length is not None and len(value) > max_length:
            raise Slow
        if min_length is not None and len(value) < min_length:
            raise Slow
        if "\x00" in value:
            raise Slow
        if spaces and value != value.strip():
            raise Slow
        return value if after is None else after(value)
    return check


text_check = _text  # for the record modules' Text subclasses (compiled_field(…, text=True))


def _key(field, ctx):
    return _text(field, ctx, spaces=True)


def _ref(field, ctx):
    target = field.target

    def known(value):
        if not ctx.exists(target, value):
            raise Slow
        return value
    return _text(field, ctx, spaces=True, after=known)


def _cpr(field, ctx):
    def cleaned(value):
        try:
            return cpr_clean(value)
        except ValidationError:
            raise Slow from None
    return _text(field, ctx, after=cleaned)


def _postal_code(field, ctx):
    def known(value):
        if value not in ctx.postal_codes():
            raise Slow
        return value
    return _text(field, ctx, after=known)


def _code(field, ctx):
    """Code (a ChoiceField): "" for null or ""; otherwise one of the codes, as given."""
    required = field.required
    allowed = set()
    for value, label in field.choices:
        if isinstance(label, (list, tuple)):
            return _generic(field)  # grouped choices
        allowed.add(str(value))

    def check(value):
        if value is None or value == "":
            if required:
                raise Slow
            return ""
        if type(value) is not str or value not in allowed:
            raise Slow
        return value
    return check


def _int_code(field, ctx):
    required, allowed = field.required, set(field.allowed)

    def check(value):
        if value is None:
            if required:
                raise Slow
            return None
        if type(value) is not int or value not in allowed:
            raise Slow
        return value
    return check


def _date(field, ctx):
    required, earliest, fact = field.required, field.earliest, field.fact
    # The date of this import's start: a fact dated later (perhaps today, after midnight) goes through the form.
    today = timezone.localdate() if fact else None
    fromisoformat, fullmatch = dt.date.fromisoformat, DATE_PATTERN.fullmatch

    def check(value):
        if value is None or value == "":
            if required:
                raise Slow
            return None
        if type(value) is not str or not fullmatch(value):
            raise Slow
        try:
            date = fromisoformat(value)
        except ValueError:
            raise Slow from None
        if date < earliest or date > LATEST or (fact and date > today):
            raise Slow
        return date
    return check


def _flag(field, ctx):
    def check(value):
        if value is None:
            return False
        if type(value) is not bool:
            raise Slow
        return value
    return check


def _optional_flag(field, ctx):
    required = field.required

    def check(value):
        if value is None:
            if required:
                raise Slow
            return None
        if type(value) is not bool:
            raise Slow
        return value
    return check


def list_check(required: bool, items):
    """The check of a list field: null is [] (Slow when the field is required); otherwise a list, not empty when
    required, whose items `items` checks, returning the cleaned list."""
    def check(value):
        if value is None:
            if required:
                raise Slow
            return []
        if type(value) is not list or not value and required:
            raise Slow
        return items(value)
    return check


def _code_list(field, ctx):
    allowed = field.allowed

    def items(value):
        for item in value:
            if type(item) is not str or item not in allowed:
                raise Slow
        if len(set(value)) != len(value):
            raise Slow
        return value
    return list_check(field.required, items)


def _nested(field, ctx):
    """The nested form's compiled check (None: the field's own clean, which uses the form)."""
    plans = ctx.__dict__.setdefault("_record_plans", {})
    form_class = field.form_class
    if form_class not in plans:
        plans[form_class] = _compile(form_class, ctx)
    plan = plans[form_class]
    if plan is None:
        return None
    return lambda item: _run(form_class, plan, item, ctx)


def _form_list(field, ctx):
    nested = _nested(field, ctx)
    if nested is None:
        return _generic(field)

    def items(value):
        cleaned = []
        for item in value:
            if type(item) is not dict:
                raise Slow
            cleaned.append(nested(item))
        return cleaned
    return list_check(field.required, items)


def _form_object(field, ctx):
    required, nested = field.required, _nested(field, ctx)
    if nested is None:
        return _generic(field)

    def check(value):
        if value is None:
            if required:
                raise Slow
            return None
        if type(value) is not dict or not value and required:
            raise Slow
        return nested(value)
    return check


_MAKERS = {Text: _text, Key: _key, Ref: _ref, Cpr: _cpr, PostalCode: _postal_code, Code: _code, IntCode: _int_code,
           Date: _date, Flag: _flag, OptionalFlag: _optional_flag, CodeList: _code_list, FormList: _form_list,
           FormObject: _form_object}
_TEXT_KINDS = {Text, Key, Ref, Cpr, PostalCode}
