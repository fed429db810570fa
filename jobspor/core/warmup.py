"""Before a gunicorn worker serves its first request: import every view and compile every template.

Django does both lazily, so the first request of each new worker paid for them (1.6 s for Mine opgaver and
about 4 s for the Match tab on the first request of a fresh worker, against 0.13 and 0.36 s warm; the HTTP page
benchmark, 2026-12-07). config/wsgi.py calls `warm()` once per worker, before it accepts requests. No database
is read here: a worker must come up even when the database is not there yet."""

import logging
from pathlib import Path

logger = logging.getLogger("jobspor.core")


def _template_names(directory: Path):
    for path in sorted(directory.rglob("*.html")):
        yield path.relative_to(directory).as_posix()


def warm() -> int:
    """Resolve the URL configuration and compile the project's templates; returns how many were compiled."""
    from django.apps import apps
    from django.conf import settings
    from django.template import engines
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every urls module and so every view)
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
