"""A document row is kept by the database itself (SQLite and PostgreSQL), as the audit trail is:

- it cannot be deleted (erasure after the retention period removes the file content, never the row);
- what it says about the file (case, company, name, type, size, hash, storage name, source, who, when) cannot
  change; its type and title may be corrected;
- once marked erased it cannot change at all (not un-erased, not re-dated).

The models and services refuse all this first; the triggers stop anything that goes around them (raw SQL, a bug).

The test runner empties tables after a transactional test with TRUNCATE on PostgreSQL (no row triggers fire) but
with DELETE on SQLite: there `empty_for_flush` lifts the delete trigger for a moment (called from conftest.py).
SQLite drops a table's triggers when a later migration rebuilds the table: post_migrate makes them again."""

TABLE = "documents_document"
MIGRATION_SUFFIX = "_kept_by_the_database"
FILE_COLUMNS = ["id", "case_id", "company_id", "name", "content_type", "size", "sha256", "storage_name", "source",
                "uploaded_by_id", "uploaded_at"]
ERASURE_COLUMNS = ["erased_at", "erased_by", "retention_end"]
ALL_COLUMNS = FILE_COLUMNS + ERASURE_COLUMNS + ["kind", "title"]


def _changed(columns, distinct):
    return " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in columns)


def _sqlite() -> dict[str, str]:
    return {
        "documents_document_no_delete": (
            f"CREATE TRIGGER IF NOT EXISTS documents_document_no_delete BEFORE DELETE ON {TABLE} "
            "BEGIN SELECT RAISE(ABORT, 'a document row cannot be deleted'); END;"),
        "documents_document_kept": (
            f"CREATE TRIGGER IF NOT EXISTS documents_document_kept BEFORE UPDATE ON {TABLE} FOR EACH ROW "
            f"WHEN ({_changed(FILE_COLUMNS, 'IS NOT')}) "
            f"OR (OLD.erased_at IS NOT NULL AND ({_changed(ALL_COLUMNS, 'IS NOT')})) "
            "BEGIN SELECT RAISE(ABORT, 'a document row cannot be changed, only marked erased once'); END;"),
    }


_PG_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION jobspor_document_kept() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'a document row cannot be deleted' USING ERRCODE = '23000';
      END IF;
      IF ({_changed(FILE_COLUMNS, 'IS DISTINCT FROM')})
         OR (OLD.erased_at IS NOT NULL AND ({_changed(ALL_COLUMNS, 'IS DISTINCT FROM')})) THEN
        RAISE EXCEPTION 'a document row cannot be changed, only marked erased once' USING ERRCODE = '23000';
      END IF;
      RETURN NEW;
    END $$ LANGUAGE plpgsql;"""


def create_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return list(_sqlite().values())
    if vendor == "postgresql":
        return [_PG_FUNCTION, f"DROP TRIGGER IF EXISTS documents_document_kept ON {TABLE};",
                f"CREATE TRIGGER documents_document_kept BEFORE UPDATE OR DELETE ON {TABLE} "
                "FOR EACH ROW EXECUTE FUNCTION jobspor_document_kept();"]
    return []


def drop_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name};" for name in _sqlite()]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS documents_document_kept ON {TABLE};",
                "DROP FUNCTION IF EXISTS jobspor_document_kept();"]
    return []


def _execute(connection, statements) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def installed(connection) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'documents_%'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'documents_%'")
        return {row[0] for row in cursor.fetchall()}


def install_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = {name for app, name in MigrationRecorder(connection).applied_migrations() if app == "documents"}
    if any(name.endswith(MIGRATION_SUFFIX) for name in applied):
        _execute(connection, create_sql("sqlite"))


def empty_for_flush(connection) -> None:
    """Tests only, SQLite: delete every document row (and the rows pointing at them), the delete trigger lifted for
    that moment — a transactional test's flush deletes row by row, which the trigger refuses."""
    from django.db import transaction

    from .models import Document

    referring = [rel.related_model._meta.db_table for rel in Document._meta.related_objects]
    if connection.vendor == "postgresql":  # the demo test's wipe: the table's own triggers off for that moment
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for table in referring:
                cursor.execute(f"DELETE FROM {table};")
            # Not ALTER TABLE … DISABLE TRIGGER: deferred foreign keys leave pending trigger events in the test's
            # transaction. A replica session fires no user triggers (the test database's role may set it).
            cursor.execute("SET session_replication_role = replica;")
            cursor.execute(f"DELETE FROM {TABLE};")
            cursor.execute("SET session_replication_role = DEFAULT;")
        return
    with transaction.atomic(using=connection.alias):
        _execute(connection, ["DROP TRIGGER IF EXISTS documents_document_no_delete;"]
                 + [f"DELETE FROM {table};" for table in referring] + [f"DELETE FROM {TABLE};"])
        _execute(connection, create_sql("sqlite"))
