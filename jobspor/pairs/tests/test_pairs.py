"""Makkerskab (issue 14 point 3): the pair on a case, the shared agenda, joint meetings and their measure."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog
from jobspor.cases.models import Case
from jobspor.cases.services import case_staff_add
from jobspor.contacts.services import contact_log
from jobspor.pairs import selectors
from jobspor.pairs.views import quarters
from jobspor.testing.factories import EmployeeFactory, make_action, make_case

TODAY = timezone.localdate()


@pytest.fixture
def paired(job_broker, caseworker):
    case = make_case(primary=job_broker, name="Søren Sammen", opened=TODAY - dt.timedelta(days=20))
    case_staff_add(actor=None, case=case, employee=caseworker, role="myndighedssagsbehandler")
    return case


def test_joint_first_conversation_is_counted_and_shown_on_the_journal(client, paired, job_broker, caseworker):
    alone = make_case(primary=job_broker, name="Anna Alene", opened=TODAY - dt.timedelta(days=20))
    case_staff_add(actor=None, case=alone, employee=caseworker, role="myndighedssagsbehandler")
    day = TODAY - dt.timedelta(days=1)
    contact_log(actor=None, case=paired, employee=job_broker, date=day, kind="visitation", participants=[caseworker])
    contact_log(actor=None, case=paired, employee=job_broker, date=TODAY, kind="jobsamtale")  # not the first
    contact_log(actor=None, case=alone, employee=job_broker, date=day, kind="telefon", participants=[caseworker])
    contact_log(actor=None, case=alone, employee=job_broker, date=TODAY, kind="jobsamtale")  # first conversation
    cases = Case.objects.filter(pk__in=[paired.pk, alone.pk])
    assert selectors.first_conversations(day, TODAY, cases=cases)[None] == (1, 2)
    assert selectors.first_conversations(day, TODAY, cases=cases, by="team_id") == {job_broker.team_id: (1, 2)}
    assert selectors.first_conversations(day, TODAY, teams=[job_broker.team], by="team_id") == {
        job_broker.team_id: (1, 2)}
    client.force_login(job_broker.user)
    journal = client.get(reverse("cases:detail", args=[paired.pk]) + "?fane=kontakter").content.decode()
    assert journal.count("Fællessamtale med makker") == 1
    assert "Bo Berg (makker)" in journal
    page = client.get(reverse("pairs:page"))
    assert page.status_code == 200
    row = page.context["mine"][-1]
    assert (row["joint"], row["total"], row["pct"]) == (1, 2, 50)
    # On a phone the table stacks its cells: each names its quarter.
    body = page.content.decode()
    label = quarters(TODAY)[-1][0]
    assert f'<td data-title="{label}">50 %' in body


def test_the_shared_agenda_holds_our_cases_only_and_is_logged(client, paired, job_broker, caseworker, team):
    contact_log(actor=None, case=paired, employee=job_broker, date=TODAY, kind="jobsamtale",
                next_date=TODAY + dt.timedelta(days=7), next_kind="walk_and_talk")
    make_action(case=paired, owner=caseworker, title="Indhente lægeattest", due=TODAY + dt.timedelta(days=3))
    other = make_case(primary=job_broker, name="Kun Anne")  # no makker on it
    make_action(case=other, owner=job_broker, title="Ring til Netto", due=TODAY + dt.timedelta(days=1))
    assert selectors.partners_of(job_broker) == [(caseworker, 1)]
    assert selectors.partners_of(caseworker) == [(job_broker, 1)]
    client.force_login(caseworker.user)
    page = client.get(reverse("pairs:page")).content.decode()
    assert "Indhente lægeattest" in page and "Walk and talk" in page and "Ring til Netto" not in page
    assert page.index("Indhente lægeattest") < page.index("Walk and talk")  # by date
    log = AccessLog.objects.filter(purpose="Makkerskab", user_id=caseworker.user.pk).get()
    assert log.citizen_id == paired.citizen_id


def test_a_leader_sees_the_measure_per_team_and_a_mentor_is_refused(client, paired, team):
    leader = EmployeeFactory(team=team, roles=["leder"])
    client.force_login(leader.user)
    page = client.get(reverse("pairs:page"))
    assert page.status_code == 200 and "Team Nord" in page.content.decode() and not page.context["in_pair"]
    mentor = EmployeeFactory(team=team, roles=["mentor"])
    client.force_login(mentor.user)
    assert client.get(reverse("pairs:page")).status_code == 403


def test_quarters_are_calendar_quarters():
    assert quarters(dt.date(2026, 2, 10), 2) == [("4. kvt. 2025", dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
                                                 ("1. kvt. 2026", dt.date(2026, 1, 1), dt.date(2026, 3, 31))]
