"""kpi.md v2, kept by the database: an hours record lies inside its placement's period (the week, Monday to
Sunday, overlaps start..end). Refused on both sides: hours written outside the period, and a placement whose
new start or end would leave hours outside it. The services check first and say which weeks in Danish; these
triggers stop whatever goes around them (a script, a bulk load). Rows already outside a period (older data)
are kept — nothing is deleted — and a save that does not change the period passes.

PostgreSQL gets them in migration 0003. SQLite rebuilds a table for many ALTERs, and a trigger on one table
that names another blocks that rebuild, so on SQLite they are dropped before `migrate` and created after it
(pre_migrate/post_migrate in apps.py)."""

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


SQLITE_NAMES = (f"{HOURS}_in_period_insert", f"{HOURS}_in_period_update", f"{PLACEMENT}_keeps_hours_in_period")


def sqlite_drop(connection) -> None:
    with connection.cursor() as cursor:
        for name in SQLITE_NAMES:
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")


def sqlite_create(connection) -> None:
    """(Re)create the SQLite triggers, if both tables are there."""
    if not {HOURS, PLACEMENT} <= set(connection.introspection.table_names()):
        return
    sqlite_drop(connection)
    with connection.cursor() as cursor:
        for sql in SQLITE:
            cursor.execute(sql)
