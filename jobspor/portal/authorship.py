"""Who wrote a row that citizen and jobcentre share (the plan, the CV): the jobcentre or the citizen on Min side.

Stored on the row (not looked up from created_by at read time), so the staff pages can mark the citizen's own
additions without a query per row, and the mark survives whatever happens to the login later."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from .identity import Kind, user_kind


class AuthorKind(models.TextChoices):
    JOBCENTRE = "jobcenter", _("Jobcentret")
    CITIZEN = "borger", _("Borgeren")


def author_kind_of(actor) -> str:
    """The citizen on Min side, or the jobcentre (staff, commands and imports)."""
    return AuthorKind.CITIZEN if user_kind(actor) == Kind.CITIZEN else AuthorKind.JOBCENTRE
