from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form, ModelForm, ModelMultipleChoiceField
from jobspor.core.validators import fact_date
from jobspor.organisation.models import Employee

from .choices import ContactKind
from .models import PlannedAction

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
KIND_ERRORS = {"invalid_choice": _("Ukendt kontaktform. Vælg en fra listen.")}


class StaffChoice(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ContactForm(Form):
    """The quick form at the top of the journal: a contact, its note and the next agreed contact."""

    kind = forms.ChoiceField(label=_("Kontaktform"), choices=ContactKind.choices, initial=ContactKind.JOB_CONVERSATION,
                             error_messages=KIND_ERRORS)
    date = forms.DateField(label=_("Dato"), widget=DATE_WIDGET, validators=[fact_date],
                           error_messages={"required": _("Angiv datoen for kontakten."),
                                           "invalid": _("Skriv datoen som dd-mm-åååå.")})
    note = forms.CharField(label=_("Journalnotat"), required=False,
                           widget=forms.Textarea(attrs={"rows": 6}))
    participants = StaffChoice(label=_("Andre medarbejdere med"), queryset=Employee.objects.none(), required=False,
                               widget=forms.CheckboxSelectMultiple,
                               error_messages={"invalid_choice": _("Vælg kun medarbejdere på sagen.")})
    other_participants = forms.CharField(label=_("Andre deltagere"), max_length=300, required=False,
                                         help_text=_("Fx borgerens bisidder, egen læge, virksomhedens kontaktperson."))
    next_date = forms.DateField(label=_("Næste aftalte kontakt"), widget=DATE_WIDGET, required=False,
                                error_messages={"invalid": _("Skriv datoen som dd-mm-åååå.")})
    next_kind = forms.ChoiceField(label=_("Næste kontaktform"), required=False, error_messages=KIND_ERRORS,
                                  choices=[("", _("Samme som denne"))] + ContactKind.choices)

    def __init__(self, *args, staff=(), employee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()
        others = [e.pk for e in staff if employee is None or e.pk != employee.pk]
        self.fields["participants"].queryset = Employee.objects.filter(pk__in=others).order_by("name")

    def clean(self):
        cleaned = super().clean()
        date, next_date = cleaned.get("date"), cleaned.get("next_date")
        if date and date > timezone.localdate():
            self.add_error("date", _("Datoen kan ikke ligge efter i dag."))
        if date and next_date and next_date < date:
            self.add_error("next_date", _("Næste kontakt kan ikke ligge før kontaktens dato."))
        if next_date and not cleaned.get("next_kind") and cleaned.get("kind"):
            cleaned["next_kind"] = cleaned["kind"]
        if cleaned.get("next_kind") and not next_date and "next_date" not in self.errors:
            self.add_error("next_date", _("Angiv en dato for næste kontakt."))
        return cleaned


class ContactCorrectForm(ContactForm):
    """Correcting a contact: the same fields; a changed note is saved as a new version."""


class PlannedActionForm(ModelForm):
    class Meta:
        model = PlannedAction
        fields = ["title", "owner", "due"]
        widgets = {"due": DATE_WIDGET}
        labels = {"title": _("Næste handling"), "owner": _("Ansvarlig"), "due": _("Frist")}
        error_messages = {
            "title": {"required": _("Skriv hvad der skal gøres.")},
            "owner": {"required": _("Vælg hvem der er ansvarlig."),
                      "invalid_choice": _("Vælg en medarbejder på sagen.")},
            "due": {"required": _("Angiv en frist."), "invalid": _("Skriv datoen som dd-mm-åååå.")},
        }

    def __init__(self, *args, staff=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Employee.objects.filter(pk__in=[e.pk for e in staff]).order_by("name")
        self.fields["owner"].label_from_instance = lambda e: e.name
        self.fields["owner"].empty_label = None


class ActionDoneForm(Form):
    done = forms.BooleanField(required=False)
