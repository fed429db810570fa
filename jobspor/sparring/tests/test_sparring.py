"""Case sparring (issue 14 point 4): the proposed agenda, decisions recorded on the case's history, access."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog, Event
from jobspor.contacts.models import PlannedAction
from jobspor.forecast.models import Forecast
from jobspor.sparring import agenda, services
from jobspor.sparring.choices import Reason, SparringVerb
from jobspor.sparring.models import SparringItem, SparringMeeting
from jobspor.testing.factories import EmployeeFactory, make_case, make_contact

TODAY = timezone.localdate()


@pytest.fixture
def cases(job_broker):
    quiet = make_case(primary=job_broker, name="Søren Stille", opened=TODAY - dt.timedelta(days=200))
    busy = make_case(primary=job_broker, name="Bente Travl", opened=TODAY - dt.timedelta(days=200))
    make_contact(case=busy, employee=job_broker, date=TODAY - dt.timedelta(days=3))
    late = make_case(primary=job_broker, name="Lars Prognose", opened=TODAY - dt.timedelta(days=20))
    make_contact(case=late, employee=job_broker, date=TODAY - dt.timedelta(days=2))
    Forecast.objects.create(case=late, outcome="job", expected_date=TODAY - dt.timedelta(days=5),
                            risk="middel", next_action="Ring til virksomheden", action_due=TODAY, is_current=True)
    return {"quiet": quiet, "busy": busy, "late": late}


def test_the_agenda_proposes_the_cases_that_do_not_move_with_their_reasons(cases, team):
    proposals = {p.case.pk: p for p in agenda.propose(team, today=TODAY)}
    assert Reason.STALLED in proposals[cases["quiet"].pk].reasons
    assert Reason.LONG_IN_STAGE in proposals[cases["quiet"].pk].reasons  # 200 days at "Start"
    assert proposals[cases["late"].pk].reasons == [Reason.FORECAST_OVERDUE]
    # Busy: seen three days ago, but 200 days without a CV is still long in one stage.
    assert proposals[cases["busy"].pk].reasons == [Reason.LONG_IN_STAGE]
    ordered = agenda.propose(team, today=TODAY)
    assert ordered[0].case == cases["quiet"]  # the most reasons first


def test_a_decision_is_an_event_in_the_case_history_and_can_plan_the_next_action(client, cases, team, job_broker):
    client.force_login(job_broker.user)
    response = client.post(reverse("sparring:list"), {"team": team.pk, "held_on": TODAY.isoformat()})
    meeting = SparringMeeting.objects.get()
    assert response.status_code == 302 and response.url == reverse("sparring:meeting", args=[meeting.pk])
    item = meeting.items.get(case=cases["quiet"])
    page = client.get(reverse("sparring:meeting", args=[meeting.pk]))
    assert "Søren Stille" in page.content.decode() and "Gået i stå" in page.content.decode()
    assert AccessLog.objects.filter(purpose="Sagssparring", action="list").exists()
    form = page.context["rows"][[i.pk for i, _f in page.context["rows"]].index(item.pk)][1]
    data = {f"punkt-{item.pk}-decision": "Anne ringer til Søren og tilbyder et virksomhedsforløb hos Nordlager.",
            f"punkt-{item.pk}-action_title": "Ring til Søren", f"punkt-{item.pk}-action_owner": job_broker.pk,
            f"punkt-{item.pk}-action_due": (TODAY + dt.timedelta(days=3)).isoformat(),
            f"punkt-{item.pk}-lock_version": form.initial["lock_version"],
            f"punkt-{item.pk}-seen": form.initial["seen"]}
    response = client.post(reverse("sparring:decision", args=[meeting.pk, item.pk]), data)
    assert response.status_code == 302
    event = Event.objects.get(verb=SparringVerb.DECISION)
    assert event.case_id == cases["quiet"].pk and "Nordlager" in event.after["decision"]
    assert PlannedAction.objects.filter(case=cases["quiet"], title="Ring til Søren").exists()
    history = client.get(reverse("cases:detail", args=[cases["quiet"].pk]) + "?fane=historik").content.decode()
    assert "Beslutning fra sagssparring" in history and "Nordlager" in history


def test_a_stale_decision_is_refused_and_an_empty_one_changes_nothing(client, cases, team, job_broker, caseworker):
    meeting = services.meeting_create(actor=job_broker.user, team=team, held_on=TODAY)
    item = meeting.items.first()
    client.force_login(job_broker.user)
    page = client.get(reverse("sparring:meeting", args=[meeting.pk]))
    form = next(f for i, f in page.context["rows"] if i.pk == item.pk)
    services.decision_record(actor=caseworker.user, item=item, employee=caseworker, decision="Bo tager den.")
    base = {f"punkt-{item.pk}-lock_version": form.initial["lock_version"],
            f"punkt-{item.pk}-seen": form.initial["seen"]}
    response = client.post(reverse("sparring:decision", args=[meeting.pk, item.pk]),
                           {**base, f"punkt-{item.pk}-decision": "Anne tager den."})
    assert response.status_code == 400 and "Ikke gemt" in response.content.decode()
    response = client.post(reverse("sparring:decision", args=[meeting.pk, item.pk]),
                           {**base, f"punkt-{item.pk}-decision": "  "})
    assert response.status_code == 400 and "Skriv teamets beslutning." in response.content.decode()
    assert SparringItem.objects.get(pk=item.pk).decision == "Bo tager den."
    assert Event.objects.filter(verb=SparringVerb.DECISION).count() == 1


def test_adding_a_case_twice_or_another_teams_case_is_refused(client, cases, team, other_team, job_broker):
    meeting = services.meeting_create(actor=job_broker.user, team=team, held_on=TODAY)
    client.force_login(job_broker.user)
    url = reverse("sparring:case_add", args=[meeting.pk])
    response = client.post(url, {"case": cases["quiet"].external_id})
    assert response.status_code == 400 and "allerede på dagsordenen" in response.content.decode()
    stranger = EmployeeFactory(team=other_team, roles=["jobformidler"])
    foreign = make_case(primary=stranger, name="Fremmed Borger")
    response = client.post(url, {"case": foreign.external_id})
    assert response.status_code == 400 and "Teamet har ingen åben sag" in response.content.decode()
    assert meeting.items.count() == len(agenda.propose(team, today=TODAY))


def test_another_team_cannot_open_the_meeting_and_the_refusal_is_logged(client, cases, team, other_team, job_broker):
    meeting = services.meeting_create(actor=job_broker.user, team=team, held_on=TODAY)
    stranger = EmployeeFactory(team=other_team, roles=["jobformidler"])
    client.force_login(stranger.user)
    assert client.get(reverse("sparring:meeting", args=[meeting.pk])).status_code == 403
    assert AccessLog.objects.filter(purpose="Sagssparring", action="denied", user_id=stranger.user.pk).exists()
    assert "Søren" not in client.get(reverse("sparring:list")).content.decode()
    mentor = EmployeeFactory(team=team, roles=["mentor"])
    client.force_login(mentor.user)
    assert client.get(reverse("sparring:list")).status_code == 403


def test_the_meeting_page_takes_a_fixed_number_of_queries(client, cases, team, job_broker):
    meeting = services.meeting_create(actor=job_broker.user, team=team, held_on=TODAY)
    for n in range(6):
        services.item_add(actor=job_broker.user, meeting=meeting,
                          case=make_case(primary=job_broker, name=f"Ekstra {n}"))
    client.force_login(job_broker.user)
    url = reverse("sparring:meeting", args=[meeting.pk])
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(6, 16):
        services.item_add(actor=job_broker.user, meeting=meeting,
                          case=make_case(primary=job_broker, name=f"Ekstra {n}"))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few) <= 25


def test_before_a_placement_a_week_without_contact_is_already_stalled(job_broker, team, settings):
    settings.JOBSPOR_STALLED_BEFORE_PLACEMENT_DAYS = 7
    waiting = make_case(primary=job_broker, name="Uge Uden", opened=TODAY - dt.timedelta(days=20), fsm_group=1)
    make_contact(case=waiting, employee=job_broker, date=TODAY - dt.timedelta(days=10))
    group3 = make_case(primary=job_broker, name="Gruppe Tre", opened=TODAY - dt.timedelta(days=20), fsm_group=3)
    make_contact(case=group3, employee=job_broker, date=TODAY - dt.timedelta(days=10))
    proposals = {p.case.pk: p.reasons for p in agenda.propose(team, today=TODAY)}
    assert Reason.STALLED in proposals[waiting.pk]
    assert Reason.STALLED not in proposals.get(group3.pk, [])
