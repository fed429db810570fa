"""Writes to logins: turning on two-step login (TOTP), each step audited."""

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobspor.audit.services import event_record


class AccountVerb(models.TextChoices):
    TOTP_STARTED = "totp_started", _("Opsætning af totrinsbekræftelse begyndt")
    TOTP_ENABLED = "totp_enabled", _("Totrinsbekræftelse slået til")
    PASSWORD_CHANGED = "password_changed", _("Adgangskode skiftet")


@transaction.atomic
def totp_begin(*, user) -> TOTPDevice:
    """A new, unconfirmed device with its secret (shown once as a QR code) — unless one is already waiting."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Jobspor", confirmed=False)
        event_record(actor=user, verb=AccountVerb.TOTP_STARTED, target=device)
    return device


@transaction.atomic
def totp_confirm(*, user, device: TOTPDevice, token: str) -> bool:
    """Confirm the device with one code from the app; False if the code does not match (nothing changes)."""
    if not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    event_record(actor=user, verb=AccountVerb.TOTP_ENABLED, target=device, after={"device": device.name})
    return True
