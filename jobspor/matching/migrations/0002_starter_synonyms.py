from django.db import migrations


def load(apps, schema_editor):
    from jobspor.matching.vocabulary import starter_pairs

    Synonym = apps.get_model("matching", "Synonym")
    Synonym.objects.bulk_create([Synonym(term=t, synonym=s) for t, s in starter_pairs()], ignore_conflicts=True)


def unload(apps, schema_editor):
    from jobspor.matching.vocabulary import starter_pairs

    Synonym = apps.get_model("matching", "Synonym")
    for term, synonym in starter_pairs():
        Synonym.objects.filter(term=term, synonym=synonym).delete()


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
