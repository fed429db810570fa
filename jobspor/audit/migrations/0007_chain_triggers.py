"""The database keeps the audit trail itself: no UPDATE of any audit row, no DELETE of events and anchors, and an
access-log row deleted only when a prune anchor covers it (audit.triggers; on SQLite made again after every
migrate)."""

from django.db import migrations

from jobspor.audit import triggers


def create(apps, schema_editor):
    triggers.install(schema_editor.connection)


def drop(apps, schema_editor):
    triggers.execute(schema_editor.connection, triggers.drop_sql(schema_editor.connection.vendor))


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_hash_chain")]
    operations = [migrations.RunPython(create, drop)]
