from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.models import PostalCode
from jobspor.companies.models import Workplace
from jobspor.core.forms import Form
from jobspor.core.versioning import VersionedFormMixin

from .choices import FillChannel, JobKind, JobStatus
from .models import JobOpening

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
LINES_HELP = _("Én pr. linje.")


class LinesField(forms.CharField):
    """A list of short texts typed one per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", LINES_HELP)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        lines = [" ".join(line.split()) for line in text.splitlines()]
        too_long = [line for line in lines if len(line) > 200]
        if too_long:
            raise ValidationError(_("En linje må højst være 200 tegn."))
        return [line for line in lines if line]


class JobForm(VersionedFormMixin, Form):
    version_model = JobOpening
    title = forms.CharField(label=_("Titel"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=JobKind.choices)
    hours_per_week = forms.IntegerField(label=_("Timer pr. uge"), min_value=1, max_value=60,
                                        widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    tasks = LinesField(label=_("Arbejdsopgaver"))
    driving_licence = forms.CharField(label=_("Kørekort påkrævet"), max_length=5, required=False,
                                      help_text=_("Kategori, fx B. Tomt: intet krav."))
    competencies_required = LinesField(label=_("Krævede kompetencer"))
    competencies_wanted = LinesField(label=_("Ønskede kompetencer"))
    accommodations = LinesField(label=_("Mulige hensyn"))
    workplace = forms.ModelChoiceField(label=_("Arbejdssted"), queryset=Workplace.objects.none(), required=False,
                                       empty_label=_("Virksomhedens adresse"))
    postal_code = forms.CharField(label=_("Arbejdsstedets postnummer"), max_length=4, required=False,
                                  help_text=_("Tomt: arbejdsstedets eller virksomhedens postnummer."),
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    posted = forms.DateField(label=_("Oprettet"), widget=DATE_WIDGET)
    start = forms.DateField(label=_("Start"), required=False, widget=DATE_WIDGET)
    deadline = forms.DateField(label=_("Frist"), required=False, widget=DATE_WIDGET)
    status = forms.ChoiceField(label=_("Status"), choices=[])

    def __init__(self, *args, company, job=None, **kwargs):
        kwargs.setdefault("initial", {"posted": timezone.localdate(), "status": JobStatus.OPEN})
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = company.workplaces.select_related("postal_code")
        statuses = [JobStatus.OPEN, JobStatus.CANCELLED, JobStatus.EXPIRED]
        if job is not None and job.status == JobStatus.FILLED:
            statuses.insert(1, JobStatus.FILLED)
        self.fields["status"].choices = [(s.value, s.label) for s in statuses]
        if job is None:
            del self.fields["status"]

    def clean_postal_code(self):
        code = (self.cleaned_data["postal_code"] or "").strip()
        if code and not PostalCode.objects.filter(code=code).exists():
            raise ValidationError(_("Ukendt postnummer: %(code)s."), params={"code": code})
        return code

    @staticmethod
    def initial_for(job):
        return {"title": job.title, "kind": job.kind, "hours_per_week": job.hours_per_week, "tasks": job.tasks,
                "driving_licence": job.driving_licence, "competencies_required": job.competencies_required,
                "competencies_wanted": job.competencies_wanted, "accommodations": job.accommodations,
                "workplace": job.workplace_id, "postal_code": job.postal_code_id, "posted": job.posted,
                "start": job.start, "deadline": job.deadline, "status": job.status}


class FillForm(Form):
    case = forms.CharField(label=_("Borgerens sags-id"), max_length=64, required=False,
                           help_text=_("Tomt, hvis stillingen blev besat af en, jobcentret ikke har en sag på."))
    channel = forms.ChoiceField(label=_("Besat via"), choices=FillChannel.choices)
    filled_on = forms.DateField(label=_("Besat den"), widget=DATE_WIDGET)

    def clean_filled_on(self):
        value = self.cleaned_data["filled_on"]
        if value > timezone.localdate():
            raise ValidationError(_("Datoen ligger i fremtiden."))
        return value


class PortalJobForm(Form):
    """A company posting an opening itself (Virksomhedsindgang). The rules are job_save's, as for staff."""

    title = forms.CharField(label=_("Hvad skal jobbet hedde?"), max_length=200,
                            error_messages={"required": _("Skriv en titel.")})
    kind = forms.ChoiceField(label=_("Type"), initial=JobKind.SMALL_JOB,
                             choices=[(JobKind.SMALL_JOB.value, _("Småjob (1–37 timer om ugen)")),
                                      (JobKind.ORDINARY.value, JobKind.ORDINARY.label),
                                      (JobKind.FLEX_JOB.value, JobKind.FLEX_JOB.label)],
                             error_messages={"invalid_choice": _("Vælg en type fra listen.")})
    hours_per_week = forms.IntegerField(label=_("Timer pr. uge"), min_value=1, max_value=60,
                                        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                                        error_messages={"required": _("Skriv hvor mange timer om ugen."),
                                                        "invalid": _("Skriv et helt antal timer."),
                                                        "min_value": _("Mindst 1 time om ugen."),
                                                        "max_value": _("Højst 60 timer om ugen.")})
    tasks = LinesField(label=_("Arbejdsopgaver"), help_text=_("Én opgave pr. linje, fx »pakke varer«."))
    start = forms.DateField(label=_("Start"), required=False, widget=DATE_WIDGET,
                            error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")})
    deadline = forms.DateField(label=_("Frist for kandidater"), required=False, widget=DATE_WIDGET,
                               error_messages={"invalid": _("Skriv datoen som åååå-mm-dd.")})
    workplace = forms.ModelChoiceField(label=_("Arbejdssted"), queryset=Workplace.objects.none(), required=False,
                                       empty_label=_("Virksomhedens adresse"))

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workplace"].queryset = company.workplaces.select_related("postal_code")
        if not self.fields["workplace"].queryset.exists():
            del self.fields["workplace"]
