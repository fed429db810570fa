"""Sent messages and attachments cannot be changed: the database refuses UPDATE (messaging/triggers.py). On SQLite
they are made again after every migrate (a table rebuild would drop them)."""

from django.db import migrations


def create(apps, schema_editor):
    from jobspor.messaging.triggers import create_sql

    for statement in create_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, None)


def drop(apps, schema_editor):
    from jobspor.messaging.triggers import drop_sql

    for statement in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, None)


class Migration(migrations.Migration):
    dependencies = [("messaging", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
