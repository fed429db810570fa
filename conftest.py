import pytest

from jobspor.testing.factories import EmployeeFactory, TeamFactory


@pytest.fixture
def team(db):
    return TeamFactory(name="Team Nord")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="Team Syd")


@pytest.fixture
def job_broker(team):
    return EmployeeFactory(name="Anne Holm", team=team, roles=["jobformidler"], user__username="anne")


@pytest.fixture
def caseworker(team):
    return EmployeeFactory(name="Bo Berg", team=team, roles=["myndighedssagsbehandler"], user__username="bo")


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: a test database may reuse the ids of the last test's rows, so a key
    made from them (jobspor/forecast/baseline.py) could otherwise find the last test's figures."""
    from django.core.cache import cache

    cache.clear()


def _transactional(request) -> bool:
    """As pytest-django decides: a test whose tables are emptied afterwards instead of rolled back."""
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return bool({"transactional_db", "live_server", "django_db_reset_sequences"} & set(request.fixturenames))


@pytest.fixture(autouse=True)
def _signed_agreements_flushable(request):
    """After a transactional test every table is emptied; on SQLite that is a DELETE, which the triggers refuse for
    signed agreements (jobspor/placements/frozen.py) and for documents (jobspor/documents/triggers.py). Those rows
    go first, with the triggers lifted for a moment."""
    if not _transactional(request):
        yield
        return
    request.getfixturevalue("_django_db_helper")  # set up first, so this teardown runs before its flush
    yield
    from django.db import connections

    from jobspor.documents.triggers import empty_for_flush
    from jobspor.letters.frozen import empty_sent
    from jobspor.placements.frozen import empty_signed
    from jobspor.signing.frozen import empty_signed as empty_signed_documents

    for alias in connections:
        if connections[alias].vendor == "sqlite":
            empty_signed(connections[alias])
            empty_signed_documents(connections[alias])
            empty_for_flush(connections[alias])  # document rows are never deleted (jobspor/documents/triggers.py)
            empty_sent(connections[alias])  # sent letters likewise (jobspor/letters/frozen.py)


# Lines a test wants shown at the end of the run whether or not output is captured (the crawl's pages per role, the
# journeys' click counts), by section. They travel as user properties of the test's report ("summary:<section>"), so
# they reach the summary from pytest-xdist's worker processes too (a module-level list would stay in the worker).
_summaries: dict[str, list[str]] = {}


def pytest_runtest_logreport(report):
    if report.when == "call":
        for name, value in report.user_properties:
            if name.startswith("summary:"):
                _summaries.setdefault(name.removeprefix("summary:"), []).append(value)


def pytest_terminal_summary(terminalreporter):
    for section, lines in _summaries.items():
        terminalreporter.section(section)
        for line in sorted(lines):
            terminalreporter.write_line(line)
