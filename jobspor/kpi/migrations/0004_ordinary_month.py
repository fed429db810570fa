"""The ordinary hours per placement and month (OrdinaryMonth), kept with the stage dates (jobspor/kpi/facts.py): the
same triggers and change log. Every case goes in the log here, so the first refresh fills the table."""

from django.db import migrations, models


def mark(apps, schema_editor):
    from jobspor.kpi.facts import mark_all

    mark_all(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("kpi", "0003_case_facts"),
    ]

    operations = [
        migrations.CreateModel(
            name="OrdinaryMonth",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("case_id", models.BigIntegerField()),
                ("placement_id", models.BigIntegerField()),
                ("month", models.DateField()),
                ("tenths", models.BigIntegerField()),
            ],
            options={
                "indexes": [
                    models.Index(fields=["month", "case_id", "placement_id", "tenths"], name="kpi_ordmonth_cover"),
                ],
            },
        ),
        migrations.RunPython(mark, migrations.RunPython.noop),
    ]
