"""The dashboard's tables read side by side (kpi/concurrent.py) equal the same tables read one after the other."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse

from jobspor.kpi import selectors
from jobspor.kpi.concurrent import side_by_side
from jobspor.kpi.forms import DashboardForm
from jobspor.testing.factories import EmployeeFactory

from . import scenario

PERIOD = {"start": "2025-01-01", "end": "2025-12-31"}
START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


def tables(leader):
    form = DashboardForm(PERIOD, employee=leader)
    assert form.is_valid(), form.errors
    data = selectors.dashboard(form, today=dt.date(2026, 3, 1))
    return [(t.key, t.title, t.columns, t.rows, t.note) for t in data["tables"]], data["stages"]


@pytest.mark.django_db(transaction=True)
def test_the_dashboard_read_side_by_side_equals_one_after_the_other(client, settings):
    data = scenario.build(7, citizens=30, key_dates=[START, END])
    leader = EmployeeFactory(team=data["teams"][0], roles=["leder"])
    settings.JOBSPOR_KPI_THREADS = 1
    serial = tables(leader)
    settings.JOBSPOR_KPI_THREADS = 4
    assert tables(leader) == serial
    # The page itself, read side by side, in Danish (the threads take the request's language).
    client.force_login(leader.user)
    body = client.get(reverse("kpi:dashboard"), PERIOD).content.decode()
    assert "Produktionskæden den" in body and "Nøgletal" in body


@pytest.mark.django_db(transaction=True)
def test_reads_run_on_threads_of_their_own_outside_a_transaction(settings):
    settings.JOBSPOR_KPI_THREADS = 3
    names = side_by_side({str(n): (lambda: threading.current_thread().name) for n in range(3)})
    in_memory = connection.vendor == "sqlite" and connection.is_in_memory_db()
    # An in-memory SQLite test database is not seen by other connections: there they run here, one by one.
    assert all(name.startswith("kpi") for name in names.values()) != in_memory


@pytest.mark.django_db
def test_inside_a_transaction_reads_stay_on_this_connection(settings):
    settings.JOBSPOR_KPI_THREADS = 4
    names = side_by_side({"a": lambda: threading.current_thread().name, "b": lambda: 1 / 1})
    assert names["a"] == threading.current_thread().name


@pytest.mark.django_db(transaction=True)
def test_an_error_in_one_read_is_raised(settings):
    settings.JOBSPOR_KPI_THREADS = 2
    with pytest.raises(ZeroDivisionError):
        side_by_side({"fine": lambda: 1, "broken": lambda: 1 / 0})
