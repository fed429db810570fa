"""A gunicorn worker imports every view and compiles every template before its first request, reading nothing
from the database (it must come up while the database is still starting)."""

import gc

from django.template import engines

from jobspor.core.warmup import warm, warm_data


def test_warm_up_compiles_the_templates_without_touching_the_database(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        compiled = warm()
    assert compiled > 150  # every page, fragment and e-mail template of the project
    engine = engines["django"].engine
    cached = [loader for loader in engine.template_loaders if hasattr(loader, "get_template_cache")]
    assert not cached or any("cases/case_detail.html" in key for loader in cached
                             for key in map(str, loader.get_template_cache))


def test_warm_up_loads_the_matching_index_so_the_first_match_reads_no_snapshot(db, django_assert_max_num_queries):
    from jobspor.matching import index
    from jobspor.matching.models import IndexSnapshot

    index.reset()
    try:
        assert warm_data() is True
    finally:
        gc.unfreeze()  # the test process goes on
    assert index._index and IndexSnapshot.objects.exists()  # built and stored: the next worker starts from it
    with django_assert_max_num_queries(1):  # only the change log is asked what changed since
        index.sync()


def test_a_worker_comes_up_when_the_database_cannot_be_read(db, monkeypatch, caplog):
    from jobspor.matching import index

    def unreadable():
        raise RuntimeError("no such table: matching_indexsnapshot")

    monkeypatch.setattr(index, "sync", unreadable)
    assert warm_data() is False
    assert "the matching index was not loaded" in caplog.text
