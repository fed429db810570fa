from django.apps import AppConfig


class CompanyPortalConfig(AppConfig):
    """Virksomhedsindgang: the company's own door (C11)."""

    name = "jobspor.company_portal"
    label = "company_portal"
