from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SamlMessageSeen(models.Model):
    """The id of a SAML response or assertion this installation has accepted. Each is used once: a second use is a
    replay and is refused (jobspor.portal.saml.replay). Kept until it would have expired anyway, then pruned."""

    message_id = models.CharField(_("SAML-id"), max_length=200, unique=True)
    seen_at = models.DateTimeField(_("modtaget"), default=timezone.now)
    expires_at = models.DateTimeField(_("udløber"), db_index=True)

    class Meta:
        verbose_name = _("brugt SAML-id")
        verbose_name_plural = _("brugte SAML-id'er")

    def __str__(self):
        return self.message_id
