"""Signed means frozen: the database refuses changes to signed agreement versions, their signatures and the
placement terms they state (triggers on SQLite and PostgreSQL, see jobspor/placements/frozen.py). Signatures can
also be drawn."""

from django.db import migrations, models


def install(apps, schema_editor):
    from jobspor.placements.frozen import install_sql

    if schema_editor.connection.vendor == "sqlite":
        return  # made after the whole migrate run (sqlite_triggers.py): a later migration may rebuild these tables
    for statement in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, None)


def remove(apps, schema_editor):
    from jobspor.placements.frozen import remove_sql

    for statement in remove_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, None)


class Migration(migrations.Migration):
    dependencies = [("placements", "0004_hours_in_period_triggers")]
    operations = [
        migrations.AddField(model_name="signature", name="drawing",
                            field=models.TextField(blank=True, editable=False, verbose_name="tegnet underskrift")),
        migrations.RunPython(install, remove),
    ]
