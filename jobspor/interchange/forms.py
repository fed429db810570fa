"""RecordForm: the schema of one JSON object. Its fields are the allowed keys; anything else is rejected."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .fields import ContextBound, bound_form, shown  # noqa: F401  (bound_form: for the record types)


class RecordForm(forms.Form):
    def __init__(self, data: dict, *, ctx):
        super().__init__(data=data)
        self.ctx = ctx
        for field in self.fields.values():
            if isinstance(field, ContextBound):
                field.ctx = ctx

    def rebind(self, data: dict) -> "RecordForm":
        """Bind the form to another record, to validate it afresh (see bound_form)."""
        self.data, self.is_bound, self._errors = data, True, None
        self.__dict__.pop("cleaned_data", None)
        return self

    def clean(self):
        cleaned = super().clean()
        for name in self.data:
            if name not in self.fields:
                self.add_error(None, ValidationError(
                    _("ukendt felt '%(name)s' (tilladte felter: %(allowed)s)"), code="unknown_field",
                    params={"name": shown(name), "allowed": ", ".join(self.fields)}))
        return cleaned

