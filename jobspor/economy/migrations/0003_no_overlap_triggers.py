"""The database refuses two rows of the same rate (or rule) in force on one day (see economy/db_triggers.py)."""

from django.db import migrations

from jobspor.economy.db_triggers import postgresql_drop_sql, postgresql_sql


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":  # SQLite: post_migrate (db_triggers.install_after_migrate)
        for sql in postgresql_sql():
            schema_editor.execute(sql, None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in postgresql_drop_sql():
            schema_editor.execute(sql, None)
    elif schema_editor.connection.vendor == "sqlite":
        for table in ("economy_rate", "economy_earningsrule"):
            for event in ("insert", "update"):
                schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_overlap_{event}")


class Migration(migrations.Migration):
    dependencies = [("economy", "0002_sourced_rates")]
    operations = [migrations.RunPython(create, drop)]
