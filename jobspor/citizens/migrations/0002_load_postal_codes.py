"""Load Danish postal codes from data/dk_postal_codes.csv (GeoNames, CC BY 4.0)."""

import csv
from pathlib import Path

from django.db import migrations

CSV = Path(__file__).resolve().parent.parent / "data" / "dk_postal_codes.csv"


def load(apps, schema_editor):
    PostalCode = apps.get_model("citizens", "PostalCode")
    with CSV.open(encoding="utf-8") as handle:
        rows = [
            PostalCode(code=r["postal_code"], town=r["place"], municipality_code=r["municipality_code"],
                       municipality=r["municipality"], region=r["region"], latitude=float(r["latitude"]),
                       longitude=float(r["longitude"]))
            for r in csv.DictReader(handle)
        ]
    PostalCode.objects.bulk_create(rows, ignore_conflicts=True)


def unload(apps, schema_editor):
    apps.get_model("citizens", "PostalCode").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("citizens", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
