"""Data that many tests only read, built once and shared (`make test` stays quick as the suite grows).

A test module whose tests read the same expensive data (a demo of 200 cases, say) builds it once in a module-scoped
fixture inside `shared_data(django_db_blocker)`: the tests run on it, each in its own savepoint as usual, and the
whole of it is rolled back when the module is done. The module also says

    pytestmark = pytest.mark.xdist_group("<module>")

so that pytest-xdist (`--dist loadgroup`, as `make test` runs) sends all its tests to one worker, which builds the
data once instead of once per worker. Every test of such a module sees the data, so tests that need an empty
database belong in another module.
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def shared_data(django_db_blocker):
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            # Matching keeps per-process tables keyed by row counts and times; rolled-back rows must not linger.
            from jobspor.matching import bounds

            bounds.reset()
