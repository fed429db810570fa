"""The calculator's form (the same on the case, on Min side and for companies). Reads only; nothing is saved."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form

from .choices import AgeBand, Category, Scheme


class CalculatorForm(Form):
    scheme = forms.ChoiceField(label=_("Ydelse"), choices=Scheme.choices)
    category = forms.ChoiceField(label=_("Satskategori"), choices=Category.choices,
                                 help_text=_("Kontanthjælp: mindstesats, grundsats, forhøjet sats eller hjemmeboende. "
                                             "De andre ydelser: almindelig sats."))
    hourly_wage = forms.DecimalField(label=_("Timeløn før skat (kr.)"), max_digits=8, decimal_places=2, localize=True,
                                     widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    hours_per_week = forms.DecimalField(label=_("Ordinære timer pr. uge"), max_digits=5, decimal_places=2,
                                        localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    day = forms.DateField(label=_("Beregn for datoen"), help_text=_("Satserne, der gælder denne dag, bruges."),
                          widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    provider = forms.BooleanField(label=_("Forsørger børn under 18 år"), required=False)
    single = forms.BooleanField(label=_("Enlig"), required=False)
    activity_ready = forms.BooleanField(label=_("Aktivitetsparat"), required=False)
    age_band = forms.ChoiceField(label=_("Alder"), choices=[("", _("Ikke oplyst"))] + AgeBand.choices,
                                 required=False, help_text=_("Bruges til særligt ungetillæg."))
