"""What was sent stays as it was sent, kept by the database itself (SQLite and PostgreSQL), as signed agreements are
(placements/frozen.py):

- a sent letter cannot be changed or deleted;
- a letter that has left the draft state (queued, failed, sent) cannot change its content — kind, case, subject,
  body, meeting, address, rendered PDF, MeMo id — nor go back to being a draft, and cannot be deleted: only its
  delivery columns (status, attempts, reason, transport, message id, times) move on.

The services refuse this first with a Danish message; the triggers stop whatever goes around them.
PostgreSQL: the migration installs them. SQLite: made after every `migrate` (a later migration may rebuild the table).
"""

LETTER = "letters_letter"
MIGRATION_SUFFIX = "_sent_is_frozen"
CONTENT = ["case_id", "kind", "subject", "body", "meeting_start", "meeting_end", "meeting_place",
           "meeting_video_link", "channel", "recipient_name", "recipient_address", "pdf_storage_name", "pdf_sha256",
           "memo_uuid", "queued_at", "created_at", "created_by_id"]
DRAFT, SENT = "kladde", "sendt"
MSG_SENT = "a sent letter cannot be changed"
MSG_CONTENT = "a letter that has been sent off cannot change its content"
MSG_DELETE = "a letter that has been sent off cannot be deleted"


def _changed(distinct: str) -> str:
    return " OR ".join(f"NEW.{c} {distinct} OLD.{c}" for c in CONTENT)


def _sqlite() -> dict[str, str]:
    def trigger(name, when, condition, message):
        return (f"CREATE TRIGGER {name} BEFORE {when} ON {LETTER} FOR EACH ROW WHEN {condition} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END;")

    return {
        "letters_letter_sent_frozen": trigger("letters_letter_sent_frozen", "UPDATE", f"OLD.status = '{SENT}'",
                                              MSG_SENT),
        "letters_letter_content_frozen": trigger(
            "letters_letter_content_frozen", "UPDATE",
            f"OLD.status <> '{DRAFT}' AND (NEW.status = '{DRAFT}' OR {_changed('IS NOT')})", MSG_CONTENT),
        "letters_letter_delete_frozen": trigger("letters_letter_delete_frozen", "DELETE",
                                                f"OLD.status <> '{DRAFT}'", MSG_DELETE),
    }


_PG_FUNCTION = f"""
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF OLD.status <> '{DRAFT}' THEN
          RAISE EXCEPTION '{MSG_DELETE}' USING ERRCODE = '23000';
        END IF;
        RETURN OLD;
      END IF;
      IF OLD.status = '{SENT}' THEN
        RAISE EXCEPTION '{MSG_SENT}' USING ERRCODE = '23000';
      END IF;
      IF OLD.status <> '{DRAFT}' AND (NEW.status = '{DRAFT}' OR {_changed('IS DISTINCT FROM')}) THEN
        RAISE EXCEPTION '{MSG_CONTENT}' USING ERRCODE = '23000';
      END IF;
      RETURN NEW;
    END"""
_PG_TRIGGER = "letters_letter_frozen"


def remove_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name};" for name in _sqlite()]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {_PG_TRIGGER} ON {LETTER};"]
    return []


def install_sql(vendor: str) -> list[str]:
    """Idempotent: drops and creates the triggers."""
    sql = remove_sql(vendor)
    if vendor == "sqlite":
        sql += list(_sqlite().values())
    elif vendor == "postgresql":
        sql += [f"CREATE OR REPLACE FUNCTION jobspor_letter_frozen() RETURNS trigger AS $$ {_PG_FUNCTION} $$ "
                "LANGUAGE plpgsql;",
                f"CREATE TRIGGER {_PG_TRIGGER} BEFORE UPDATE OR DELETE ON {LETTER} FOR EACH ROW "
                "EXECUTE FUNCTION jobspor_letter_frozen();"]
    return sql


def execute(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def lift_before_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections

    connection = connections[using]
    if connection.vendor == "sqlite":
        execute(connection, remove_sql("sqlite"))


def install_after_migrate(sender, using="default", **kwargs) -> None:
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    applied = {name for app, name in MigrationRecorder(connection).applied_migrations() if app == "letters"}
    if any(name.endswith(MIGRATION_SUFFIX) for name in applied):
        execute(connection, install_sql("sqlite"))


def empty_sent(connection) -> None:
    """Tests only: delete every letter, the triggers lifted for that moment (a transactional test's flush on SQLite
    deletes row by row, which the triggers refuse)."""
    from django.db import transaction

    with transaction.atomic(using=connection.alias):
        execute(connection, remove_sql(connection.vendor))
        execute(connection, [f"DELETE FROM {LETTER};"])
        execute(connection, install_sql(connection.vendor))
