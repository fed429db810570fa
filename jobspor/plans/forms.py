from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form
from jobspor.core.versioning import VersionedFormMixin
from jobspor.dictation.widgets import DictationTextarea
from jobspor.organisation.models import Employee

from .choices import Goal, SubGoalStatus
from .models import Plan, SubGoal

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Skriv en gyldig dato, fx 31-12-2025.")}


def _date(label, *, required=True, required_message=None):
    errors = dict(DATE_ERRORS)
    if required_message:
        errors["required"] = required_message
    return forms.DateField(label=label, required=required, widget=DATE_WIDGET, error_messages=errors)


class PlanForm(VersionedFormMixin, Form):
    version_model = Plan
    goal = forms.ChoiceField(label=_("Mål"), choices=Goal.choices, widget=forms.RadioSelect,
                             error_messages={"required": _("Vælg, hvad planen arbejder hen imod.")})
    goal_text = forms.CharField(label=_("Beskrivelse af målet"), max_length=300, required=False,
                                help_text=_("Fx jobmålet: \"Lagermedarbejder 25 timer om ugen\"."))
    made = _date(_("Planen lagt"), required_message=_("Angiv, hvornår planen blev lagt."))

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean_made(self):
        made = self.cleaned_data["made"]
        if made > timezone.localdate():
            raise forms.ValidationError(_("Planen kan ikke være lagt i fremtiden."))
        if self.case is not None and made < self.case.opened:
            raise forms.ValidationError(_("Planen kan ikke være lagt før sagen blev oprettet (%(date)s).")
                                        % {"date": self.case.opened.strftime("%d.%m.%Y")})
        return made


class SubGoalForm(VersionedFormMixin, Form):
    version_model = SubGoal
    text = forms.CharField(label=_("Delmål"), max_length=300,
                           help_text=_("Et konkret, overskueligt skridt, fx \"Tage bussen selv til praktikken\"."),
                           error_messages={"required": _("Skriv delmålet.")})
    owner = forms.ModelChoiceField(label=_("Ansvarlig"), queryset=Employee.objects.none(), required=False,
                                   empty_label=_("Borgeren"),
                                   error_messages={"invalid_choice": _("Vælg borgeren eller en medarbejder på sagen.")})
    due = _date(_("Frist"), required_message=_("Et delmål skal have en frist."))
    status = forms.ChoiceField(label=_("Status"), choices=SubGoalStatus.choices, initial=SubGoalStatus.OPEN)

    def __init__(self, *args, plan=None, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        qs = Employee.objects.filter(case_links__case=case).order_by("name") if case else Employee.objects.none()
        self.fields["owner"].queryset = qs

    def clean_due(self):
        due = self.cleaned_data["due"]
        if self.plan is not None and due < self.plan.made:
            raise forms.ValidationError(_("Fristen kan ikke ligge før planen blev lagt (%(date)s).")
                                        % {"date": self.plan.made.strftime("%d.%m.%Y")})
        return due


class SubGoalNoteForm(VersionedFormMixin, Form):
    """Carries the sub-goal's version: a new status is refused if someone changed the status meanwhile."""

    version_model = SubGoal
    version_fields = ("status",)
    written_on = _date(_("Dato"), required_message=_("Angiv datoen for opfølgningen."))
    text = forms.CharField(label=_("Opfølgning"), widget=DictationTextarea(attrs={"rows": 4}),
                           error_messages={"required": _("Skriv, hvad opfølgningen handlede om.")})
    status = forms.ChoiceField(label=_("Ny status"), required=False,
                               choices=[("", _("Uændret"))] + SubGoalStatus.choices)

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_written_on(self):
        day = self.cleaned_data["written_on"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("En opfølgning kan ikke dateres i fremtiden."))
        if self.plan is not None and day < self.plan.made:
            raise forms.ValidationError(_("En opfølgning kan ikke dateres før planen blev lagt (%(date)s).")
                                        % {"date": self.plan.made.strftime("%d.%m.%Y")})
        return day


# --- Min side: the citizen's own activities and comments ----------------------------------------------------------

class CitizenActivityForm(Form):
    """An activity the citizen adds to their own plan (Min plan)."""

    text = forms.CharField(label=_("Hvad vil du gøre?"), max_length=300,
                           help_text=_("Et konkret skridt, fx \"Søge 3 job om ugen\" eller \"Gå til tandlæge\"."),
                           error_messages={"required": _("Skriv, hvad du vil gøre."),
                                           "max_length": _("Højst 300 tegn.")})
    due = _date(_("Hvornår vil du have gjort det?"), required_message=_("Vælg en dato."))

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, prefix="aktivitet", **kwargs)
        self.plan = plan

    def clean_due(self):
        due = self.cleaned_data["due"]
        if self.plan is not None and due < self.plan.made:
            raise forms.ValidationError(_("Datoen kan ikke ligge før planen blev lagt (%(date)s).")
                                        % {"date": self.plan.made.strftime("%d.%m.%Y")})
        return due


class PlanCommentForm(Form):
    text = forms.CharField(label=_("Din kommentar"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000,
                           error_messages={"required": _("Skriv en kommentar."),
                                           "max_length": _("En kommentar kan højst være 2000 tegn.")})

    def __init__(self, *args, target="plan", **kwargs):
        super().__init__(*args, prefix=f"kommentar-{target}", **kwargs)
