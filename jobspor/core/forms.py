from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from .validators import EARLIEST, INT_MAX, INT_MIN, DateBounds


def apply_service_errors(form, exc: ValidationError):
    """Show a service's ValidationError on the form, next to the field it names when the form has it.
    A refused stale save (StaleEdit) also gives a versioned form the current version."""
    from .versioning import StaleEdit

    if isinstance(exc, StaleEdit) and hasattr(form, "show_stale"):
        form.show_stale(exc)
        return form
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        form.add_error(None, exc)
    return form


def bound_field(field: forms.Field) -> None:
    """Keep a number field within what both databases hold and a date field within plausible dates, unless the
    field has bounds of its own (see core/validators.py). Idempotent."""
    if getattr(field, "_jobspor_bounded", False):
        return
    field._jobspor_bounded = True
    if isinstance(field, forms.IntegerField):  # also FloatField and DecimalField
        if field.max_value is None or field.max_value > INT_MAX:
            field.validators.append(MaxValueValidator(INT_MAX, message=_("Tallet er for stort.")))
        if field.min_value is None or field.min_value < INT_MIN:
            field.validators.append(MinValueValidator(INT_MIN, message=_("Tallet er for lille.")))
    elif isinstance(field, forms.DateField) and not any(isinstance(v, DateBounds) for v in field.validators):
        field.validators.append(DateBounds(earliest=EARLIEST))


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids that no column holds before they reach the database: Django guards `pk=` lookups against
    overflow, not the `pk__in=` this field makes (SQLite: "Python int too large to convert to SQLite INTEGER")."""

    def _check_values(self, value):
        for pk in value or ():
            try:
                number = int(pk)
            except (TypeError, ValueError):
                continue  # not a number: Django's own check says so
            if not INT_MIN <= number <= INT_MAX:
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                      params={"pk": str(pk)[:20]})
        return super()._check_values(value)


class BoundedFields:
    """Every number and date field of the form is bounded (bound_field) — also fields added in __init__."""

    def full_clean(self):
        for field in self.fields.values():
            bound_field(field)
        super().full_clean()


class Form(BoundedFields, forms.Form):
    """The base of Jobspor's forms."""


class ModelForm(BoundedFields, forms.ModelForm):
    """The base of Jobspor's model forms."""


__all__ = ["apply_service_errors", "bound_field", "Form", "ModelForm", "ModelMultipleChoiceField", "NON_FIELD_ERRORS"]
