from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form

from .files import accept_attribute, allowed_label, check_upload, max_bytes
from .models import DocumentKind
from .services import TITLE_MAX

# The types a member of staff files on a case (a message attachment is given its own type).
UPLOAD_KINDS = [(value, label) for value, label in DocumentKind.choices if value != DocumentKind.CORRESPONDENCE]


class DocumentUploadForm(Form):
    kind = forms.ChoiceField(label=_("Dokumenttype"), choices=[("", _("Vælg …"))] + UPLOAD_KINDS,
                             error_messages={"required": _("Vælg en dokumenttype."),
                                             "invalid_choice": _("Vælg en dokumenttype.")})
    title = forms.CharField(label=_("Titel"), max_length=TITLE_MAX, required=False,
                            help_text=_("Fx «Lægeerklæring fra egen læge, marts». Tom: filnavnet vises."),
                            error_messages={"max_length": _("Titlen er for lang.")})
    file = forms.FileField(label=_("Fil"), error_messages={"required": _("Vælg en fil."),
                                                          "empty": _("Filen er tom."),
                                                          "invalid": _("Filen kunne ikke modtages. Prøv igen.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        mb = max(1, max_bytes() // (1024 * 1024))
        self.fields["file"].help_text = _("%(types)s, højst %(mb)s MB.") % {"types": allowed_label(), "mb": mb}
        self.fields["file"].widget.attrs["accept"] = accept_attribute()

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded:
            try:
                check_upload(uploaded)
            except ValidationError as exc:
                raise ValidationError(exc.messages)
        return uploaded
