"""The stalled rule's facts per case (CaseFacts: first and last contact, open planned actions), kept with the stage
dates (jobspor/kpi/facts.py: contacts and planned actions are watched too). On PostgreSQL the triggers are made
again here (on SQLite after every migrate). Every case goes in the log, so the first refresh fills the columns."""

import django.db.models.deletion
from django.db import migrations, models

from jobspor.kpi.facts import migration_refresh


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0004_case_period_cover"),
        ("contacts", "0003_dashboard_covering_indexes"),
        ("kpi", "0005_company_course"),
    ]

    operations = [
        migrations.AddField(model_name="casefacts", name="first_contact_on", field=models.DateField(null=True)),
        migrations.AddField(model_name="casefacts", name="last_contact_on", field=models.DateField(null=True)),
        migrations.AddField(model_name="casefacts", name="open_actions", field=models.IntegerField(default=0)),
        migrations.AlterField(
            model_name="casefacts", name="case",
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True,
                                       related_name="facts", serialize=False, to="cases.case"),
        ),
        migrations.AddIndex(
            model_name="casefacts",
            index=models.Index(fields=["case", "cv_on", "goal_on", "placement_on", "agreement_on", "ordinary_on", "more_on",
                                       "last_contact_on", "open_actions", "first_contact_on"],
                               name="kpi_facts_cover"),
        ),
        migrations.RunPython(migration_refresh, migrations.RunPython.noop),
    ]
