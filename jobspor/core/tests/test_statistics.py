import pytest
from django.db import connection

from jobspor.cases.models import Case
from jobspor.core.statistics import statistics_refresh


@pytest.mark.django_db
def test_statistics_refresh_analyses_our_tables_and_leaves_the_servers_catalogs_alone():
    statistics_refresh()
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT count(*) FROM sqlite_stat1")
            assert cursor.fetchone()[0] > 0
            return
        # Inside the test's transaction: the locks ANALYZE took are still held. None may be on a shared catalog
        # (database 0 in pg_locks), or another database on the server would wait for this transaction.
        cursor.execute("SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' "
                       "AND database = 0")
        assert cursor.fetchone()[0] == 0
        cursor.execute("SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                       "WHERE l.pid = pg_backend_pid() AND c.relname = %s", [Case._meta.db_table])
        assert cursor.fetchone()[0] == 1
