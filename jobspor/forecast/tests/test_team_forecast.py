"""Issue 14, point 7: the team forecast counts only exits as exits, covers exactly the team in its title, splits
sickness benefit and job clarification cases, and reads "if the planned steps are carried out"."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog
from jobspor.cases.services import case_staff_add
from jobspor.forecast import services
from jobspor.forecast.models import Forecast
from jobspor.organisation.models import Department
from jobspor.testing.factories import EmployeeFactory, TeamFactory, make_case

TODAY = timezone.localdate()
SOON = TODAY + dt.timedelta(days=3)  # this month or the next: inside the 12 months shown


def record(case, employee, outcome, **over):
    values = {"outcome": outcome, "expected_date": SOON, "risk": "middel", "next_action": "Ringe til virksomheden",
              "action_due": TODAY + dt.timedelta(days=5)}
    return services.forecast_record(actor=employee.user, case=case, **(values | over))


def page(client, employee, **params):
    client.force_login(employee.user)
    return client.get(reverse("forecast:team"), params)


def test_only_exits_count_as_exits(client, job_broker):
    for i, outcome in enumerate(["job", "timer", "ingen_aendring", "fleksjob"]):
        record(make_case(primary=job_broker, name=f"Borger {i}"), job_broker, outcome)
    response = page(client, job_broker)
    assert response.status_code == 200
    context = response.context
    assert context["month_exits"] == 2  # job and fleksjob; small jobs and no change are not exits
    assert sum(r.exits for r in context["month_rows"]) == 2
    assert context["month_other"] == [1, 1]
    assert context["baseline_totals"].forecast == 2
    body = response.content.decode()
    assert "Ikke afgang: Småjob/ordinære timer" in body and "Ikke afgang: Ingen ændring" in body


def test_covers_only_the_team_in_the_title(client, job_broker, other_team):
    away_worker = EmployeeFactory(name="Ude Person", team=other_team, roles=["jobformidler"])
    away = make_case(primary=away_worker, name="Ude Borger")
    case_staff_add(actor=None, case=away, employee=job_broker, role="jobformidler")  # visible, not the team's
    record(away, away_worker, "job")
    record(make_case(primary=job_broker, name="Hjemme Borger"), job_broker, "uddannelse")
    response = page(client, job_broker)
    assert response.context["team"] == job_broker.team
    assert response.context["month_exits"] == 1
    assert "Team Nord" in response.content.decode().split('id="forecast-scope"')[1][:200]


def test_split_by_benefit_and_planned_steps(client, job_broker):
    sick = [make_case(primary=job_broker, name=f"Syg {i}", benefit="sygedagpenge") for i in range(3)]
    clarify = make_case(primary=job_broker, name="Afklaring", benefit="jobafklaringsforloeb")
    make_case(primary=job_broker, name="Kontant", benefit="kontanthjaelp_aktivitetsparat")
    record(sick[0], job_broker, "job")  # on time
    late = record(sick[1], job_broker, "job")
    done = record(clarify, job_broker, "fleksjob")
    record(sick[2], job_broker, "timer")  # not an exit: the case stays
    Forecast.objects.filter(pk=late.pk).update(action_due=TODAY - dt.timedelta(days=2))  # overdue, not done
    Forecast.objects.filter(pk=done.pk).update(action_due=TODAY - dt.timedelta(days=2), action_done=True)
    context = page(client, job_broker).context
    assert context["month_exits"] == 3 and context["month_on_track"] == 2  # the overdue one is left out
    remaining = {r.benefit: r for r in context["remaining"]}
    assert remaining["sygedagpenge"].open_now == 3
    assert remaining["sygedagpenge"].remaining[-1] == 1  # two job exits
    assert remaining["sygedagpenge"].remaining_on_track[-1] == 2  # only the one on time
    assert remaining["jobafklaringsforloeb"].remaining[-1] == 0
    assert remaining["jobafklaringsforloeb"].remaining_on_track[-1] == 0  # done counts
    only_sick = page(client, job_broker, benefit="sygedagpenge").context
    assert only_sick["month_exits"] == 2 and [r.benefit for r in only_sick["remaining"]] == ["sygedagpenge",
                                                                                          "jobafklaringsforloeb"]


def test_a_team_the_viewer_may_not_see_is_refused_and_logged(client, job_broker, other_team):
    department = Department.objects.create(name="Afdeling Øst", jobcentre=_jobcentre())
    own = TeamFactory(name="Team Øst", department=department)
    leader = EmployeeFactory(name="Lea Leder", team=own, roles=["leder"])
    response = page(client, leader, team=other_team.pk)
    body = response.content.decode()
    assert response.status_code == 403
    assert "Du kan kun se prognoser for de teams, du har adgang til." in body
    assert "forecast-months" not in body
    assert AccessLog.objects.filter(user_id=leader.user.pk, action="denied").exists()
    assert page(client, job_broker, team=other_team.pk).status_code == 403
    assert page(client, leader, team=own.pk).status_code == 200


def _jobcentre():
    from jobspor.organisation.models import Jobcentre

    return Jobcentre.objects.first() or Jobcentre.objects.create(name="Jobcenter Test")


@pytest.mark.parametrize("benefit", ["ikke_en_ydelse"])
def test_unknown_benefit_is_a_danish_message(client, job_broker, benefit):
    response = page(client, job_broker, benefit=benefit)
    assert response.status_code == 400 and "Vælg en af mulighederne på listen." in response.content.decode()
