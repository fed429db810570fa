"""Data migration: the initial standard texts, written for Jobspor (see contacts/data/standard_texts.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from jobspor.contacts.data.standard_texts import STANDARD_TEXTS

    StandardText = apps.get_model("contacts", "StandardText")
    StandardText.objects.bulk_create([
        StandardText(title=title, kind=kind, tags=tags, text=text,
                     search_text=" ".join([title, tags, text]).casefold())
        for title, kind, tags, text in STANDARD_TEXTS
    ])


def unload(apps, schema_editor):
    from jobspor.contacts.data.standard_texts import STANDARD_TEXTS

    apps.get_model("contacts", "StandardText").objects.filter(
        title__in=[t[0] for t in STANDARD_TEXTS], created_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
