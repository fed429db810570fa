"""The access log records what was read (a tab of the case page, a page or a document).

On SQLite, adding a NOT NULL column makes Django rebuild the table, and the rebuild drops the table's
triggers: the append-only trigger of 0002 is created again here (PostgreSQL adds the column in place and
keeps it)."""

from django.db import migrations, models

TABLE = "audit_accesslog"


def triggers_again(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{TABLE} is append-only'); END;")


class Migration(migrations.Migration):

    dependencies = [
        ('audit', '0003_verb_without_choices'),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, triggers_again),  # when unapplied, after the column goes
        migrations.AddField(
            model_name='accesslog',
            name='subject',
            field=models.CharField(blank=True, default='', max_length=100, verbose_name='hvad'),
        ),
        migrations.RunPython(triggers_again, migrations.RunPython.noop),
    ]
