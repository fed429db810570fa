"""Every access-log row and every event becomes a link of its table's hash chain (audit.chain); existing rows are
chained here in id order. The chain anchors get their own append-only table (triggers in 0007).

On SQLite adding the columns rebuilds the tables, which drops 0002's UPDATE triggers: they are made again at the
end (audit.triggers). On PostgreSQL the UPDATE trigger is disabled while the existing rows are chained."""

from django.db import migrations, models
import django.utils.timezone

from jobspor.audit.chain import compute_hash

# As in the models when this migration was written (frozen: the back-fill must hash as the models do).
CHAINS = {
    "audit_accesslog": ("accesslog", ("id", "at", "user_id", "actor", "citizen_id", "case_id", "action", "purpose",
                                      "query", "path", "subject", "organisation", "role")),
    "audit_event": ("event", ("id", "at", "user_id", "actor", "verb", "target_type", "target_id", "target_ref",
                              "citizen_id", "case_id", "before", "after")),
}
BATCH = 2000


def chain_existing(apps, schema_editor):
    connection = schema_editor.connection
    for table, (model_name, fields) in CHAINS.items():
        model = apps.get_model("audit", model_name)
        if connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} DISABLE TRIGGER {table}_no_update")
        else:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_update")
        prev, batch = "", []
        with connection.cursor() as cursor:
            for values in model.objects.order_by("id").values_list(*fields).iterator(chunk_size=BATCH):
                row_hash = compute_hash(prev, fields, values)
                batch.append((prev, row_hash, values[0]))
                prev = row_hash
                if len(batch) >= BATCH:
                    cursor.executemany(f"UPDATE {table} SET prev_hash = %s, row_hash = %s WHERE id = %s", batch)
                    batch = []
            if batch:
                cursor.executemany(f"UPDATE {table} SET prev_hash = %s, row_hash = %s WHERE id = %s", batch)
        if connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE {table} ENABLE TRIGGER {table}_no_update")


def no_update_again(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in CHAINS:
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;")


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0005_access_log_organisation_role"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, no_update_again),  # when unapplied, after the columns go
        migrations.AddField(
            model_name="accesslog",
            name="prev_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64,
                                   verbose_name="forrige hash"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="row_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64, verbose_name="hash"),
        ),
        migrations.AddField(
            model_name="event",
            name="prev_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64,
                                   verbose_name="forrige hash"),
        ),
        migrations.AddField(
            model_name="event",
            name="row_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64, verbose_name="hash"),
        ),
        migrations.CreateModel(
            name="ChainAnchor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="tidspunkt")),
                ("chain", models.CharField(max_length=30, verbose_name="kæde")),
                ("kind", models.CharField(choices=[("head", "kædens hoved"),
                                                   ("prune", "slettet efter opbevaringsreglen")],
                                          max_length=10, verbose_name="art")),
                ("last_id", models.BigIntegerField(null=True, verbose_name="sidste id")),
                ("last_hash", models.CharField(blank=True, default="", max_length=64, verbose_name="sidste hash")),
                ("rows", models.BigIntegerField(default=0, verbose_name="rækker")),
            ],
            options={
                "verbose_name": "kædeanker",
                "verbose_name_plural": "kædeankre",
                "indexes": [models.Index(fields=["chain", "kind", "last_id"], name="audit_anchor_chain_kind")],
            },
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.RunPython(no_update_again, migrations.RunPython.noop),
    ]
