"""Beskeder for staff: the case's and the company's threads (tabs), one thread to read and answer, an inbox of
threads awaiting our answer, attachments, and answer times per team for leaders.

Reading a citizen's messages is a read of the case: scoped like the journal (never a mentor's), and access-logged."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jobspor.audit.services import access_log_write
from jobspor.audit.verbs import Action
from jobspor.cases.models import Case
from jobspor.cases.permissions import can_change_case, case_scope_q, sees_full_case
from jobspor.cases.views import case_page_context
from jobspor.companies.permissions import can_edit_companies
from jobspor.companies.selectors import company_get
from jobspor.core.forms import apply_service_errors
from jobspor.core.post_forms import case_tab, company_tab, post_form
from jobspor.documents.downloads import document_response
from jobspor.organisation.selectors import employee_for_user

from . import selectors, services
from .access import PURPOSE_STAFF
from .answer_times import AnswerTimesForm, answer_times
from .forms import MessageForm, ThreadForm
from .models import Attachment, AuthorKind, Thread
from .promise import promise_hours

TAB = "beskeder"


def case_for_messages(*, user, pk, path, change=False) -> Case:
    """A case whose messages the user may read (or answer): in scope with full access. Logged either way."""
    case = Case.objects.select_related("citizen", "team").filter(pk=pk).first()
    if case is None:
        raise Http404
    employee = employee_for_user(user)
    allowed = (Case.objects.filter(case_scope_q(employee), pk=pk).exists() and sees_full_case(employee, case)
               and (not change or can_change_case(employee, case)))
    access_log_write(actor=user, action=Action.VIEW if allowed else Action.DENIED, purpose=PURPOSE_STAFF,
                     citizen_ids=[case.citizen_id], case_ids=[case.pk], path=path)
    if not allowed:
        raise PermissionDenied
    return case


def _staff(request):
    employee = employee_for_user(request.user)
    if employee is None:
        raise PermissionDenied
    return employee


def _decorate_items(items):
    for item in items:
        item.mine = item.author_kind == AuthorKind.STAFF
        for attachment in item.attachments.all():
            attachment.url = reverse("messaging:attachment", args=[attachment.pk])
    return items


def case_thread(request, pk, thread_pk):
    change = request.method == "POST"
    case = case_for_messages(user=request.user, pk=pk, path=request.path, change=change)
    thread = get_object_or_404(Thread, pk=thread_pk, case=case)
    employee = _staff(request)
    form = MessageForm()
    status = 200
    if change:
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.message_send(actor=request.user, thread=thread, author_kind=AuthorKind.STAFF,
                                      body=form.cleaned_data["body"], attachments=form.attachments())
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Svaret er sendt til borgeren."))
                return redirect(f"{reverse('cases:detail', args=[case.pk])}?fane={TAB}")
        status = 400
    return _thread_page(request, thread, form, status, back=f"{reverse('cases:detail', args=[case.pk])}?fane={TAB}",
                        post_url=reverse("messaging:case_thread", args=[case.pk, thread.pk]),
                        can_answer=can_change_case(employee, case), party=case.citizen.name, case=case)


def _thread_page(request, thread, form, status, *, back, post_url, can_answer, party, case=None, company=None):
    items = _decorate_items(selectors.thread_messages(thread))
    unread_from = thread.staff_read_id
    for item in items:
        item.is_new = item.author_kind != AuthorKind.STAFF and item.pk > unread_from
    selectors.decorate([thread])
    services.thread_mark_read(thread=thread, side="staff")
    return render(request, "messaging/staff_thread.html", {
        "nav": "cases" if case else "companies", "thread": thread, "items": items, "form": form, "back": back,
        "post_url": post_url, "can_answer": can_answer, "party": party, "case": case, "company": company,
        "promise_hours": promise_hours()}, status=status)


@post_form(case_tab(TAB))
def case_thread_new(request, pk):
    case = case_for_messages(user=request.user, pk=pk, path=request.path, change=True)
    form = ThreadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            thread = services.thread_start(actor=request.user, author_kind=AuthorKind.STAFF, case=case,
                                           subject=form.cleaned_data["subject"], body=form.cleaned_data["body"],
                                           attachments=form.attachments())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Beskeden er sendt til borgerens Min side."))
            return redirect("messaging:case_thread", pk=case.pk, thread_pk=thread.pk)
    context = case_page_context(request, case, tab=TAB)
    context["thread_form"] = form
    return render(request, "cases/case_detail.html", context, status=400)


def company_thread(request, pk, thread_pk):
    company = company_get(pk=pk)
    thread = get_object_or_404(Thread, pk=thread_pk, company=company)
    employee = _staff(request)
    can_answer = can_edit_companies(employee)
    form = MessageForm()
    status = 200
    if request.method == "POST":
        if not can_answer:
            raise PermissionDenied
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.message_send(actor=request.user, thread=thread, author_kind=AuthorKind.STAFF,
                                      body=form.cleaned_data["body"], attachments=form.attachments())
            except ValidationError as exc:
                apply_service_errors(form, exc)
            else:
                messages.success(request, _("Svaret er sendt til virksomheden."))
                return redirect(f"{reverse('companies:detail', args=[company.pk])}?fane={TAB}")
        status = 400
    return _thread_page(request, thread, form, status,
                        back=f"{reverse('companies:detail', args=[company.pk])}?fane={TAB}",
                        post_url=reverse("messaging:company_thread", args=[company.pk, thread.pk]),
                        can_answer=can_answer, party=company.name, company=company)


@post_form(company_tab(TAB))
def company_thread_new(request, pk):
    company = company_get(pk=pk)
    if not can_edit_companies(_staff(request)):
        raise PermissionDenied
    form = ThreadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            thread = services.thread_start(actor=request.user, author_kind=AuthorKind.STAFF, company=company,
                                           subject=form.cleaned_data["subject"], body=form.cleaned_data["body"],
                                           attachments=form.attachments())
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, _("Beskeden er sendt til virksomhedens indgang."))
            return redirect("messaging:company_thread", pk=company.pk, thread_pk=thread.pk)
    from jobspor.companies.views import _detail_context

    return render(request, "companies/company_detail.html",
                  _detail_context(request, company, tab=TAB, thread_form=form), status=400)


def attachment(request, pk):
    """An attachment, for staff who may read its thread: a case's through the case (logged), a company's for all
    staff (company data)."""
    found = get_object_or_404(Attachment.objects.select_related("document", "message__thread"), pk=pk)
    thread = found.message.thread
    if thread.case_id:
        case_for_messages(user=request.user, pk=thread.case_id, path=request.path)
    else:
        _staff(request)
    return document_response(found.document)


def inbox(request):
    """Threads awaiting our answer in my scope: the longest waiting first, overdue marked."""
    employee = _staff(request)
    threads = selectors.inbox(employee)
    shown = [t for t in threads if t.case_id]
    access_log_write(actor=request.user, action=Action.LIST, purpose=PURPOSE_STAFF,
                     citizen_ids=[t.case.citizen_id for t in shown], case_ids=[t.case_id for t in shown],
                     path=request.get_full_path())
    for thread in threads:
        thread.url = (reverse("messaging:case_thread", args=[thread.case_id, thread.pk]) if thread.case_id
                      else reverse("messaging:company_thread", args=[thread.company_id, thread.pk]))
    return render(request, "messaging/inbox.html", {"nav": "messages", "threads": threads,
                                                    "promise_hours": promise_hours(), "now": timezone.now()})


def answer_times_page(request):
    """Leaders (and staff with a team role): per team the median answer time and the share answered within the
    promise, over a chosen period."""
    employee = _staff(request)
    if not employee.sees_team_cases:
        raise PermissionDenied
    form = AnswerTimesForm(request.GET)
    result = answer_times(form.cleaned_data["start"], form.cleaned_data["end"]) if form.is_valid() else None
    return render(request, "messaging/answer_times.html", {"nav": "kpi", "form": form, "result": result,
                                                           "promise_hours": promise_hours()},
                  status=200 if form.is_valid() else 400)
