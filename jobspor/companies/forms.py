from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.models import PostalCode
from jobspor.core.forms import Form
from jobspor.core.validators import fact_date
from jobspor.core.versioning import VersionedFormMixin
from jobspor.organisation.models import Employee

from .choices import InteractionKind, Need, PriorityReason, RelationLevel, Sector
from .cvr import cvr_clean, p_number_clean
from .filters import consultants, owners
from .industries import division_choices, industry_clean
from .models import Company, CompanyContact, PartnershipAgreement, Workplace

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _postal_code_clean(value):
    code = (value or "").strip()
    if code and not PostalCode.objects.filter(code=code).exists():
        raise ValidationError(_("Ukendt postnummer: %(code)s."), params={"code": code})
    return code


class CompanyForm(VersionedFormMixin, Form):
    version_model = Company
    cvr = forms.CharField(label=_("CVR-nummer"), max_length=11,
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    name = forms.CharField(label=_("Navn"), max_length=200)
    industry = forms.CharField(label=_("Branchekode (DB07)"), max_length=8,
                               help_text=_("2, 4 eller 6 cifre, fx 521000 (som i CVR-registret)."),
                               widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    sector = forms.ChoiceField(label=_("Sektor"), choices=Sector.choices, widget=forms.RadioSelect,
                               initial=Sector.PRIVATE)
    employees = forms.IntegerField(label=_("Antal ansatte"), min_value=0, max_value=500000, required=False)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=4,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    owner = forms.ModelChoiceField(label=_("Ejer (virksomhedskonsulent eller jobformidler)"),
                                   queryset=Employee.objects.none(), empty_label=_("Vælg ejer"))
    relation_level = forms.ChoiceField(label=_("Relationsniveau"), choices=RelationLevel.choices)
    needs = forms.MultipleChoiceField(label=_("Virksomhedens behov"), choices=Need.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    inclusive_experience = forms.CharField(label=_("Erfaring med udsatte borgere (rummelighed)"), required=False,
                                           widget=forms.Textarea(attrs={"rows": 3}))
    inclusive_capacity = forms.IntegerField(label=_("Pladser til udsatte borgere"), min_value=0, max_value=999,
                                            required=False)
    inclusive_contact = forms.ModelChoiceField(label=_("Fast kontaktperson for borgere"), required=False,
                                               queryset=CompanyContact.objects.none(), empty_label=_("Ingen valgt"))
    mentor_possible = forms.BooleanField(label=_("Mentor på arbejdspladsen er mulig"), required=False)
    code_of_care = forms.CharField(label=_("Code of care"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                   help_text=_("Hvad virksomheden ønsker af jobcentret, når en borger starter."))

    def __init__(self, *args, company=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners()
        if company is not None:
            self.fields["inclusive_contact"].queryset = company.contacts.all()
        else:
            del self.fields["inclusive_contact"]

    def clean_cvr(self):
        return cvr_clean(self.cleaned_data["cvr"])

    def clean_industry(self):
        return industry_clean(self.cleaned_data["industry"])

    def clean_postal_code(self):
        return _postal_code_clean(self.cleaned_data["postal_code"])

    @staticmethod
    def initial_for(company):
        return {"cvr": company.cvr, "name": company.name, "industry": company.industry, "sector": company.sector,
                "employees": company.employees, "address": company.address, "postal_code": company.postal_code_id,
                "owner": company.owner_id, "relation_level": company.relation_level, "needs": company.needs,
                "inclusive_experience": company.inclusive_experience,
                "inclusive_capacity": company.inclusive_capacity, "inclusive_contact": company.inclusive_contact_id,
                "mentor_possible": company.mentor_possible, "code_of_care": company.code_of_care}


class ContactForm(VersionedFormMixin, Form):
    version_model = CompanyContact
    name = forms.CharField(label=_("Navn"), max_length=200)
    role = forms.CharField(label=_("Stilling/rolle"), max_length=120, required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel"}))
    email = forms.EmailField(label=_("E-mail"), required=False)


class WorkplaceForm(VersionedFormMixin, Form):
    version_model = Workplace
    p_number = forms.CharField(label=_("P-nummer"), max_length=12,
                               widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=4,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def clean_p_number(self):
        return p_number_clean(self.cleaned_data["p_number"])

    def clean_postal_code(self):
        return _postal_code_clean(self.cleaned_data["postal_code"])


class AgreementForm(VersionedFormMixin, Form):
    version_model = PartnershipAgreement
    starts = forms.DateField(label=_("Gælder fra"), widget=DATE_WIDGET)
    ends = forms.DateField(label=_("Gælder til"), required=False, widget=DATE_WIDGET)
    company_commits = forms.CharField(label=_("Virksomheden forpligter sig til"),
                                      widget=forms.Textarea(attrs={"rows": 3}))
    jobcentre_commits = forms.CharField(label=_("Jobcentret forpligter sig til"),
                                        widget=forms.Textarea(attrs={"rows": 3}))
    placements_per_year = forms.IntegerField(label=_("Virksomhedsforløb pr. år"), min_value=0, max_value=999,
                                             required=False)
    ordinary_hours_per_week = forms.IntegerField(label=_("Ordinære timer pr. uge"), min_value=0, max_value=9999,
                                                 required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("starts") and cleaned.get("ends") and cleaned["ends"] < cleaned["starts"]:
            self.add_error("ends", _("Aftalen kan ikke slutte, før den begynder."))
        return cleaned


class InteractionForm(Form):
    """The few-taps form (also on a phone in the field): kind and date are preset, only the outcome is typed."""

    kind = forms.ChoiceField(label=_("Type"), choices=InteractionKind.choices, initial=InteractionKind.VISIT,
                             widget=forms.RadioSelect)
    date = forms.DateField(label=_("Dato"), widget=DATE_WIDGET, validators=[fact_date])
    contact = forms.ModelChoiceField(label=_("Kontaktperson"), queryset=CompanyContact.objects.none(),
                                     required=False, empty_label=_("Ingen valgt"))
    outcome = forms.CharField(label=_("Resultat"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    next_step = forms.CharField(label=_("Næste skridt"), max_length=300, required=False)
    next_step_on = forms.DateField(label=_("Næste skridt senest"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, company, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate(), "kind": InteractionKind.VISIT})
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = company.contacts.all()

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned["date"] > timezone.localdate():
            self.add_error("date", _("En kontakt kan ikke registreres på en dato i fremtiden."))
        if cleaned.get("date") and cleaned.get("next_step_on") and cleaned["next_step_on"] < cleaned["date"]:
            self.add_error("next_step_on", _("Næste skridt kan ikke ligge før kontakten."))
        if cleaned.get("next_step_on") and not cleaned.get("next_step"):
            self.add_error("next_step", _("Beskriv næste skridt, når der er en dato."))
        return cleaned


class PrioritisedIndustryForm(Form):
    division = forms.ChoiceField(label=_("Branche (DB07-hovedgruppe)"), choices=division_choices)
    reason = forms.ChoiceField(label=_("Begrundelse"), choices=PriorityReason.choices)
    note = forms.CharField(label=_("Bemærkning"), max_length=300, required=False)


class VisitTargetForm(Form):
    employee = forms.ModelChoiceField(label=_("Virksomhedskonsulent"), queryset=Employee.objects.none(),
                                      empty_label=_("Vælg"))
    month = forms.DateField(label=_("Måned"), widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
                            input_formats=["%Y-%m", "%Y-%m-%d"])
    visits = forms.IntegerField(label=_("Besøg i måneden"), min_value=0, max_value=500)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = consultants()


class SettingsForm(Form):
    months_partnership = forms.IntegerField(label=_("Partnerskab"), min_value=1, max_value=24)
    months_cooperation = forms.IntegerField(label=_("Samarbejde"), min_value=1, max_value=24)
    months_contact = forms.IntegerField(label=_("Kontakt"), min_value=1, max_value=24)
    months_passive = forms.IntegerField(label=_("Passiv"), min_value=1, max_value=24)
