import pytest


@pytest.fixture(autouse=True)
def worker_in_test_transaction(monkeypatch):
    """django-tasks' worker closes stale connections between tasks, as a long-running process should; inside a test's
    transaction that would end the test's connection, so in-process runs here skip it."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


@pytest.fixture
def only(settings):
    """Leave every job but the named ones out of the schedule."""
    from jobspor.scheduling.schedule import JOBS

    def keep(*names):
        settings.JOBSPOR_SCHEDULE_OFF = ",".join(job.name for job in JOBS if job.name not in names)
    return keep
