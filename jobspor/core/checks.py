"""`jobspor check --deploy`: what Django's own deployment checks do not know about Jobspor."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def security_contact(app_configs, **kwargs):
    contact = getattr(settings, "JOBSPOR_SECURITY_CONTACT", "")
    if contact.startswith(("mailto:", "https://", "tel:")):
        return []
    return [Warning(
        "JOBSPOR_SECURITY_CONTACT is not set to a mailto:, https: or tel: URL, so /.well-known/security.txt "
        "tells nobody where to report a vulnerability.",
        hint="Set it to e.g. mailto:it-sikkerhed@kommune.dk (docs/deploy.md).", id="jobspor.W001")]


@register(Tags.security, deploy=True)
def demo_logins_off(app_configs, **kwargs):
    if getattr(settings, "JOBSPOR_DEMO_LOGINS", False):
        return [Warning("JOBSPOR_DEMO_LOGINS is on: anyone can log in to Min side and Virksomhedsindgang without "
                        "MitID.", hint="Use config.settings.production, which turns them off.", id="jobspor.W002")]
    return []
