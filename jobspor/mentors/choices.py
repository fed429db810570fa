from django.db import models
from django.utils.translation import gettext_lazy as _


class MentorKind(models.TextChoices):
    STAFF = "medarbejder", _("Mentor ansat i jobcentret")
    VOLUNTEER = "frivillig", _("Frivillig mentor")


class Decision(models.TextChoices):
    CONTINUE = "fortsaet", _("Fortsæt")
    ADJUST = "juster", _("Justér")
    END = "afslut", _("Afslut")
