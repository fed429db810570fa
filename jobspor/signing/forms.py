"""Forms of signing: the citizen's signature (name, tick, the hash shown) and the consent form's choices."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form

from .texts import current_text


class SignForm(Form):
    signer_name = forms.CharField(label=_("Skriv dit fulde navn"), max_length=200,
                                  error_messages={"required": _("Skriv dit fulde navn for at skrive under.")},
                                  widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "words"}))
    confirmed = forms.BooleanField(label=_("Jeg har læst dokumentet og er enig i det."), error_messages={
        "required": _("Sæt kryds for at bekræfte, at du har læst dokumentet og er enig.")})
    content_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_signer_name(self):
        name = " ".join((self.cleaned_data.get("signer_name") or "").split())
        if not name:
            raise forms.ValidationError(_("Skriv dit fulde navn for at skrive under."))
        return name


class ConsentFreezeForm(Form):
    """The consent form's choices, ticked together with the citizen before it is made ready for signing."""

    kind = forms.CharField(widget=forms.HiddenInput)
    chosen = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        self.text = current_text(kind)
        self.fields["kind"].initial = kind
        self.fields["chosen"].choices = list(self.text.choices)
        self.fields["chosen"].label = self.text.title
