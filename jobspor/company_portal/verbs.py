from django.db import models
from django.utils.translation import gettext_lazy as _

from jobspor.audit.verbs import register_verbs


class CompanyPortalVerb(models.TextChoices):
    USER_INVITED = "portal_user_invited", _("Kollega inviteret til Virksomhedsindgangen")
    USER_RIGHTS = "portal_user_rights", _("Virksomhedsbrugers rettigheder ændret")
    INVITATION_BOUND = "portal_invitation_bound", _("Invitation bundet til MitID Erhverv")


register_verbs(CompanyPortalVerb)
