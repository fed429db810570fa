"""Reads of threads. Portal views look threads up through the citizen or company (another's id is a 404); staff
views go through the case (scoped, access-logged) or the company page."""

from django.db.models import Count, F, Prefetch, Q
from django.utils import timezone

from jobspor.cases.models import CaseStaff
from jobspor.cases.permissions import visible_team_ids

from .models import Attachment, AuthorKind, Message, Thread
from .promise import deadline


def _party_unread():
    return Count("messages", filter=Q(messages__author_kind=AuthorKind.STAFF, messages__id__gt=F("party_read_id")))


def _staff_unread():
    return Count("messages", filter=~Q(messages__author_kind=AuthorKind.STAFF) & Q(
        messages__id__gt=F("staff_read_id")))


def decorate(threads, now=None):
    """Age, deadline and whether the promise is broken, for the lists."""
    now = now or timezone.now()
    for thread in threads:
        thread.age = now - thread.created_at
        thread.due = deadline(thread.awaiting_since) if thread.awaiting_since else None
        thread.is_overdue = bool(thread.due and thread.due < now)
    return threads


def citizen_threads(citizen):
    return list(Thread.objects.filter(case__citizen=citizen).annotate(unread=_party_unread())
                .order_by("-last_message_at", "-id"))


def company_threads(company):
    return list(Thread.objects.filter(company=company).annotate(unread=_party_unread())
                .order_by("-last_message_at", "-id"))


def case_threads(case):
    return decorate(list(Thread.objects.filter(case=case).annotate(unread=_staff_unread(), n=Count("messages"))
                         .order_by("-last_message_at", "-id")))


def company_threads_for_staff(company):
    return decorate(list(Thread.objects.filter(company=company).annotate(unread=_staff_unread(),
                                                                         n=Count("messages"))
                         .order_by("-last_message_at", "-id")))


def thread_messages(thread):
    return list(Message.objects.filter(thread=thread).prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.select_related("document"))).order_by("sent_at", "id"))


def staff_case_threads_q(employee) -> Q:
    """Case threads the employee may read: cases of the teams they see as a whole, and cases they work on (not as
    mentor: messages can hold health information, as journal notes can)."""
    if employee is None:
        return Q(pk__in=[])
    attached = CaseStaff.objects.filter(employee_id=employee.pk).exclude(role="mentor").values("case_id")
    return Q(case__team_id__in=visible_team_ids(employee)) | Q(case_id__in=attached)


def staff_company_threads_q(employee) -> Q:
    """Company threads in the employee's scope: companies they own, or that someone on their team owns."""
    if employee is None:
        return Q(pk__in=[])
    scope = Q(company__owner_id=employee.pk)
    if employee.team_id:
        scope |= Q(company__owner__team_id=employee.team_id)
    return scope


def inbox(employee):
    """Threads awaiting the jobcentre's answer in the employee's scope, the longest waiting first."""
    threads = (Thread.objects.filter(awaiting_since__isnull=False, status="open")
               .filter(Q(case__isnull=False) & staff_case_threads_q(employee)
                       | Q(company__isnull=False) & staff_company_threads_q(employee))
               .select_related("case__citizen", "company").annotate(unread=_staff_unread())
               .order_by("awaiting_since", "id"))
    return decorate(list(threads))
