from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, match_token

from jobspor.core.forms import BoundedFields, Form


class LoginForm(BoundedFields, AuthenticationForm):
    """Password login with an optional TOTP code for users who have turned on two-step login."""

    otp_token = forms.CharField(
        label=_("Engangskode"),
        required=False,
        max_length=8,
        help_text=_("Kun hvis du har slået totrinsbekræftelse til: de 6 cifre fra din app."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    error_messages = {
        "invalid_login": _("Forkert brugernavn eller adgangskode."),
        "inactive": _("Denne konto er deaktiveret."),
    }

    def clean(self):
        from .throttle import address_blocked, second_factor_failed

        if address_blocked(self.request):
            raise forms.ValidationError(
                _("For mange mislykkede login fra din netværksadresse. Vent en halv time, og prøv igen, eller kontakt "
                  "IT-supporten."), code="address_blocked")
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        confirmed = [d for d in devices_for_user(user, confirmed=True)]
        if confirmed:
            token = (cleaned.get("otp_token") or "").strip()
            if not token:
                raise forms.ValidationError(_("Indtast engangskoden fra din app."), code="otp_required")
            device = match_token(user, token)
            if device is None:
                second_factor_failed(self.request, user.get_username())
                raise forms.ValidationError(_("Engangskoden er forkert eller udløbet."), code="otp_invalid")
            self.otp_device = device
        else:
            self.otp_device = None
        return cleaned


class TotpConfirmForm(Form):
    token = forms.CharField(label=_("Engangskode fra din app"), max_length=8)
