from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form
from jobspor.core.validators import DateBounds
from jobspor.dictation.widgets import DictationTextarea

from .catalogue import AREA_CHOICES
from .choices import Decision, MentorKind
from .models import Volunteer
from .selectors import mentor_employees

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Skriv en gyldig dato, fx 31-12-2025.")}


class HoursField(forms.DecimalField):
    """Hours as a Dane writes them: "1,5" as well as "1.5" (a text field: a number field refuses the comma)."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return format(value.normalize(), "f").replace(".", ",")
        return value


class _AssignmentFields(Form):
    areas = forms.MultipleChoiceField(
        label=_("Opgaveområder fra mentorkataloget"), choices=AREA_CHOICES, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Vælg mindst ét opgaveområde fra mentorkataloget."),
                        "invalid_choice": _("Ukendt opgaveområde.")})
    tasks = forms.CharField(
        label=_("Konkrete opgaver"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vær præcis: hvad skal mentoren hjælpe med, og hvordan følges der op?"),
        error_messages={"required": _("Skriv mentorens konkrete opgaver.")})
    hours_per_week = HoursField(
        label=_("Timer om ugen"), min_value=Decimal("0.5"), max_value=Decimal("37"), decimal_places=1,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={"required": _("Angiv timer om ugen."), "invalid": _("Skriv et tal, fx 2 eller 1,5."),
                        "min_value": _("Mindst en halv time om ugen."),
                        "max_value": _("Højst 37 timer om ugen."),
                        "max_decimal_places": _("Højst én decimal, fx 1,5.")})
    starts = forms.DateField(label=_("Fra"), widget=DATE_WIDGET,
                             error_messages={**DATE_ERRORS, "required": _("Angiv, hvornår mentorforløbet starter.")})
    ends = forms.DateField(label=_("Til"), widget=DATE_WIDGET, required=False, error_messages=DATE_ERRORS)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts"), cleaned.get("ends")
        if starts and ends and ends < starts:
            self.add_error("ends", _("Slutdatoen kan ikke ligge før startdatoen."))
        if starts and self.case is not None and starts < self.case.opened:
            self.add_error("starts", _("Mentorforløbet kan ikke starte før sagen blev oprettet (%(date)s).")
                           % {"date": self.case.opened.strftime("%d.%m.%Y")})
        return cleaned

    def assignment_data(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("areas", "tasks", "hours_per_week", "starts", "ends")}


class MentorAssignmentForm(_AssignmentFields):
    kind = forms.ChoiceField(label=_("Mentor"), choices=MentorKind.choices, widget=forms.RadioSelect,
                             initial=MentorKind.STAFF, error_messages={"required": _("Vælg slags mentor.")})
    employee = forms.ModelChoiceField(label=_("Mentor fra jobcentret"), queryset=None, required=False,
                                      empty_label=_("Vælg mentor"))
    volunteer = forms.ModelChoiceField(label=_("Kendt frivillig mentor"), queryset=None, required=False,
                                       empty_label=_("Ny frivillig (udfyld nedenfor)"))
    volunteer_name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    volunteer_phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    volunteer_email = forms.EmailField(label=_("E-mail"), required=False,
                                       error_messages={"invalid": _("Skriv en gyldig e-mailadresse.")})
    volunteer_organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False,
                                             help_text=_("Fx Røde Kors, Mentorkorpset eller en frivilligforening."))

    field_order = ["kind", "employee", "volunteer", "volunteer_name", "volunteer_phone", "volunteer_email",
                   "volunteer_organisation", "areas", "tasks", "hours_per_week", "starts", "ends"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = mentor_employees()
        self.fields["employee"].label_from_instance = lambda e: f"{e.name} ({e.team or '–'})"
        self.fields["volunteer"].queryset = Volunteer.objects.order_by("name", "id")

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("kind")
        if kind == MentorKind.STAFF:
            if not cleaned.get("employee"):
                self.add_error("employee", _("Vælg mentoren fra jobcentret."))
            cleaned["volunteer"] = None
        elif kind == MentorKind.VOLUNTEER:
            cleaned["employee"] = None
            if not cleaned.get("volunteer") and not (cleaned.get("volunteer_name") or "").strip():
                self.add_error("volunteer_name", _("Vælg en kendt frivillig mentor, eller skriv den frivilliges navn."))
        return cleaned

    def new_volunteer(self) -> dict | None:
        data = self.cleaned_data
        if data.get("kind") != MentorKind.VOLUNTEER or data.get("volunteer"):
            return None
        return {"name": data["volunteer_name"], "phone": data["volunteer_phone"], "email": data["volunteer_email"],
                "organisation": data["volunteer_organisation"]}


class MentorAssignmentEditForm(_AssignmentFields):
    pass


class MentorFollowUpForm(Form):
    held_on = forms.DateField(label=_("Dato"), widget=DATE_WIDGET, validators=[DateBounds(
        fact=True, future_message=_("En opfølgning kan ikke dateres i fremtiden."))],
                              error_messages={**DATE_ERRORS, "required": _("Angiv datoen for opfølgningen.")})
    notes = forms.CharField(label=_("Noter"), widget=DictationTextarea(attrs={"rows": 4}),
                            error_messages={"required": _("Skriv, hvad opfølgningen viste.")})
    decision = forms.ChoiceField(label=_("Beslutning"), choices=Decision.choices, widget=forms.RadioSelect,
                                 error_messages={"required": _("Vælg fortsæt, justér eller afslut.")})
