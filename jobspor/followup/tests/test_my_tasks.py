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


@pytest.mark.django_db
def test_a_long_list_shows_its_first_rows_and_all_on_request(client, job_broker, one_source):
    """A busy jobformidler with hundreds of open items gets the oldest overdue and the nearest upcoming first; the
    whole list is one click away. Only the citizens shown are logged."""
    from jobspor.followup.selectors import SHOWN

    cases = [make_case(primary=job_broker, name=f"Borger {i:03d}") for i in range(SHOWN + 5)]

    def source(employee, today):
        return [TaskItem("Handling", f"Opgave {i:03d}", today - dt.timedelta(days=100 - i), case, "/x")
                for i, case in enumerate(cases)]

    sources.register_source(source)
    client.force_login(job_broker.user)
    page = client.get(reverse("followup:my_tasks")).content.decode()
    assert f"Overskredet ({SHOWN + 5})" in page
    assert "Opgave 000" in page and f"Opgave {SHOWN - 1:03d}" in page and f"Opgave {SHOWN:03d}" not in page
    assert f'href="?alle=overskredet#overskredet">Vis alle {SHOWN + 5}</a>' in page
    logged = AccessLog.objects.filter(user_id=job_broker.user.pk, path="/opgaver/")
    assert set(logged.values_list("citizen_id", flat=True)) == {c.citizen_id for c in cases[:SHOWN]}

    page = client.get(reverse("followup:my_tasks"), {"alle": "overskredet"}).content.decode()
    assert f"Opgave {SHOWN + 4:03d}" in page and "Vis alle" not in page
    assert client.get(reverse("followup:my_tasks"), {"alle": "<script>"}).status_code == 200  # unknown: the default


@pytest.mark.django_db
def test_a_two_step_source_loads_only_the_rows_shown(client, job_broker, one_source):
    """A busy jobformidler's hundreds of items are counted from light keys; only the oldest overdue and the nearest
    upcoming rows are built, and the counts still cover every item."""
    from jobspor.followup.selectors import SHOWN

    case = make_case(primary=job_broker, name="Jens Hansen")
    loaded = []

    def find(employee, today):
        return [(today - dt.timedelta(days=200 - i), ("gammel", i)) for i in range(SHOWN + 30)] + \
               [(today + dt.timedelta(days=i % 14), ("ny", i)) for i in range(SHOWN + 10)]

    def load(keys):
        loaded.extend(keys)
        return {key: TaskItem("Handling", f"{key[0]} {key[1]:03d}", dt.date.today(), case, "/x") for key in keys}

    sources.register_source(find, load=load)
    client.force_login(job_broker.user)
    page = client.get(reverse("followup:my_tasks")).content.decode()
    assert f"Overskredet ({SHOWN + 30})" in page and f"Kommende ({SHOWN + 10})" in page
    assert len(loaded) == 2 * SHOWN
    assert "gammel 000" in page and f"gammel {SHOWN:03d}" not in page
    # the upcoming nearest first: the SHOWN items with the smallest offsets
    upcoming = sorted(range(SHOWN + 10), key=lambda i: (i % 14, i))[:SHOWN]
    assert {key for key in loaded if key[0] == "ny"} == {("ny", i) for i in upcoming}

    loaded.clear()
    page = client.get(reverse("followup:my_tasks"), {"alle": "overskredet"}).content.decode()
    assert f"gammel {SHOWN + 29:03d}" in page and len(loaded) == SHOWN + 30 + SHOWN
