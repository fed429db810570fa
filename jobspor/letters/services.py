"""Writing letters. Every change is one transaction with an audit event; views, the calendar and the command call
these.

Sending is two steps so nothing is lost: `letter_send` renders the PDF once, keeps it (outside the web root) and puts
the letter in the outbox — then `letter_deliver` hands it to the transport. A delivery that fails keeps the Danish
reason on the letter, which stays pending and is tried again (by `jobspor send_letters`, or "Prøv igen" on the case).
"""

import datetime as dt
import logging
import uuid

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.documents.files import documents_dir, store

from . import memo, texts
from .addressing import letter_address
from .choices import PENDING, Channel, LetterKind, LetterStatus
from .models import DigitalPostExemption, Letter
from .pdf import letter_pdf
from .transports import TransportError, digital_transport, paper_transport
from .verbs import LetterVerb

logger = logging.getLogger(__name__)

# A delivery in progress is not picked up by another worker for this long; after a failure the next automatic
# attempt waits a little longer each time (minutes), at most an hour. "Prøv igen" does not wait.
LEASE = dt.timedelta(minutes=5)
BACKOFF_MINUTES = (1, 5, 15, 30, 60)


def _event(actor, verb, letter, **after):
    event_record(actor=actor, verb=verb, target=letter, citizen_id=letter.case.citizen_id, case_id=letter.case_id,
                 after={"subject": letter.subject, "kind": letter.kind, **after})


