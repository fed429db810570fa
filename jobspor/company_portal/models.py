"""Company users: people at a company who log in with MitID Erhverv."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobspor.companies.models import Company


class CompanyUser(models.Model):
    """A person at a company. The CVR in the MitID Erhverv assertion ties them to the company; their rights come
    from the privileges in the assertion or from the company's own administrator."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="company_user",
                                verbose_name=_("bruger"))
    company = models.ForeignKey(Company, on_delete=models.PROTECT, related_name="portal_users",
                                verbose_name=_("virksomhed"))
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    # The persistent MitID Erhverv identifier (UUID) of the person; empty for demo users and invitations.
    mitid_uuid = models.CharField(_("MitID Erhverv-id"), max_length=100, blank=True)
    is_admin = models.BooleanField(_("administrator for virksomheden"), default=False)
    can_sign = models.BooleanField(_("må underskrive arbejdsaftaler"), default=False)
    can_report_hours = models.BooleanField(_("må indberette timer"), default=False)
    is_active = models.BooleanField(_("aktiv"), default=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("virksomhedsbruger")
        verbose_name_plural = _("virksomhedsbrugere")
        ordering = ["company", "name"]
        constraints = [
            models.UniqueConstraint(fields=["mitid_uuid"], condition=~models.Q(mitid_uuid=""),
                                    name="company_user_unique_mitid_uuid"),
        ]

    def __str__(self):
        return f"{self.name} ({self.company})"
