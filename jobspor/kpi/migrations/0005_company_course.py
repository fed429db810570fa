"""The courses of consecutive weeks per case and company (CompanyCourse), kept with the stage dates
(jobspor/kpi/facts.py). A placement's end and company now matter too: on PostgreSQL the triggers are made again
here (on SQLite after every migrate). Every case goes in the log, so the first refresh fills the table."""

from django.db import migrations, models

from jobspor.kpi.facts import migration_refresh


class Migration(migrations.Migration):

    dependencies = [
        ("kpi", "0004_ordinary_month"),
    ]

    operations = [
        migrations.CreateModel(
            name="CompanyCourse",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("case_id", models.BigIntegerField()),
                ("company_id", models.BigIntegerField()),
                ("first", models.DateField()),
                ("last", models.DateField(null=True)),
            ],
            options={
                "indexes": [models.Index(fields=["first", "last", "case_id"], name="kpi_course_cover")],
            },
        ),
        migrations.RunPython(migration_refresh, migrations.RunPython.noop),
    ]
