"""Independent reads of one page, run side by side: the jobcentre-wide dashboard is a dozen aggregate queries
that do not depend on each other, and the database (SQLite releases Python's lock while a query runs; PostgreSQL
runs each connection in its own process) can answer several at once. The page then waits for the longest
table instead of the sum of them all.

Each thread has its own database connections (Django keeps them per thread) and closes them when done. Inside a
transaction (a test, or a view that has written) the reads must see what that transaction sees, which other
connections cannot: there, and when JOBSPOR_KPI_THREADS is 1, the reads run one after the other as before."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.db import connections
from django.utils import translation

logger = logging.getLogger("jobspor.kpi")


def _in_transaction() -> bool:
    return any(connection.in_atomic_block for connection in connections.all(initialized_only=True))


def _shares_files(alias: str) -> bool:
    """Whether another connection would see the same data: not so for an in-memory SQLite database."""
    connection = connections[alias]
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def _timed(name, call):
    began = time.perf_counter()
    try:
        return call()
    finally:
        logger.debug("%s: %.0f ms", name, 1000 * (time.perf_counter() - began))


def side_by_side(calls: dict[str, Callable[[], object]], using: str = "default") -> dict[str, object]:
    """{name: call()} for every call, several at a time where that is safe. An exception in a call is raised.
    Each call's time is logged at DEBUG on the "jobspor.kpi" logger."""
    workers = min(getattr(settings, "JOBSPOR_KPI_THREADS", 4), len(calls))
    if workers <= 1 or _in_transaction() or not _shares_files(using):
        return {name: _timed(name, call) for name, call in calls.items()}
    language = translation.get_language()

    def run(name, call):
        try:
            with translation.override(language):  # labels in the request's language, not the thread's default
                return _timed(name, call)
        finally:
            connections.close_all()  # this thread's connections only

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kpi") as pool:
        futures = {name: pool.submit(run, name, call) for name, call in calls.items()}
        return {name: future.result() for name, future in futures.items()}
