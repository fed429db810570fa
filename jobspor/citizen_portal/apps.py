from django.apps import AppConfig


class CitizenPortalConfig(AppConfig):
    """Min side: the citizen's own door (C11)."""

    name = "jobspor.citizen_portal"
    label = "citizen_portal"
