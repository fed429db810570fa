"""Each case's first conversation (CaseFacts: its date and id), for Makkerskab's share of first conversations held
jointly, kept with the other facts by the same triggers, log and refresh (jobspor/kpi/facts.py). A contact's kind is
now watched too (a call changed into a conversation may become the first): on PostgreSQL the triggers are made again
here (on SQLite after every migrate). Every case goes in the log, so the first refresh fills the columns."""

from django.db import migrations, models

from jobspor.kpi.facts import migration_refresh


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0005_team_open_cover"),
        ("kpi", "0007_period_facts"),
    ]

    operations = [
        migrations.AddField(model_name="casefacts", name="first_conversation_id",
                            field=models.BigIntegerField(null=True)),
        migrations.AddField(model_name="casefacts", name="first_conversation_on", field=models.DateField(null=True)),
        migrations.AddIndex(
            model_name="casefacts",
            index=models.Index(fields=["first_conversation_on", "case", "first_conversation_id"],
                               name="kpi_facts_first_conversation"),
        ),
        migrations.RunPython(migration_refresh, migrations.RunPython.noop),
    ]
