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


class TeamForecastForm(Form):
    """Which team's forecast (the viewer's own team by default; a leader may choose among the teams they lead) and
    optionally one benefit. A team the viewer may not see gets a Danish message, never its figures."""

    team = forms.ModelChoiceField(queryset=None, required=False, label=_("Team"))
    benefit = forms.ChoiceField(label=_("Ydelse"), required=False)

    def __init__(self, data=None, *, employee):
        from jobspor.cases.choices import Benefit
        from jobspor.cases.permissions import visible_team_ids
        from jobspor.organisation.models import Team

        data = data.copy() if data is not None else {}
        if not data.get("team") and employee.team_id:
            data["team"] = str(employee.team_id)
        super().__init__(data)
        self.employee = employee
        whole = employee.is_manager and employee.team_id is None  # a leader of the whole jobcentre
        teams = Team.objects.order_by("name")
        self.fields["team"].queryset = teams if whole else teams.filter(pk__in=visible_team_ids(employee))
        self.fields["team"].empty_label = _("Alle teams") if whole else None
        self.fields["team"].error_messages["invalid_choice"] = self.outside_message()
        self.fields["benefit"].choices = [("", _("Alle ydelser")), (Benefit.SYGEDAGPENGE, Benefit.SYGEDAGPENGE.label),
                                          (Benefit.JOBAFKLARINGSFORLOEB, Benefit.JOBAFKLARINGSFORLOEB.label)]
        self.fields["benefit"].error_messages["invalid_choice"] = _("Vælg en af mulighederne på listen.")

    def outside_message(self) -> str:
        return _("Du kan kun se prognoser for de teams, du har adgang til.")

    def refused(self) -> bool:
        """The team asked for is one the viewer may not see."""
        return any(e.code == "invalid_choice" for e in self.errors.as_data().get("team", []))
