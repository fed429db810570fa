"""Beskeder on Min side and on Virksomhedsindgang: my threads with unread marks, a thread to read and answer, a new
thread with an attachment, and downloads of attachments. Objects are looked up through request.citizen or
request.company, so another's id is a 404 (and logged as denied)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from jobspor.citizen_portal.access import citizen_view, log_own_read
from jobspor.citizen_portal.access import portal_context as citizen_context
from jobspor.citizen_portal.services import current_case
from jobspor.company_portal.access import company_view
from jobspor.company_portal.access import portal_context as company_context
from jobspor.core.forms import apply_service_errors
from jobspor.documents.downloads import document_response

from . import selectors, services
from .access import refuse_attachment, refuse_thread
from .forms import MessageForm, ThreadForm
from .models import Attachment, AuthorKind, Thread
from .promise import promise_hours


class Side:
    """What differs between the two portals."""

    def __init__(self, *, ns, kind, base, context, threads, scope, owner_kwargs):
        self.ns, self.kind, self.base, self.context = ns, kind, base, context
        self.threads, self.scope, self.owner_kwargs = threads, scope, owner_kwargs


CITIZEN = Side(ns="minside", kind=AuthorKind.CITIZEN, base="citizen_portal/base.html", context=citizen_context,
               threads=lambda request: selectors.citizen_threads(request.citizen),
               scope=lambda request: {"case__citizen": request.citizen},
               owner_kwargs=lambda request: {"case": current_case(request.citizen)})
COMPANY = Side(ns="virk", kind=AuthorKind.COMPANY, base="company_portal/base.html", context=company_context,
               threads=lambda request: selectors.company_threads(request.company),
               scope=lambda request: {"company": request.company},
               owner_kwargs=lambda request: {"company": request.company})


def _log(request, side, thread=None):
    if side is CITIZEN:
        case_id = thread.case_id if thread else getattr(current_case(request.citizen), "pk", None)
        log_own_read(request, case_ids=[case_id] if case_id else None)


def _list(request, side, form=None, status=200):
    threads = side.threads(request)
    for thread in threads:
        thread.url = reverse(f"{side.ns}:thread", args=[thread.pk])
    can_write = any(v is not None for v in side.owner_kwargs(request).values())
    _log(request, side)
    return render(request, "messaging/portal_list.html", side.context(
        request, nav="messages", base_template=side.base, threads=threads, form=form or ThreadForm(),
        can_write=can_write, promise_hours=promise_hours(), new_url=reverse(f"{side.ns}:message_new"),
        party=side.kind), status=status)


def _new(request, side):
    if request.method != "POST":
        return redirect(f"{side.ns}:messages")
    form = ThreadForm(request.POST, request.FILES)
    owner = side.owner_kwargs(request)
    if form.is_valid() and all(v is not None for v in owner.values()):
        try:
            thread = services.thread_start(actor=request.user, author_kind=side.kind,
                                           subject=form.cleaned_data["subject"], body=form.cleaned_data["body"],
                                           attachments=form.attachments(), **owner)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Din besked er sendt. Du får svar inden for %(h)s timer på hverdage.") % {
                "h": promise_hours()})
            return redirect(f"{side.ns}:thread", pk=thread.pk)
    elif form.is_valid():
        form.add_error(None, _("Du har ingen sag i jobcentret, som beskeden kan knyttes til. Ring til jobcentret."))
    return _list(request, side, form=form, status=400)


def _thread(request, side, pk):
    thread = Thread.objects.filter(pk=pk, **side.scope(request)).first()
    if thread is None:
        raise refuse_thread(request, pk)
    form = MessageForm()
    status = 200
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.message_send(actor=request.user, thread=thread, author_kind=side.kind,
                                      body=form.cleaned_data["body"], attachments=form.attachments())
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Din besked er sendt."))
                return redirect(f"{side.ns}:thread", pk=thread.pk)
        status = 400
    unread_from = thread.party_read_id
    items = selectors.thread_messages(thread)
    for item in items:
        item.is_new = item.author_kind == AuthorKind.STAFF and item.pk > unread_from
        item.mine = item.author_kind != AuthorKind.STAFF
        for attachment in item.attachments.all():
            attachment.url = reverse(f"{side.ns}:attachment", args=[attachment.pk])
    _log(request, side, thread)
    services.thread_mark_read(thread=thread, side="party")
    return render(request, "messaging/portal_thread.html", side.context(
        request, nav="messages", base_template=side.base, thread=thread, items=items, form=form,
        promise_hours=promise_hours(), back_url=reverse(f"{side.ns}:messages"),
        post_url=reverse(f"{side.ns}:thread", args=[thread.pk])), status=status)


def _attachment(request, side, pk):
    scope = {f"message__thread__{k}": v for k, v in side.scope(request).items()}
    attachment = Attachment.objects.filter(pk=pk, **scope).select_related("document", "message__thread").first()
    if attachment is None:
        raise refuse_attachment(request, pk)
    _log(request, side, attachment.message.thread)
    return document_response(attachment.document)


@citizen_view
def citizen_messages(request):
    return _list(request, CITIZEN)


@citizen_view
def citizen_message_new(request):
    return _new(request, CITIZEN)


@citizen_view
def citizen_thread(request, pk):
    return _thread(request, CITIZEN, pk)


@citizen_view
def citizen_attachment(request, pk):
    return _attachment(request, CITIZEN, pk)


@company_view
def company_messages(request):
    return _list(request, COMPANY)


@company_view
def company_message_new(request):
    return _new(request, COMPANY)


@company_view
def company_thread(request, pk):
    return _thread(request, COMPANY, pk)


@company_view
def company_attachment(request, pk):
    return _attachment(request, COMPANY, pk)
