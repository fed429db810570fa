import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form

from .choices import Outcome

DATE_ERRORS = {"required": _("Angiv en dato."), "invalid": _("Skriv datoen som åååå-mm-dd.")}


class SendForm(Form):
    sent_on = forms.DateField(label=_("Sendt til virksomheden den"), error_messages=DATE_ERRORS,
                              widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def clean_sent_on(self):
        value = self.cleaned_data["sent_on"]
        if value > dt.date.today() + dt.timedelta(days=1):
            raise forms.ValidationError(_("Datoen ligger i fremtiden."))
        return value


class OutcomeForm(Form):
    outcome = forms.ChoiceField(label=_("Udfald"), choices=[(v, label) for v, label in Outcome.choices
                                                            if v != Outcome.PENDING],
                                error_messages={"required": _("Vælg et udfald."),
                                                "invalid_choice": _("Vælg et udfald fra listen.")})
    outcome_on = forms.DateField(label=_("Dato"), error_messages=DATE_ERRORS,
                                 widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    note = forms.CharField(label=_("Bemærkning"), required=False, max_length=300,
                           error_messages={"max_length": _("Højst 300 tegn.")})


class PlacesForm(Form):
    places = forms.IntegerField(label=_("Antal pladser"), min_value=1, max_value=500,
                                error_messages={"required": _("Angiv antal pladser."),
                                                "invalid": _("Skriv et helt tal."),
                                                "min_value": _("Mindst 1 plads."),
                                                "max_value": _("Højst 500 pladser.")})


class CandidateAnswerForm(Form):
    """The company's answer to a candidate (Virksomhedsindgang)."""

    answer = forms.ChoiceField(choices=[("accept", _("Invitér til samtale")), ("decline", _("Sig nej tak"))],
                               widget=forms.HiddenInput,
                               error_messages={"required": _("Vælg om I vil invitere kandidaten til samtale eller "
                                                             "sige nej."),
                                               "invalid_choice": _("Vælg om I vil invitere kandidaten til samtale "
                                                                   "eller sige nej.")})
    reason = forms.CharField(label=_("Hvorfor siger I nej?"), required=False, max_length=300,
                             widget=forms.Textarea(attrs={"rows": 2}),
                             error_messages={"max_length": _("Højst 300 tegn.")})

    def clean(self):
        data = super().clean()
        if data.get("answer") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Skriv kort, hvorfor I siger nej til kandidaten."))
        return data
