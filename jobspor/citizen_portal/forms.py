from django import forms
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form


class ConsentForm(Form):
    share_name = forms.BooleanField(label=_("Mit navn"), required=False)
    share_tasks = forms.BooleanField(label=_("De opgaver, jeg kan"), required=False)
    share_hours = forms.BooleanField(label=_("De timer, jeg ønsker at arbejde"), required=False)


class DemoLoginForm(Form):
    citizen = forms.IntegerField(widget=forms.HiddenInput)
