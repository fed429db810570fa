"""The base of Jobspor's own commands that read or write data (`jobspor import`, `export`, `backup`, `kpi`, …)."""

from django.core.management.base import BaseCommand


class DataCommand(BaseCommand):
    """A command without Django's system checks before it runs.

    The checks import every view (to check the URL configuration) and the middleware: about 2.7 s of CPU per process
    on a 2-core machine, more than most of these commands' own work, paid by every cron job, script and backup. They
    still run where a configuration mistake must be caught before anything is served: `jobspor check` (the test
    suite runs `check --deploy`), `migrate`, `runserver` and the worker."""

    requires_system_checks = []
