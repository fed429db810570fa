"""The database keeps the audit trail append-only itself (SQLite and PostgreSQL):

- no row of audit_accesslog, audit_event or audit_chainanchor can be changed (UPDATE);
- no event and no anchor can be deleted;
- an access-log row can be deleted only when a "prune" anchor covers it (audit.chain.prune records one first), so
  the retention rule works and nothing else does.

On PostgreSQL the application's own role cannot even try (it has only INSERT and SELECT: audit.roles); the triggers
stop the owner's mistakes and anything that goes around the models. `jobspor_audit_prune` is the owner's function
through which such an application role applies the retention rule.

The test runner empties tables after a transactional test with DELETE on SQLite: `empty_for_flush` lifts the
triggers for that moment (root conftest.py). SQLite drops a table's triggers when a migration rebuilds the table:
post_migrate makes them again."""

from .chain import _lock_key

ACCESS_LOG, EVENT, ANCHOR = "audit_accesslog", "audit_event", "audit_chainanchor"
MIGRATION = "0007_chain_triggers"
_COVERED = (f"EXISTS (SELECT 1 FROM {ANCHOR} a WHERE a.chain = '{ACCESS_LOG}' AND a.kind = 'prune' "
            "AND a.last_id >= OLD.id)")


def _sqlite() -> dict[str, str]:
    def refuse(name, when, table, message, condition=""):
        where = f" FOR EACH ROW WHEN {condition}" if condition else ""
        return (f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {when} ON {table}{where} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END;")

    return {
        f"{ACCESS_LOG}_no_update": refuse(f"{ACCESS_LOG}_no_update", "UPDATE", ACCESS_LOG,
                                          f"{ACCESS_LOG} is append-only"),
        f"{EVENT}_no_update": refuse(f"{EVENT}_no_update", "UPDATE", EVENT, f"{EVENT} is append-only"),
        f"{ANCHOR}_no_update": refuse(f"{ANCHOR}_no_update", "UPDATE", ANCHOR, f"{ANCHOR} is append-only"),
        f"{ACCESS_LOG}_no_delete": refuse(f"{ACCESS_LOG}_no_delete", "DELETE", ACCESS_LOG,
                                          "access-log rows are deleted only by the retention rule",
                                          f"NOT {_COVERED}"),
        f"{EVENT}_no_delete": refuse(f"{EVENT}_no_delete", "DELETE", EVENT, f"{EVENT} rows cannot be deleted"),
        f"{ANCHOR}_no_delete": refuse(f"{ANCHOR}_no_delete", "DELETE", ANCHOR, f"{ANCHOR} rows cannot be deleted"),
    }


_PG_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION jobspor_audit_kept() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND TG_TABLE_NAME = '{ACCESS_LOG}' AND {_COVERED} THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION '% rows cannot be deleted', TG_TABLE_NAME USING ERRCODE = '23000';
    END $$ LANGUAGE plpgsql;"""


def prune_function_sql(retention_days: int, schema: str) -> str:
    """The owner's function by which an application role without DELETE applies the retention rule (SECURITY
    DEFINER); it refuses a cutoff inside the retention period as it stood when the function was made."""
    return f"""
    CREATE OR REPLACE FUNCTION jobspor_audit_prune(cutoff timestamptz) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema} AS $$
    DECLARE v_keep bigint; v_last bigint; v_hash varchar; v_count bigint;
    BEGIN
      IF cutoff > now() - interval '{int(retention_days)} days' THEN
        RAISE EXCEPTION 'the access log is kept for {int(retention_days)} days' USING ERRCODE = '42501';
      END IF;
      PERFORM pg_advisory_xact_lock({_lock_key(ACCESS_LOG)});
      SELECT id INTO v_keep FROM {ACCESS_LOG} WHERE at >= cutoff ORDER BY id LIMIT 1;
      SELECT id, row_hash INTO v_last, v_hash FROM {ACCESS_LOG}
        WHERE v_keep IS NULL OR id < v_keep ORDER BY id DESC LIMIT 1;
      IF v_last IS NULL THEN RETURN 0; END IF;
      SELECT count(*) INTO v_count FROM {ACCESS_LOG} WHERE id <= v_last;
      INSERT INTO {ANCHOR} (at, chain, kind, last_id, last_hash, rows)
        VALUES (now(), '{ACCESS_LOG}', 'prune', v_last, v_hash, v_count);
      DELETE FROM {ACCESS_LOG} WHERE id <= v_last;
      RETURN v_count;
    END $$;
    REVOKE ALL ON FUNCTION jobspor_audit_prune(timestamptz) FROM PUBLIC;"""


# One round trip for a writer on PostgreSQL: take the chain's lock, read its head, reserve the ids (audit.chain).
RESERVE_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION jobspor_chain_reserve(tbl text, n integer, lock_key bigint,
                                                     OUT head text, OUT ids bigint[])
    LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_advisory_xact_lock(lock_key);
      EXECUTE format('SELECT row_hash FROM %I ORDER BY id DESC LIMIT 1', tbl) INTO head;
      IF head IS NULL THEN
        SELECT a.last_hash INTO head FROM {ANCHOR} a WHERE a.chain = tbl AND a.kind = 'prune'
          ORDER BY a.last_id DESC LIMIT 1;
      END IF;
      head := coalesce(head, '');
      SELECT array_agg(nextval(pg_get_serial_sequence(tbl, 'id')) ORDER BY g) INTO ids FROM generate_series(1, n) g;
    END $$;"""


