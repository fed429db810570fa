from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.cpr import cpr_clean
from jobspor.citizens.models import PostalCode
from jobspor.core.forms import Form, ModelForm
from jobspor.core.roles import CaseRole
from jobspor.core.validators import fact_date, record_date, support_date
from jobspor.core.versioning import VersionedFormMixin
from jobspor.organisation.models import Employee

from .choices import Benefit, FsmGroup
from .models import Case

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StaffAddForm(Form):
    employee = forms.ModelChoiceField(label=_("Medarbejder"), queryset=Employee.objects.none(),
                                      empty_label=_("Vælg medarbejder"))
    role = forms.ChoiceField(label=_("Rolle på sagen"), choices=CaseRole.choices)
    primary = forms.BooleanField(label=_("Gør til primær kontaktperson"), required=False)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Employee.objects.filter(is_active=True).select_related("team").order_by("name")
        if case is not None:
            qs = qs.exclude(case_links__case=case)
        self.fields["employee"].queryset = qs
        self.fields["employee"].label_from_instance = lambda e: f"{e.name} ({e.team or '–'})"


class CaseEditForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Case
        fields = ["benefit", "fleksjob_visitated", "fsm_group", "public_support_since", "opened", "closed",
                  "close_reason"]
        widgets = {"public_support_since": DATE_WIDGET, "opened": DATE_WIDGET, "closed": DATE_WIDGET}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, validator in (("opened", fact_date), ("public_support_since", support_date),
                                ("closed", record_date)):
            self.fields[name].validators.append(validator)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("closed") and not cleaned.get("close_reason"):
            self.add_error("close_reason", _("Angiv en afslutningsårsag, når sagen afsluttes."))
        if cleaned.get("close_reason") and not cleaned.get("closed"):
            self.add_error("closed", _("Angiv afslutningsdato, eller fjern afslutningsårsagen."))
        opened, closed = cleaned.get("opened"), cleaned.get("closed")
        if opened and closed and closed < opened:
            self.add_error("closed", _("Sagen kan ikke afsluttes før den er oprettet."))
        return cleaned


class CaseCreateForm(Form):
    cpr = forms.CharField(label=_("CPR-nummer"), max_length=11,
                          widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    name = forms.CharField(label=_("Navn"), max_length=200)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=4,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    benefit = forms.ChoiceField(label=_("Ydelse"), choices=Benefit.choices)
    opened = forms.DateField(label=_("Sagen oprettet"), widget=DATE_WIDGET, validators=[fact_date])
    public_support_since = forms.DateField(label=_("På offentlig forsørgelse siden"), required=False,
                                           widget=DATE_WIDGET, validators=[support_date])
    fsm_group = forms.TypedChoiceField(label=_("'Flere skal med'-gruppe"), coerce=int, empty_value=None,
                                       required=False, choices=[("", _("Ikke visiteret"))] + FsmGroup.choices)
    primary_role = forms.ChoiceField(label=_("Din rolle på sagen"), choices=CaseRole.choices,
                                     initial=CaseRole.JOB_BROKER)

    def clean_cpr(self):
        return cpr_clean(self.cleaned_data["cpr"])

    def clean_postal_code(self):
        code = self.cleaned_data["postal_code"].strip()
        if not PostalCode.objects.filter(code=code).exists():
            raise ValidationError(_("Ukendt postnummer: %(code)s."), params={"code": code})
        return code




class CitizenEditForm(forms.Form):
    """The citizen's own details (shared by all the citizen's cases). CPR, birth date and sex never change here."""

    name = forms.CharField(label=_("Navn"), max_length=200)
    address = forms.CharField(label=_("Adresse"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postnummer"), max_length=4,
                                  widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False,
                             error_messages={"invalid": _("Skriv en gyldig e-mailadresse.")})

    clean_postal_code = CaseCreateForm.clean_postal_code
