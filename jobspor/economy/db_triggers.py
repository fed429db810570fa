"""No two rows of the same rate (or earnings rule) in force on one day — kept by the database too, so a script or
bulk load cannot go around the admin's validation (models.Dated.clean, which says why in Danish).

PostgreSQL: the migration *_no_overlap_triggers creates them. SQLite: created after every `migrate` (post_migrate),
because SQLite drops a table's triggers when a later migration rebuilds the table."""

MESSAGE = "economy: overlapping validity period for the same rate"

TABLES = {
    "economy_rate": "r.scheme = NEW.scheme AND r.kind = NEW.kind AND r.category = NEW.category",
    "economy_earningsrule": "r.scheme = NEW.scheme AND r.category = NEW.category",
}


def _overlap(table: str, same: str, *, other_row: str) -> str:
    return (f"EXISTS (SELECT 1 FROM {table} r WHERE {same} AND {other_row}"
            " AND (r.valid_to IS NULL OR r.valid_to >= NEW.valid_from)"
            " AND (NEW.valid_to IS NULL OR r.valid_from <= NEW.valid_to))")


def sqlite_sql() -> list[str]:
    sql = []
    for table, same in TABLES.items():
        condition = _overlap(table, same, other_row="r.id IS NOT NEW.id")
        for event in ("INSERT", "UPDATE"):
            sql.append(f"CREATE TRIGGER IF NOT EXISTS {table}_no_overlap_{event.lower()} BEFORE {event} ON {table} "
                       f"WHEN {condition} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;")
    return sql


def postgresql_sql() -> list[str]:
    sql = []
    for table, same in TABLES.items():
        condition = _overlap(table, same, other_row="r.id IS DISTINCT FROM NEW.id")
        sql += [
            f"""CREATE OR REPLACE FUNCTION {table}_no_overlap() RETURNS trigger AS $$
                BEGIN
                    IF {condition} THEN
                        RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'exclusion_violation';
                    END IF;
                    RETURN NEW;
                END; $$ LANGUAGE plpgsql;""",
            f"DROP TRIGGER IF EXISTS {table}_no_overlap ON {table};",
            f"""CREATE TRIGGER {table}_no_overlap BEFORE INSERT OR UPDATE ON {table}
                FOR EACH ROW EXECUTE FUNCTION {table}_no_overlap();""",
        ]
    return sql


def postgresql_drop_sql() -> list[str]:
    return [s for table in TABLES for s in (f"DROP TRIGGER IF EXISTS {table}_no_overlap ON {table};",
                                            f"DROP FUNCTION IF EXISTS {table}_no_overlap();")]


def install_after_migrate(sender, using="default", **kwargs) -> None:
    """SQLite only: (re)create the triggers once the tables exist."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    if not set(TABLES) <= tables:
        return
    with connection.cursor() as cursor:
        for statement in sqlite_sql():
            cursor.execute(statement)
