"""RecordForm: the schema of one JSON object. Its fields are the allowed keys; anything else is rejected."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .fields import ContextBound, JsonValue, bound_form, shown  # noqa: F401  (bound_form: for the record types)


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

    def _clean_fields(self):
        """Django's _clean_fields without a BoundField per field (a third of the validation's time in an import):
        every field here is a JSON field (widget JsonValue: the value is data.get(name)), none disabled, no file,
        no prefix, so the field's clean gets what BoundField.data would give it."""
        if self.prefix:
            return super()._clean_fields()
        data, cleaned = self.data, self.cleaned_data
        for name, field in self.fields.items():
            try:
                if field.disabled or isinstance(field, forms.FileField):
                    cleaned[name] = field._clean_bound_field(self[name])
                elif type(field.widget) is JsonValue:
                    cleaned[name] = field.clean(data.get(name))
                else:
                    cleaned[name] = field.clean(field.widget.value_from_datadict(data, self.files, name))
                if hasattr(self, f"clean_{name}"):
                    cleaned[name] = getattr(self, f"clean_{name}")()
            except ValidationError as e:
                self.add_error(name, e)

    def clean(self):
        cleaned = super().clean()
        for name in self.data:
            if name not in self.fields:
                self.add_error(None, ValidationError(
                    _("ukendt felt '%(name)s' (tilladte felter: %(allowed)s)"), code="unknown_field",
                    params={"name": shown(name), "allowed": ", ".join(self.fields)}))
        return cleaned

