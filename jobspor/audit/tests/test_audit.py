import datetime as dt
from unittest import mock

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone

from jobspor.audit.models import AccessLog, AppendOnlyError, Event
from jobspor.audit.services import access_log_prune, access_log_write
from jobspor.testing.factories import EmployeeFactory, make_case


@pytest.mark.django_db
def test_access_log_is_append_only():
    access_log_write(actor=None, action="command", purpose="test", citizen_ids=[1])
    entry = AccessLog.objects.get()
    entry.purpose = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.update(purpose="x")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        entry.delete()


@pytest.mark.django_db
def test_database_refuses_updates_of_audit_rows():
    from django.db import connection

    access_log_write(actor=None, action="command", purpose="test", citizen_ids=[1])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_accesslog SET purpose = 'x'")


@pytest.mark.django_db
def test_retention_deletes_only_old_rows(settings):
    settings.JOBSPOR_ACCESS_LOG_RETENTION_DAYS = 396
    now = timezone.now()
    AccessLog.objects.bulk_create([
        AccessLog(actor="a", action="view", purpose="p", at=now - dt.timedelta(days=400)),
        AccessLog(actor="a", action="view", purpose="p", at=now - dt.timedelta(days=10)),
    ])
    assert access_log_prune(now=now) == 1
    assert AccessLog.objects.count() == 1


@pytest.mark.django_db
def test_no_log_no_data(client, job_broker):
    case = make_case(primary=job_broker, name="Hemmelig Borger")
    client.force_login(job_broker.user)
    with mock.patch.object(AccessLog.objects, "bulk_create", side_effect=DatabaseError("disk full")):
        response = client.get(reverse("cases:detail", args=[case.pk]))
        listing = client.get(reverse("cases:list"), {"scope": "alle"})
    for r in (response, listing):
        assert r.status_code == 503
        assert "Hemmelig Borger" not in r.content.decode()
        assert "Adgangsloggen kunne ikke skrives" in r.content.decode()


@pytest.mark.django_db
def test_events_outlive_and_never_hold_cpr(job_broker):
    case = make_case(primary=job_broker)
    assert Event.objects.filter(case_id=case.pk, verb="case_created").exists()
    assert not any(case.citizen.cpr in str(e.after) for e in Event.objects.all())


@pytest.mark.django_db
def test_leader_sees_citizen_access_log_and_the_look_is_logged(client, job_broker, team):
    case = make_case(primary=job_broker)
    client.force_login(job_broker.user)
    client.get(reverse("cases:detail", args=[case.pk]))
    leader = EmployeeFactory(team=team, roles=["leder"])
    client.force_login(leader.user)
    body = client.get(reverse("audit:citizen_access_log", args=[case.citizen_id])).content.decode()
    assert "Anne Holm" in body and "Sag vist" in body
    assert AccessLog.objects.filter(user_id=leader.user.pk, action="access_log_view").exists()
    client.force_login(job_broker.user)
    assert client.get(reverse("audit:citizen_access_log", args=[case.citizen_id])).status_code == 403
