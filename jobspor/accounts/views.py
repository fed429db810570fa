import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobspor.audit.services import event_record

from .forms import LoginForm, TotpConfirmForm
from .services import AccountVerb, totp_begin, totp_confirm


class LogoutView(auth_views.LogoutView):
    """"Log af" (POST). After a login with the municipality's login (OpenID Connect), the browser goes on to the
    provider's logout, which ends its session there too and sends the browser back to the login page; otherwise to
    the login page as before."""

    def post(self, request, *args, **kwargs):
        from jobspor.sso.oidc import provider_logout_url

        at_provider = provider_logout_url(request)  # read before logout() empties the session
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(at_provider) if at_provider else response


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from jobspor.portal.saml.staff import kombit_configured
        from jobspor.sso.oidc import oidc_configured

        context = super().get_context_data(**kwargs)
        context["oidc_login"] = oidc_configured()
        context["kombit_login"] = kombit_configured()
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """The user changes their own password (the old one first; the validators of settings apply)."""

    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):
        response = super().form_valid(form)
        event_record(actor=self.request.user, verb=AccountVerb.PASSWORD_CHANGED, target=self.request.user)
        messages.success(self.request, _("Din adgangskode er skiftet."))
        return response

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


def totp_setup(request):
    """Turn on two-step login: begin (a POST makes the secret), scan the QR code, confirm with one code from the
    app. Showing the page changes nothing; each step is recorded as an event."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    has_confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    form = TotpConfirmForm(request.POST if request.method == "POST" and "token" in request.POST else None)
    if request.method == "POST" and not has_confirmed:
        if "begin" in request.POST:
            totp_begin(user=request.user)
            return redirect("accounts:totp")
        if device is not None and form.is_valid():
            if totp_confirm(user=request.user, device=device, token=form.cleaned_data["token"]):
                otp_login(request, device)
                messages.success(request, _("Totrinsbekræftelse er slået til."))
                return redirect("accounts:totp")
            form.add_error("token", _("Koden passer ikke. Prøv den næste kode fra din app."))
    qr_svg = None
    if device is not None and not has_confirmed:
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
        buffer = BytesIO()
        image.save(buffer)
        qr_svg = base64.b64encode(buffer.getvalue()).decode()
    return render(
        request,
        "accounts/totp_setup.html",
        {"device": device, "has_confirmed": has_confirmed, "form": form, "qr_svg": qr_svg},
        status=400 if form.errors else 200,
    )
