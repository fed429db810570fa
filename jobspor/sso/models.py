"""Which groups at the identity provider give which Jobspor roles and team, and which login belongs to whom."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from jobspor.core.models import BaseModel
from jobspor.core.roles import Role


class Source(models.TextChoices):
    OIDC = "oidc", _("Kommunens login (OpenID Connect)")
    KOMBIT = "kombit", _("KOMBIT adgangsstyring (SAML)")


class GroupMapping(BaseModel):
    """One group (OpenID Connect: a value of the groups/roles claim, e.g. an Entra ID group's object id or an app
    role; KOMBIT: a privilege URI) gives one role, and optionally a team. A group may have several rows (several
    roles). A login whose groups match no row is refused."""

    source = models.CharField(_("login"), max_length=10, choices=Source.choices, default=Source.OIDC)
    group = models.CharField(_("gruppe eller rettighed"), max_length=300,
                             help_text=_("Værdien præcis som identitetsudbyderen sender den."))
    role = models.CharField(_("rolle"), max_length=40, choices=Role.choices)
    team = models.ForeignKey("organisation.Team", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("team"))
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Fx gruppens navn i AD."))

    class Meta:
        verbose_name = _("gruppe til rolle")
        verbose_name_plural = _("grupper til roller (single sign-on)")
        ordering = ["source", "group", "role"]
        constraints = [models.UniqueConstraint(fields=["source", "group", "role"], name="sso_mapping_unique")]

    def __str__(self):
        return f"{self.group} → {self.get_role_display()}"


class StaffIdentity(models.Model):
    """The identity provider's subject of an employee: found by e-mail at the first login, by subject after."""

    source = models.CharField(_("login"), max_length=10, choices=Source.choices)
    subject = models.CharField(_("subject"), max_length=300)
    employee = models.ForeignKey("organisation.Employee", on_delete=models.CASCADE, related_name="sso_identities",
                                 verbose_name=_("medarbejder"))
    first_login = models.DateTimeField(_("første login"), auto_now_add=True)
    last_login = models.DateTimeField(_("seneste login"), auto_now=True)

    class Meta:
        verbose_name = _("login hos identitetsudbyder")
        verbose_name_plural = _("logins hos identitetsudbyder")
        constraints = [models.UniqueConstraint(fields=["source", "subject"], name="sso_identity_unique")]

    def __str__(self):
        return f"{self.get_source_display()}: {self.subject}"