def _check_text(subject: str, body: str) -> None:
    errors = {}
    if not (subject or "").strip():
        errors["subject"] = _("Skriv en overskrift på brevet.")
    if not (body or "").strip():
        errors["body"] = _("Brevet har ingen tekst.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def letter_draft(*, actor, case, kind, subject=None, body=None) -> Letter:
    """A new draft of a plan, agreement or free letter, its text merged from the case (ValidationError in Danish
    when the case has no plan or agreement to send)."""
    if kind == LetterKind.MEETING:
        raise ValidationError(_("En mødeindkaldelse laves med mødets tid og sted."), code="meeting")
    merged_subject, merged_body = texts.initial_text(case, kind)
    subject = merged_subject if subject is None else subject
    body = merged_body if body is None else body
    if kind != LetterKind.FREE:
        _check_text(subject, body)
    letter = Letter(case=case, kind=kind, subject=(subject or "").strip()[:200], body=body)
    letter.stamp(actor)
    letter.save()
    _event(actor, LetterVerb.DRAFTED, letter)
    return letter


@transaction.atomic
def draft_meeting_invitation(case, *, actor, start, end, place, video_link="") -> Letter:
    """A meeting invitation (mødeindkaldelse) as a draft, from plain values — the calendar calls this with its
    appointment's start, end, place and video link."""
    if start is None or end is None:
        raise ValidationError(_("Angiv mødets start og slut."), code="meeting_time")
    if end <= start:
        raise ValidationError({"end": _("Mødet skal slutte efter det begynder.")}, code="meeting_order")
    if not (place or "").strip() and not video_link:
        raise ValidationError({"place": _("Angiv hvor mødet holdes (eller et videolink).")}, code="meeting_place")
    subject, body = texts.meeting_text(case, start=start, end=end, place=(place or "").strip() or _("Videomøde"),
                                       video_link=video_link)
    letter = Letter(case=case, kind=LetterKind.MEETING, subject=subject[:200], body=body, meeting_start=start,
                    meeting_end=end, meeting_place=(place or "").strip()[:300], meeting_video_link=video_link or "")
    letter.stamp(actor)
    letter.save()
    _event(actor, LetterVerb.DRAFTED, letter, meeting_start=start, meeting_end=end)
    return letter


def _must_be_draft(letter) -> None:
    if letter.status != LetterStatus.DRAFT:
        raise ValidationError(_("Brevet er sendt af sted og kan ikke længere ændres."), code="not_draft")


@transaction.atomic
def letter_update(*, actor, letter, subject, body) -> Letter:
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    _must_be_draft(letter)
    _check_text(subject, body)
    before = {"subject": letter.subject, "body": letter.body}
    letter.subject, letter.body = subject.strip()[:200], body
    letter.stamp(actor)
    letter.save(update_fields=["subject", "body", "updated_at", "updated_by"])
    event_record(actor=actor, verb=LetterVerb.EDITED, target=letter, citizen_id=letter.case.citizen_id,
                 case_id=letter.case_id, before=before, after={"subject": letter.subject, "body": letter.body})
    return letter


@transaction.atomic
def letter_discard(*, actor, letter) -> None:
    letter = Letter.objects.select_for_update(of=("self",)).select_related("case").get(pk=letter.pk)
    _must_be_draft(letter)
    _event(actor, LetterVerb.DISCARDED, letter)
    letter.delete()


def letter_send(*, actor, letter, subject=None, body=None, now=None) -> Letter:
    """Put a draft in the outbox (with the text just written, if given) and try to deliver it at once. A letter that
    cannot be addressed is refused with a Danish ValidationError and stays the draft it was, unchanged."""
    now = now or timezone.now()
    with transaction.atomic():
        letter = (Letter.objects.select_for_update(of=("self",)).select_related("case__citizen__postal_code")
                  .get(pk=letter.pk))
        _must_be_draft(letter)
        if subject is not None and body is not None:
            letter.subject, letter.body = subject.strip()[:200], body
        _check_text(letter.subject, letter.body)
        address = letter_address(letter.case.citizen)
        pdf = letter_pdf(letter, recipient_lines=address.postal_lines if address.channel == Channel.PHYSICAL
                         else (), dated=timezone.localdate(now))
        letter.pdf_storage_name, letter.pdf_sha256 = store(ContentFile(pdf))
        letter.channel = address.channel
        letter.recipient_name = address.name[:200]
        letter.recipient_address = address.text
        letter.memo_uuid = uuid.uuid4()
        letter.queued_at = letter.next_attempt_at = now
        letter.status = LetterStatus.QUEUED
        letter.stamp(actor)
        letter.save()
        _event(actor, LetterVerb.QUEUED, letter, channel=letter.channel, sha256=letter.pdf_sha256)
    return letter_deliver(letter=letter, actor=actor, now=now, force=True)


def _claim(letter, *, now, force) -> bool:
    """Take the letter for one delivery attempt; False if it is not pending or another worker has it."""
    rows = Letter.objects.filter(pk=letter.pk, status__in=PENDING, attempts=letter.attempts)
    if not force:
        rows = rows.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    return bool(rows.update(attempts=F("attempts") + 1, last_attempt_at=now, next_attempt_at=now + LEASE))


def _pdf_bytes(letter) -> bytes:
    return (documents_dir() / letter.pdf_storage_name).read_bytes()


def _attempt(letter):
    """Deliver through the right transport: (Delivery, None) or (None, Danish reason)."""
    try:
        pdf = _pdf_bytes(letter)
    except OSError as exc:
        return None, _("Brevets PDF kunne ikke læses fra arkivet: %(error)s") % {"error": exc.strerror or exc}
    try:
        if letter.channel == Channel.PHYSICAL:
            return paper_transport().send(letter, pdf=pdf), None
        sender = texts.sender_for(letter.case)
        message = memo.build(letter, pdf=pdf, sender_label=sender.jobcentre)
        xml = memo.to_xml(message)
        memo.validate(xml)
        return digital_transport().send(letter, pdf=pdf, message=message, memo_xml=xml), None
    except TransportError as exc:
        return None, exc.reason
    except memo.MemoInvalid as exc:
        return None, _("Brevet kunne ikke laves som Digital Post (MeMo): %(error)s") % {"error": str(exc)[:400]}
    except Exception as exc:  # anything else (a setting, a bug): the letter must not be left half-sent without a word
        logger.exception("letter %s: delivery failed", letter.pk)
        return None, _("Uventet fejl ved afsendelsen: %(error)s") % {"error": str(exc)[:300] or type(exc).__name__}


def letter_deliver(*, letter, actor=None, now=None, force=False) -> Letter:
    """One delivery attempt of a pending letter. Never raises for a failed delivery: the reason is kept."""
    now = now or timezone.now()
    letter = Letter.objects.select_related("case__citizen", "case__team").get(pk=letter.pk)
    if not _claim(letter, now=now, force=force):
        return Letter.objects.get(pk=letter.pk)
    letter.refresh_from_db()
    delivery, reason = _attempt(letter)
    with transaction.atomic():
        fields = ["status", "last_error", "next_attempt_at", "transport", "updated_at"]
        if delivery is not None:
            letter.status, letter.sent_at, letter.last_error = LetterStatus.SENT, timezone.now(), ""
            letter.transport, letter.message_id, letter.next_attempt_at = delivery.transport, delivery.message_id, None
            letter.save(update_fields=[*fields, "sent_at", "message_id"])
            _event(actor, LetterVerb.SENT, letter, transport=delivery.transport, message_id=delivery.message_id,
                   attempt=letter.attempts)
        else:
            wait = BACKOFF_MINUTES[min(letter.attempts, len(BACKOFF_MINUTES)) - 1]
            letter.status, letter.last_error = LetterStatus.FAILED, reason
            letter.transport = "print" if letter.channel == Channel.PHYSICAL else digital_transport_name()
            letter.next_attempt_at = now + dt.timedelta(minutes=wait)
            letter.save(update_fields=fields)
            _event(actor, LetterVerb.FAILED, letter, reason=reason, attempt=letter.attempts)
    return letter


def digital_transport_name() -> str:
    from django.conf import settings

    return settings.JOBSPOR_LETTER_TRANSPORT


def letter_retry(*, actor, letter) -> Letter:
    """"Prøv igen" on the case: deliver now, whatever the wait."""
    if letter.status not in PENDING:
        raise ValidationError(_("Kun et brev, der venter i udbakken, kan sendes igen."), code="not_pending")
    return letter_deliver(letter=letter, actor=actor, force=True)


def letters_send_pending(*, now=None, limit=200) -> tuple[int, int]:
    """Every pending letter whose turn it is (the command runs this): (sent, still failing)."""
    now = now or timezone.now()
    due = list(Letter.objects.filter(status__in=PENDING)
               .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
               .order_by("queued_at", "id").values_list("pk", flat=True)[:limit])
    sent = failed = 0
    for pk in due:
        letter = letter_deliver(letter=Letter(pk=pk), now=now)
        if letter.status == LetterStatus.SENT:
            sent += 1
        elif letter.status == LetterStatus.FAILED:
            failed += 1
    return sent, failed


@transaction.atomic
def exemption_set(*, actor, citizen, reason="") -> DigitalPostExemption:
    exemption, created = DigitalPostExemption.objects.get_or_create(citizen=citizen, defaults={"reason": reason[:300]})
    if created:
        exemption.stamp(actor)
        exemption.save()
        event_record(actor=actor, verb=LetterVerb.EXEMPTION_SET, target=exemption, citizen_id=citizen.pk,
                     after={"reason": exemption.reason})
    return exemption


@transaction.atomic
def exemption_end(*, actor, citizen) -> None:
    exemption = DigitalPostExemption.objects.filter(citizen=citizen).first()
    if exemption is not None:
        event_record(actor=actor, verb=LetterVerb.EXEMPTION_ENDED, target=exemption, citizen_id=citizen.pk,
                     before={"reason": exemption.reason})
        exemption.delete()
