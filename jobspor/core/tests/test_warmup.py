"""A gunicorn worker imports every view and compiles every template before its first request, reading nothing
from the database (it must come up while the database is still starting)."""

from django.template import engines

from jobspor.core.warmup import warm


def test_warm_up_compiles_the_templates_without_touching_the_database(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        compiled = warm()
    assert compiled > 150  # every page, fragment and e-mail template of the project
    engine = engines["django"].engine
    cached = [loader for loader in engine.template_loaders if hasattr(loader, "get_template_cache")]
    assert not cached or any("cases/case_detail.html" in key for loader in cached
                             for key in map(str, loader.get_template_cache))
