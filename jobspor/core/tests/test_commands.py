"""Jobspor's data commands start without Django's system checks (jobspor.core.commands: they cost about 2.7 s of CPU
per process); `migrate` and the worker still run them, and so does `check --deploy` in test_hardening."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands, load_command_class

from jobspor.core.commands import DataCommand

ROOT = Path(__file__).resolve().parents[3]
CHECKED = {"migrate", "worker"}  # before the schema changes, and before a worker that runs for days


def test_every_jobspor_command_but_migrate_and_the_worker_starts_without_the_system_checks():
    ours = {name: app for name, app in get_commands().items() if app.startswith("jobspor.")}
    assert CHECKED <= set(ours) and len(ours) >= 16
    for name, app in ours.items():
        command = load_command_class(app, name)
        if name in CHECKED:
            assert command.requires_system_checks, name
        else:
            assert isinstance(command, DataCommand) and command.requires_system_checks == [], name


def test_a_process_that_makes_no_pdf_does_not_import_weasyprint():
    """WeasyPrint's import costs about 0.45 s of CPU; only a PDF (and a gunicorn worker's warm-up) needs it."""
    code = ("import sys, django; django.setup(); from django.urls import get_resolver; get_resolver().url_patterns; "
            "print('weasyprint' in sys.modules)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False", out.stderr[-2000:]
