from django.apps import AppConfig


class PortalConfig(AppConfig):
    """What the two self-service portals share: who is a portal user, keeping them apart from staff pages,
    logging a portal user in (demo login here; NemLog-in SAML in jobspor.portal.saml)."""

    name = "jobspor.portal"
    label = "portal"

    def ready(self):
        from . import verbs  # noqa: F401  (registers the portal verbs' Danish labels for the history)
