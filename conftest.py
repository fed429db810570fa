import gc
import json
import os
import time
from pathlib import Path

import pytest

from jobspor.testing.factories import EmployeeFactory, TeamFactory


def pytest_configure(config):
    """Python's cycle collector, tuned for a test process: Django, the apps and their templates (hundreds of
    thousands of objects, loaded by now) are frozen out of its full collections, and it runs less often. Each
    collection walked every one of them; this is about a fifth of the suite's CPU (jobspor/cases, contacts and plans:
    41.5 → 33.3 s user)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, django_db_keepdb):
    """pytest-django's (the per-worker database names), and one migration per run and database instead of one per
    xdist worker (jobspor/testing/template_db.py): django_db_setup requests this before it creates the databases."""
    from jobspor.testing.template_db import migrated_once

    with migrated_once(keepdb=django_db_keepdb):
        yield


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


@pytest.fixture(autouse=True)
def _danish_to_begin_with():
    """Each test starts in Danish, the default: a request in English (the language cookie) leaves English active in
    the thread, and a test that calls a service directly would then read English messages."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


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
    _postal_codes_back()
    yield
    from django.db import connections

    from jobspor.audit.triggers import empty_for_flush as empty_audit
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
            empty_audit(connections[alias])  # the audit trail is deleted only by its retention rule


def _postal_codes_back():
    """An earlier transactional test emptied every table, the postal codes the migrations loaded too: load them
    again, as the migration does, for a test that makes citizens."""
    from importlib import import_module

    from django.apps import apps

    from jobspor.citizens.models import PostalCode

    if not PostalCode.objects.exists():
        import_module("jobspor.citizens.migrations.0002_load_postal_codes").load(apps, None)


E2E = Path(__file__).parent / "e2e"


def _database_vendor() -> str:
    return "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own hook, which reads the xdist_group marks added here
def pytest_collection_modifyitems(config, items):
    """`make test` runs the whole suite on SQLite and on PostgreSQL. What a test marked `one_database` proves does not
    depend on the database (a browser journey proves the pages, the clicks and the scripts; the services it goes
    through have their own tests on both), so it runs once: JOBSPOR_ONE_DATABASE=postgresql (set by `make test`)
    deselects it in the SQLite run, or, marked one_database(on="sqlite"), in the PostgreSQL run. Without that
    variable every test runs (`make test-sqlite` still runs them all).

    The crawl's demo worlds are built once per seed: its tests go to one pytest-xdist worker per seed."""
    for item in items:
        if E2E in item.path.parents:
            item.add_marker(pytest.mark.one_database)
        if item.path.name == "test_crawl.py" and hasattr(item, "callspec") and "world" in item.callspec.params:
            item.add_marker(pytest.mark.xdist_group(f"crawl-seed{item.callspec.params['world']}"))
        _xdist_group_suffix(config, item)
    only_on = os.environ.get("JOBSPOR_ONE_DATABASE")
    if not only_on:
        return
    vendor = _database_vendor()

    def elsewhere(item):
        # one_database(on="sqlite"): runs in the SQLite run instead (to even out the two runs' work); default the
        # database JOBSPOR_ONE_DATABASE names.
        mark = item.get_closest_marker("one_database")
        return mark is not None and mark.kwargs.get("on", only_on) != vendor

    deselected = [item for item in items if elsewhere(item)]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = [item for item in items if not elsewhere(item)]


def _xdist_group_suffix(config, item):
    """`--dist loadgroup` schedules by a "@<group>" suffix of the node id, which pytest-xdist (3.8) writes to
    item._nodeid; pytest 9 reads the node id from item._id instead, so the groups were silently ignored (each worker
    built the shared data again). Write the suffix where pytest reads it (a later xdist that does so itself only
    appends the same group again; the scheduler reads the last one)."""
    if not getattr(config.option, "loadgroup", False):
        return
    names = sorted({str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                    for mark in item.iter_markers("xdist_group")})
    suffix = "@" + "_".join(names)
    if not names or item.nodeid.endswith(suffix) or not hasattr(item, "_id"):
        return
    from _pytest.nodeid import coerce_node_id

    item._id = coerce_node_id(item.nodeid + suffix)


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


# JOBSPOR_TEST_TIMES=FILE: one JSON line per test with its wall time and the CPU time of the process running it
# (setup and teardown included, so a module fixture's cost lands on its first test). CPU time barely changes with the
# machine's load where wall time doubles, so it compares two runs on a shared machine; benchmarks/test_times.py
# sums it per file. (The browser and the PostgreSQL server are other processes: their CPU is not in it.)
_times_file = os.environ.get("JOBSPOR_TEST_TIMES")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if not _times_file:
        yield
        return
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    line = {"test": item.nodeid, "wall": round(time.perf_counter() - wall, 3),
            "cpu": round(time.process_time() - cpu, 3), "db": os.environ.get("DATABASE_URL", "sqlite")[:8],
            "worker": os.environ.get("PYTEST_XDIST_WORKER", "")}
    with open(_times_file, "a") as out:  # one short write per line: workers append without mixing lines
        out.write(json.dumps(line) + "\n")
