import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog, Event
from jobspor.followup.sources import source_items
from jobspor.forecast import services
from jobspor.forecast.forms import ForecastForm
from jobspor.forecast.models import Forecast
from jobspor.forecast.task_source import find_forecast_actions
from jobspor.testing.factories import EmployeeFactory, make_case

TODAY = timezone.localdate()


def record(case, actor, **over):
    values = {"outcome": "fleksjob", "expected_date": TODAY + dt.timedelta(days=90), "risk": "middel",
              "next_action": "Ringe til Nordlager om ordinære timer", "action_due": TODAY + dt.timedelta(days=5)}
    return services.forecast_record(actor=actor, case=case, **(values | over))


def test_record_keeps_history_and_audits(case, job_broker):
    first = record(case, job_broker.user)
    second = record(case, job_broker.user, outcome="timer")
    first.refresh_from_db()
    assert not first.is_current and second.is_current and second.recorded_by == job_broker
    assert Forecast.objects.filter(case=case, is_current=True).count() == 1
    event = Event.objects.filter(verb="forecast_record").latest("id")
    assert event.before["outcome"] == "fleksjob" and event.after["outcome"] == "timer"
    assert event.case_id == case.pk and "cpr" not in event.after


def test_service_refuses_past_date_and_mentor(case, job_broker, mentor):
    with pytest.raises(ValidationError) as exc:
        record(case, job_broker.user, expected_date=TODAY - dt.timedelta(days=1), action_due=None)
    assert "fortiden" in str(exc.value.message_dict["expected_date"])
    assert "frist" in str(exc.value.message_dict["action_due"])
    with pytest.raises(PermissionDenied):
        record(case, mentor.user)
    assert not Forecast.objects.exists()


def test_form_errors_are_danish():
    form = ForecastForm({"outcome": "fleksjob", "expected_date": (TODAY - dt.timedelta(days=3)).isoformat(),
                         "risk": "lav", "next_action": "Ring", "action_due": ""})
    assert not form.is_valid()
    assert form.errors["expected_date"] == ["Den forventede dato kan ikke ligge i fortiden."]
    assert form.errors["action_due"] == ["Den næste handling skal have en frist."]


def test_post_records_and_bad_input_changes_nothing(client, case, job_broker):
    client.force_login(job_broker.user)
    url = reverse("forecast:record", args=[case.pk])
    bad = client.post(url, {"outcome": "job", "expected_date": "2001-01-01", "risk": "lav", "next_action": "x"})
    assert bad.status_code == 400 and "fortiden" in bad.content.decode()
    assert not Forecast.objects.exists()
    ok = client.post(url, {"outcome": "job", "expected_date": (TODAY + dt.timedelta(days=30)).isoformat(),
                           "risk": "lav", "next_action": "Sende CV", "action_due": TODAY.isoformat()})
    assert ok.status_code == 302
    forecast = Forecast.objects.get()
    done = client.post(reverse("forecast:action_done", args=[case.pk]))
    assert done.status_code == 302
    forecast.refresh_from_db()
    assert forecast.action_done


def test_tab_shows_current_and_history(client, case, job_broker):
    record(case, job_broker.user, next_action="Første handling")
    record(case, job_broker.user, next_action="Anden handling")
    client.force_login(job_broker.user)
    body = client.get(reverse("cases:detail", args=[case.pk]), {"fane": "prognose"}).content.decode()
    assert "Anden handling" in body and "Tidligere prognoser" in body and "Første handling" in body


def test_mentor_does_not_see_the_tab(client, case, mentor):
    client.force_login(mentor.user)
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert page.status_code == 200 and "fane=prognose" not in page.content.decode()
    assert client.get(reverse("forecast:record", args=[case.pk])).status_code == 403
    refused = client.get(reverse("cases:detail", args=[case.pk]), {"fane": "prognose"})
    assert refused.status_code == 403  # the tab exists but is not for a mentor


def test_task_source_lists_due_and_overdue_actions(case, job_broker, caseworker):
    record(case, job_broker.user, action_due=TODAY - dt.timedelta(days=2), next_action="Overskredet handling")
    items = source_items(find_forecast_actions, job_broker, TODAY)
    assert [i.title for i in items] == ["Overskredet handling"] and items[0].overdue_on(TODAY)
    assert source_items(find_forecast_actions, caseworker, TODAY) == []  # not primary, did not record it
    later = make_case(primary=job_broker, name="Lise Lund")
    record(later, job_broker.user, action_due=TODAY + dt.timedelta(days=60))
    assert len(source_items(find_forecast_actions, job_broker, TODAY)) == 1  # beyond the 14 days


def test_my_tasks_page_shows_forecast_action(client, case, job_broker):
    record(case, job_broker.user, action_due=TODAY, next_action="Ringe til Bilka")
    client.force_login(job_broker.user)
    assert "Ringe til Bilka" in client.get(reverse("followup:my_tasks")).content.decode()


def test_team_page_is_scoped(client, case, job_broker, other_team):
    record(case, job_broker.user, outcome="fleksjob", expected_date=TODAY + dt.timedelta(days=40))
    away_worker = EmployeeFactory(name="Ude Person", team=other_team, roles=["jobformidler"])
    away = make_case(primary=away_worker, name="Ude Borger")
    record(away, away_worker.user, outcome="foertidspension")
    client.force_login(job_broker.user)
    response = client.get(reverse("forecast:team"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Anne Holm" in body and "Ude Person" not in body and "Jens Hansen" not in body
    workers = response.context["workers"]
    assert [(w.name, w.total) for w in workers] == [("Anne Holm", 1)]
    flex = [o.value for o in response.context["outcomes"]].index("fleksjob")
    assert workers[0].shares[flex] == 100
    assert sum(r.total for r in response.context["month_rows"]) == 1


@pytest.mark.parametrize("role,status", [("mentor", 403), ("administrator", 403), ("leder", 200),
                                         ("myndighedssagsbehandler", 200)])
def test_team_page_roles(client, team, role, status):
    employee = EmployeeFactory(team=team, roles=[role])
    client.force_login(employee.user)
    assert client.get(reverse("forecast:team")).status_code == status
    assert client.get(reverse("forecast:team_accuracy")).status_code == status


def test_team_page_query_count_does_not_grow(client, team, job_broker, caseworker):
    client.force_login(job_broker.user)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("forecast:team")).status_code == 200
        return len(ctx)

    record(make_case(primary=job_broker, name="A Borger"), job_broker.user)
    few = queries()
    for i in range(6):
        primary = job_broker if i % 2 else caseworker
        record(make_case(primary=primary, name=f"Borger {i}"), primary.user, outcome=["job", "uddannelse"][i % 2])
    assert queries() == few


def test_tab_logs_the_look(client, case, job_broker):
    client.force_login(job_broker.user)
    client.get(reverse("forecast:record", args=[case.pk]))
    assert AccessLog.objects.filter(user_id=job_broker.user.pk, citizen_id=case.citizen_id, action="view").exists()


def test_demo_extend_writes_plausible_forecasts(case, job_broker):
    import random

    from jobspor.forecast.demo import demo_extend

    for i in range(20):
        make_case(primary=job_broker, name=f"Demo {i}")
    made = demo_extend(rng=random.Random(1), today=TODAY, fake=None, say=lambda *_: None)
    assert made[0][0] > 0
    current = Forecast.objects.filter(is_current=True)
    assert current.count() <= 21 and not current.filter(expected_date__lt=TODAY).exists()
    assert current.values("case").distinct().count() == current.count()
