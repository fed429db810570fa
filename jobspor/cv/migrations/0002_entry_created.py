"""kpi.md v2: CV entries (competency, task, experience, …) carry the day they came on the CV. Existing rows
take their CV's `created` (the only date known for them)."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def backfill(apps, schema_editor):
    Cv = apps.get_model("cv", "Cv")
    created = Subquery(Cv.objects.filter(pk=OuterRef("cv_id")).values("created")[:1])
    for name in ("CvItem", "CvExperience"):
        apps.get_model("cv", name).objects.update(created=created)


class Migration(migrations.Migration):

    dependencies = [("cv", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="cvitem", name="created",
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name="skrevet på CV den")),
        migrations.AddField(
            model_name="cvexperience", name="created",
            field=models.DateField(default=django.utils.timezone.localdate, verbose_name="skrevet på CV den")),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
