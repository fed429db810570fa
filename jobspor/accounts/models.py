from django.contrib.auth.models import AbstractUser
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A login. Staff logins belong to an Employee (organisation app); portals will add their own."""

    class Meta:
        verbose_name = _("bruger")
        verbose_name_plural = _("brugere")
