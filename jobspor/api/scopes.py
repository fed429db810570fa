"""What an integrating system may do. Each endpoint names the scope it needs for reading or writing; a system holds
only the scopes the municipality gave it (IntegrationSystem.scopes)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    CASES_READ = "cases:read", _("Læse sager")
    CV_READ = "cv:read", _("Læse CV")
    PLANS_READ = "plans:read", _("Læse planer")
    PLACEMENTS_READ = "placements:read", _("Læse virksomhedsforløb")
    HOURS_READ = "hours:read", _("Læse timer")
    HOURS_WRITE = "hours:write", _("Registrere timer")
    OPENINGS_READ = "openings:read", _("Læse jobåbninger")
    OPENINGS_WRITE = "openings:write", _("Oprette og rette jobåbninger")
    COMPANIES_READ = "companies:read", _("Læse virksomheder")
    KPI_READ = "kpi:read", _("Læse nøgletal")
