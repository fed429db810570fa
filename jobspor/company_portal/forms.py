from django import forms
from django.utils.translation import gettext_lazy as _

from jobspor.core.forms import Form


class InviteForm(Form):
    name = forms.CharField(label=_("Navn"), max_length=200, error_messages={"required": _("Skriv kollegaens navn.")})
    email = forms.EmailField(label=_("E-mail"), help_text=_("Kollegaen logger ind med MitID Erhverv; e-mailen "
                                                             "binder invitationen til deres login."),
                             error_messages={"required": _("Skriv kollegaens e-mail."),
                                             "invalid": _("Skriv en gyldig e-mailadresse.")})
    can_sign = forms.BooleanField(label=_("Må underskrive arbejdsaftaler"), required=False)
    can_report_hours = forms.BooleanField(label=_("Må indberette timer"), required=False)
    is_admin = forms.BooleanField(label=_("Administrator (må invitere kolleger og give rettigheder)"),
                                  required=False)


class RightsForm(Form):
    can_sign = forms.BooleanField(label=_("Må underskrive arbejdsaftaler"), required=False)
    can_report_hours = forms.BooleanField(label=_("Må indberette timer"), required=False)
    is_admin = forms.BooleanField(label=_("Administrator (må invitere kolleger og give rettigheder)"),
                                  required=False)
    is_active = forms.BooleanField(label=_("Aktiv (må logge ind)"), required=False)
