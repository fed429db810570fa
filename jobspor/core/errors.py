"""Domain errors: services raise these; views and commands turn them into Danish messages."""

from django.core.exceptions import ValidationError

__all__ = ["ValidationError", "AccessDenied", "AuditUnavailable"]


class AccessDenied(Exception):
    """The user may not see or change this citizen's data."""


class AuditUnavailable(Exception):
    """The access log could not be written, so no citizen data may be returned."""
