"""Writing messages: start a thread, send a message (with attachments kept on the case or company), mark a thread
read. Each message sent is an event with the sender as actor. Bad input (an empty message, a file that is too large
or not what its name says) raises ValidationError in Danish before anything is written."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import event_record
from jobspor.documents.files import check_upload
from jobspor.documents.models import DocumentSource
from jobspor.documents.services import document_store
from jobspor.organisation.selectors import employee_for_user

from .models import Attachment, AuthorKind, Message, MessageVerb, Thread

BODY_MAX = 10_000


def author_name(actor, kind) -> str:
    if kind == AuthorKind.STAFF:
        employee = employee_for_user(actor)
        return employee.name if employee else actor.get_username()
    if kind == AuthorKind.CITIZEN:
        return actor.citizen_user.citizen.name
    link = actor.company_user
    return f"{link.name}, {link.company.name}"


def _clean_body(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Skriv en besked.")})
    if len(body) > BODY_MAX:
        raise ValidationError({"body": _("Beskeden er for lang (højst %(n)s tegn).") % {"n": BODY_MAX}})
    return body


@transaction.atomic
def thread_start(*, actor, author_kind, subject, body, attachments=(), case=None, company=None) -> Thread:
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError({"subject": _("Skriv et emne.")})
    if len(subject) > 200:
        raise ValidationError({"subject": _("Emnet må højst være 200 tegn.")})
    _clean_body(body)
    if (case is None) == (company is None):
        raise ValidationError(_("En besked hører til enten en sag eller en virksomhed."))
    now = timezone.now()
    thread = Thread.objects.create(case=case, company=company, subject=subject, created_at=now, last_message_at=now)
    message_send(actor=actor, thread=thread, author_kind=author_kind, body=body, attachments=attachments,
                 sent_at=now)
    return thread


@transaction.atomic
def message_send(*, actor, thread, author_kind, body, attachments=(), sent_at=None) -> Message:
    body = _clean_body(body)
    for uploaded in attachments:  # every file is checked before any is written
        try:
            check_upload(uploaded)
        except ValidationError as exc:
            raise ValidationError({"attachment": exc.messages})
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    message = Message.objects.create(thread=thread, author=actor, author_kind=author_kind,
                                     author_name=author_name(actor, author_kind)[:200], body=body,
                                     sent_at=sent_at or timezone.now())
    names = []
    for uploaded in attachments:
        document = document_store(actor=actor, uploaded=uploaded, source=DocumentSource.MESSAGE, case=thread.case,
                                  company=thread.company)
        Attachment.objects.create(message=message, document=document)
        names.append(document.name)
    thread.last_message_at = message.sent_at
    if author_kind == AuthorKind.STAFF:
        thread.awaiting_since = None
        thread.staff_read_id = message.pk
    else:
        thread.awaiting_since = thread.awaiting_since or message.sent_at
        thread.party_read_id = message.pk
    thread.save(update_fields=["last_message_at", "awaiting_since", "staff_read_id", "party_read_id"])
    event_record(actor=actor, verb=MessageVerb.SENT, target=message,
                 citizen_id=thread.case.citizen_id if thread.case_id else None, case_id=thread.case_id,
                 after={"thread": thread.subject, "from": author_kind, "attachments": names,
                        **({"company": thread.company.cvr} if thread.company_id else {})})
    return message


def thread_mark_read(*, thread, side: str) -> None:
    """The side ("staff" or "party") has now seen every message in the thread."""
    newest = thread.messages.order_by("-id").values_list("pk", flat=True).first() or 0
    field = "staff_read_id" if side == "staff" else "party_read_id"
    if getattr(thread, field) < newest:
        Thread.objects.filter(pk=thread.pk, **{f"{field}__lt": newest}).update(**{field: newest})
        setattr(thread, field, newest)
