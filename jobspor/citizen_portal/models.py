"""The citizen's login and what the citizen decides about their own data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.citizens.models import Citizen


class CitizenUser(models.Model):
    """The login of a citizen on Min side. Made at the first MitID login (the CPR in the assertion names the
    citizen); it has no password and no staff rights."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="citizen_user",
                                verbose_name=_("bruger"))
    citizen = models.OneToOneField(Citizen, on_delete=models.PROTECT, related_name="portal_user",
                                   verbose_name=_("borger"))
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("borgerlogin")
        verbose_name_plural = _("borgerlogins")

    def __str__(self):
        return str(self.citizen)


class CandidateConsent(models.Model):
    """What a company may see of the citizen when a jobformidler proposes them as a candidate. Each change is a
    new row (nothing is overwritten); the newest row is in force, and withdrawing takes effect at once.
    CPR number and health are never shared, whatever is chosen."""

    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="candidate_consents",
                                verbose_name=_("borger"))
    share_name = models.BooleanField(_("mit navn"), default=False)
    share_tasks = models.BooleanField(_("de opgaver, jeg kan"), default=False)
    share_hours = models.BooleanField(_("de timer, jeg ønsker"), default=False)
    given_at = models.DateTimeField(_("tidspunkt"), default=timezone.now)
    # Who recorded it: the citizen on Min side, or staff on the citizen's behalf (then with a note).
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("registreret af"))
    on_behalf = models.BooleanField(_("registreret af jobcentret på borgerens vegne"), default=False)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("samtykke til deling med virksomheder")
        verbose_name_plural = _("samtykker til deling med virksomheder")
        ordering = ["-given_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(on_behalf=True, note=""),
                                   name="consent_on_behalf_has_note"),
        ]

    def __str__(self):
        return f"{self.citizen}: {self.given_at:%Y-%m-%d %H:%M}"

    @property
    def shares_anything(self) -> bool:
        return self.share_name or self.share_tasks or self.share_hours
