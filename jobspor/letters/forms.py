import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form

from .choices import LetterKind


class LetterNewForm(Form):
    """A new letter: the kind, and for a meeting invitation the meeting (until the calendar books it)."""

    kind = forms.ChoiceField(label=_("Brevtype"), choices=LetterKind.choices, widget=forms.RadioSelect,
                             initial=LetterKind.FREE)
    date = forms.DateField(label=_("Mødedato"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=_("Fra kl."), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=_("Til kl."), required=False, widget=forms.TimeInput(attrs={"type": "time"}))
    place = forms.CharField(label=_("Mødested"), max_length=300, required=False)
    video_link = forms.URLField(label=_("Videolink"), max_length=500, required=False, assume_scheme="https")

    def clean(self):
        data = super().clean()
        if data.get("kind") != LetterKind.MEETING:
            return data
        for name in ("date", "start", "end"):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Udfyld mødets dato og tid."))
        if data.get("start") and data.get("end") and data["end"] <= data["start"]:
            self.add_error("end", _("Mødet skal slutte efter det begynder."))
        if not (data.get("place") or "").strip() and not data.get("video_link") and "video_link" not in self.errors:
            self.add_error("place", _("Angiv hvor mødet holdes (eller et videolink)."))
        return data

    def meeting(self) -> dict:
        data = self.cleaned_data
        tz = timezone.get_current_timezone()
        return {"start": dt.datetime.combine(data["date"], data["start"], tzinfo=tz),
                "end": dt.datetime.combine(data["date"], data["end"], tzinfo=tz),
                "place": data["place"], "video_link": data["video_link"]}


class LetterEditForm(Form):
    subject = forms.CharField(label=_("Overskrift"), max_length=200)
    body = forms.CharField(label=_("Brevtekst"), widget=forms.Textarea(attrs={"rows": 16}))


class ExemptionForm(Form):
    exempt = forms.BooleanField(label=_("Borgeren er fritaget for Digital Post"), required=False)
    reason = forms.CharField(label=_("Begrundelse"), max_length=300, required=False)
