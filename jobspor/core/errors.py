"""Domain errors: services raise these; views and commands turn them into Danish messages."""

from django.core.exceptions import PermissionDenied, ValidationError

__all__ = ["ValidationError", "AccessDenied", "AccessRefused", "AuditUnavailable"]


class AccessDenied(Exception):
    """The user may not see or change this citizen's data."""


class AuditUnavailable(Exception):
    """The access log could not be written, so no citizen data may be returned."""


class AccessRefused(PermissionDenied):
    """A refusal that tells the user why, in Danish and in their own terms (shown on the 403 page)."""

    def __init__(self, reason: str, *, logged: bool = True):
        super().__init__(reason)
        self.reason = reason
        self.logged = logged  # the attempt is in the access log (the page says so)
