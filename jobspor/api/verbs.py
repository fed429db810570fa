from django.db import models
from django.utils.translation import gettext_lazy as _

from jobspor.audit.verbs import register_verbs


class ApiVerb(models.TextChoices):
    SYSTEM_CREATED = "api_system_created", _("Integrerende system oprettet")
    SECRET_RENEWED = "api_secret_renewed", _("Integrerende systems hemmelighed fornyet")


register_verbs(ApiVerb)
