import datetime as dt

import pytest
from django.urls import reverse

from jobspor.audit.models import AccessLog
from jobspor.followup import sources
from jobspor.followup.sources import TaskItem
from jobspor.testing.factories import make_case


@pytest.fixture
def one_source(monkeypatch):
    registered = []
    monkeypatch.setattr(sources, "_SOURCES", registered)
    return registered


@pytest.mark.django_db
def test_my_tasks_lists_overdue_first_and_logs_the_citizens(client, job_broker, one_source):
    case = make_case(primary=job_broker, name="Jens Hansen")

    def source(employee, today):
        return [TaskItem("Handling", "Ring til Nordlager", today + dt.timedelta(days=3), case, "/x"),
                TaskItem("Delmål", "Møde op tre dage", today - dt.timedelta(days=2), case, "/y")]

    sources.register_source(source)
    client.force_login(job_broker.user)
    page = client.get(reverse("followup:my_tasks")).content.decode()
    assert page.index("Møde op tre dage") < page.index("Kommende") < page.index("Ring til Nordlager")
    assert "Overskredet (1)" in page
    assert AccessLog.objects.filter(user_id=job_broker.user.pk, citizen_id=case.citizen_id, path="/opgaver/").exists()
