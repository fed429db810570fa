"""Sent means frozen: the database refuses changes to a sent letter and to the content of a letter that has left the
draft state, and deleting either (triggers on SQLite and PostgreSQL, see jobspor/letters/frozen.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from jobspor.letters.frozen import install_sql

    if schema_editor.connection.vendor == "sqlite":
        return  # made after the whole migrate run (frozen.install_after_migrate): a later migration may rebuild it
    for statement in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, None)


def remove(apps, schema_editor):
    from jobspor.letters.frozen import remove_sql

    for statement in remove_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, None)


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
