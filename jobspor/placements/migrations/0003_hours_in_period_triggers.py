"""Hours inside their placement's period, kept by the database (see jobspor/placements/db_triggers.py).
PostgreSQL: created here. SQLite: created after every `migrate` (apps.py), as SQLite rebuilds tables on ALTER."""

from django.db import migrations

from jobspor.placements.db_triggers import HOURS, PLACEMENT, POSTGRESQL


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRESQL:
            schema_editor.execute(sql, None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {HOURS}_in_period ON {HOURS}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {PLACEMENT}_keeps_hours_in_period ON {PLACEMENT}")
        schema_editor.execute("DROP FUNCTION IF EXISTS jobspor_hours_in_period()")
        schema_editor.execute("DROP FUNCTION IF EXISTS jobspor_placement_keeps_hours_in_period()")


class Migration(migrations.Migration):
    dependencies = [("placements", "0002_hours_placement_week_cover")]
    operations = [migrations.RunPython(create, drop)]
