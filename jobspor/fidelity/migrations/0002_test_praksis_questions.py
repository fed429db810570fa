"""Load the 46 "Test praksis i eget jobcenter" questions of seed 004 from data/test_praksis.json."""

from django.db import migrations


def load(apps, schema_editor):
    from jobspor.fidelity.questions import sync

    sync(apps.get_model("fidelity", "Question"))


class Migration(migrations.Migration):
    dependencies = [("fidelity", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
