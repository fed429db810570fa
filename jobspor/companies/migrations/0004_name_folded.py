"""Company names kept folded for search (core.search_text.fold), so the search compares a plain column instead of
folding every name in SQL on every search. Fills the names already there."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from jobspor.core.search_text import fold

    Company = apps.get_model("companies", "Company")
    batch = []
    for company in Company.objects.only("pk", "name").iterator(chunk_size=2000):
        company.name_folded = fold(company.name)[:200]
        batch.append(company)
        if len(batch) >= 2000:
            Company.objects.bulk_update(batch, ["name_folded"])
            batch = []
    Company.objects.bulk_update(batch, ["name_folded"])


class Migration(migrations.Migration):

    dependencies = [
        ("companies", "0003_owner_may_be_a_jobformidler"),
    ]

    operations = [
        migrations.AddField(
            model_name="company",
            name="name_folded",
            field=models.CharField(default="", editable=False, max_length=200),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
