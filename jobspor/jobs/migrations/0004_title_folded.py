"""Opening titles kept folded for search (core.search_text.fold), so the search compares a plain column instead of
folding every title in SQL on every search. Fills the titles already there."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from jobspor.core.search_text import fold

    JobOpening = apps.get_model("jobs", "JobOpening")
    batch = []
    for job in JobOpening.objects.only("pk", "title").iterator(chunk_size=2000):
        job.title_folded = fold(job.title)[:200]
        batch.append(job)
        if len(batch) >= 2000:
            JobOpening.objects.bulk_update(batch, ["title_folded"])
            batch = []
    JobOpening.objects.bulk_update(batch, ["title_folded"])


class Migration(migrations.Migration):

    dependencies = [
        ("jobs", "0003_portal_posting"),
    ]

    operations = [
        migrations.AddField(
            model_name="jobopening",
            name="title_folded",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
