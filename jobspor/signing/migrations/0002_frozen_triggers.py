"""Frozen versions and their signatures cannot be changed or deleted, and a signature names its version's hash:
the database refuses it (signing/frozen.py). On SQLite they are made after the whole migrate run instead."""

from django.db import migrations


def install(apps, schema_editor):
    from jobspor.signing.frozen import install_sql

    if schema_editor.connection.vendor == "sqlite":
        return  # made after the whole migrate run (frozen.install_after_migrate): a later migration may rebuild
    for statement in install_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, None)


def remove(apps, schema_editor):
    from jobspor.signing.frozen import remove_sql

    for statement in remove_sql(schema_editor.connection.vendor):
        schema_editor.execute(statement, None)


class Migration(migrations.Migration):
    dependencies = [("signing", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
