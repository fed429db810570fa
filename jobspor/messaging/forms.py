from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form
from jobspor.documents.files import ALLOWED_LABEL, check_upload

from .services import BODY_MAX


class MessageForm(Form):
    body = forms.CharField(label=_("Besked"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 5}),
                           error_messages={"required": _("Skriv en besked."),
                                           "max_length": _("Beskeden er for lang.")})
    attachment = forms.FileField(label=_("Vedhæft en fil"), required=False,
                                 error_messages={"empty": _("Filen er tom."),
                                                 "invalid": _("Filen kunne ikke modtages. Prøv igen.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from jobspor.documents.files import max_bytes

        mb = max(1, max_bytes() // (1024 * 1024))
        self.fields["attachment"].help_text = _("%(types)s, højst %(mb)s MB.") % {"types": ALLOWED_LABEL, "mb": mb}
        self.fields["attachment"].widget.attrs["accept"] = ".pdf,.jpg,.jpeg,.png,.docx"

    def clean_attachment(self):
        uploaded = self.cleaned_data.get("attachment")
        if uploaded:
            try:
                check_upload(uploaded)
            except ValidationError as exc:
                raise ValidationError(exc.messages)
        return uploaded

    def attachments(self):
        uploaded = self.cleaned_data.get("attachment")
        return [uploaded] if uploaded else []


class ThreadForm(MessageForm):
    subject = forms.CharField(label=_("Emne"), max_length=200,
                              error_messages={"required": _("Skriv et emne."),
                                              "max_length": _("Emnet må højst være 200 tegn.")})

    field_order = ["subject", "body", "attachment"]
