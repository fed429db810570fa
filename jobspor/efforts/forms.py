from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import ModelForm

from .models import Notification, ParallelEffort, RehabRecommendation

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Ugyldig dato."), "required": _("Angiv en dato.")}


class EffortForm(ModelForm):
    class Meta:
        model = ParallelEffort
        fields = ["sector", "description", "status", "start", "end", "contact_name", "contact_phone",
                  "contact_email", "note"]
        widgets = {"start": DATE_WIDGET, "end": DATE_WIDGET, "note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "sector": {"required": _("Vælg sektor."), "invalid_choice": _("Ukendt sektor.")},
            "status": {"invalid_choice": _("Ukendt status.")},
            "start": DATE_ERRORS, "end": DATE_ERRORS,
            "contact_email": {"invalid": _("Skriv en gyldig e-mailadresse.")},
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] < cleaned["start"]:
            self.add_error("end", _("Slutdatoen kan ikke ligge før startdatoen."))
        return cleaned

    def _post_clean(self):  # the service validates and saves; skip the model's own full_clean here
        pass


class RehabForm(ModelForm):
    class Meta:
        model = RehabRecommendation
        fields = ["date", "recommendation", "text"]
        widgets = {"date": DATE_WIDGET, "text": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"date": DATE_ERRORS,
                          "recommendation": {"required": _("Vælg indstilling."),
                                             "invalid_choice": _("Ukendt indstilling.")}}

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke ligge efter i dag."))
        return day

    def _post_clean(self):
        pass


class NotificationForm(ModelForm):
    class Meta:
        model = Notification
        fields = ["date", "recipient", "reason"]
        widgets = {"date": DATE_WIDGET, "reason": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"date": DATE_ERRORS,
                          "recipient": {"required": _("Angiv hvem underretningen er sendt til.")},
                          "reason": {"required": _("Skriv en kort begrundelse.")}}

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day and day > timezone.localdate():
            raise forms.ValidationError(_("Datoen kan ikke ligge efter i dag."))
        return day

    def _post_clean(self):
        pass
