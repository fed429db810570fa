"""Planner statistics after bulk loads (issue 10: a KPI query planned on stale statistics took a minute per run
on PostgreSQL). Both databases plan joins from ANALYZE's figures; a load that multiplies a table's rows should
leave fresh ones behind, so no plan is chosen for an empty table."""

from django.db import connections

BULK_ROWS = 500  # an import of at least this many records counts as a bulk load


def statistics_refresh(using: str = "default") -> None:
    """ANALYZE Jobspor's tables (PostgreSQL and SQLite alike). Allowed inside a transaction on both.

    On PostgreSQL a bare ANALYZE also analyses the server's shared catalogs (pg_database, pg_authid, …) and keeps
    their locks until the transaction ends: another database on the same server then waits for its own ANALYZE
    (a demo loaded in one test transaction held up a parallel test worker's demo for four minutes)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("ANALYZE")
            return
        tables = connection.introspection.table_names(cursor)
        if tables:
            cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))
