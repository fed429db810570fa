"""Demo messages for `jobspor demo`: the demo-login citizens and demo company users have threads with their
jobformidler — some answered, some waiting (they show in Mine opgaver and the inbox) — and three months of answered
questions give the answer-times page something to show. No attachments (no files are written by the demo)."""

import datetime as dt

from django.utils import timezone

from jobspor.cases.models import Case, CaseStaff
from jobspor.citizen_portal.services import citizen_user_for, current_case
from jobspor.citizen_portal.views import demo_citizens
from jobspor.company_portal.models import CompanyUser

from .models import AuthorKind, Thread
from .services import message_send

QUESTIONS = [
    ("Lægeerklæring", "Hej. Jeg har været hos lægen. Skal jeg sende erklæringen til dig?"),
    ("Mødet på torsdag", "Kan vi flytte mødet på torsdag til om eftermiddagen?"),
    ("Timer i praktikken", "Jeg vil gerne prøve flere timer på lageret. Hvad skal der til?"),
    ("Transport", "Min bus går ikke længere. Kan I hjælpe med transport til praktikken?"),
]
ANSWERS = ["Tak for beskeden. Det ordner jeg.", "Ja, det kan vi godt. Jeg ringer til dig i morgen.",
           "God idé – vi tager det på næste opfølgning."]
COMPANY_QUESTIONS = [("Ny kandidat", "Har I en kandidat til lageret fra næste måned?"),
                     ("Timesedler", "Hvornår skal timerne for sidste uge være indberettet?")]
HISTORY_PER_CITIZEN = 8


def _send_at(rng, base):
    """A weekday moment in office hours on or before `base`."""
    moment = base.replace(hour=rng.randint(8, 15), minute=rng.randint(0, 59), second=0, microsecond=0)
    while moment.weekday() >= 5:
        moment -= dt.timedelta(days=1)
    return moment


def _thread(*, case=None, company=None, asker, kind, staff_user, subject, body, asked_at, answer=None,
            answered_at=None):
    thread = Thread.objects.create(case=case, company=company, subject=subject, created_at=asked_at,
                                   last_message_at=asked_at)
    message_send(actor=asker, thread=thread, author_kind=kind, body=body, sent_at=asked_at)
    if answer and staff_user is not None:
        message_send(actor=staff_user, thread=thread, author_kind=AuthorKind.STAFF, body=answer,
                     sent_at=answered_at)
    return thread


def demo_extend(*, rng, today, fake, say):
    now = timezone.localtime()
    made = 0
    primaries = {}
    for citizen in demo_citizens():
        case = current_case(citizen)
        link = CaseStaff.objects.filter(case=case, is_primary=True).select_related("employee__user").first()
        if case is None or link is None or link.employee.user is None:
            continue
        primaries[case.pk] = link.employee.user
        subject, body = rng.choice(QUESTIONS)
        asked = _send_at(rng, now - dt.timedelta(days=rng.randint(0, 3)))
        if asked > now:
            asked = now - dt.timedelta(hours=1)
        answered = rng.random() < 0.5
        _thread(case=case, asker=citizen_user_for(citizen), kind=AuthorKind.CITIZEN, staff_user=link.employee.user,
                subject=subject, body=body, asked_at=asked, answer=rng.choice(ANSWERS) if answered else None,
                answered_at=min(now, asked + dt.timedelta(hours=rng.randint(1, 20))))
        made += 1
    for company_user in CompanyUser.objects.select_related("company__owner__user", "user")[:6]:
        owner = company_user.company.owner
        subject, body = rng.choice(COMPANY_QUESTIONS)
        asked = _send_at(rng, now - dt.timedelta(days=rng.randint(0, 2)))
        if asked > now:
            asked = now - dt.timedelta(hours=1)
        _thread(company=company_user.company, asker=company_user.user, kind=AuthorKind.COMPANY,
                staff_user=owner.user if owner else None, subject=subject, body=body, asked_at=asked)
        made += 1
    # History for the answer-times page: answered questions from the same citizens over the last three months
    # (only citizens who have a demo login get a portal user).
    for case_id, staff_user in primaries.items():
        case = Case.objects.select_related("citizen").get(pk=case_id)
        asker = citizen_user_for(case.citizen)
        for _ in range(HISTORY_PER_CITIZEN):
            subject, body = rng.choice(QUESTIONS)
            asked = _send_at(rng, now - dt.timedelta(days=rng.randint(5, 90)))
            _thread(case=case, asker=asker, kind=AuthorKind.CITIZEN, staff_user=staff_user, subject=subject,
                    body=body, asked_at=asked, answer=rng.choice(ANSWERS),
                    answered_at=asked + dt.timedelta(hours=rng.choice([1, 2, 3, 5, 8, 20, 22, 30, 50])))
            made += 1
    return [(made, "beskedtråd", "beskedtråde")]
