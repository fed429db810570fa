from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jobspor.companies.models import Company, CompanyContact, Workplace
from jobspor.core.forms import Form
from jobspor.core.validators import DateBounds, record_date
from jobspor.core.weeks import week_label

from .choices import HOURS_MAX, EndReason, PlacementKind, Purpose
from .weeks import iso_week

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
HOURS_MESSAGES = {"invalid": _("Skriv et tal, fx 7,5."), "max_value": _("Højst %(limit_value)s timer."),
                  "min_value": _("Timer kan ikke være negative."),
                  "max_decimal_places": _("Højst én decimal, fx 7,5.")}


def lines(text) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


def hours_field(label, **kwargs):
    kwargs.setdefault("error_messages", HOURS_MESSAGES)
    return forms.DecimalField(label=label, min_value=0, max_value=HOURS_MAX, max_digits=4, decimal_places=1,
                              localize=True,
                              widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 4}), **kwargs)


class AgreementFields(Form):
    """The work agreement's fields (arbejdsaftale)."""

    goal = forms.CharField(label=_("Mål med forløbet"), widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": _("Skriv målet med forløbet.")})
    sub_goals = forms.CharField(label=_("Delmål"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("Et delmål pr. linje."))
    tasks_extra = forms.CharField(label=_("Andre arbejdsopgaver"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}), help_text=_("En opgave pr. linje."))
    hours_per_week = hours_field(_("Timer pr. uge ved start"),
                                 error_messages=HOURS_MESSAGES | {"required": _("Angiv timer pr. uge ved start.")})
    accommodations = forms.CharField(label=_("Hensyn"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    conversion = forms.CharField(
        label=_("Sådan bliver mestrede opgaver til ordinære timer"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvornår og hvordan: fx 'Når borgeren mestrer en opgave (8 eller mere fra virksomheden), aflønnes "
                    "den med ordinær løn, først 2 timer om ugen.'"),
        error_messages={"required": _("Skriv hvordan og hvornår mestrede opgaver bliver til ordinære timer.")})
    support = forms.CharField(label=_("Støtte og opfølgning"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Hvem følger op, hvordan, og hvem støtter borgeren på arbejdspladsen."))
    follow_up_weeks = forms.IntegerField(label=_("Opfølgning på arbejdspladsen hver (uger)"), min_value=1,
                                         max_value=26, initial=2, error_messages={
                                             "min_value": _("Mindst hver uge."),
                                             "max_value": _("Højst hver 26. uge."),
                                             "required": _("Angiv hvor ofte der følges op."),
                                             "invalid": _("Skriv et helt antal uger.")})
    contact_info = forms.CharField(label=_("Sådan kontaktes den primære kontaktperson i jobcentret"), max_length=300,
                                   required=False)

    def agreement_content(self, tasks: list[str], start) -> dict:
        data = self.cleaned_data
        return {"goal": data["goal"], "sub_goals": lines(data["sub_goals"]), "tasks": tasks,
                "hours_per_week": data["hours_per_week"], "accommodations": data["accommodations"],
                "conversion": data["conversion"], "support": data["support"],
                "follow_up_weeks": data["follow_up_weeks"], "contact_info": data["contact_info"], "start": start}


class PlacementForm(AgreementFields):
    """A new placement with its work agreement, in one form (one submit)."""

    company = forms.ModelChoiceField(label=_("Virksomhed"), queryset=Company.objects.none(),
                                     empty_label=_("Vælg virksomhed"),
                                     error_messages={"required": _("Vælg virksomheden.")})
    contact = forms.ModelChoiceField(
        label=_("Kontaktperson på virksomheden"), queryset=CompanyContact.objects.none(), required=False,
        empty_label=_("Vælg kontaktperson"), help_text=_("Borgerens faste kontaktperson på arbejdspladsen."),
        error_messages={"invalid_choice": _("Kontaktpersonen hører ikke til den valgte virksomhed.")})
    workplace = forms.ModelChoiceField(label=_("Arbejdssted (P-enhed)"), queryset=Workplace.objects.none(),
                                       required=False, empty_label=_("Virksomhedens adresse"))
    kind = forms.ChoiceField(label=_("Type forløb"), choices=PlacementKind.choices, initial=PlacementKind.INTERNSHIP)
    purpose = forms.TypedChoiceField(label=_("Formål med praktikken"), coerce=int, empty_value=None, required=False,
                                     choices=[("", _("Vælg formål"))] + Purpose.choices)
    title = forms.CharField(label=_("Stilling/funktion"), max_length=200, required=False)
    start = forms.DateField(label=_("Start"), widget=DATE_WIDGET, validators=[record_date],
                            error_messages={"required": _("Angiv startdato."), "invalid": _("Ugyldig dato.")})
    planned_end = forms.DateField(label=_("Planlagt slut"), required=False, widget=DATE_WIDGET,
                                  validators=[record_date], error_messages={"invalid": _("Ugyldig dato.")})
    tasks = forms.MultipleChoiceField(label=_("Arbejdsopgaver"), required=False, choices=[],
                                      widget=forms.CheckboxSelectMultiple,
                                      help_text=_("Fra borgerens CV og virksomhedens behov."))

    field_order = ["company", "contact", "workplace", "kind", "purpose", "title", "start", "planned_end", "goal",
                   "sub_goals", "tasks", "tasks_extra", "hours_per_week", "accommodations", "conversion", "support",
                   "follow_up_weeks", "contact_info"]

    def __init__(self, *args, companies, company=None, task_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = companies
        if company is not None:
            self.fields["contact"].queryset = CompanyContact.objects.filter(company=company)
            self.fields["workplace"].queryset = Workplace.objects.filter(company=company)
        self.fields["tasks"].choices = [(t, t) for t in task_choices]

    def clean(self):
        cleaned = super().clean()
        company, contact = cleaned.get("company"), cleaned.get("contact")
        if company is not None and contact is None and "contact" not in self.errors:
            self.add_error("contact", _("Vælg borgerens kontaktperson på virksomheden – der skal altid være en fast "
                                        "kontaktperson."))
        start, planned_end = cleaned.get("start"), cleaned.get("planned_end")
        if start and planned_end and planned_end < start:
            self.add_error("planned_end", _("Forløbet kan ikke slutte, før det starter."))
        kind, purpose = cleaned.get("kind"), cleaned.get("purpose")
        if kind == PlacementKind.INTERNSHIP and purpose is None:
            self.add_error("purpose", _("Angiv formålet med praktikken (1, 2 eller 3)."))
        if kind and kind != PlacementKind.INTERNSHIP:
            cleaned["purpose"] = None  # only an internship has a purpose; the field is hidden for the other kinds
        if not self.all_tasks() and "tasks" not in self.errors:
            self.add_error("tasks", _("Vælg eller skriv mindst én arbejdsopgave."))
        return cleaned

    def all_tasks(self) -> list[str]:
        tasks = list(self.cleaned_data.get("tasks") or []) + lines(self.cleaned_data.get("tasks_extra"))
        return list(dict.fromkeys(tasks))


class AgreementForm(AgreementFields):
    """Change the agreement (a new version once it is signed)."""

    tasks_text = forms.CharField(label=_("Arbejdsopgaver"), widget=forms.Textarea(attrs={"rows": 4}),
                                 help_text=_("En opgave pr. linje."),
                                 error_messages={"required": _("Skriv mindst én arbejdsopgave.")})
    start = forms.DateField(label=_("Aftalens startdato"), widget=DATE_WIDGET, validators=[record_date],
                            error_messages={"required": _("Angiv aftalens startdato.")})

    seen = forms.CharField(required=False, widget=forms.HiddenInput)  # the version the user saw (no lost updates)

    field_order = ["goal", "sub_goals", "tasks_text", "hours_per_week", "accommodations", "conversion", "support",
                   "follow_up_weeks", "contact_info", "start"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["tasks_extra"]


class SignForm(Form):
    role = forms.CharField(widget=forms.HiddenInput)
    content_hash = forms.CharField(widget=forms.HiddenInput)
    signer_name = forms.CharField(label=_("Skriv dit fulde navn"), max_length=200,
                                  error_messages={"required": _("Skriv dit fulde navn for at skrive under.")})
    # Filled by the drawing pad's script (a PNG data URL); without script the typed name alone signs.
    drawing = forms.CharField(label=_("Tegnet underskrift"), widget=forms.HiddenInput, required=False,
                              max_length=500_000, error_messages={
                                  "max_length": _("Den tegnede underskrift er for stor. Tegn den igen.")})


class HoursForm(Form):
    """A month of weeks: internship and ordinary hours for each, one submit. Each week also carries, hidden, the
    values it had when the grid was shown (`was-…`), so only the weeks the user changed are saved, and a week
    someone else changed in the meantime is refused, not overwritten. An empty week is left as it is; clearing a
    week's hours is its own act ("Ryd ugen")."""

    def __init__(self, *args, weeks, rows=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.weeks = weeks
        for monday in weeks:
            label, shown = iso_week(monday), week_label(monday)
            self.fields[f"i-{label}"] = hours_field(_("Praktiktimer %(week)s") % {"week": shown}, required=False)
            self.fields[f"o-{label}"] = hours_field(_("Ordinære timer %(week)s") % {"week": shown}, required=False)
            self.fields[f"was-{label}"] = forms.CharField(widget=forms.HiddenInput, required=False)
            self.fields[f"clear-{label}"] = forms.BooleanField(label=_("Ryd ugen"), required=False)
        if rows is not None:
            self.show_rows(rows)

    def show_rows(self, rows, *, into_data=False):
        """Fill the grid from the stored weeks ({Monday: WeekHours}); `into_data`: also over what was posted for
        the weeks whose stored values differ from what the user saw (after a refusal)."""
        if into_data:
            self.data = self.data.copy()
        for monday in self.weeks:
            label, row = iso_week(monday), rows.get(monday)
            values = (row.internship_hours, row.ordinary_hours) if row is not None else None
            self.initial[f"was-{label}"] = was_text(values)
            if row is not None:
                self.initial[f"i-{label}"], self.initial[f"o-{label}"] = values
            if into_data:
                seen = parse_was(self.data.get(f"was-{label}"))
                if seen is not UNKNOWN and seen != values:  # changed by someone else: show what is stored now
                    self.data[f"i-{label}"] = _decimal_text(values[0]) if values else ""
                    self.data[f"o-{label}"] = _decimal_text(values[1]) if values else ""
                    self.data.pop(f"clear-{label}", None)
                self.data[f"was-{label}"] = was_text(values)

    def clean(self):
        cleaned = super().clean()
        for monday in self.weeks:
            label = iso_week(monday)
            a, b = cleaned.get(f"i-{label}"), cleaned.get(f"o-{label}")
            if a is not None and b is not None and a + b > HOURS_MAX:
                self.add_error(f"o-{label}", _("Højst %(max)d timer i alt i en uge.") % {"max": HOURS_MAX})
            was = parse_was(cleaned.get(f"was-{label}"))
            if (a is None and b is None and not cleaned.get(f"clear-{label}") and was is not UNKNOWN
                    and was is not None and any(was) and f"i-{label}" not in self.errors):
                self.add_error(f"i-{label}", _("Sæt kryds i 'Ryd ugen' for at slette timerne i ugen – et tomt felt "
                                               "sletter ikke noget."))
        return cleaned

    def rows(self):
        return [{"week": m, "label": iso_week(m), "i": self[f"i-{iso_week(m)}"], "o": self[f"o-{iso_week(m)}"],
                 "was": self[f"was-{iso_week(m)}"], "clear": self[f"clear-{iso_week(m)}"]} for m in self.weeks]

    def weeks_data(self) -> list[dict]:
        """The weeks the user changed or cleared, each with the values the user saw (`expected`) when known."""
        changed = []
        for monday in self.weeks:
            label = iso_week(monday)
            a, b = self.cleaned_data.get(f"i-{label}"), self.cleaned_data.get(f"o-{label}")
            was = parse_was(self.cleaned_data.get(f"was-{label}"))
            row = {"week": monday}
            if was is not UNKNOWN:
                row["expected"] = was
            if self.cleaned_data.get(f"clear-{label}"):
                if was is None:
                    continue  # nothing to clear
                changed.append(row | {"clear": True})
                continue
            if a is None and b is None:
                continue
            a, b = a or Decimal(0), b or Decimal(0)
            if was is not UNKNOWN and was == (a, b):
                continue
            changed.append(row | {"internship_hours": a, "ordinary_hours": b})
        return changed


UNKNOWN = object()


def _decimal_text(value) -> str:
    return f"{Decimal(str(value)).normalize():f}".replace(".", ",")


def was_text(values) -> str:
    """A week's stored hours as the hidden `was-…` field carries them: "i;o", or "-" for no row."""
    return "-" if values is None else f"{values[0]};{values[1]}"


def parse_was(text):
    """(internship, ordinary) as Decimals, None for "no row", UNKNOWN when the form did not say."""
    if not text:
        return UNKNOWN
    if text == "-":
        return None
    try:
        a, b = text.split(";")
        return Decimal(a), Decimal(b)
    except (ValueError, ArithmeticError):
        return UNKNOWN


def service_key_to_field(key: str) -> str:
    """hours_save's error keys ("2025-W10.internship_hours") → this form's field names."""
    label, _sep, field = key.partition(".")
    return ("i-" if field == "internship_hours" else "o-") + label


RATING_MESSAGES = {"required": _("Giv en vurdering fra 1 til 10."), "min_value": _("Fra 1 til 10."),
                   "max_value": _("Fra 1 til 10."), "invalid": _("Fra 1 til 10.")}


class FollowUpForm(Form):
    date = forms.DateField(label=_("Dato"), widget=DATE_WIDGET, validators=[DateBounds(
        fact=True, future_message=_("En opfølgning kan ikke ligge i fremtiden."))],
                           error_messages={"required": _("Angiv datoen.")})
    place = forms.CharField(label=_("Sted"), max_length=200,
                            error_messages={"required": _("Skriv hvor opfølgningen fandt sted.")})
    participants = forms.CharField(label=_("Deltagere"), max_length=300,
                                   error_messages={"required": _("Skriv hvem der deltog.")})
    notes = forms.CharField(label=_("Noter"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_date = forms.DateField(label=_("Næste opfølgning"), required=False, widget=DATE_WIDGET,
                                validators=[record_date])

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.tasks = tasks
        for i, _task in enumerate(tasks):
            for who, label in (("c", _("Borger")), ("k", _("Virksomhed"))):
                self.fields[f"{who}{i}"] = forms.IntegerField(
                    label=label, min_value=1, max_value=10, error_messages=RATING_MESSAGES,
                    widget=forms.NumberInput(attrs={"min": 1, "max": 10, "inputmode": "numeric"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("next_date") and cleaned["next_date"] < cleaned["date"]:
            self.add_error("next_date", _("Næste opfølgning kan ikke ligge før denne."))
        return cleaned

    def rating_rows(self):
        return [{"task": t, "c": self[f"c{i}"], "k": self[f"k{i}"]} for i, t in enumerate(self.tasks)]

    def ratings(self):
        return [{"task": t, "citizen_rating": self.cleaned_data[f"c{i}"], "company_rating": self.cleaned_data[f"k{i}"]}
                for i, t in enumerate(self.tasks)]


class EndForm(Form):
    end = forms.DateField(label=_("Slutdato"), widget=DATE_WIDGET, validators=[record_date],
                          error_messages={"required": _("Angiv slutdato.")})
    end_reason = forms.ChoiceField(label=_("Hvorfor slutter forløbet?"), choices=EndReason.choices,
                                   widget=forms.RadioSelect,
                                   error_messages={"required": _("Vælg hvorfor forløbet slutter.")})
    statement = forms.CharField(label=_("Virksomhedens udtalelse til CV'et"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))
    statement_by = forms.CharField(label=_("Udtalelsen er givet af"), required=False, max_length=200)
    # Shown only when the end date would leave recorded hours outside the placement (kpi.md v2).
    remove_stranded = forms.BooleanField(
        label=_("Ja, slet timerne i ugerne efter slutdatoen"), required=False,
        help_text=_("Timerne kan ikke ligge uden for forløbet. De slettede timer kan ses i sagens historik."))

    def __init__(self, *args, placement, **kwargs):
        super().__init__(*args, **kwargs)
        self.placement = placement

    def asks_to_remove_stranded(self) -> bool:
        """Whether to show the confirmation: the end date strands weeks, or the user already ticked it."""
        return any(e.code == "stranded_weeks" for e in self.errors.as_data().get("end", [])) \
            or bool(self.data.get(self.add_prefix("remove_stranded")))

    def clean_end(self):
        end = self.cleaned_data["end"]
        if end < self.placement.start:
            raise ValidationError(_("Forløbet kan ikke slutte, før det starter (%(date)s)."),
                                  params={"date": f"{self.placement.start:%d.%m.%Y}"})
        return end
