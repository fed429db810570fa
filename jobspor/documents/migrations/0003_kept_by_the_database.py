"""Document rows are kept by the database: never deleted, what they say about the file never changed, erased
only once (triggers on SQLite and PostgreSQL, see jobspor/documents/triggers.py). On SQLite they are made again
after every migrate (a table rebuild would drop them)."""

from django.db import migrations


def create(apps, schema_editor):
    from jobspor.documents.triggers import create_sql

    for statement in create_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, None)


def drop(apps, schema_editor):
    from jobspor.documents.triggers import drop_sql

    for statement in drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, None)


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_kind_title_erasure")]
    operations = [migrations.RunPython(create, drop)]
