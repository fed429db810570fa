"""The jobcentre's organisation: jobcentre → departments → teams → employees with roles."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobspor.core.models import BaseModel
from jobspor.core.roles import TEAM_SCOPE_ROLES, Role


class Jobcentre(BaseModel):
    name = models.CharField(_("navn"), max_length=200)
    municipality_code = models.CharField(_("kommunekode"), max_length=3, blank=True)

    class Meta:
        verbose_name = _("jobcenter")
        verbose_name_plural = _("jobcentre")

    def __str__(self):
        return self.name


class Department(BaseModel):
    jobcentre = models.ForeignKey(Jobcentre, on_delete=models.PROTECT, related_name="departments",
                                  verbose_name=_("jobcenter"))
    name = models.CharField(_("navn"), max_length=200)

    class Meta:
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelinger")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Team(BaseModel):
    external_id = models.CharField(_("id"), max_length=64, unique=True)
    name = models.CharField(_("navn"), max_length=200)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="teams", verbose_name=_("afdeling"))

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]

    def __str__(self):
        return self.name


def validate_roles(value):
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Angiv mindst én rolle."), code="roles_empty")
    unknown = [r for r in value if r not in Role.values]
    if unknown:
        raise ValidationError(
            _("Ukendt rolle: %(roles)s."), params={"roles": ", ".join(map(str, unknown))}, code="roles_unknown"
        )


class Employee(BaseModel):
    external_id = models.CharField(_("id"), max_length=64, unique=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="employee", verbose_name=_("brugerkonto"))
    name = models.CharField(_("navn"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telefon"), max_length=30, blank=True)
    team = models.ForeignKey(Team, on_delete=models.PROTECT, null=True, blank=True, related_name="employees",
                             verbose_name=_("team"))
    roles = models.JSONField(_("roller"), default=list, validators=[validate_roles])
    is_active = models.BooleanField(_("aktiv"), default=True)

    class Meta:
        verbose_name = _("medarbejder")
        verbose_name_plural = _("medarbejdere")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def has_role(self, role) -> bool:
        return str(role) in self.roles

    @property
    def sees_team_cases(self) -> bool:
        return any(r in TEAM_SCOPE_ROLES for r in self.roles)

    @property
    def is_manager(self) -> bool:
        return self.has_role(Role.MANAGER)

    @property
    def is_administrator(self) -> bool:
        return self.has_role(Role.ADMINISTRATOR)

    def role_labels(self):
        return [Role(r).label for r in self.roles if r in Role.values]
