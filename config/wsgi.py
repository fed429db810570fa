import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

if os.environ.get("JOBSPOR_WARMUP", "1") != "0":  # each gunicorn worker, before its first request
    from jobspor.core.warmup import warm, warm_data

    warm()
    warm_data()
