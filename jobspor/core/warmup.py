"""Before a gunicorn worker serves its first request: import every view and WeasyPrint, compile every template.

Django does both lazily, so the first request of each new worker paid for them (1.6 s for Mine opgaver and
about 4 s for the Match tab on the first request of a fresh worker, against 0.13 and 0.36 s warm; the HTTP page
benchmark, 2026-12-07). config/wsgi.py calls `warm()` once per worker, before it accepts requests, and then
`warm_data()`: the matching index (its stored snapshot and the changes since) and the postal codes' coordinates,
so that the worker's first Match tab does not load them. `warm()` reads no database; `warm_data()` does, and a
worker whose database is not there yet (or not migrated) still comes up: it logs a warning and loads on demand."""

import gc
import logging
from pathlib import Path

logger = logging.getLogger("jobspor.core")


def _template_names(directory: Path):
    for path in sorted(directory.rglob("*.html")):
        yield path.relative_to(directory).as_posix()


def _reverse_tables(resolver):
    resolver.reverse_dict  # noqa: B018 (built on first access, for the active language)
    for _prefix, included in resolver.namespace_dict.values():
        _reverse_tables(included)


def warm() -> int:
    """Resolve the URL configuration and compile the project's templates; returns how many were compiled."""
    from django.apps import apps
    from django.conf import settings
    from django.template import engines
    from django.urls import get_resolver
    from django.utils import translation

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 (imports every urls module and so every view)
    import weasyprint  # noqa: F401 (the PDFs' renderer, which the PDF modules import only when a PDF is made)

    for code, _name in settings.LANGUAGES:  # reverse() builds its tables per language, on first use
        with translation.override(code):
            _reverse_tables(resolver)
    directories = [Path(d) for engine in settings.TEMPLATES for d in engine.get("DIRS", [])]
    directories += [Path(config.path) / "templates" for config in apps.get_app_configs()
                    if config.name.startswith("jobspor.")]
    engine = engines["django"]
    compiled = 0
    for directory in directories:
        if not directory.is_dir():
            continue
        for name in _template_names(directory):
            try:
                engine.get_template(name)
                compiled += 1
            except Exception as exc:  # a warm-up must never keep a worker from starting
                logger.warning("warm-up: %s not compiled: %s", name, exc)
    return compiled


def warm_data() -> bool:
    """Load what matching holds per process (the index, the postal codes' coordinates); False if the database
    could not be read (the first request that needs them loads them instead)."""
    from jobspor.jobs import geo
    from jobspor.matching import index

    try:
        index.sync()
        geo.coordinates()
    except Exception as exc:  # a warm-up must never keep a worker from starting
        logger.warning("warm-up: the matching index was not loaded: %s", exc)
        return False
    # The index is a few million long-lived objects: collect once now, then keep them out of the collector's
    # full passes (one fell inside the first Match tab: 0.2 s); frozen objects are still freed by refcount.
    gc.collect()
    gc.freeze()
    return True
