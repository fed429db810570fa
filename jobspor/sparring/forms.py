from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.cases.models import Case
from jobspor.core.forms import Form
from jobspor.core.versioning import VersionedFormMixin
from jobspor.organisation.models import Employee

from .models import SparringItem


class MeetingForm(Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None,
                                  error_messages={"required": _("Vælg teamet."),
                                                  "invalid_choice": _("Vælg et af dine teams.")})
    held_on = forms.DateField(label=_("Dato"), widget=forms.DateInput(attrs={"type": "date"}),
                              error_messages={"required": _("Angiv mødets dato."),
                                              "invalid": _("Skriv datoen som dd.mm.åååå.")})

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
        self.initial.setdefault("held_on", timezone.localdate())


class AddCaseForm(Form):
    case = forms.CharField(label=_("Sags-id"), max_length=64,
                           error_messages={"required": _("Skriv sags-id'et på den sag, der skal drøftes.")})

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.team = team

    def clean_case(self):
        case = Case.objects.filter(external_id=self.cleaned_data["case"].strip(), team=self.team,
                                   closed__isnull=True).first()
        if case is None:
            raise forms.ValidationError(_("Teamet har ingen åben sag med det sags-id."))
        return case


class DecisionForm(VersionedFormMixin, Form):
    version_model = SparringItem
    version_fields = ("decision",)
    decision = forms.CharField(label=_("Beslutning"), widget=forms.Textarea(attrs={"rows": 3}),
                               error_messages={"required": _("Skriv teamets beslutning.")})
    action_title = forms.CharField(label=_("Næste handling (valgfri)"), max_length=300, required=False)
    action_owner = forms.ModelChoiceField(label=_("Ansvarlig"), queryset=Employee.objects.none(), required=False)
    action_due = forms.DateField(label=_("Frist"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
                                 error_messages={"invalid": _("Skriv datoen som dd.mm.åååå.")})

    def __init__(self, *args, team=None, owners=None, **kwargs):
        super().__init__(*args, **kwargs)
        if team is not None:
            field = self.fields["action_owner"]
            field.queryset = Employee.objects.filter(team=team, is_active=True).order_by("name")
            if owners is not None:  # one list for every form on the agenda page, not a query per form
                field.choices = [("", "---------")] + [(e.pk, e.name) for e in owners]
