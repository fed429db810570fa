"""Frozen means frozen, kept by the database itself on SQLite and PostgreSQL (as placements/frozen.py does for
the work agreement): a signable document version cannot be changed or deleted from the moment it is made, a
signature cannot be changed or deleted, and a signature must name the hash of the version it signs.

The services refuse all this first with a Danish message; the triggers stop anything that goes around them.
On PostgreSQL the migration installs them; on SQLite they are made after every `migrate` (a table rebuild drops
them) and lifted before it (a rebuild of one table fails on another table's trigger that names it)."""

MIGRATION_SUFFIX = "_frozen_triggers"
DOCUMENT = "signing_signabledocument"
SIGNATURE = "signing_documentsignature"

_HASH_DIFFERS = f"NEW.content_hash IS NOT (SELECT d.content_hash FROM {DOCUMENT} d WHERE d.id = NEW.document_id)"


def _sqlite() -> dict[str, str]:
    def trigger(name, when, table, message, condition="1"):
        return (f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW WHEN {condition} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END;")

    return {
        "signing_document_frozen_update": trigger("signing_document_frozen_update", "UPDATE", DOCUMENT,
                                                  "a frozen document version cannot be changed"),
        "signing_document_frozen_delete": trigger("signing_document_frozen_delete", "DELETE", DOCUMENT,
                                                  "a frozen document version cannot be deleted"),
        "signing_signature_frozen_update": trigger("signing_signature_frozen_update", "UPDATE", SIGNATURE,
                                                   "a signature cannot be changed"),
        "signing_signature_frozen_delete": trigger("signing_signature_frozen_delete", "DELETE", SIGNATURE,
                                                   "a signature cannot be deleted"),
        "signing_signature_hash_insert": trigger("signing_signature_hash_insert", "INSERT", SIGNATURE,
                                                 "a signature must name the hash of its document", _HASH_DIFFERS),
    }


_PG_FUNCTIONS = {
    "jobspor_signing_frozen": """
        BEGIN
          RAISE EXCEPTION '% rows are frozen: they cannot be changed or deleted', TG_TABLE_NAME
            USING ERRCODE = '23000';
        END""",
    "jobspor_signing_signature_hash": f"""
        BEGIN
          IF NEW.content_hash IS DISTINCT FROM (SELECT d.content_hash FROM {DOCUMENT} d WHERE d.id = NEW.document_id)
          THEN
            RAISE EXCEPTION 'a signature must name the hash of its document' USING ERRCODE = '23000';
          END IF;
          RETURN NEW;
        END""",
}
_PG_TRIGGERS = {  # name → (table, when, function)
    "signing_document_frozen": (DOCUMENT, "UPDATE OR DELETE", "jobspor_signing_frozen"),
    "signing_signature_frozen": (SIGNATURE, "UPDATE OR DELETE", "jobspor_signing_frozen"),
    "signing_signature_hash": (SIGNATURE, "INSERT", "jobspor_signing_signature_hash"),
}


def remove_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name};" for name in _sqlite()]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table};" for name, (table, _w, _f) in _PG_TRIGGERS.items()]
    return []


def install_sql(vendor: str) -> list[str]:
    """Idempotent: drops and creates the triggers."""
    sql = remove_sql(vendor)
    if vendor == "sqlite":
        sql += list(_sqlite().values())
    elif vendor == "postgresql":
        sql += [f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ {body} $$ LANGUAGE plpgsql;"
                for name, body in _PG_FUNCTIONS.items()]
        sql += [f"CREATE TRIGGER {name} BEFORE {when} ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();"
                for name, (table, when, function) in _PG_TRIGGERS.items()]
    return sql


def installed_names(vendor: str) -> list[str]:
    return list(_sqlite()) if vendor == "sqlite" else list(_PG_TRIGGERS) if vendor == "postgresql" else []


def installed(connection) -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'signing_%'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE 'signing_%'")
        return {row[0] for row in cursor.fetchall()}


def execute(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _applied(connection) -> bool:
    from django.db.migrations.recorder import MigrationRecorder

    return any(app == "signing" and name.endswith(MIGRATION_SUFFIX)
               for app, name in MigrationRecorder(connection).applied_migrations())


def lift_before_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        execute(connection, remove_sql("sqlite"))


def install_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite" and _applied(connection):
        execute(connection, install_sql("sqlite"))


def empty_signed(connection) -> None:
    """Tests only: delete every frozen version and signature, the triggers lifted for that moment (a transactional
    test's flush on SQLite deletes row by row, which the triggers refuse)."""
    from django.db import transaction

    with transaction.atomic(using=connection.alias):
        execute(connection, remove_sql(connection.vendor))
        execute(connection, [f"DELETE FROM {SIGNATURE};", f"DELETE FROM {DOCUMENT};"])
        execute(connection, install_sql(connection.vendor))
