from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form
from jobspor.core.versioning import VersionedFormMixin
from jobspor.organisation.models import Employee

from .choices import AnswerValue
from .models import Answer

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AnswerForm(VersionedFormMixin, Form):
    """One question's answer. Prefixed by the question (`q<id>`), so a page can hold a form per question."""

    version_model = Answer
    value = forms.ChoiceField(label=_("Svar"), choices=AnswerValue.choices, widget=forms.RadioSelect,
                              error_messages={"required": _("Vælg ja, delvist eller nej.")})
    note = forms.CharField(label=_("Note"), required=False, max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 2}),
                           help_text=_("Hvad bygger svaret på? Fx et eksempel fra teamets praksis."))
    action = forms.CharField(label=_("Aftalt handling"), required=False, max_length=300,
                             help_text=_("Hvad gør teamet for at komme nærmere metoden?"))
    action_owner = forms.ModelChoiceField(label=_("Ansvarlig"), queryset=Employee.objects.none(), required=False,
                                          empty_label=_("Vælg"),
                                          error_messages={"invalid_choice": _("Vælg en medarbejder fra teamet.")})
    action_due = forms.DateField(label=_("Frist"), required=False, widget=DATE_WIDGET,
                                 error_messages={"invalid": _("Skriv en gyldig dato, fx 31-12-2026.")})

    def __init__(self, *args, team, employee=None, question=None, **kwargs):
        if question is not None:
            kwargs.setdefault("prefix", f"q{question.pk}")
        super().__init__(*args, **kwargs)
        people = Q(team=team, is_active=True)
        if employee is not None:
            people |= Q(pk=employee.pk)
        self.fields["action_owner"].queryset = Employee.objects.filter(people).order_by("name")

    def clean(self):
        data = super().clean()
        action = (data.get("action") or "").strip()
        if action and not data.get("action_owner") and "action_owner" not in self.errors:
            self.add_error("action_owner", _("En aftalt handling skal have en ansvarlig."))
        if action and not data.get("action_due") and "action_due" not in self.errors:
            self.add_error("action_due", _("En aftalt handling skal have en frist."))
        if not action and (data.get("action_owner") or data.get("action_due")):
            self.add_error("action", _("Skriv den aftalte handling, eller fjern ansvarlig og frist."))
        return data

    @staticmethod
    def initial_for(answer) -> dict:
        if answer is None:
            return {}
        return {"value": answer.value, "note": answer.note, "action": answer.action,
                "action_owner": answer.action_owner_id, "action_due": answer.action_due}


class NormForm(Form):
    cases = forms.IntegerField(label=_("Norm: åbne sager pr. primær kontaktperson"), required=False, min_value=1,
                               max_value=500, help_text=_("Lad feltet stå tomt for ingen norm."),
                               error_messages={"min_value": _("Normen skal være mindst 1 sag."),
                                               "max_value": _("Normen kan højst være 500 sager."),
                                               "invalid": _("Skriv et helt antal sager.")})
    reason = forms.CharField(label=_("Begrundelse"), required=False, max_length=300,
                             help_text=_("Fx beslutningen i direktionen eller udvalget, og hvornår den blev truffet."))
