from django import forms
from django.utils.translation import gettext_lazy as _

from jobspor.cases.choices import FsmGroup, TargetGroup
from jobspor.core.forms import Form

from .questionnaire import AREAS


class AssessmentForm(Form):
    """The uniform questionnaire: one three-step question per area, hours now, and the decision."""

    hours_now = forms.IntegerField(label=_("Timer om ugen borgeren kan arbejde nu"), min_value=0, max_value=37,
                                   widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    education_wish = forms.BooleanField(
        label=_("Ønsker og kan påbegynde en kompetencegivende uddannelse inden for et år"), required=False)
    note = forms.CharField(label=_("Bemærkning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    fsm_group = forms.TypedChoiceField(label=_("'Flere skal med'-gruppe"), coerce=int, empty_value=None,
                                       required=False, choices=[("", _("Ikke visiteret"))] + FsmGroup.choices)
    chosen_group = forms.TypedChoiceField(label=_("Hovedmålgruppe (din beslutning)"), coerce=int,
                                          choices=TargetGroup.choices, widget=forms.RadioSelect)
    override_reason = forms.CharField(
        label=_("Begrundelse, hvis du vælger en anden hovedmålgruppe end forslaget"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        area_fields = {}
        for area, (label, options) in AREAS.items():
            area_fields[area] = forms.TypedChoiceField(
                label=label, coerce=int, widget=forms.RadioSelect,
                choices=[(score, text) for score, text in enumerate(options)],
                error_messages={"required": _("Vælg et svar for %(area)s.") % {"area": str(label).lower()}})
        self.fields = {**area_fields, **self.fields}

    def area_fields(self):
        return [self[a] for a in AREAS]

    def answers(self) -> dict:
        data = {a: self.cleaned_data[a] for a in AREAS}
        data["hours_now"] = self.cleaned_data["hours_now"]
        data["education_wish"] = self.cleaned_data["education_wish"]
        return data

    def partial_answers(self) -> dict | None:
        """Answers so far (for the live suggestion), or None while an area is unanswered."""
        answers = {}
        for area in AREAS:
            value = self.data.get(area)
            if value not in {"0", "1", "2"}:
                return None
            answers[area] = int(value)
        try:
            answers["hours_now"] = int(self.data.get("hours_now") or 0)
        except ValueError:
            answers["hours_now"] = 0
        answers["education_wish"] = self.data.get("education_wish") in {"on", "true", "1"}
        return answers
