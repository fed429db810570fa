"""Jobspor's data commands start without Django's system checks (jobspor.core.commands: they cost about 2.7 s of CPU
per process); `migrate` and the worker still run them, and so does `check --deploy` in test_hardening."""

from django.core.management import get_commands, load_command_class

from jobspor.core.commands import DataCommand

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
