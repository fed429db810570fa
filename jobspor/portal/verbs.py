from django.db import models
from django.utils.translation import gettext_lazy as _

from jobspor.audit.verbs import register_verbs


class PortalVerb(models.TextChoices):
    PORTAL_LOGIN = "portal_login", _("Logget ind på selvbetjeningen")
    PORTAL_USER_CREATED = "portal_user_created", _("Selvbetjeningslogin oprettet")
    CONSENT_RECORDED = "consent_recorded", _("Samtykke til deling med virksomheder registreret")


register_verbs(PortalVerb)
