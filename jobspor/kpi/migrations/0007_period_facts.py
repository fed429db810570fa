"""The period measures' facts per case (CaseFacts: two placements' spans for company_placement and for
signed_agreement, the last week with ordinary hours), kept with the stage dates by the same triggers, log and refresh
(jobspor/kpi/facts.py; the watched columns are unchanged). The covering index gets the new columns. Every case goes in
the log, so the first refresh fills them."""

from django.db import migrations, models

from jobspor.kpi.facts import migration_refresh


class Migration(migrations.Migration):

    dependencies = [
        ("kpi", "0006_contact_facts"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="casefacts", name="kpi_facts_cover"),
        *[migrations.AddField(model_name="casefacts", name=name, field=models.DateField(null=True))
          for name in ("placed_first_end", "placed_last_start", "placed_last_end", "signed_on", "signed_first_end",
                       "signed_last_start", "signed_last_end", "ordinary_last_on")],
        migrations.AddIndex(
            model_name="casefacts",
            index=models.Index(fields=["case", "cv_on", "goal_on", "placement_on", "agreement_on", "ordinary_on",
                                       "more_on", "last_contact_on", "open_actions", "first_contact_on",
                                       "placed_first_end", "placed_last_start", "placed_last_end", "signed_on",
                                       "signed_first_end", "signed_last_start", "signed_last_end", "ordinary_last_on"],
                               name="kpi_facts_cover2"),
        ),
        migrations.RunPython(migration_refresh, migrations.RunPython.noop),
    ]
