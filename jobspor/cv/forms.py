import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form
from jobspor.core.versioning import VersionedFormMixin

from .choices import LICENCE_CLASSES, ExperienceKind, ItemKind, LanguageLevel, Transport
from .models import Cv
from .services import COMMUTE_MAX, HOURS_MAX, item_text_clean, licence_classes_clean

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

ITEM_LABELS = {
    ItemKind.TASK: (_("Ny arbejdsopgave"), _("Én konkret opgave borgeren kan løse, fx 'pakke varer'. Tryk Enter.")),
    ItemKind.COMPETENCY: (_("Ny kompetence"), _("Fx 'truckcertifikat' eller 'kender til HACCP'. Tryk Enter.")),
    ItemKind.JOB_WISH: (_("Nyt jobønske"), _("Hvad borgeren gerne vil arbejde med. Tryk Enter.")),
    ItemKind.ACCOMMODATION: (_("Nyt hensyn"), _("Hvad arbejdspladsen skal tage hensyn til, fx 'ingen tunge løft'.")),
}


class ItemForm(Form):
    """One line added to the CV: a task, competency, job wish or accommodation."""

    text = forms.CharField(max_length=1000, error_messages={"required": _("Skriv en tekst.")})

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, prefix=kind, **kwargs)
        self.kind = kind
        label, hint = ITEM_LABELS[kind]
        self.fields["text"].label = label
        self.fields["text"].help_text = hint
        self.fields["text"].widget.attrs.update({"autocomplete": "off", "enterkeyhint": "done"})

    def clean_text(self):
        try:
            return item_text_clean(self.kind, self.cleaned_data["text"])
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["text"]) from exc


class ExperienceForm(Form):
    kind = forms.ChoiceField(label=_("Slags"), choices=ExperienceKind.choices)
    title = forms.CharField(label=_("Hvad"), max_length=200, help_text=_("Fx 'Lagermedarbejder', 'Spejderleder'."))
    place = forms.CharField(label=_("Hvor"), max_length=200, required=False)
    start = forms.DateField(label=_("Fra"), widget=DATE_WIDGET)
    end = forms.DateField(label=_("Til"), widget=DATE_WIDGET, required=False,
                          help_text=_("Tomt, hvis det stadig står på."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="experience", **kwargs)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            self.add_error("end", _("Til-datoen kan ikke ligge før fra-datoen."))
        return cleaned


class JobGoalForm(Form):
    title = forms.CharField(label=_("Nyt jobmål"), max_length=200,
                            help_text=_("Et realistisk job, fx 'Lagermedarbejder'."))
    set_on = forms.DateField(label=_("Dato for jobmålet"), widget=DATE_WIDGET)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"set_on": timezone.localdate()})
        super().__init__(*args, prefix="goal", **kwargs)


class LanguageForm(Form):
    language = forms.CharField(label=_("Sprog"), max_length=60)
    level = forms.ChoiceField(label=_("Niveau"), choices=LanguageLevel.choices)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="language", **kwargs)


class DetailsForm(VersionedFormMixin, Form):
    version_model = Cv

    hours_now = forms.IntegerField(label=_("Timer pr. uge nu"), required=False, min_value=0, max_value=HOURS_MAX)
    hours_wanted = forms.IntegerField(label=_("Ønskede timer pr. uge"), required=False, min_value=0,
                                      max_value=HOURS_MAX)
    max_commute_km = forms.IntegerField(label=_("Højst transport til arbejde (km)"), required=False, min_value=0,
                                        max_value=COMMUTE_MAX)
    transport = forms.MultipleChoiceField(label=_("Transportmidler"), choices=Transport.choices, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    driving_licence = forms.CharField(label=_("Kørekort"), required=False, max_length=100,
                                      help_text=_("Kategorier adskilt med komma, fx 'B, BE'. Kendte: %(known)s.")
                                      % {"known": ", ".join(LICENCE_CLASSES)})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="details", **kwargs)

    def clean_driving_licence(self):
        classes = [c for c in re.split(r"[,\s;/]+", self.cleaned_data["driving_licence"]) if c]
        try:
            return licence_classes_clean(classes)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["driving_licence"]) from exc


class StatementForm(Form):
    company_name = forms.CharField(label=_("Virksomhed"), max_length=200)
    given_by = forms.CharField(label=_("Givet af"), max_length=200,
                               help_text=_("Navn og stilling på virksomheden, fx 'Lone Berg, lagerchef'."))
    given_on = forms.DateField(label=_("Dato"), widget=DATE_WIDGET)
    text = forms.CharField(label=_("Udtalelse"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"given_on": timezone.localdate()})
        super().__init__(*args, prefix="statement", **kwargs)

    def clean_given_on(self):
        given_on = self.cleaned_data["given_on"]
        if given_on > timezone.localdate():
            raise ValidationError(_("En udtalelse kan ikke være givet i fremtiden."))
        return given_on


# --- Min side: the citizen's own lines and hours ---------------------------------------------------------------

CITIZEN_ITEM_LABELS = {
    ItemKind.TASK: (_("Ny opgave, du kan løse"), _("Én konkret opgave, fx 'pakke varer' eller 'køre truck'.")),
    ItemKind.JOB_WISH: (_("Nyt jobønske"), _("Hvad du gerne vil arbejde med, fx 'lager' eller 'køkken'.")),
}


class CitizenItemForm(ItemForm):
    """A task or job wish the citizen adds on Min side (same rules as staff's, the citizen's words)."""

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, kind=kind, **kwargs)
        label, hint = CITIZEN_ITEM_LABELS[kind]
        self.fields["text"].label = label
        self.fields["text"].help_text = hint


class CitizenHoursForm(Form):
    hours_wanted = forms.IntegerField(
        label=_("Hvor mange timer om ugen kan du arbejde?"), required=False, min_value=0, max_value=HOURS_MAX,
        help_text=_("Et helt tal fra 0 til %(max)d. Din jobformidler ser det, du skriver.") % {"max": HOURS_MAX},
        error_messages={"invalid": _("Skriv et helt antal timer, fx 15."),
                        "min_value": _("Timer pr. uge kan ikke være under 0."),
                        "max_value": _("Højst %(max)d timer pr. uge.") % {"max": HOURS_MAX}})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="timer", **kwargs)
