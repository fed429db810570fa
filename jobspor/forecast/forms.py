from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form

from .choices import Outcome, Risk

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ForecastForm(Form):
    outcome = forms.ChoiceField(label=_("Forventet udfald"), choices=Outcome.choices,
                                error_messages={"required": _("Vælg det forventede udfald."),
                                                "invalid_choice": _("Vælg det forventede udfald.")})
    expected_date = forms.DateField(label=_("Forventet dato"), widget=DATE_WIDGET,
                                    error_messages={"required": _("Angiv den forventede dato."),
                                                    "invalid": _("Skriv en gyldig dato, fx 31-12-2025.")})
    risk = forms.ChoiceField(label=_("Risiko for at det ikke sker"), choices=Risk.choices, widget=forms.RadioSelect,
                             initial=Risk.MEDIUM,
                             error_messages={"required": _("Vælg risikoen."), "invalid_choice": _("Vælg risikoen.")})
    next_action = forms.CharField(label=_("Næste konkrete handling"), max_length=300,
                                  help_text=_("Fx \"Ringe til Nordlager om ordinære timer\"."),
                                  error_messages={"required": _("Skriv den næste konkrete handling."),
                                                  "max_length": _("Skriv højst 300 tegn.")})
    action_due = forms.DateField(label=_("Frist for handlingen"), widget=DATE_WIDGET,
                                 error_messages={"required": _("Den næste handling skal have en frist."),
                                                 "invalid": _("Skriv en gyldig dato, fx 31-12-2025.")})

    def clean_expected_date(self):
        day = self.cleaned_data["expected_date"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("Den forventede dato kan ikke ligge i fortiden."))
        return day
