from django.apps import AppConfig


class CompanyPortalConfig(AppConfig):
    """Virksomhedsindgang: the company's own door (C11)."""

    name = "jobspor.company_portal"
    label = "company_portal"

    def ready(self):
        from jobspor.companies import activity

        from . import verbs  # noqa: F401  (the labels of the company portal's events)
        from .activity import portal_points

        activity.register_source(portal_points)
