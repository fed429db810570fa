"""Name words are kept folded (core.search_text.fold): "Soren" finds Søren, "Aase" finds Åse. Rebuilds the words
of the names already there."""

import re

from django.db import migrations


def rebuild(apps, schema_editor):
    from jobspor.core.search_text import fold

    Citizen = apps.get_model("citizens", "Citizen")
    Word = apps.get_model("citizens", "CitizenNameWord")
    Word.objects.all().delete()
    rows = []
    for pk, name in Citizen.objects.values_list("pk", "name").iterator(chunk_size=2000):
        rows += [Word(citizen_id=pk, word=w[:100]) for w in sorted(set(re.findall(r"\w+", fold(name))))]
        if len(rows) > 5000:
            Word.objects.bulk_create(rows)
            rows = []
    Word.objects.bulk_create(rows)


class Migration(migrations.Migration):

    dependencies = [
        ("citizens", "0003_name_words"),
    ]

    operations = [
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
