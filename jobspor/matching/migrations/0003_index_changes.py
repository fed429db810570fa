"""The matching index's change log (filled by triggers on the tables matching reads) and its snapshots.

The triggers are installed here and again after every migrate (apps.py: SQLite drops a table's triggers when a
later migration rebuilds that table)."""

from django.db import migrations, models


def install(apps, schema_editor):
    from jobspor.matching.changes import install

    install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from jobspor.matching.changes import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("matching", "0002_starter_synonyms"),
        ("cv", "0001_initial"),
        ("placements", "0001_initial"),
        ("citizens", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexChange",
            fields=[
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("kind", models.CharField(max_length=12)),
                ("ref", models.BigIntegerField(default=0)),
                ("detail", models.CharField(blank=True, default="", max_length=250)),
                ("created_at", models.DateTimeField(null=True)),
            ],
            options={"verbose_name": "ændring til matchindekset", "verbose_name_plural": "ændringer til matchindekset"},
        ),
        migrations.CreateModel(
            name="IndexSnapshot",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("mark", models.BigIntegerField()),
                ("mark_fingerprint", models.CharField(blank=True, default="", max_length=300)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("data", models.BinaryField()),
            ],
            options={"verbose_name": "gemt matchindeks", "verbose_name_plural": "gemte matchindekser"},
        ),
        migrations.RunPython(install, uninstall),
    ]
