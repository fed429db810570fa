"""Refusals: a thread or attachment id that is not the asker's own answers 404 (nothing is said about whether it
exists), and the attempt is written to the access log as denied — on the citizen whose thread it was, if any."""

from django.http import Http404

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action

from .models import Attachment, Thread

PURPOSE_PORTAL = "Beskeder i selvbetjeningen"
PURPOSE_STAFF = "Beskeder med borgeren"


def refuse_thread(request, thread_pk) -> Http404:
    thread = Thread.objects.filter(pk=thread_pk).select_related("case").first()
    _log_denied(request, thread)
    return Http404()


def refuse_attachment(request, attachment_pk) -> Http404:
    attachment = Attachment.objects.filter(pk=attachment_pk).select_related("message__thread__case").first()
    _log_denied(request, attachment.message.thread if attachment else None)
    return Http404()


def _log_denied(request, thread):
    case = thread.case if thread is not None and thread.case_id else None
    access_log_write(actor=request.user, action=Action.DENIED, purpose=PURPOSE_PORTAL,
                     citizen_ids=[case.citizen_id] if case else [], case_ids=[case.pk] if case else None,
                     path=request.get_full_path())
