"""How letters leave Jobspor: a small interface with one transport per way (settings.JOBSPOR_LETTER_TRANSPORT).

A transport gets the rendered PDF and, for Digital Post, the MeMo message (already checked against the schema) and
returns a Delivery, or raises TransportError with a Danish reason that the case page shows; the letter then stays
in the outbox and is tried again (services.letter_deliver). Paper letters (a citizen exempt from Digital Post or
without a CPR number) always go to the outbox folder's "fysisk" print queue."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Delivery:
    transport: str
    message_id: str


class TransportError(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def digital_transport():
    name = settings.JOBSPOR_LETTER_TRANSPORT
    if name == "outbox":
        from .outbox import OutboxTransport

        return OutboxTransport()
    if name == "digital_post":
        from .digital_post import DigitalPostTransport

        return DigitalPostTransport()
    raise ImproperlyConfigured(f"JOBSPOR_LETTER_TRANSPORT must be 'outbox' or 'digital_post', not {name!r}")


def paper_transport():
    from .outbox import OutboxTransport

    return OutboxTransport(paper=True)
