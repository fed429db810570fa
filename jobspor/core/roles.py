"""Staff roles. Codes as in interchange.md; Danish names in the UI."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    JOB_BROKER = "jobformidler", _("Jobformidler")
    CASEWORKER = "myndighedssagsbehandler", _("Myndighedssagsbehandler")
    COMPANY_CONSULTANT = "virksomhedskonsulent", _("Virksomhedskonsulent")
    MENTOR = "mentor", _("Mentor")
    MANAGER = "leder", _("Leder")
    ADMINISTRATOR = "administrator", _("Administrator")


class CaseRole(models.TextChoices):
    """Roles a staff member can have on one case (administrators are never attached by role)."""

    JOB_BROKER = "jobformidler", _("Jobformidler")
    CASEWORKER = "myndighedssagsbehandler", _("Myndighedssagsbehandler")
    COMPANY_CONSULTANT = "virksomhedskonsulent", _("Virksomhedskonsulent")
    MENTOR = "mentor", _("Mentor")
    MANAGER = "leder", _("Leder")


# Roles that see every case of their own team (mentors and administrators see only cases they are on).
TEAM_SCOPE_ROLES = {Role.JOB_BROKER, Role.CASEWORKER, Role.COMPANY_CONSULTANT, Role.MANAGER}
