"""Planner statistics after bulk loads (issue 10: a KPI query planned on stale statistics took a minute per run
on PostgreSQL). Both databases plan joins from ANALYZE's figures; a load that multiplies a table's rows should
leave fresh ones behind, so no plan is chosen for an empty table."""

from django.db import connections

BULK_ROWS = 500  # an import of at least this many records counts as a bulk load


def statistics_refresh(using: str = "default") -> None:
    """ANALYZE every table (PostgreSQL and SQLite alike). Allowed inside a transaction on both."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