def create_sql(vendor: str, *, retention_days: int = 396, schema: str = "public") -> list[str]:
    if vendor == "sqlite":
        return list(_sqlite().values())
    if vendor == "postgresql":
        # 0002 made audit_accesslog_no_update and audit_event_no_update (function jobspor_audit_no_update).
        statements = [_PG_FUNCTION, f"DROP TRIGGER IF EXISTS {ANCHOR}_no_update ON {ANCHOR};",
                      f"CREATE TRIGGER {ANCHOR}_no_update BEFORE UPDATE ON {ANCHOR} "
                      "FOR EACH ROW EXECUTE FUNCTION jobspor_audit_no_update();"]
        for table in (ACCESS_LOG, EVENT, ANCHOR):
            statements += [f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table};",
                           f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                           "FOR EACH ROW EXECUTE FUNCTION jobspor_audit_kept();"]
        return statements + [RESERVE_FUNCTION, prune_function_sql(retention_days, schema)]
    return []


def drop_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name};" for name in _sqlite()  # 0002's UPDATE triggers stay
                if name not in (f"{ACCESS_LOG}_no_update", f"{EVENT}_no_update")]
    if vendor == "postgresql":
        return ([f"DROP TRIGGER IF EXISTS {table}_no_delete ON {table};" for table in (ACCESS_LOG, EVENT, ANCHOR)]
                + [f"DROP TRIGGER IF EXISTS {ANCHOR}_no_update ON {ANCHOR};",
                   "DROP FUNCTION IF EXISTS jobspor_audit_prune(timestamptz);",
                   "DROP FUNCTION IF EXISTS jobspor_audit_kept();"])
    return []


def execute(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def install(connection) -> None:
    from django.conf import settings

    schema = "public"
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = cursor.fetchone()[0]
    execute(connection, create_sql(connection.vendor, retention_days=settings.JOBSPOR_ACCESS_LOG_RETENTION_DAYS,
                                   schema=schema))


def lift_before_migrate(sender, using="default", **kwargs) -> None:
    """SQLite: a table rebuild fails on a trigger of another table that names it (the delete rule names the
    anchors); the triggers go for the migration and come back after it."""
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        execute(connection, drop_sql("sqlite"))


def install_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = {name for app, name in MigrationRecorder(connection).applied_migrations() if app == "audit"}
    if MIGRATION in applied:
        execute(connection, create_sql("sqlite"))


def empty_for_flush(connection) -> None:
    """Tests only, SQLite: empty the three tables, their triggers lifted for that moment (a transactional test's
    flush deletes row by row, which the triggers refuse)."""
    from django.db import transaction

    if connection.vendor != "sqlite":
        return
    with transaction.atomic(using=connection.alias):
        execute(connection, drop_sql("sqlite") + [f"DELETE FROM {t};" for t in (ACCESS_LOG, EVENT, ANCHOR)])
        execute(connection, create_sql("sqlite"))
