"""The MeMo message of a letter (Digital Post's message format, version 1.1), built with the data classes of the
municipal client python-serviceplatformen and serialised by its own xml_util — the same bytes its SF1601 client
sends — then checked against the schema in data/ (see data/README.md for what that schema is).

The library's classes default to memoVersion 1.2; Jobspor writes 1.1, the last version with a published schema,
which Digital Post still accepts. The library writes date-times with a literal "Z", so they are given in UTC here."""

import base64
import datetime as dt
import uuid
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from python_serviceplatformen.models import message as memo
from python_serviceplatformen.models.xml_util import dataclass_to_xml_string

SCHEMA = Path(__file__).parent / "data" / "memo-1.1-jobspor.xsd"
VERSION = {"memoVersion": "1.1", "memoSchVersion": "1.1.0"}
CASE_SYSTEM = "Jobspor"


class MemoInvalid(Exception):
    """The message does not follow the MeMo schema (a bug in Jobspor, not the user's input)."""


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC)


def _cut(text: str, length: int = 256) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1] + "…"


def pdf_filename(letter) -> str:
    return f"brev-{letter.case.external_id}-{letter.pk}.pdf"


def build(letter, *, pdf: bytes, sender_label: str) -> memo.Message:
    """The MeMo message for a letter that is addressed by CPR (Digital Post)."""
    cvr = settings.JOBSPOR_LETTER_SENDER_CVR
    if not cvr:
        raise MemoInvalid(_("Kommunens CVR-nummer som afsender af Digital Post er ikke sat "
                            "(JOBSPOR_LETTER_SENDER_CVR)."))
    actions = None
    if letter.meeting_start and letter.meeting_end:
        place = letter.meeting_place or letter.meeting_video_link
        actions = (memo.Action(
            label=_("Opret aftale i kalender"), actionCode="AFTALE",
            reservation=memo.Reservation(
                description=_cut(letter.subject), reservationUUID=str(_reservation_uuid(letter)),
                abstract=_cut(_("Samtale i jobcentret")), location=_cut(place),
                startDateTime=_utc(letter.meeting_start), endDateTime=_utc(letter.meeting_end))),)
    message = memo.Message(
        messageHeader=memo.MessageHeader(
            messageType="DIGITALPOST", messageUUID=str(letter.memo_uuid), messageID=f"jobspor-brev-{letter.pk}",
            label=_cut(letter.subject), mandatory=False, legalNotification=False,
            sender=memo.Sender(senderID=cvr, idType="CVR", label=_cut(sender_label)),
            recipient=memo.Recipient(recipientID=letter.case.citizen.cpr, idType="CPR",
                                     label=_cut(letter.recipient_name)),
            contentData=memo.ContentData(caseID=memo.CaseID(caseID=letter.case.external_id, caseSystem=CASE_SYSTEM))),
        messageBody=memo.MessageBody(
            createdDateTime=_utc(letter.queued_at),
            mainDocument=memo.MainDocument(
                label=_cut(letter.subject),
                files=(memo.File(encodingFormat="application/pdf", filename=pdf_filename(letter), language="da",
                                 content=base64.b64encode(pdf).decode("ascii")),),
                actions=actions)))
    message.__attributes__ = dict(VERSION)  # the instance's own: the class says 1.2
    return message


def _reservation_uuid(letter) -> uuid.UUID:
    """A stable version-4-shaped id for the calendar reservation, derived from the message's own id."""
    raw = bytearray(uuid.uuid5(letter.memo_uuid, "aftale").bytes)
    raw[6] = (raw[6] & 0x0F) | 0x40
    raw[8] = (raw[8] & 0x3F) | 0x80
    return uuid.UUID(bytes=bytes(raw))


def to_xml(message: memo.Message) -> str:
    return dataclass_to_xml_string(message)


@lru_cache(maxsize=1)
def schema():
    import xmlschema

    return xmlschema.XMLSchema(str(SCHEMA))


def validate(xml: str) -> None:
    """Raises MemoInvalid with the schema's reasons."""
    errors = list(schema().iter_errors(xml))
    if errors:
        raise MemoInvalid("; ".join(str(e.reason or e.message) for e in errors[:5]))


def memo_xml(letter, *, pdf: bytes, sender_label: str) -> str:
    xml = to_xml(build(letter, pdf=pdf, sender_label=sender_label))
    validate(xml)
    return xml
