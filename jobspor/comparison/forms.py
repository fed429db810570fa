"""The leader's comparison: the group, the period, the comparison group. Bad input: a Danish message, no number."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.choices import FsmGroup, TargetGroup
from jobspor.core.forms import Form
from jobspor.organisation.models import Team

KINDS = [("team", _("Et andet team")),
         ("rest", _("Resten af jobcentret med samme filtre (fx samme målgruppe uden for JobFirst-teams)")),
         ("year_before", _("Samme periode et år tidligere"))]
MAX_DAYS = 3 * 366


def last_quarter(today: dt.date) -> tuple[dt.date, dt.date]:
    first_this = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    end = first_this - dt.timedelta(days=1)
    return dt.date(end.year, (end.month - 1) // 3 * 3 + 1, 1), end


def _blank(choices):
    return [("", _("Alle")), *[(str(v), label) for v, label in choices]]


class ComparisonForm(Form):
    team = forms.ModelChoiceField(Team.objects.order_by("name"), required=False, label=_("Gruppe"),
                                  empty_label=_("Hele jobcentret"))
    start = forms.DateField(label=_("Fra"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Til"), widget=forms.DateInput(attrs={"type": "date"}))
    target_group = forms.TypedChoiceField(choices=_blank(TargetGroup.choices), coerce=int, empty_value=None,
                                          required=False, label=_("Hovedmålgruppe (begge grupper)"))
    fsm_group = forms.TypedChoiceField(choices=_blank(FsmGroup.choices), coerce=int, empty_value=None,
                                       required=False, label=_("'Flere skal med'-gruppe (begge grupper)"))
    kind = forms.ChoiceField(choices=KINDS, label=_("Sammenlign med"), widget=forms.RadioSelect)
    other_team = forms.ModelChoiceField(Team.objects.order_by("name"), required=False,
                                        label=_("Sammenligningsteam"), empty_label=_("Vælg team"))

    def __init__(self, data=None, *, today=None):
        today = today or timezone.localdate()
        start, end = last_quarter(today)
        super().__init__(data, initial={"start": start, "end": end, "kind": "year_before"})
        self.today = today
        for name in ("start", "end"):
            self.fields[name].error_messages.update({"required": _("Angiv en dato."),
                                                     "invalid": _("Skriv datoen som ÅÅÅÅ-MM-DD.")})
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Vælg en af mulighederne på listen.")
        self.fields["kind"].error_messages["required"] = _("Vælg, hvad der skal sammenlignes med.")

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("Perioden slutter før den begynder: vælg en slutdato på eller efter "
                                        "startdatoen."))
            elif end > self.today:
                self.add_error("end", _("Perioden må højst gå til i dag: resultater fra fremtiden findes ikke."))
            elif (end - start).days > MAX_DAYS:
                self.add_error("end", _("Vælg en periode på højst tre år."))
        kind, team, other = data.get("kind"), data.get("team"), data.get("other_team")
        if kind == "team":
            if other is None:
                self.add_error("other_team", _("Vælg det team, der skal sammenlignes med."))
            elif team is not None and other.pk == team.pk:
                self.add_error("other_team", _("Vælg et andet team end gruppens eget."))
        if kind == "rest" and team is None:
            self.add_error("team", _("Vælg et team: resten af jobcentret er så sammenligningsgruppen."))
        return data
