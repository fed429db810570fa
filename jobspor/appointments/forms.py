"""The booking form: a date and two times (what a phone's pickers give), a place, participants; and the
confirmation of a clash ("Book alligevel")."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.companies.models import CompanyContact
from jobspor.core.forms import Form, ModelMultipleChoiceField
from jobspor.core.validators import DateBounds
from jobspor.core.versioning import VersionedFormMixin
from jobspor.mentors.models import MentorAssignment
from jobspor.organisation.models import Employee

from .choices import PlaceKind
from .models import Appointment

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_WIDGET = forms.TimeInput(attrs={"type": "time", "step": 300}, format="%H:%M")
TIME_ERRORS = {"required": _("Angiv et klokkeslæt."), "invalid": _("Skriv klokkeslættet som tt:mm.")}


class StaffChoice(ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class AppointmentForm(VersionedFormMixin, Form):
    version_model = Appointment
    version_fields = ("title", "start", "end", "place_kind", "place_text", "video_link", "citizen_attends")

    title = forms.CharField(label=_("Formål"), max_length=200, error_messages={"required": _("Skriv mødets formål.")})
    day = forms.DateField(label=_("Dato"), widget=DATE_WIDGET, validators=[DateBounds()],
                          error_messages={"required": _("Angiv mødets dato."),
                                          "invalid": _("Skriv datoen som dd-mm-åååå.")})
    start_time = forms.TimeField(label=_("Fra kl."), widget=TIME_WIDGET, error_messages=TIME_ERRORS)
    end_time = forms.TimeField(label=_("Til kl."), widget=TIME_WIDGET, error_messages=TIME_ERRORS)
    place_kind = forms.ChoiceField(label=_("Mødested"), choices=PlaceKind.choices, initial=PlaceKind.JOBCENTRE,
                                   error_messages={"invalid_choice": _("Ukendt mødested.")})
    place_text = forms.CharField(label=_("Adresse, lokale eller mødepunkt"), max_length=300, required=False)
    video_link = forms.URLField(label=_("Videolink"), max_length=500, required=False, assume_scheme="https",
                                error_messages={"invalid": _("Skriv et gyldigt link, fx https://…")})
    staff = StaffChoice(label=_("Medarbejdere"), queryset=Employee.objects.none(),
                        widget=forms.CheckboxSelectMultiple,
                        error_messages={"required": _("Vælg mindst én medarbejder."),
                                        "invalid_choice": _("Vælg en medarbejder fra listen.")})
    citizen_attends = forms.BooleanField(label=_("Borgeren deltager"), required=False, initial=True)
    company_contact = forms.ModelChoiceField(label=_("Virksomhedens kontaktperson"), required=False,
                                             queryset=CompanyContact.objects.none(), empty_label=_("Ingen"),
                                             error_messages={"invalid_choice": _("Vælg en kontaktperson fra listen.")})
    mentor = forms.ModelChoiceField(label=_("Mentor"), required=False, queryset=MentorAssignment.objects.none(),
                                    empty_label=_("Ingen"),
                                    error_messages={"invalid_choice": _("Vælg en mentor fra listen.")})
    # The clashes the user saw and accepted ("Book alligevel"): the booking goes through only if they are
    # still the same; a new clash is shown again.
    accepted_clashes = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, case=None, company=None, employee=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case
        staff_ids = set()
        if employee is not None:
            staff_ids.add(employee.pk)
            if employee.team_id:
                staff_ids |= set(Employee.objects.filter(team_id=employee.team_id, is_active=True)
                                 .values_list("pk", flat=True))
        if case is not None:
            staff_ids |= set(case.staff.values_list("employee_id", flat=True))
            self.fields["company_contact"].queryset = CompanyContact.objects.filter(
                company__placements__case=case).distinct().select_related("company").order_by("name")
            self.fields["company_contact"].label_from_instance = lambda c: f"{c.name}, {c.company.name}"
            self.fields["mentor"].queryset = MentorAssignment.objects.filter(case=case).select_related(
                "employee", "volunteer")
            self.fields["mentor"].label_from_instance = lambda m: str(m.employee or m.volunteer)
        else:
            del self.fields["citizen_attends"]
            del self.fields["mentor"]
            if company is not None:
                self.fields["company_contact"].queryset = CompanyContact.objects.filter(company=company)
        if self.record not in (None, ...) and self.record.pk:
            staff_ids |= set(self.record.staff.values_list("pk", flat=True))
        self.fields["staff"].queryset = Employee.objects.filter(pk__in=staff_ids).order_by("name")

    def clean(self):
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and start and end:
            tz = timezone.get_current_timezone()
            cleaned["start"] = dt.datetime.combine(day, start, tzinfo=tz)
            cleaned["end"] = dt.datetime.combine(day, end, tzinfo=tz)
            if end <= start:
                self.add_error("end_time", _("Mødet skal slutte efter det starter."))
        if cleaned.get("place_kind") == PlaceKind.VIDEO and not cleaned.get("video_link") \
                and "video_link" not in self.errors:
            self.add_error("video_link", _("Angiv linket til videomødet."))
        return cleaned

    def service_fields(self) -> dict:
        data = self.cleaned_data
        fields = {key: data[key] for key in ("title", "start", "end", "place_kind", "place_text", "video_link",
                                             "company_contact")}
        if "citizen_attends" in self.fields:
            fields["citizen_attends"] = data["citizen_attends"]
            fields["mentor"] = data["mentor"]
        return fields


def initial_for(appointment) -> dict:
    start, end = timezone.localtime(appointment.start), timezone.localtime(appointment.end)
    return {"title": appointment.title, "day": start.date(), "start_time": start.time(), "end_time": end.time(),
            "place_kind": appointment.place_kind, "place_text": appointment.place_text,
            "video_link": appointment.video_link, "staff": list(appointment.staff.all()),
            "citizen_attends": appointment.citizen_attends, "company_contact": appointment.company_contact,
            "mentor": appointment.mentor}


class StatusForm(Form):
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)
