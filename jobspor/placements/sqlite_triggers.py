"""The placements app's triggers on SQLite (signed agreements frozen: frozen.py; hours inside their placement's
period: migration *_hours_in_period_triggers).

SQLite rebuilds a table for most column changes; the rebuild drops that table's triggers, and it fails on other
tables' triggers that name the table ("error in trigger …: no such table"). So on SQLite these triggers are not
created by their migrations: they are dropped before every `migrate` (pre_migrate) and created after it
(post_migrate), each set once its migration is applied. PostgreSQL keeps triggers through ALTER TABLE: there the
migrations create them."""

import pkgutil
import re
from importlib import import_module

from . import frozen


def _hours_sql() -> list[str]:
    from . import migrations

    for module in pkgutil.iter_modules(migrations.__path__):
        if module.name.endswith("_hours_in_period_triggers"):
            return list(import_module(f"{migrations.__name__}.{module.name}").SQLITE)
    return []


def trigger_sets() -> dict[str, tuple[list[str], list[str]]]:
    """Migration name suffix → (SQL creating the triggers, SQL dropping them) on SQLite."""
    hours = _hours_sql()
    names = re.findall(r"CREATE TRIGGER (\w+)", " ".join(hours))
    return {
        frozen.MIGRATION_SUFFIX: (frozen.install_sql("sqlite"), frozen.remove_sql("sqlite")),
        "_hours_in_period_triggers": (hours, [f"DROP TRIGGER IF EXISTS {name};" for name in names]),
    }


def lift_before_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        for _create, drop in trigger_sets().values():
            frozen.execute(connection, drop)


def install_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = {name for app, name in MigrationRecorder(connection).applied_migrations() if app == "placements"}
    for suffix, (create, drop) in trigger_sets().items():
        if any(name.endswith(suffix) for name in applied):
            frozen.execute(connection, drop + create)
