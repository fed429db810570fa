"""kpi.md v2, kept by the database: an hours record lies inside its placement's period (the week, Monday to
Sunday, overlaps start..end). Refused on both sides: hours written outside the period, and a placement whose
new start or end would leave hours outside it. The services check first and say which weeks in Danish; these
triggers stop whatever goes around them (a script, a bulk load). Rows already outside a period (older data)
are kept — nothing is deleted — and a save that does not change the period passes."""

from django.db import migrations

HOURS, PLACEMENT = "placements_weekhours", "placements_placement"
MESSAGE = "hours record outside its placement period"

SQLITE = [
    f"""CREATE TRIGGER {HOURS}_in_period_insert BEFORE INSERT ON {HOURS}
        WHEN EXISTS (SELECT 1 FROM {PLACEMENT} p WHERE p.id = NEW.placement_id
                     AND (date(NEW.week, '+6 days') < p.start OR (p."end" IS NOT NULL AND NEW.week > p."end")))
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER {HOURS}_in_period_update BEFORE UPDATE OF week, placement_id ON {HOURS}
        WHEN EXISTS (SELECT 1 FROM {PLACEMENT} p WHERE p.id = NEW.placement_id
                     AND (date(NEW.week, '+6 days') < p.start OR (p."end" IS NOT NULL AND NEW.week > p."end")))
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
    f"""CREATE TRIGGER {PLACEMENT}_keeps_hours_in_period BEFORE UPDATE OF start, "end" ON {PLACEMENT}
        WHEN (NEW.start IS NOT OLD.start OR NEW."end" IS NOT OLD."end")
        AND EXISTS (SELECT 1 FROM {HOURS} h WHERE h.placement_id = NEW.id
                     AND (date(h.week, '+6 days') < NEW.start OR (NEW."end" IS NOT NULL AND h.week > NEW."end")))
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;""",
]

POSTGRESQL = [
    f"""CREATE OR REPLACE FUNCTION jobspor_hours_in_period() RETURNS trigger AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM {PLACEMENT} p WHERE p.id = NEW.placement_id
                       AND (NEW.week + 6 < p.start OR (p."end" IS NOT NULL AND NEW.week > p."end"))) THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END; $$ LANGUAGE plpgsql;""",
    f"""CREATE TRIGGER {HOURS}_in_period BEFORE INSERT OR UPDATE OF week, placement_id ON {HOURS}
        FOR EACH ROW EXECUTE FUNCTION jobspor_hours_in_period();""",
    f"""CREATE OR REPLACE FUNCTION jobspor_placement_keeps_hours_in_period() RETURNS trigger AS $$
        BEGIN
            IF (NEW.start, NEW."end") IS DISTINCT FROM (OLD.start, OLD."end") AND EXISTS (
                    SELECT 1 FROM {HOURS} h WHERE h.placement_id = NEW.id
                    AND (h.week + 6 < NEW.start OR (NEW."end" IS NOT NULL AND h.week > NEW."end"))) THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
            RETURN NEW;
        END; $$ LANGUAGE plpgsql;""",
    f"""CREATE TRIGGER {PLACEMENT}_keeps_hours_in_period BEFORE UPDATE OF start, "end" ON {PLACEMENT}
        FOR EACH ROW EXECUTE FUNCTION jobspor_placement_keeps_hours_in_period();""",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    # SQLite: made after the whole migrate run (placements/sqlite_triggers.py), since a later migration that
    # rebuilds placements_placement fails on a trigger naming it.
    for sql in POSTGRESQL if vendor == "postgresql" else []:
        schema_editor.execute(sql, None)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        for name in (f"{HOURS}_in_period_insert", f"{HOURS}_in_period_update", f"{PLACEMENT}_keeps_hours_in_period"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {HOURS}_in_period ON {HOURS}")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {PLACEMENT}_keeps_hours_in_period ON {PLACEMENT}")
        schema_editor.execute("DROP FUNCTION IF EXISTS jobspor_hours_in_period()")
        schema_editor.execute("DROP FUNCTION IF EXISTS jobspor_placement_keeps_hours_in_period()")


class Migration(migrations.Migration):
    dependencies = [("placements", "0003_lock_version")]
    operations = [migrations.RunPython(create, drop)]
