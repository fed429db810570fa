"""The production chain's stage dates per case, their change log and its triggers (jobspor/kpi/facts.py).

Every existing case starts in the log: the first refresh computes them all. On PostgreSQL the triggers are made
here; on SQLite after every migrate (facts.install_after_migrate: a later migration may rebuild a table they name)."""

import django.db.models.deletion
from django.db import migrations, models

from jobspor.kpi.facts import migration_refresh


def uninstall(apps, schema_editor):
    from jobspor.kpi.facts import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0003_case_fleksjob_visitated"),
        ("cv", "0004_citizen_authorship"),
        ("placements", "0007_company_reported_hours"),
        ("kpi", "0002_planned_visitation"),
    ]

    operations = [
        migrations.CreateModel(
            name="CaseFacts",
            fields=[
                ("case", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                              related_name="+", serialize=False, to="cases.case")),
                ("cv_on", models.DateField(null=True)),
                ("goal_on", models.DateField(null=True)),
                ("placement_on", models.DateField(null=True)),
                ("agreement_on", models.DateField(null=True)),
                ("ordinary_on", models.DateField(null=True)),
                ("more_on", models.DateField(null=True)),
            ],
        ),
        migrations.CreateModel(
            name="CaseFactsChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("case_id", models.BigIntegerField()),
            ],
        ),
        migrations.RunPython(migration_refresh, uninstall),
    ]
