import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .forms import LoginForm, TotpConfirmForm


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            otp_login(self.request, form.otp_device)
        return response


def totp_setup(request):
    """Turn on two-step login: show a QR code, confirm with one code from the app."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    has_confirmed = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
    if device is None and not has_confirmed:
        device = TOTPDevice.objects.create(user=request.user, name="Jobspor", confirmed=False)
    form = TotpConfirmForm(request.POST or None)
    if device is not None and request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, _("Totrinsbekræftelse er slået til."))
            return redirect("accounts:totp")
        form.add_error("token", _("Koden passer ikke. Prøv den næste kode fra din app."))
    qr_svg = None
    if device is not None:
        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
        buffer = BytesIO()
        image.save(buffer)
        qr_svg = base64.b64encode(buffer.getvalue()).decode()
    return render(
        request,
        "accounts/totp_setup.html",
        {"device": device, "has_confirmed": has_confirmed, "form": form, "qr_svg": qr_svg},
    )
